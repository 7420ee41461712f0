package org.mammoflow.api.pacs;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.mammoflow.api.evaluation.ViewCombination;

/**
 * What answers a study: whole-image checkpoints (averaged), how a breast's views combine, and
 * optionally a patch classifier whose heatmap of each image is stored too (as Secondary Capture).
 */
public record ScreeningModel(List<Path> checkpoints, ViewCombination views, Optional<Path> heatmapCheckpoint) {

    public ScreeningModel {
        checkpoints = List.copyOf(checkpoints);
        Objects.requireNonNull(views, "views");
        Objects.requireNonNull(heatmapCheckpoint, "heatmapCheckpoint");
        if (checkpoints.isEmpty()) {
            throw new IllegalArgumentException("give one or more whole-image checkpoints");
        }
    }
}
