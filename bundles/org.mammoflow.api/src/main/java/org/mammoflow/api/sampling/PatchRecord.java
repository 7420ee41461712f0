package org.mammoflow.api.sampling;

import java.nio.file.Path;

import org.mammoflow.api.dataset.Split;

/** One patch of a patch dataset: its PNG file, whose patient it comes from, its split and its class. */
public record PatchRecord(Path file, String patient, Split split, PatchClass label) {
}
