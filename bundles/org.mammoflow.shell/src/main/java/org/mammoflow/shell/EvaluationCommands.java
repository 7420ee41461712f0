package org.mammoflow.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.dataset.DatasetWriter;
import org.mammoflow.api.evaluation.Calibration;
import org.mammoflow.api.evaluation.Calibrator;
import org.mammoflow.api.evaluation.Evaluation;
import org.mammoflow.api.evaluation.Evaluator;
import org.mammoflow.api.evaluation.OperatingPoint;
import org.mammoflow.api.evaluation.PredictionReport;
import org.mammoflow.api.evaluation.Predictor;
import org.mammoflow.api.evaluation.ScreeningEvaluator;
import org.mammoflow.api.evaluation.ViewCombination;
import org.mammoflow.api.network.Precision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Evaluating, predicting with and looking into trained models. */
@Component(service = EvaluationCommands.class, property = {
        "osgi.command.scope=mammo",
        "osgi.command.function=evaluate",
        "osgi.command.function=calibrate",
        "osgi.command.function=predict",
        "osgi.command.function=heatmap" })
public class EvaluationCommands {

    private final Predictor predictor;
    private final Evaluator evaluator;
    private final ScreeningEvaluator screening;
    private final Calibrator calibrator;
    private final SparkJobs spark;

    @Activate
    public EvaluationCommands(@Reference Predictor predictor, @Reference Evaluator evaluator,
            @Reference ScreeningEvaluator screening, @Reference Calibrator calibrator, @Reference SparkJobs spark) {
        this.predictor = predictor;
        this.evaluator = evaluator;
        this.screening = screening;
        this.calibrator = calibrator;
        this.spark = spark;
    }

    @Descriptor("evaluate a checkpoint, or an ensemble of several (their probabilities averaged), on a split: AUC with"
            + " its 95% bootstrap interval, accuracy, confusion matrix; for a whole-image model also per breast and per"
            + " exam, the calibration's figures and the operating points asked for; writes evaluation.json,"
            + " evaluation.md, roc.png (and reliability.png, exams.csv)")
    public String evaluate(
            @Descriptor("split: test, validation or train (patch classifiers; a whole-image model is evaluated on test)") @Parameter(names = { "--split" }, absentValue = "test") String split,
            @Descriptor("average over the image and its flips (test-time augmentation)") @Parameter(names = { "--flips" }, presentValue = "true", absentValue = "false") boolean flips,
            @Descriptor("how a breast's views are combined: max (the paper's rule) or mean") @Parameter(names = { "--views" }, absentValue = "max") String views,
            @Descriptor("sensitivities (comma-separated) whose threshold is chosen on the validation exams and applied to"
                    + " the test exams") @Parameter(names = { "--at-sensitivity" }, absentValue = "") String sensitivities,
            @Descriptor("specificities (comma-separated), likewise") @Parameter(names = { "--at-specificity" }, absentValue = "") String specificities,
            @Descriptor("report folder (default: the first checkpoint's folder, evaluation-SPLIT)") @Parameter(names = { "-o", "--output" }, absentValue = "") String output,
            @Descriptor("what the networks compute in: fp32 or bf16 (default: the backend's inferencePrecision)") @Parameter(names = { "--precision" }, absentValue = "") String precision,
            @Descriptor("checkpoints (.npz) of mammo:train-patch or mammo:train-whole, then the patch dataset (patches.csv)"
                    + " or preprocessed image dataset (dataset.csv)") String... arguments) throws IOException {
        ScreeningEvaluator.Model model = model(arguments, flips, views, precision);
        Split which = Split.valueOf(split.toUpperCase(Locale.ROOT));
        Path reports = output.isEmpty() ? model.checkpoints().get(0).getParent().resolve("evaluation-" + split)
                : Path.of(output);
        List<OperatingPoint.Target> targets = new ArrayList<>(targets(OperatingPoint.Criterion.SENSITIVITY, sensitivities));
        targets.addAll(targets(OperatingPoint.Criterion.SPECIFICITY, specificities));
        if (Files.isRegularFile(model.data().resolve(DatasetWriter.MANIFEST)) && which == Split.TEST) {
            return EvaluationSummary.of(screening.evaluate(model, targets, reports));
        }
        if (!targets.isEmpty()) {
            throw new IllegalArgumentException("operating points are for a whole-image model on an image dataset's test"
                    + " split (dataset.csv)");
        }
        return EvaluationSummary.of(evaluator.evaluate(computing(precision).predict(model.checkpoints(), model.data(),
                which, flips), reports));
    }

