package org.mammoflow.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mammoflow.api.evaluation.Calibration;

/**
 * Platt scaling, isotonic regression, AUPRC against scikit-learn 1.9.1 on a fixed set (the script that
 * computed them: calibration_reference.py beside this test); Brier score and ECE on hand-checked cases.
 */
class CalibrationTest {

    static final double[] SCORES = { 0.5, 0.3, 0.4, 0.3, 0.3, 0.5, 0.3, 0.8, 0.4, 0.5, 0.3, 0.3, 0.6, 0.6, 0.5, 0.1,
            0.3, 0.5, 0.4, 0.7, 0.6, 0.5, 0.3, 0.2, 0.4, 0.4, 0.6, 0.6, 0.6, 0.3, 0.8, 0.1, 0.4, 0.3, 0.7, 0.3, 0.1, 0.5,
            0.2, 0.4 };
    static final boolean[] MALIGNANT = labels(1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0,
            1, 0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 1);

    @Test
    void plattMatchesScikitLearnsSigmoidCalibration() {
        Calibration platt = PlattScaling.fit(SCORES, MALIGNANT);
        assertEquals(-5.561115757189376, platt.a(), 1e-5);
        assertEquals(2.9508141832960413, platt.b(), 1e-5);
        assertEquals(1 / (1 + Math.exp(platt.a() * 0.5 + platt.b())), platt.apply(0.5), 1e-15);
    }

    @Test
    void isotonicMatchesScikitLearnsIsotonicRegressionClipped() {
        Calibration isotonic = IsotonicFit.fit(SCORES, MALIGNANT);
        double[] at = { 0.0, 0.1, 0.2, 0.33, 0.41, 0.5, 0.61, 0.77, 0.9, 1.0 };
        double[] expected = { 0.0, 0.0, 0.0, 0.2622727272727273, 0.45, 0.45, 0.5050000000000001, 1.0, 1.0, 1.0 };
        for (int i = 0; i < at.length; i++) {
            assertEquals(expected[i], isotonic.apply(at[i]), 1e-12, "at " + at[i]);
        }
    }

    @Test
    void isotonicPoolsViolatorsByHand() {
        // scores 1..4 with outcomes 1 0 1 1: the first two pool to 0.5
        Calibration isotonic = IsotonicFit.fit(new double[] { 1, 2, 3, 4 }, labels(1, 0, 1, 1));
        assertEquals(0.5, isotonic.apply(1), 0);
        assertEquals(0.5, isotonic.apply(2), 0);
        assertEquals(0.75, isotonic.apply(2.5), 1e-15);
        assertEquals(1, isotonic.apply(9), 0);
    }

    @Test
    void aurocAndAuprcMatchScikitLearn() {
        assertEquals(0.7573333333333334, Roc.auc(SCORES, MALIGNANT), 1e-12);
        assertEquals(0.6937675070028011, Roc.auprc(SCORES, MALIGNANT), 1e-12);
    }

    @Test
    void brierAndExpectedCalibrationErrorByHand() {
        double[] p = { 0.05, 0.15, 0.95, 0.85 };
        boolean[] y = labels(0, 1, 1, 1);
        // (0.05^2 + 0.85^2 + 0.05^2 + 0.15^2) / 4
        assertEquals((0.0025 + 0.7225 + 0.0025 + 0.0225) / 4, CalibrationError.brier(p, y), 1e-15);
        // bins: [0,0.1): 0.05 vs 0 -> 0.05; [0.1,0.2): 0.15 vs 1 -> 0.85; [0.8,0.9): 0.85 vs 1; [0.9,1]: 0.95 vs 1
        assertEquals((0.05 + 0.85 + 0.15 + 0.05) / 4, CalibrationError.expected(p, y), 1e-15);
        assertEquals(0, CalibrationError.expected(new double[] { 1.0, 0.0 }, labels(1, 0)), 0, "1.0 falls in the last bin");
    }

    @Test
    void calibrationLowersTheErrorOnTheDataItWasFittedOn() {
        for (Calibration c : new Calibration[] { PlattScaling.fit(SCORES, MALIGNANT), IsotonicFit.fit(SCORES, MALIGNANT) }) {
            double[] after = ScreeningMetrics.calibrated(SCORES, c);
            assertTrue(CalibrationError.brier(after, MALIGNANT) < CalibrationError.brier(SCORES, MALIGNANT), c.method().name());
        }
    }

    @Test
    void aSetWithOneClassCannotBeCalibrated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlattScaling.fit(new double[] { 0.1, 0.2 }, labels(0, 0)));
        assertTrue(e.getMessage().contains("no malignant"), e.getMessage());
    }

    static boolean[] labels(int... values) {
        boolean[] out = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] == 1;
        }
        return out;
    }
}
