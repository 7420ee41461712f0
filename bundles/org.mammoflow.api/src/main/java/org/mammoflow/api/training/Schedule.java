package org.mammoflow.api.training;

import java.util.List;

/** An ordered list of training stages. */
public record Schedule(String name, List<Stage> stages) {

    /** The name of the whole-image schedule, whose first stage trains new layers on a frozen patch network. */
    public static final String WHOLE_IMAGE = "whole";

    public Schedule {
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("schedule " + name + " has no stage");
        }
    }

    /** The paper's 3-stage patch classifier schedule (Shen et al. 2019), batch 32. */
    public static Schedule patchClassifier() {
        return new Schedule("patch", List.of(
                new Stage("fc", List.of("fc"), 1e-3, 1e-4, 3, 32),
                new Stage("layer4.2+fc", List.of("layer4.2", "fc"), 1e-4, 1e-4, 10, 32),
                new Stage("all", List.of(), 1e-5, 1e-4, 37, 32)));
    }

    /** The paper's 2-stage whole-image schedule: new layers first, then everything. */
    public static Schedule wholeImage(List<String> newLayers) {
        return new Schedule(WHOLE_IMAGE, List.of(
                new Stage("head", newLayers, 1e-4, 1e-4, 30, 12),
                new Stage("all", List.of(), 1e-5, 1e-4, 20, 12)));
    }

    public int totalEpochs() {
        return stages.stream().mapToInt(Stage::epochs).sum();
    }
}
