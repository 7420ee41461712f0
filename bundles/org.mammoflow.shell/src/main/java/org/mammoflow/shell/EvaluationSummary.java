package org.mammoflow.shell;

import java.util.List;
import java.util.Locale;

import org.mammoflow.api.evaluation.Evaluation;
import org.mammoflow.api.evaluation.Interval;
import org.mammoflow.api.evaluation.LevelMetrics;
import org.mammoflow.api.evaluation.OperatingPointMetrics;
import org.mammoflow.api.evaluation.Rate;
import org.mammoflow.api.evaluation.RuleOut;

/** An evaluation as the console prints it: three decimals, intervals in brackets, one line a figure. */
final class EvaluationSummary {

    private static final List<String> TWO_CLASSES = List.of("benign", "malignant");
    /** The patch classifier's classes in the order of its outputs (PatchClass). */
    static final List<String> PATCH_CLASSES = List.of("background", "malignant calcification",
            "benign calcification", "malignant mass", "benign mass");

    private EvaluationSummary() {
    }

    static String of(Evaluation e) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "cases %d, accuracy %.3f%n", e.samples(), e.accuracy()));
        if (!Double.isNaN(e.auc())) {
            out.append(String.format(Locale.ROOT, "AUC %.3f (95%% CI %.3f-%.3f), sensitivity %.3f, specificity %.3f%n",
                    e.auc(), e.aucInterval().low(), e.aucInterval().high(), e.sensitivity(), e.specificity()));
        }
        for (LevelMetrics l : e.levels()) {
            out.append(String.format(Locale.ROOT, "%-6s level: %d cases (%d cancers), AUROC %s, AUPRC %s%n", l.level(),
                    l.cases(), l.positives(), interval(l.auroc(), l.aurocInterval()), interval(l.auprc(), l.auprcInterval())));
        }
        if (e.levels().size() == 1) {
            out.append("no breast or exam figures: the images name no patient and breast (dataset.csv columns patient"
                    + " and laterality; DICOM ImageLaterality or Laterality)\n");
        }
        e.calibration().ifPresent(c -> out.append(String.format(Locale.ROOT,
                "calibration (%s) on the test images: Brier %.3f -> %.3f, ECE %.3f -> %.3f%n", c.method(),
                c.brierBefore(), c.brierAfter(), c.eceBefore(), c.eceAfter())));
        for (OperatingPointMetrics m : e.operatingPoints()) {
            out.append(String.format(Locale.ROOT, "at %s (threshold %.4f, on validation exams %.3f / %.3f): test"
                    + " sensitivity %s, specificity %s, PPV %s, NPV %s, recall rate %s%n", m.point().target(),
                    m.point().threshold(), m.validationSensitivity(), m.validationSpecificity(), rate(m.sensitivity()),
                    rate(m.specificity()), rate(m.ppv()), rate(m.npv()), rate(m.recallRate())));
        }
        for (RuleOut r : e.ruleOut()) {
            out.append(String.format(Locale.ROOT, "rule-out at %s: %d of %d test exams set aside (%.1f%%), %d of %d"
                    + " cancers among them%n", r.point().target(), r.setAside(), r.exams(), 100 * r.shareSetAside(),
                    r.missed(), r.cancers()));
        }
        List<String> names = e.classAccuracy().length == 2 ? TWO_CLASSES
                : e.classAccuracy().length == PATCH_CLASSES.size() ? PATCH_CLASSES : List.of();
        out.append("accuracy per class:");
        for (int c = 0; c < e.classAccuracy().length; c++) {
            out.append(String.format(Locale.ROOT, " %s %.3f", c < names.size() ? names.get(c) : "class " + c,
                    e.classAccuracy()[c]));
            out.append(c + 1 < e.classAccuracy().length ? "," : "");
        }
        out.append("\nreports: ").append(e.reports());
        return out.toString();
    }

    private static String interval(double value, Interval interval) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f (%.3f-%.3f)", value, interval.low(),
                interval.high());
    }

    private static String rate(Rate r) {
        return r.of() == 0 ? "-" : String.format(Locale.ROOT, "%.3f (%.3f-%.3f)", r.value(), r.interval().low(),
                r.interval().high());
    }
}
