package org.mammoflow.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

import org.mammoflow.api.evaluation.CalibrationMetrics;
import org.mammoflow.api.evaluation.Evaluation;
import org.mammoflow.api.evaluation.Interval;
import org.mammoflow.api.evaluation.LevelMetrics;
import org.mammoflow.api.evaluation.OperatingPointMetrics;
import org.mammoflow.api.evaluation.Rate;
import org.mammoflow.api.evaluation.RuleOut;
import org.mammoflow.api.evaluation.ViewCombination;
import org.mammoflow.api.sampling.PatchClass;
import org.mammoflow.files.AtomicFiles;

/** An evaluation as evaluation.json (for programs and the dashboard) and evaluation.md (for people). */
final class EvaluationReport {

    private final EvaluationConfig config;
    private final ViewCombination views;

    EvaluationReport(EvaluationConfig config, ViewCombination views) {
        this.config = config;
        this.views = views;
    }

    /** The class names of a model with this many outputs: benign/malignant, or the five patch classes. */
    static List<String> classNames(int classes) {
        if (classes == 2) {
            return List.of("benign", "malignant");
        }
        if (classes == PatchClass.values().length) {
            return Arrays.stream(PatchClass.values()).map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                    .toList();
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class " + c);
        }
        return names;
    }

    Path writeJson(Evaluation e, Path file) throws IOException {
        StringBuilder out = new StringBuilder("{\n");
        field(out, "samples", Integer.toString(e.samples()));
        field(out, "accuracy", number(e.accuracy()));
        field(out, "auc", number(e.auc()));
        field(out, "auc_interval", interval(e.aucInterval()));
        field(out, "confidence", number(config.confidence()));
        field(out, "bootstrap_resamples", Integer.toString(config.resamples()));
        field(out, "threshold", number(config.threshold()));
        field(out, "sensitivity", number(e.sensitivity()));
        field(out, "specificity", number(e.specificity()));
        field(out, "classes", strings(classNames(e.classAccuracy().length)));
        field(out, "class_accuracy", array(Arrays.stream(e.classAccuracy()).mapToObj(EvaluationReport::number).toList()));
        field(out, "confusion", array(Arrays.stream(e.confusion()).map(Arrays::toString).toList()));
        if (!e.levels().isEmpty()) {
            field(out, "views", quoted(views.name().toLowerCase(Locale.ROOT)));
            field(out, "levels", array(e.levels().stream().map(EvaluationReport::level).toList()));
        }
        e.calibration().ifPresent(c -> field(out, "calibration", calibration(c)));
        if (!e.operatingPoints().isEmpty()) {
            field(out, "operating_points", array(e.operatingPoints().stream().map(EvaluationReport::point).toList()));
            field(out, "rule_out", array(e.ruleOut().stream().map(EvaluationReport::ruleOut).toList()));
        }
        out.setLength(out.length() - 2);
        return AtomicFiles.writeString(file, out.append("\n}\n").toString());
    }

    private static String level(LevelMetrics l) {
        return "{\"level\": " + quoted(l.level()) + ", \"cases\": " + l.cases() + ", \"positives\": " + l.positives()
                + ", \"auroc\": " + number(l.auroc()) + ", \"auroc_interval\": " + interval(l.aurocInterval())
                + ", \"auprc\": " + number(l.auprc()) + ", \"auprc_interval\": " + interval(l.auprcInterval()) + "}";
    }

    private static String calibration(CalibrationMetrics c) {
        return "{\"method\": " + quoted(c.method()) + ", \"brier_before\": " + number(c.brierBefore())
                + ", \"brier_after\": " + number(c.brierAfter()) + ", \"ece_before\": " + number(c.eceBefore())
                + ", \"ece_after\": " + number(c.eceAfter()) + ", \"bins\": " + CalibrationError.BINS
                + ", \"diagram\": " + c.diagram().map(d -> quoted(d.getFileName().toString())).orElse("null") + "}";
    }

    private static String point(OperatingPointMetrics m) {
        return "{\"name\": " + quoted(m.point().name()) + ", \"criterion\": " + quoted(m.point().target().criterion().label)
                + ", \"target\": " + number(m.point().target().value()) + ", \"threshold\": " + number(m.point().threshold())
                + ", \"validation_sensitivity\": " + number(m.validationSensitivity())
                + ", \"validation_specificity\": " + number(m.validationSpecificity())
                + ", \"sensitivity\": " + rate(m.sensitivity()) + ", \"specificity\": " + rate(m.specificity())
                + ", \"ppv\": " + rate(m.ppv()) + ", \"npv\": " + rate(m.npv()) + ", \"recall_rate\": "
                + rate(m.recallRate()) + "}";
    }

    private static String ruleOut(RuleOut r) {
        return "{\"name\": " + quoted(r.point().name()) + ", \"threshold\": " + number(r.point().threshold())
                + ", \"set_aside\": " + r.setAside() + ", \"exams\": " + r.exams() + ", \"share_set_aside\": "
                + number(r.shareSetAside()) + ", \"cancers_set_aside\": " + r.missed() + ", \"cancers\": " + r.cancers()
                + "}";
    }

    private static String rate(Rate r) {
        return "{\"value\": " + number(r.value()) + ", \"count\": " + r.count() + ", \"of\": " + r.of()
                + ", \"interval\": " + interval(r.interval()) + "}";
    }

