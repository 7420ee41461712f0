package org.mammoflow.api.network;

import java.nio.file.Path;
import java.util.Map;

/** A saved network: its weights file, what it is, and where in its schedule it was saved. */
public record Checkpoint(Path file, NetworkSpec spec, int stage, int epoch, Map<String, Double> metrics) {

    public Checkpoint {
        metrics = Map.copyOf(metrics);
    }
}
