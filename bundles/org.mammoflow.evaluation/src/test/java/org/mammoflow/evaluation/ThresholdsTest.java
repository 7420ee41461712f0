package org.mammoflow.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mammoflow.evaluation.CalibrationTest.labels;

import org.junit.jupiter.api.Test;
import org.mammoflow.api.evaluation.OperatingPoint;

class ThresholdsTest {

    private static final double[] SCORES = { 0.9, 0.8, 0.6, 0.6, 0.6, 0.3, 0.2, 0.1 };
    private static final boolean[] CANCER = labels(1, 1, 1, 0, 0, 1, 0, 0);

    @Test
    void sensitivityTakesTheHighestThresholdThatReachesIt() {
        assertEquals(0.8, choose("sensitivity:0.5"), 0, "2 of 4 cancers at or above 0.8");
        assertEquals(0.6, choose("sensitivity:0.75"), 0);
        assertEquals(0.3, choose("sensitivity:1"), 0);
    }

    @Test
    void tiedScoresFallOnOneSide() {
        // 0.6 holds a cancer and two benign exams: 0.75 sensitivity recalls all three, never one of them
        double threshold = choose("sensitivity:0.7");
        assertEquals(0.6, threshold, 0);
    }

    @Test
    void specificityTakesTheLowestThresholdThatReachesIt() {
        assertEquals(0.3, choose("specificity:0.5"), 0, "0.2 and 0.1 below: 2 of 4 benign");
        assertEquals(0.8, choose("specificity:0.75"), 0, "the tie at 0.6 must go below as a whole");
        assertEquals(0.8, choose("specificity:1"), 0);
        assertEquals(Math.nextUp(0.9), Thresholds.choose(OperatingPoint.Target.parse("specificity:1"),
                new double[] { 0.9, 0.9 }, labels(1, 0)), 0, "only recalling nobody spares the benign 0.9");
    }

    @Test
    void noCancerNoSensitivity() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Thresholds.choose(OperatingPoint.Target.parse("sensitivity:0.9"), new double[] { 0.1 }, labels(0)));
        assertEquals("cannot choose a threshold for sensitivity 0.900: the validation exams have no cancer",
                e.getMessage());
    }

    private static double choose(String target) {
        return Thresholds.choose(OperatingPoint.Target.parse(target), SCORES, CANCER);
    }
}
