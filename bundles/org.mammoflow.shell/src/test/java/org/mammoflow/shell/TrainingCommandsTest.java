package org.mammoflow.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mammoflow.api.training.Schedule;
import org.mammoflow.api.training.Stage;

class TrainingCommandsTest {

    private static final String ABSENT = TrainingCommands.ABSENT;

    @Test
    void optionsEditTheConfiguredScheduleStageByStage() {
        Schedule edited = TrainingCommands.edited(Schedule.patchClassifier(), "0,0,3", "1e-3,1e-3,5e-4", "cosine", "32",
                "resnet18");
        assertEquals(List.of(0, 0, 3), edited.stages().stream().map(Stage::epochs).toList());
        assertEquals(5e-4, edited.stages().get(2).learningRate());
        assertTrue(edited.stages().stream().allMatch(s -> s.decay() == Stage.Decay.COSINE));
        assertEquals(List.of("layer4.1", "fc"), edited.stages().get(1).trainable(), "ResNet18's last block");

        Schedule perStage = TrainingCommands.edited(Schedule.wholeImage(List.of("layer5")), ABSENT, ABSENT,
                "cosine,constant", "8,4", "resnet50");
        assertEquals(List.of(Stage.Decay.COSINE, Stage.Decay.CONSTANT),
                perStage.stages().stream().map(Stage::decay).toList());
        assertEquals(List.of(8, 4), perStage.stages().stream().map(Stage::batchSize).toList());
        assertEquals(1e-4, perStage.stages().get(0).learningRate(), "the configured rate stays");
    }

    @Test
    void aBadOptionSaysWhichAndWhy() {
        Exception decay = assertThrows(IllegalArgumentException.class,
                () -> TrainingCommands.edited(Schedule.patchClassifier(), ABSENT, ABSENT, "linear", ABSENT, "resnet50"));
        assertTrue(decay.getMessage().contains("--decay"), decay.getMessage());
        Exception count = assertThrows(IllegalArgumentException.class,
                () -> TrainingCommands.edited(Schedule.patchClassifier(), "1,2", ABSENT, ABSENT, ABSENT, "resnet50"));
        assertTrue(count.getMessage().contains("--epochs needs 3 values"), count.getMessage());
    }
}
