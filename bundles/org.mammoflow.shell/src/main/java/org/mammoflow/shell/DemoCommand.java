package org.mammoflow.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.mammoflow.api.dataset.DatasetImporter;
import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.evaluation.Evaluation;
import org.mammoflow.api.evaluation.Evaluator;
import org.mammoflow.api.evaluation.Calibration;
import org.mammoflow.api.evaluation.OperatingPoint;
import org.mammoflow.api.evaluation.OperatingPointMetrics;
import org.mammoflow.api.evaluation.Predictor;
import org.mammoflow.api.evaluation.ScreeningEvaluator;
import org.mammoflow.api.evaluation.ViewCombination;
import org.mammoflow.api.network.Precision;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code mammo:demo}: the whole method on bundled synthetic data, each step the shell command a user
 * would type: synthesize, import, preprocess, sample S10, train the patch classifier (its all-layers stage),
 * train the whole-image classifier (its cached stage), evaluate both on held-out patients, draw a heatmap.
 */
@Component(service = DemoCommand.class, property = {
        "osgi.command.scope=mammo",
        "osgi.command.function=demo" })
public class DemoCommand {

    /**
     * Half the paper's 1152 x 896 and half its 224 px patches, so that a patch covers the same share of
     * a mammogram as in the paper while both classifiers fit a CPU's time budget.
     */
    static final int HEIGHT = 576;
    static final int WIDTH = 448;
    static final int PATCH_SIZE = 112;
    static final String SAMPLER_PID = "org.mammoflow.sampling.s10";
    static final String TRAINING_PID = "org.mammoflow.training";

    /**
     * The paper's three patch stages (fc; the last block + fc; all layers) move ImageNet weights step by
     * step; the demo's network starts from random weights (nothing is downloaded), and training its fc
     * or last block on random features taught it nothing (one epoch each, three seeds: validation
     * accuracy 0.12-0.55). So the demo spends its patch time on stage 3: every layer, 3 epochs, Adam rising to
     * 5e-4 over the first tenth of the steps and falling along a cosine (from random weights, 5e-4 without
     * the rise ended its first epoch at validation accuracy 0.11; 2e-4 held constant left seed 2 at 0.72).
     * The whole-image rate is the paper's.
     */
    static final String PATCH_RATES = "5e-4,5e-4,5e-4";
    static final String PATCH_DECAY = "warmup-cosine";
    static final String WHOLE_RATES = "1e-4,1e-5";

    /**
     * Enough patients that the whole-image head, new layers trained on image labels alone, sees about
     * 250 training images (with 65 it did not learn; with 240 patients the patch classifier was
     * sometimes not ready after 3 epochs), and few enough epochs for 20 minutes on 2 cores. Whole-image
     * stage 2 (every layer, on images 4 at a time, so the patch network's BatchNorm switches to batch
     * statistics) lowered the validation accuracy of all three seeds measured and cost 2.7 minutes:
     * the demo trains stage 1 only; {@code --quick} runs both stages of both classifiers.
     */
    static final int PATIENTS = 300;
    static final String PATCH_EPOCHS = "0,0,3";
    static final String WHOLE_EPOCHS = "16,0";

    /**
     * Stage 1 trains the new layers on the frozen patch network's cached output (the image and its
     * horizontal flip: two variants, each a pass of the patch network over every training image), in
     * batches of 8; stage 2, when run, trains every layer on images, 4 at a time.
     */
    static final int CACHED_VARIANTS = 2;
    static final String WHOLE_BATCHES = "8,4";

    /** The quick form's patients: with seed 7, both classes among the test and validation images. */
    static final int QUICK_PATIENTS = 20;

    /** The operating point the demo stores and reports: the threshold that keeps 90% of validation cancers. */
    static final String OPERATING_POINT = "screen";
    static final OperatingPoint.Target SCREENING_TARGET = OperatingPoint.Target.parse("sensitivity:0.9");

    private final Predictor predictor;
    private final Evaluator evaluator;
    private final ScreeningEvaluator screening;
    private final ConfigurationAdmin configurations;
    private final DatasetImporter dataset;