    Path writeMarkdown(Evaluation e, Path file) throws IOException {
        List<String> names = classNames(e.classAccuracy().length);
        StringBuilder out = new StringBuilder("# Evaluation\n\n| metric | value |\n| --- | --- |\n");
        out.append(String.format(Locale.ROOT, "| images | %d |%n| accuracy | %.3f |%n", e.samples(), e.accuracy()));
        if (!Double.isNaN(e.auc())) {
            out.append(String.format(Locale.ROOT, "| AUC | %.3f (%.0f%% CI %.3f-%.3f, %d bootstrap resamples) |%n",
                    e.auc(), 100 * config.confidence(), e.aucInterval().low(), e.aucInterval().high(),
                    config.resamples()));
            out.append(String.format(Locale.ROOT, "| sensitivity at %.2f | %.3f |%n| specificity at %.2f | %.3f |%n",
                    config.threshold(), e.sensitivity(), config.threshold(), e.specificity()));
            out.append("\n![ROC curve](roc.png)\n");
        }
        levels(e, out);
        e.calibration().ifPresent(c -> calibration(c, out));
        operatingPoints(e, out);
        out.append("\n## Confusion matrix (rows: true class, columns: predicted)\n\n| true \\ predicted |");
        names.forEach(n -> out.append(' ').append(n).append(" |"));
        out.append(" accuracy |\n|").append(" --- |".repeat(names.size() + 2)).append('\n');
        for (int r = 0; r < names.size(); r++) {
            out.append("| ").append(names.get(r)).append(" |");
            for (int c = 0; c < names.size(); c++) {
                out.append(' ').append(e.confusion()[r][c]).append(" |");
            }
            out.append(String.format(Locale.ROOT, " %.3f |%n", e.classAccuracy()[r]));
        }
        return AtomicFiles.writeString(file, out.toString());
    }

    private void levels(Evaluation e, StringBuilder out) {
        if (e.levels().isEmpty()) {
            return;
        }
        out.append("\n## Per image, breast and exam (views combined: ").append(views.name().toLowerCase(Locale.ROOT))
                .append("; an exam scores as its higher breast)\n\n| level | cases | cancers | AUROC | AUPRC |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        for (LevelMetrics l : e.levels()) {
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s |%n", l.level(), l.cases(), l.positives(),
                    withInterval(l.auroc(), l.aurocInterval()), withInterval(l.auprc(), l.auprcInterval())));
        }
    }

    private static void calibration(CalibrationMetrics c, StringBuilder out) {
        out.append("\n## Calibration (").append(c.method()).append(", fitted on validation images; test images)\n\n")
                .append("| | raw score | calibrated |\n| --- | --- | --- |\n")
                .append(String.format(Locale.ROOT, "| Brier score | %.3f | %.3f |%n", c.brierBefore(), c.brierAfter()))
                .append(String.format(Locale.ROOT, "| expected calibration error (%d bins) | %.3f | %.3f |%n",
                        CalibrationError.BINS, c.eceBefore(), c.eceAfter()));
        c.diagram().ifPresent(d -> out.append("\n![Reliability diagram](").append(d.getFileName()).append(")\n"));
    }

    private static void operatingPoints(Evaluation e, StringBuilder out) {
        if (e.operatingPoints().isEmpty()) {
            return;
        }
        out.append("\n## Operating points (threshold chosen on validation exams, applied to test exams)\n\n")
                .append("| point | threshold | validation sens. / spec. | sensitivity | specificity | PPV | NPV |"
                        + " recall rate |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (OperatingPointMetrics m : e.operatingPoints()) {
            out.append(String.format(Locale.ROOT, "| %s | %.4f | %.3f / %.3f | %s | %s | %s | %s | %s |%n",
                    m.point().target(), m.point().threshold(), m.validationSensitivity(), m.validationSpecificity(),
                    rateText(m.sensitivity()), rateText(m.specificity()), rateText(m.ppv()), rateText(m.npv()),
                    rateText(m.recallRate())));
        }
        out.append("\n### Rule-out (test exams below the threshold would be set aside)\n\n")
                .append("| point | threshold | exams set aside | cancers among them |\n| --- | --- | --- | --- |\n");
        for (RuleOut r : e.ruleOut()) {
            out.append(String.format(Locale.ROOT, "| %s | %.4f | %d of %d (%.1f%%) | %d of %d |%n", r.point().target(),
                    r.point().threshold(), r.setAside(), r.exams(), 100 * r.shareSetAside(), r.missed(), r.cancers()));
        }
    }

    private static String rateText(Rate r) {
        return r.of() == 0 ? "-" : String.format(Locale.ROOT, "%.3f (%d/%d; %.3f-%.3f)", r.value(), r.count(), r.of(),
                r.interval().low(), r.interval().high());
    }

    private static String withInterval(double value, Interval interval) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f (%.3f-%.3f)", value, interval.low(),
                interval.high());
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append("  ").append(quoted(name)).append(": ").append(value).append(",\n");
    }

    private static String array(List<String> values) {
        StringJoiner joiner = new StringJoiner(", ", "[", "]");
        values.forEach(joiner::add);
        return joiner.toString();
    }

    private static String strings(List<String> values) {
        return array(values.stream().map(EvaluationReport::quoted).toList());
    }

    private static String interval(Interval i) {
        return "[" + number(i.low()) + ", " + number(i.high()) + "]";
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String number(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.6g", v);
    }
}
