package org.mammoflow.evaluation;

import java.util.List;

import org.mammoflow.api.evaluation.Prediction;
import org.mammoflow.api.evaluation.Screening;
import org.mammoflow.api.evaluation.ViewCombination;

/**
 * Cases with a score and an outcome, at one level: images, breasts (malignant when any of its images
 * is) or exams (malignant when any breast is), scores combined by the view rule.
 */
record ScoredCases(String level, double[] scores, boolean[] positive) {

    static ScoredCases images(List<Prediction> predictions) {
        double[] scores = predictions.stream().mapToDouble(Prediction::malignant).toArray();
        boolean[] positive = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            positive[i] = predictions.get(i).label() == 1;
        }
        return new ScoredCases("image", scores, positive);
    }

    static ScoredCases breasts(List<Prediction> predictions, ViewCombination views) {
        List<Screening.Breast<Prediction>> breasts = Screening.exams(predictions, Prediction::attributes).stream()
                .flatMap(e -> e.breasts().stream()).toList();
        double[] scores = breasts.stream().mapToDouble(b -> b.score(Prediction::malignant, views)).toArray();
        boolean[] positive = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            positive[i] = breasts.get(i).views().stream().anyMatch(p -> p.label() == 1);
        }
        return new ScoredCases("breast", scores, positive);
    }

    static ScoredCases exams(List<Prediction> predictions, ViewCombination views) {
        List<Screening.Exam<Prediction>> exams = Screening.exams(predictions, Prediction::attributes);
        double[] scores = exams.stream().mapToDouble(e -> e.score(Prediction::malignant, views)).toArray();
        boolean[] positive = new boolean[scores.length];
        for (int i = 0; i < scores.length; i++) {
            positive[i] = exams.get(i).images().stream().anyMatch(p -> p.label() == 1);
        }
        return new ScoredCases("exam", scores, positive);
    }

    int size() {
        return scores.length;
    }

    int positives() {
        int n = 0;
        for (boolean p : positive) {
            n += p ? 1 : 0;
        }
        return n;
    }

    ScoredCases take(int[] pick) {
        return new ScoredCases(level, Bootstrap.take(scores, pick), Bootstrap.take(positive, pick));
    }
}
