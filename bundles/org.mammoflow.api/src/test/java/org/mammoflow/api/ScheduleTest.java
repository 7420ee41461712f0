package org.mammoflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mammoflow.api.training.Schedule;
import org.mammoflow.api.training.ScheduleChanges;
import org.mammoflow.api.training.Stage;

class ScheduleTest {

    @Test
    void patchScheduleIsThePapers() {
        List<Stage> stages = Schedule.patchClassifier().stages();
        assertEquals(3, stages.size());
        assertEquals(List.of("fc"), stages.get(0).trainable());
        assertEquals(1e-3, stages.get(0).learningRate());
        assertEquals(3, stages.get(0).epochs());
        assertEquals(List.of("layer4.2", "fc"), stages.get(1).trainable());
        assertEquals(1e-4, stages.get(1).learningRate());
        assertEquals(10, stages.get(1).epochs());
        assertEquals(List.of(), stages.get(2).trainable());
        assertEquals(1e-5, stages.get(2).learningRate());
        assertEquals(37, stages.get(2).epochs());
        stages.forEach(stage -> assertEquals(1e-4, stage.weightDecay()));
        assertEquals(50, Schedule.patchClassifier().totalEpochs());
    }

    @Test
    void wholeImageScheduleTrainsTheHeadFirst() {
        Schedule schedule = Schedule.wholeImage(List.of("head"));
        assertEquals(List.of("head"), schedule.stages().get(0).trainable());
        assertEquals(1e-4, schedule.stages().get(0).learningRate());
        assertEquals(30, schedule.stages().get(0).epochs());
        assertEquals(1e-5, schedule.stages().get(1).learningRate());
        assertEquals(20, schedule.stages().get(1).epochs());
    }

    @Test
    void aCosineStageFallsFromItsRateTowardsZero() {
        Stage stage = new Stage("all", List.of(), 1e-3, 1e-4, 2, 32).withLearningRate(1e-3, Stage.Decay.COSINE);
        assertEquals(1e-3, stage.learningRateAt(1, 0, 10), 1e-15);
        assertEquals(0.5e-3, stage.learningRateAt(2, 0, 10), 1e-15); // half way through the stage
        double last = stage.learningRateAt(2, 9, 10);
        assertTrue(last > 0 && last < 0.01e-3, "last step's rate " + last);
        for (int step = 1; step < 20; step++) {
            assertTrue(stage.learningRateAt(1 + step / 10, step % 10, 10)
                    < stage.learningRateAt(1 + (step - 1) / 10, (step - 1) % 10, 10));
        }
        Stage constant = stage.withLearningRate(1e-3, Stage.Decay.CONSTANT);
        assertEquals(1e-3, constant.learningRateAt(2, 9, 10));
    }

    @Test
    void aWarmUpStageRisesOverItsFirstTenthThenFallsAlongACosine() {
        Stage stage = new Stage("all", List.of(), 1e-3, 1e-4, 2, 32).withLearningRate(1e-3, Stage.Decay.WARMUP_COSINE);
        // 2 epochs of 50 steps: 10 steps rising to the rate, then the cosine from the tenth
        assertEquals(0.1e-3, stage.learningRateAt(1, 0, 50), 1e-15);
        assertEquals(0.5e-3, stage.learningRateAt(1, 4, 50), 1e-15);
        assertEquals(1e-3, stage.learningRateAt(1, 9, 50), 1e-15); // the last step of the warm-up
        assertEquals(1e-3 * 0.5 * (1 + Math.cos(Math.PI * 46 / 91)), stage.learningRateAt(2, 5, 50), 1e-15);
        for (int step = 1; step < 100; step++) {
            double rate = stage.learningRateAt(1 + step / 50, step % 50, 50);
            double before = stage.learningRateAt(1 + (step - 1) / 50, (step - 1) % 50, 50);
            assertTrue(step <= 9 ? rate > before : rate < before, "step " + step + ": " + before + " -> " + rate);
        }
        assertTrue(stage.learningRateAt(2, 49, 50) > 0);
        Stage oneStep = new Stage("fc", List.of(), 1e-3, 1e-4, 1, 32).withLearningRate(1e-3, Stage.Decay.WARMUP_COSINE);
        assertEquals(1e-3, oneStep.learningRateAt(1, 0, 1), 1e-15); // at least one warm-up step, never 0
    }

    @Test
    void aStageRefusesARateThatIsNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> new Stage("fc", List.of(), 0, 1e-4, 1, 32));
        assertThrows(IllegalArgumentException.class, () -> new Stage("fc", List.of(), Double.NaN, 1e-4, 1, 32));
    }

    @Test
    void aScheduleNeedsStages() {
        assertThrows(IllegalArgumentException.class, () -> new Schedule("empty", List.of()));
    }

    @Test
    void changesEditTheScheduleStageByStageOrAllAtOnce() {
        Schedule edited = new ScheduleChanges(List.of(0, 0, 3), List.of(1e-3, 1e-3, 5e-4),
                List.of(Stage.Decay.COSINE), List.of(32)).applyTo(Schedule.patchClassifier());
        assertEquals(List.of(0, 0, 3), edited.stages().stream().map(Stage::epochs).toList());
        assertEquals(5e-4, edited.stages().get(2).learningRate());
        assertTrue(edited.stages().stream().allMatch(s -> s.decay() == Stage.Decay.COSINE));
        assertEquals(List.of("layer4.2", "fc"), edited.stages().get(1).trainable(), "what trains stays");

        Schedule perStage = new ScheduleChanges(List.of(), List.of(), List.of(Stage.Decay.COSINE, Stage.Decay.CONSTANT),
                List.of(8, 4)).applyTo(Schedule.wholeImage(List.of("layer5")));
        assertEquals(List.of(8, 4), perStage.stages().stream().map(Stage::batchSize).toList());
        assertEquals(1e-4, perStage.stages().get(0).learningRate(), "an unchanged rate stays");
        assertEquals(Schedule.patchClassifier(), ScheduleChanges.NONE.applyTo(Schedule.patchClassifier()));
    }

    @Test
    void changesOfTheWrongLengthOrRangeAreRefused() {
        Exception count = assertThrows(IllegalArgumentException.class, () -> new ScheduleChanges(List.of(1, 2),
                List.of(), List.of(), List.of()).applyTo(Schedule.patchClassifier()));
        assertTrue(count.getMessage().startsWith("epochs needs 3 values, got 2"), count.getMessage());
        Exception batches = assertThrows(IllegalArgumentException.class, () -> new ScheduleChanges(List.of(),
                List.of(), List.of(), List.of(8, 8)).applyTo(Schedule.patchClassifier()));
        assertTrue(batches.getMessage().contains("(or one for all)"), batches.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ScheduleChanges(List.of(-1), List.of(), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ScheduleChanges(List.of(), List.of(0.0), List.of(), List.of()));
    }
}
