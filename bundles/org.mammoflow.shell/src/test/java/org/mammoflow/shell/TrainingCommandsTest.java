package org.mammoflow.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mammoflow.api.training.ScheduleChanges;
import org.mammoflow.api.training.Stage;

class TrainingCommandsTest {

    private static final String ABSENT = TrainingCommands.ABSENT;

    @Test
    void optionsBecomeScheduleChanges() {
        ScheduleChanges changes = TrainingCommands.changes("0,0,3", "1e-3,1e-3,5e-4", "cosine", "32");
        assertEquals(new ScheduleChanges(List.of(0, 0, 3), List.of(1e-3, 1e-3, 5e-4), List.of(Stage.Decay.COSINE),
                List.of(32)), changes);
        assertEquals(ScheduleChanges.NONE, TrainingCommands.changes(ABSENT, ABSENT, ABSENT, ABSENT));
        assertEquals(List.of(Stage.Decay.COSINE, Stage.Decay.CONSTANT),
                TrainingCommands.changes(ABSENT, ABSENT, "cosine,constant", "8,4").decays());
        assertEquals(List.of(Stage.Decay.WARMUP_COSINE),
                TrainingCommands.changes(ABSENT, ABSENT, "warmup-cosine", ABSENT).decays());
    }

    @Test
    void aBadOptionSaysWhichAndWhy() {
        Exception decay = assertThrows(IllegalArgumentException.class,
                () -> TrainingCommands.changes(ABSENT, ABSENT, "linear", ABSENT));
        assertTrue(decay.getMessage().startsWith("--decay linear: linear is not valid"), decay.getMessage());
        Exception rate = assertThrows(IllegalArgumentException.class,
                () -> TrainingCommands.changes(ABSENT, "1e-3,x", ABSENT, ABSENT));
        assertTrue(rate.getMessage().startsWith("--lr 1e-3,x: x is not valid"), rate.getMessage());
        Exception batch = assertThrows(IllegalArgumentException.class,
                () -> TrainingCommands.changes(ABSENT, ABSENT, ABSENT, "-3"));
        assertTrue(batch.getMessage().contains("batch size must be at least 1, got -3"), batch.getMessage());
    }
}
