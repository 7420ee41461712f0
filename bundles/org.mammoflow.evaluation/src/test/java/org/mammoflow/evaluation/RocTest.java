package org.mammoflow.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mammoflow.api.evaluation.Interval;

class RocTest {

    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void perfectReversedAndChanceOrderings() {
        assertEquals(1.0, Roc.auc(new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {F, F, T, T}));
        assertEquals(0.0, Roc.auc(new double[] {0.9, 0.8, 0.2, 0.1}, new boolean[] {F, F, T, T}));
        assertEquals(0.5, Roc.auc(new double[] {0.5, 0.5, 0.5, 0.5}, new boolean[] {F, T, F, T}), "all tied");
    }

    @Test
    void handComputedCaseWithTies() {
        // positives 0.8, 0.6, 0.4; negatives 0.6, 0.3, 0.2, 0.1
        // pairs (pos > neg): 0.8 beats 4; 0.6 beats 3 and ties 1 (0.5); 0.4 beats 3 -> 10.5 of 12
        double auc = Roc.auc(new double[] {0.8, 0.6, 0.4, 0.6, 0.3, 0.2, 0.1}, new boolean[] {T, T, T, F, F, F, F});
        assertEquals(10.5 / 12, auc, 1e-12);
    }

    @Test
    void aucEqualsThePairCountOnRandomScoresWithManyTies() {
        SplittableRandom random = new SplittableRandom(4);
        for (int trial = 0; trial < 20; trial++) {
            int n = 5 + random.nextInt(60);
            double[] scores = new double[n];
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                scores[i] = random.nextInt(6) / 5.0; // coarse: many ties
                positive[i] = random.nextBoolean();
            }
            double pairs = 0;
            int count = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (positive[i] && !positive[j]) {
                        pairs += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                        count++;
                    }
                }
            }
            double expected = count == 0 ? Double.NaN : pairs / count;
            assertEquals(expected, Roc.auc(scores, positive), 1e-12);
        }
    }

    @Test
    void curveRunsFromOriginToOneOnePassingEachDistinctScore() {
        List<Roc.Point> points = Roc.curve(new double[] {0.9, 0.7, 0.7, 0.1}, new boolean[] {T, T, F, F});
        assertEquals(4, points.size());
        assertEquals(new Roc.Point(0, 0.5, 0.9), points.get(1));
        assertEquals(new Roc.Point(0.5, 1, 0.7), points.get(2), "the tie moves both rates at once");
        assertEquals(1.0, points.get(3).falsePositiveRate());
    }

    @Test
    void bootstrapIntervalCoversTheTrueAucOfSimulatedScores() {
        // binormal scores: positives N(1, 1), negatives N(0, 1) have AUC = Phi(1 / sqrt 2) = 0.7602
        double trueAuc = 0.7602499389;
        int covered = 0;
        int experiments = 40;
        SplittableRandom random = new SplittableRandom(9);
        for (int e = 0; e < experiments; e++) {
            int n = 200;
            double[] scores = new double[n];
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                positive[i] = i % 2 == 0;
                scores[i] = random.nextGaussian() + (positive[i] ? 1 : 0);
            }
            Interval interval = Bootstrap.aucInterval(scores, positive, 500, 0.95, e);
            double auc = Roc.auc(scores, positive);
            assertTrue(interval.low() < auc && auc < interval.high(), interval + " around " + auc);
            covered += interval.contains(trueAuc) ? 1 : 0;
        }
        assertTrue(covered >= 34, "a 95% interval covered the true AUC in " + covered + " of " + experiments);
    }

    @Test
    void sameSeedSameInterval() {
        double[] scores = {0.1, 0.4, 0.35, 0.8, 0.7, 0.2};
        boolean[] positive = {F, F, T, T, T, F};
        assertEquals(Bootstrap.aucInterval(scores, positive, 300, 0.95, 7),
                Bootstrap.aucInterval(scores, positive, 300, 0.95, 7));
    }
}
