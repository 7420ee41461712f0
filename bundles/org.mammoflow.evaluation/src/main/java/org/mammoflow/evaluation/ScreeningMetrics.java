package org.mammoflow.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.mammoflow.api.evaluation.Calibration;
import org.mammoflow.api.evaluation.Interval;
import org.mammoflow.api.evaluation.LevelMetrics;
import org.mammoflow.api.evaluation.OperatingPoint;
import org.mammoflow.api.evaluation.OperatingPointMetrics;
import org.mammoflow.api.evaluation.Rate;
import org.mammoflow.api.evaluation.RuleOut;
import org.mammoflow.api.evaluation.ScreeningRequest;

/** The screening figures of an evaluation, each interval from the configured bootstrap. */
final class ScreeningMetrics {

    /** The rule-out point every report has: the lowest validation score among the validation's cancers. */
    static final OperatingPoint.Target NO_CANCER_MISSED = new OperatingPoint.Target(OperatingPoint.Criterion.SENSITIVITY, 1);

    private final EvaluationConfig config;

    ScreeningMetrics(EvaluationConfig config) {
        this.config = config;
    }

    /** AUROC and AUPRC per image, and per breast and exam where the images name patient and breast. */
    List<LevelMetrics> levels(ScreeningRequest request) {
        List<LevelMetrics> levels = new ArrayList<>();
        for (ScoredCases cases : List.of(ScoredCases.images(request.test()),
                ScoredCases.breasts(request.test(), request.views()), ScoredCases.exams(request.test(), request.views()))) {
            if (cases.size() > 0) {
                levels.add(level(cases));
            }
        }
        return levels;
    }

    private LevelMetrics level(ScoredCases cases) {
        double auroc = Roc.auc(cases.scores(), cases.positive());
        double auprc = Roc.auprc(cases.scores(), cases.positive());
        return new LevelMetrics(cases.level(), cases.size(), cases.positives(), auroc,
                interval(cases, c -> Roc.auc(c.scores(), c.positive())), auprc,
                interval(cases, c -> Roc.auprc(c.scores(), c.positive())));
    }

    static double[] calibrated(double[] scores, Calibration calibration) {
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = calibration.apply(scores[i]);
        }
        return out;
    }

    /** A threshold chosen on the validation exams for each target, with its test figures. */
    List<OperatingPointMetrics> operatingPoints(ScreeningRequest request, List<OperatingPoint> points) {
        ScoredCases validation = ScoredCases.exams(request.validation(), request.views());
        ScoredCases test = ScoredCases.exams(request.test(), request.views());
        List<OperatingPointMetrics> metrics = new ArrayList<>();
        for (OperatingPoint point : points) {
            Counts v = Counts.at(validation, point.threshold());
            metrics.add(new OperatingPointMetrics(point, rate(test, point, Measure.SENSITIVITY),
                    rate(test, point, Measure.SPECIFICITY), rate(test, point, Measure.PPV), rate(test, point, Measure.NPV),
                    rate(test, point, Measure.RECALL_RATE), Measure.SENSITIVITY.value(v), Measure.SPECIFICITY.value(v)));
        }
        return metrics;
    }

    /** The operating point of each target on the validation exams, named after it. */
    static List<OperatingPoint> choose(ScreeningRequest request, List<OperatingPoint.Target> targets) {
        ScoredCases validation = ScoredCases.exams(request.validation(), request.views());
        if (validation.size() == 0) {
            throw new IllegalArgumentException("operating points are chosen on validation exams, and the validation"
                    + " images name no patient and breast (dataset.csv columns patient and laterality; DICOM"
                    + " ImageLaterality or Laterality)");
        }
        return targets.stream().map(t -> new OperatingPoint(name(t), t,
                Thresholds.choose(t, validation.scores(), validation.positive()))).toList();
    }

    static String name(OperatingPoint.Target target) {
        return target.criterion().label + "-" + String.format(Locale.ROOT, "%.3f", target.value())
                .replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** For each point: the test exams below its threshold, and the cancers among them. */
    static List<RuleOut> ruleOut(ScreeningRequest request, List<OperatingPoint> points) {
        ScoredCases test = ScoredCases.exams(request.test(), request.views());
        List<RuleOut> rows = new ArrayList<>();
        for (OperatingPoint point : points) {
            Counts c = Counts.at(test, point.threshold());
            rows.add(new RuleOut(point, c.tn() + c.fn(), test.size(), c.fn(), c.tp() + c.fn()));
        }
        return rows;
    }

    private Rate rate(ScoredCases test, OperatingPoint point, Measure measure) {
        Counts whole = Counts.at(test, point.threshold());
        return new Rate(measure.count(whole), measure.of(whole),
                interval(test, c -> measure.value(Counts.at(c, point.threshold()))));
    }

    private Interval interval(ScoredCases cases, ToDoubleFunction<ScoredCases> statistic) {
        return Bootstrap.interval(cases.size(), pick -> statistic.applyAsDouble(cases.take(pick)), config.resamples(),
                config.confidence(), config.seed());
    }

    /** The confusion counts of cases at a threshold (at or above it: recalled). */
    record Counts(int tp, int fp, int tn, int fn) {

        static Counts at(ScoredCases cases, double threshold) {
            int tp = 0;
            int fp = 0;
            int tn = 0;
            int fn = 0;
            for (int i = 0; i < cases.size(); i++) {
                boolean recalled = cases.scores()[i] >= threshold;
                if (cases.positive()[i]) {
                    tp += recalled ? 1 : 0;
                    fn += recalled ? 0 : 1;
                } else {
                    fp += recalled ? 1 : 0;
                    tn += recalled ? 0 : 1;
                }
            }
            return new Counts(tp, fp, tn, fn);
        }
    }

    /** A proportion of the confusion counts: which count, of which total. */
    enum Measure {
        SENSITIVITY, SPECIFICITY, PPV, NPV, RECALL_RATE;

        int count(Counts c) {
            return switch (this) {
                case SENSITIVITY, PPV -> c.tp();
                case SPECIFICITY, NPV -> c.tn();
                case RECALL_RATE -> c.tp() + c.fp();
            };
        }

        int of(Counts c) {
            return switch (this) {
                case SENSITIVITY -> c.tp() + c.fn();
                case SPECIFICITY -> c.tn() + c.fp();
                case PPV -> c.tp() + c.fp();
                case NPV -> c.tn() + c.fn();
                case RECALL_RATE -> c.tp() + c.fp() + c.tn() + c.fn();
            };
        }

        double value(Counts c) {
            return of(c) == 0 ? Double.NaN : count(c) / (double) of(c);
        }
    }
}