    /** The HTTP runtime's address(es), when the runtime has one: where the dashboard shows the demo's runs. */
    @Reference(service = HttpServiceRuntime.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Map<String, Object> http;

    @Activate
    public DemoCommand(@Reference Predictor predictor, @Reference Evaluator evaluator,
            @Reference ScreeningEvaluator screening, @Reference ConfigurationAdmin configurations,
            @Reference(target = DatasetImporter.FOLDER) DatasetImporter dataset) {
        this.predictor = predictor;
        this.evaluator = evaluator;
        this.screening = screening;
        this.configurations = configurations;
        this.dataset = dataset;
    }

    @Descriptor("run the whole method on synthetic data and print a summary (7 to 17 minutes on 2 cores;"
            + " --quick: about 1)")
    public String demo(CommandSession session,
            @Descriptor("a short run for tests: few patients and epochs (learns little)") @Parameter(names = { "--quick" }, presentValue = "true", absentValue = "false") boolean quick,
            @Descriptor("synthetic patients (default " + PATIENTS + "; --quick " + QUICK_PATIENTS + ")") @Parameter(names = { "-p", "--patients" }, absentValue = "0") int patients,
            @Descriptor("network: resnet18 (fast on a CPU) or resnet50 (the paper's)") @Parameter(names = { "-a", "--architecture" }, absentValue = "resnet18") String architecture,
            @Descriptor("random seed of the synthetic data and of training") @Parameter(names = { "-s", "--seed" }, absentValue = "7") long seed,
            @Descriptor("what the networks compute in, trained and evaluated: fp32 or bf16 (default: the backend's settings)") @Parameter(names = { "--precision" }, absentValue = TrainingCommands.ABSENT) String precision,
            @Descriptor("folder for everything the demo writes") @Parameter(names = { "-o", "--output" }, absentValue = "demo") String folder)
            throws Exception {
        Optional<Precision> computing = TrainingCommands.precision(precision);
        Map<Configuration, Dictionary<String, Object>> before = new LinkedHashMap<>();
        for (String pid : List.of(SAMPLER_PID, TRAINING_PID)) {
            Configuration configuration = configurations.getConfiguration(pid, "?");
            before.put(configuration, configuration.getProperties());
        }
        try {
            return run(session, quick, patients, architecture, seed, computing, Path.of(folder).toAbsolutePath());
        } finally { // the demo's settings are for its own run only
            for (Map.Entry<Configuration, Dictionary<String, Object>> e : before.entrySet()) {
                if (e.getValue() == null) {
                    e.getKey().delete();
                } else {
                    e.getKey().update(e.getValue());
                }
            }
        }
    }

    private String run(CommandSession session, boolean quick, int patients, String architecture, long seed,
            Optional<Precision> precision, Path root) throws Exception {
        String precisionOption = precision.map(p -> " --precision " + p.label()).orElse("");
        Predictor predicting = precision.map(predictor::computing).orElse(predictor);
        long start = System.nanoTime();
        int people = patients > 0 ? patients : quick ? QUICK_PATIENTS : PATIENTS;
        String patchEpochs = quick ? "1,1,1" : PATCH_EPOCHS;
        String wholeEpochs = quick ? "1,1" : WHOLE_EPOCHS;
        Files.createDirectories(root);
        dashboard().ifPresent(address -> System.out.println("== the dashboard shows this demo's runs as they train: "
                + address));
        Map<String, Duration> times = new LinkedHashMap<>();
        step(times, session, "1/7 synthetic CBIS-DDSM-shaped data", "mammo:synth -p %d --width %d --height %d -s %d %s",
                people, WIDTH, HEIGHT, seed, q(root.resolve("raw")));
        step(times, session, "2/7 import (patient splits)", "mammo:import -v 0.2 -s %d %s", seed, q(root.resolve("raw")));
        step(times, session, "3/7 preprocess to " + HEIGHT + " x " + WIDTH, "mammo:preprocess --height %d --width %d %s %s",
                HEIGHT, WIDTH, q(root.resolve("raw")), q(root.resolve("images")));
        step(times, session, "4/7 sample S10 patches of " + PATCH_SIZE + " px", "mammo:config %s patchSize=%d", SAMPLER_PID,
                PATCH_SIZE);
        step(times, session, "4/7 sample S10 patches of " + PATCH_SIZE + " px", "mammo:sample -s %d %s %s", seed,
                q(root.resolve("images")), q(root.resolve("patches")));
        step(times, session, "5/7 train the patch classifier",
                "mammo:train-patch --wait%s -a %s -e %s --lr %s --decay %s -b 32 --size %d -s %d %s %s", precisionOption,
                architecture, patchEpochs, PATCH_RATES, PATCH_DECAY, PATCH_SIZE, seed, q(root.resolve("patches")),
                q(root.resolve("patch-run")));
        Path patchModel = root.resolve("patch-run/best.npz");
        step(times, session, "6/7 train the whole-image classifier",
                "mammo:config %s featureCacheVariants=%d", TRAINING_PID, CACHED_VARIANTS);
        step(times, session, "6/7 train the whole-image classifier",
                "mammo:train-whole --wait%s -e %s --lr %s -b %s --height %d --width %d -s %d %s %s %s", precisionOption,
                wholeEpochs, WHOLE_RATES, WHOLE_BATCHES, HEIGHT, WIDTH,
                seed, q(patchModel), q(root.resolve("images")), q(root.resolve("whole-run")));
        Path wholeModel = root.resolve("whole-run/best.npz");
        String evaluation = "7/7 evaluate on the held-out test patients, heatmap";
        System.out.println("== " + evaluation);
        long evaluating = System.nanoTime();
        Evaluation patches = evaluator.evaluate(predicting.predict(patchModel, root.resolve("patches"), Split.TEST, false),
                root.resolve("patch-run/evaluation-test"));
        Evaluation images = screening.calibrate(new ScreeningEvaluator.Model(List.of(wholeModel), root.resolve("images"),
                true, ViewCombination.MAX, precision), Calibration.Method.PLATT, Map.of(OPERATING_POINT, SCREENING_TARGET),
                root.resolve("whole-run/evaluation-test"));
        Path heatmap = predicting.heatmap(patchModel, heatmapImage(root.resolve("images")),
                root.resolve("heatmap.png"), PATCH_SIZE / 4);
        times.put(evaluation, Duration.ofNanos(System.nanoTime() - evaluating));
        return summary(patches, images, root, heatmap, times, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void step(Map<String, Duration> times, CommandSession session, String title, String command,
            Object... arguments) throws Exception {
        String line = String.format(Locale.ROOT, command, arguments);
        System.out.println("== " + title + ": " + line);
        long started = System.nanoTime();
        Object result;
        try {
            result = session.execute(line); // a failed step (a job that did not succeed too) throws
        } catch (Exception e) {
            throw new IllegalStateException("demo stopped at step " + title + ": " + e.getMessage(), e);
        } finally {
            times.merge(title, Duration.ofNanos(System.nanoTime() - started), Duration::plus);
        }
        if (result != null) {
            System.out.println(result);
        }
    }

    /** A test image for the heatmap: the first with a malignant abnormality, else the first one. */
    private Path heatmapImage(Path images) throws IOException {
        List<ImageRecord> test = dataset.importFrom(images, ImportOptions.defaults()).dataset().images().stream()
                .filter(record -> record.split() == Split.TEST).toList();
        return test.stream().filter(ImageRecord::malignant).findFirst().or(() -> test.stream().findFirst())
                .orElseThrow(() -> new IOException(images + ": no test image for the heatmap")).image();
    }

    private static String summary(Evaluation patches, Evaluation images, Path root, Path heatmap,
            Map<String, Duration> times, Duration took) {
        List<String> lines = new ArrayList<>();
        lines.add("== Mammoflow demo summary (" + minutes(took) + ")");
        times.forEach((step, time) -> lines.add(String.format(Locale.ROOT, "  %-58s %s", step, minutes(time))));
        lines.add(String.format(Locale.ROOT, "patch classifier, test patches: accuracy %.3f", patches.accuracy()));
        for (int c = 0; c < patches.classAccuracy().length; c++) {
            lines.add(String.format(Locale.ROOT, "  %-24s %s", EvaluationSummary.PATCH_CLASSES.get(c), Double.isNaN(patches.classAccuracy()[c])
                    ? "no test patch" : String.format(Locale.ROOT, "%.3f", patches.classAccuracy()[c])));
        }
        lines.add(String.format(Locale.ROOT, "whole-image classifier, %d test images: AUC %.3f (95%% CI %.3f-%.3f),"
                + " accuracy %.3f", images.samples(), images.auc(), images.aucInterval().low(),
                images.aucInterval().high(), images.accuracy()));
        images.level("exam").ifPresent(exam -> lines.add(String.format(Locale.ROOT, "  per exam, %d test exams: AUC"
                + " %.3f (95%% CI %.3f-%.3f)", exam.cases(), exam.auroc(), exam.aurocInterval().low(),
                exam.aurocInterval().high())));
        images.calibration().ifPresent(c -> lines.add(String.format(Locale.ROOT, "  calibrated (%s, on the validation"
                + " images): expected calibration error %.3f -> %.3f on the test images", c.method(), c.eceBefore(),
                c.eceAfter())));
        for (OperatingPointMetrics point : images.operatingPoints()) {
            lines.add(String.format(Locale.ROOT, "  at %s (threshold %.3f chosen on validation exams): test sensitivity"
                    + " %.3f, specificity %.3f, recall rate %.3f", point.point().target(), point.point().threshold(),
                    point.sensitivity().value(), point.specificity().value(), point.recallRate().value()));
        }
        lines.add("ROC curve:       " + root.resolve("whole-run/evaluation-test/roc.png"));
        lines.add("reliability:     " + root.resolve("whole-run/evaluation-test/reliability.png"));
        lines.add("training curves: " + root.resolve("patch-run/curve.png") + ", " + root.resolve("whole-run/curve.png"));
        lines.add("heatmap:         " + heatmap);
        lines.add("reports:         " + root.resolve("whole-run/evaluation-test/evaluation.md"));
        return String.join("\n", lines);
    }

    private static String minutes(Duration time) {
        return time.toMinutes() + " min " + time.toSecondsPart() + " s";
    }

    private static String q(Path path) {
        return "'" + path + "'";
    }

    /** The dashboard's address on the HTTP runtime's first endpoint, if the runtime has one. */
    private Optional<String> dashboard() {
        Map<String, Object> runtime = http;
        Object endpoints = runtime == null ? null : runtime.get(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT);
        // the endpoint property is a String, a String[] or a Collection of them (the Servlet Whiteboard spec)
        if (endpoints instanceof String[] all) {
            endpoints = List.of(all);
        }
        if (endpoints instanceof java.util.Collection<?> all) {
            endpoints = all.isEmpty() ? null : all.iterator().next();
        }
        return Optional.ofNullable(endpoints).map(String::valueOf).map(e -> (e.endsWith("/") ? e : e + "/") + "mammoflow/");
    }
}
