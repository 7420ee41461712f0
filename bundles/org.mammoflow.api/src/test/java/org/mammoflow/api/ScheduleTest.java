package org.mammoflow.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mammoflow.api.training.Schedule;
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
    void aScheduleNeedsStages() {
        assertThrows(IllegalArgumentException.class, () -> new Schedule("empty", List.of()));
    }
}