    @Descriptor("fit a calibration map (Platt scaling or isotonic regression) of a whole-image checkpoint's (or an"
            + " ensemble's) scores on the validation split, and named operating points on its exams; store them beside"
            + " the checkpoint (NAME.calibration.properties), then report the test split before and after")
    public String calibrate(
            @Descriptor("platt or isotonic") @Parameter(names = { "--method" }, absentValue = "platt") String method,
            @Descriptor("average over the image and its flips") @Parameter(names = { "--flips" }, presentValue = "true", absentValue = "false") boolean flips,
            @Descriptor("how a breast's views are combined: max or mean") @Parameter(names = { "--views" }, absentValue = "max") String views,
            @Descriptor("operating points to store, comma-separated NAME=sensitivity:V or NAME=specificity:V (mammo:predict"
                    + " then adds a recall_NAME column per exam)") @Parameter(names = { "--operating-point" }, absentValue = "") String points,
            @Descriptor("report folder (default: the first checkpoint's folder, evaluation-test)") @Parameter(names = { "-o", "--output" }, absentValue = "") String output,
            @Descriptor("what the networks compute in: fp32 or bf16 (default: the backend's inferencePrecision)") @Parameter(names = { "--precision" }, absentValue = "") String precision,
            @Descriptor("whole-image checkpoints (.npz), then the preprocessed image dataset (dataset.csv)") String... arguments)
            throws IOException {
        ScreeningEvaluator.Model model = model(arguments, flips, views, precision);
        Path reports = output.isEmpty() ? model.checkpoints().get(0).getParent().resolve("evaluation-test") : Path.of(output);
        Evaluation evaluation = screening.calibrate(model, Calibration.Method.parse(method), namedTargets(points), reports);
        return "calibration stored: " + calibrator.read(model.checkpoints()).map(c -> c.calibration().method().name()
                .toLowerCase(Locale.ROOT) + ", fitted on " + c.images() + " validation images, " + c.exams() + " exams")
                .orElseThrow() + "\n" + EvaluationSummary.of(evaluation);
    }

    /** The predictor computing in the precision an option names; the backend's inference precision without one. */
    private Predictor computing(String precision) {
        return precision.isEmpty() ? predictor : predictor.computing(Precision.parse(precision));
    }

    private static ScreeningEvaluator.Model model(String[] arguments, boolean flips, String views, String precision) {
        if (arguments.length < 2) {
            throw new IllegalArgumentException("give one or more checkpoints (.npz) and a dataset folder");
        }
        List<Path> models = Arrays.stream(arguments, 0, arguments.length - 1).map(a -> Path.of(a).toAbsolutePath()).toList();
        return new ScreeningEvaluator.Model(models, Path.of(arguments[arguments.length - 1]), flips,
                ViewCombination.parse(views), precision.isEmpty() ? Optional.empty() : Optional.of(Precision.parse(precision)));
    }

    private static List<OperatingPoint.Target> targets(OperatingPoint.Criterion criterion, String values) {
        return Arrays.stream(values.split(",")).map(String::strip).filter(v -> !v.isEmpty())
                .map(v -> OperatingPoint.Target.parse(criterion.label + ":" + v)).toList();
    }

    /** {@code screen=sensitivity:0.9,spare=specificity:0.95} by name, in order. */
    private static Map<String, OperatingPoint.Target> namedTargets(String text) {
        Map<String, OperatingPoint.Target> targets = new LinkedHashMap<>();
        for (String item : text.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String[] parts = item.split("=", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("--operating-point '" + item + "' is not NAME=sensitivity:V or"
                        + " NAME=specificity:V");
            }
            targets.put(parts[0].strip(), OperatingPoint.Target.parse(parts[1]));
        }
        return targets;
    }

