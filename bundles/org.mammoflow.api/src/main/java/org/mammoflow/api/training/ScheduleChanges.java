package org.mammoflow.api.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Changes to a schedule, as a user asks for them: epochs and learning rates one per stage; decay and
 * batch size one for every stage or one per stage. An empty list keeps the schedule's values.
 */
public record ScheduleChanges(List<Integer> epochs, List<Double> learningRates, List<Stage.Decay> decays,
        List<Integer> batchSizes) {

    /** No change. */
    public static final ScheduleChanges NONE = new ScheduleChanges(List.of(), List.of(), List.of(), List.of());

    public ScheduleChanges {
        epochs = List.copyOf(epochs);
        learningRates = List.copyOf(learningRates);
        decays = List.copyOf(decays);
        batchSizes = List.copyOf(batchSizes);
        epochs.forEach(e -> check(e >= 0, "epochs must be 0 or more, got " + e));
        learningRates.forEach(r -> check(r > 0 && r <= 1, "a learning rate must be in (0, 1], got " + r));
        batchSizes.forEach(b -> check(b >= 1, "batch size must be at least 1, got " + b));
    }

    /** The schedule with these changes; a list of the wrong length is refused, naming what it sets. */
    public Schedule applyTo(Schedule schedule) {
        int n = schedule.stages().size();
        List<Integer> e = perStage("epochs", epochs, n, false);
        List<Double> r = perStage("learning rates", learningRates, n, false);
        List<Stage.Decay> d = perStage("decay", decays, n, true);
        List<Integer> b = perStage("batch sizes", batchSizes, n, true);
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Stage stage = schedule.stages().get(i);
            stage = e.isEmpty() ? stage : stage.withEpochs(e.get(i));
            stage = stage.withLearningRate(r.isEmpty() ? stage.learningRate() : r.get(i),
                    d.isEmpty() ? stage.decay() : d.get(i));
            stage = b.isEmpty() ? stage : stage.withBatchSize(b.get(i));
            stages.add(stage);
        }
        return new Schedule(schedule.name(), stages);
    }

    private static <T> List<T> perStage(String what, List<T> values, int stages, boolean oneForAll) {
        if (values.isEmpty() || values.size() == stages) {
            return values;
        }
        if (oneForAll && values.size() == 1) {
            return Collections.nCopies(stages, values.get(0));
        }
        throw new IllegalArgumentException(what + " needs " + stages + " values" + (oneForAll ? " (or one for all)" : "")
                + ", got " + values.size() + ": " + values);
    }

    private static void check(boolean valid, String problem) {
        if (!valid) {
            throw new IllegalArgumentException(problem);
        }
    }
}