    @Descriptor("the probability of malignancy of each mammogram (PNG or DICOM, raw or preprocessed; folders walked, a"
            + " CBIS-DDSM tree or dataset.csv folder read as its importer does), averaged over the whole-image"
            + " checkpoints given (an ensemble); per breast its views combined, per exam its higher breast; with a"
            + " stored calibration also the calibrated probability and each operating point's recall decision")
    public String predict(
            @Descriptor("average over the image and its flips") @Parameter(names = { "--flips" }, presentValue = "true", absentValue = "false") boolean flips,
            @Descriptor("how a breast's views are combined: max (the paper's rule) or mean") @Parameter(names = { "--views" }, absentValue = "max") String views,
            @Descriptor("fail unless the checkpoints have a stored calibration (mammo:calibrate)") @Parameter(names = { "--calibrated" }, presentValue = "true", absentValue = "false") boolean calibrated,
            @Descriptor("write the predictions to this CSV file (kind, file, patient, exam, laterality, view, images,"
                    + " missing_views, malignant, probability, recall_NAME...); with --spark, the folder for images,"
                    + " breasts and exams (.csv and .parquet)") @Parameter(names = { "-o", "--output" }, absentValue = "") String output,
            @Descriptor("run on Apache Spark instead, as a child process: local[N], local[*] or a cluster's master URL"
                    + " (spark://HOST:7077, k8s://...)") @Parameter(names = { "--spark" }, absentValue = "") String master,
            @Descriptor("what the networks compute in: fp32 or bf16 (default: the backend's inferencePrecision)") @Parameter(names = { "--precision" }, absentValue = "") String precision,
            @Descriptor("whole-image checkpoints (.npz) of mammo:train-whole, then images or folders (with --spark, also"
                    + " manifests: .csv or .parquet)") String... arguments) throws IOException, InterruptedException {
        if (!master.isEmpty()) {
            List<String> job = new ArrayList<>(List.of("predict", "-o", output));
            if (flips) {
                job.add("--flips");
            }
            if (!precision.isEmpty()) {
                job.addAll(List.of("--precision", Precision.parse(precision).label()));
            }
            job.addAll(Arrays.asList(arguments));
            if (output.isEmpty()) {
                throw new IllegalArgumentException("with --spark, name the output folder with -o FOLDER");
            }
            spark.run(master, job, System.out, System.err);
            return "wrote " + Path.of(output).toAbsolutePath();
        }
        List<Path> models = Arrays.stream(arguments).filter(EvaluationCommands::isCheckpoint).map(Path::of).toList();
        List<Path> inputs = Arrays.stream(arguments).filter(a -> !isCheckpoint(a)).map(Path::of).toList();
        if (models.isEmpty() || inputs.isEmpty()) {
            throw new IllegalArgumentException("give one or more whole-image checkpoints (.npz) and images or folders");
        }
        if (calibrated && calibrator.read(models).isEmpty()) {
            throw new IllegalArgumentException(models.get(0) + " has no calibration: run mammo:calibrate "
                    + String.join(" ", models.stream().map(Path::toString).toList()) + " DATASET first");
        }
        Progress progress = new Progress("predict", 0, System.out);
        PredictionReport report = computing(precision).predictImages(models, inputs, flips, ViewCombination.parse(views),
                output.isEmpty() ? Optional.empty() : Optional.of(Path.of(output)), (done, total) -> progress.step(total));
        return PredictionSummary.of(report);
    }

    private static boolean isCheckpoint(String argument) {
        return argument.toLowerCase(Locale.ROOT).endsWith(".npz");
    }

    @Descriptor("write a heatmap PNG: the patch classifier's lesion probability slid over a mammogram")
    public String heatmap(
            @Descriptor("pixels between patch positions") @Parameter(names = { "--stride" }, absentValue = "56") int stride,
            @Descriptor("output PNG (default: IMAGE-heatmap.png beside the checkpoint)") @Parameter(names = { "-o", "--output" }, absentValue = "") String output,
            @Descriptor("what the networks compute in: fp32 or bf16 (default: the backend's inferencePrecision)") @Parameter(names = { "--precision" }, absentValue = "") String precision,
            @Descriptor("patch classifier checkpoint (.npz) of mammo:train-patch") String checkpoint,
            @Descriptor("mammogram (PNG or DICOM; a raw one is preprocessed as the checkpoint's training data was)") String image) throws IOException {
        Path model = Path.of(checkpoint).toAbsolutePath();
        String name = Path.of(image).getFileName().toString().replaceFirst("\\.(png|dcm|dicom)$", "");
        Path target = output.isEmpty() ? model.getParent().resolve(name + "-heatmap.png") : Path.of(output);
        return "heatmap written to " + computing(precision).heatmap(model, Path.of(image), target, stride);
    }
}
