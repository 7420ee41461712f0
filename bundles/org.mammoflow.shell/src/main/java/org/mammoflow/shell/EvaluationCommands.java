package org.mammoflow.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.evaluation.BreastPrediction;
import org.mammoflow.api.evaluation.Evaluation;
import org.mammoflow.api.evaluation.Evaluator;
import org.mammoflow.api.evaluation.ImagePrediction;
import org.mammoflow.api.evaluation.Prediction;
import org.mammoflow.api.evaluation.PredictionReport;
import org.mammoflow.api.evaluation.Predictor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Evaluating, predicting with and looking into trained models. */
@Component(service = EvaluationCommands.class, property = {
        "osgi.command.scope=mammo",
        "osgi.command.function=evaluate",
        "osgi.command.function=predict",
        "osgi.command.function=heatmap" })
public class EvaluationCommands {

    private final Predictor predictor;
    private final Evaluator evaluator;
    private final SparkJobs spark;

    @Activate
    public EvaluationCommands(@Reference Predictor predictor, @Reference Evaluator evaluator,
            @Reference SparkJobs spark) {
        this.predictor = predictor;
        this.evaluator = evaluator;
        this.spark = spark;
    }

    @Descriptor("evaluate a checkpoint, or an ensemble of several (their probabilities averaged), on a split: AUC with"
            + " its 95% bootstrap interval (2 classes), accuracy, sensitivity, specificity, confusion matrix; writes"
            + " evaluation.json, evaluation.md and roc.png")
    public String evaluate(
            @Descriptor("split: test, validation or train") @Parameter(names = { "--split" }, absentValue = "test") String split,
            @Descriptor("average over the image and its flips (test-time augmentation)") @Parameter(names = { "--flips" }, presentValue = "true", absentValue = "false") boolean flips,
            @Descriptor("report folder (default: the first checkpoint's folder, evaluation-SPLIT)") @Parameter(names = { "-o", "--output" }, absentValue = "") String output,
            @Descriptor("checkpoints (.npz) of mammo:train-patch or mammo:train-whole, then the patch dataset (patches.csv)"
                    + " or preprocessed image dataset (dataset.csv)") String... arguments) throws IOException {
        if (arguments.length < 2) {
            throw new IllegalArgumentException("give one or more checkpoints (.npz) and a dataset folder");
        }
        List<Path> models = Arrays.stream(arguments, 0, arguments.length - 1).map(a -> Path.of(a).toAbsolutePath()).toList();
        Split which = Split.valueOf(split.toUpperCase(Locale.ROOT));
        Path reports = output.isEmpty() ? models.get(0).getParent().resolve("evaluation-" + split) : Path.of(output);
        List<Prediction> predictions = predictor.predict(models, Path.of(arguments[arguments.length - 1]), which, flips);
        return summary(evaluator.evaluate(predictions, reports));
    }

    @Descriptor("the probability of malignancy of each mammogram (PNG or DICOM, raw or preprocessed; folders walked),"
            + " averaged over the whole-image checkpoints given (an ensemble), and per breast the largest over its views")
    public String predict(
            @Descriptor("average over the image and its flips") @Parameter(names = { "--flips" }, presentValue = "true", absentValue = "false") boolean flips,
            @Descriptor("write the predictions to this CSV file (kind, file, patient, laterality, view, malignant); with"
                    + " --spark, the folder for images, breasts and exams (.csv and .parquet)") @Parameter(names = { "-o", "--output" }, absentValue = "") String output,
            @Descriptor("run on Apache Spark instead, as a child process: local[N], local[*] or a cluster's master URL"
                    + " (spark://HOST:7077, k8s://...)") @Parameter(names = { "--spark" }, absentValue = "") String master,
            @Descriptor("whole-image checkpoints (.npz) of mammo:train-whole, then images or folders (with --spark, also"
                    + " manifests: .csv or .parquet)") String... arguments) throws IOException, InterruptedException {
        if (!master.isEmpty()) {
            List<String> job = new ArrayList<>(List.of("predict", "-o", output));
            if (flips) {
                job.add("--flips");
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
        Progress progress = new Progress("predict", 0, System.out);
        PredictionReport report = predictor.predictImages(models, inputs, flips,
                output.isEmpty() ? Optional.empty() : Optional.of(Path.of(output)), (done, total) -> progress.step(total));
        List<String> lines = new ArrayList<>();
        for (ImagePrediction image : report.images()) {
            lines.add(String.format(Locale.ROOT, "%s: malignant %.3f", image.file(), image.malignant()));
        }
        for (BreastPrediction breast : report.breasts()) {
            lines.add(String.format(Locale.ROOT, "patient %s breast %s (%s): malignant %.3f", breast.patientId(),
                    breast.laterality(), String.join("+", breast.views()), breast.malignant()));
        }
        report.csv().ifPresent(csv -> lines.add("wrote " + csv));
        return String.join("\n", lines);
    }

    private static boolean isCheckpoint(String argument) {
        return argument.toLowerCase(Locale.ROOT).endsWith(".npz");
    }

    @Descriptor("write a heatmap PNG: the patch classifier's lesion probability slid over a mammogram")
    public String heatmap(
            @Descriptor("pixels between patch positions") @Parameter(names = { "--stride" }, absentValue = "56") int stride,
            @Descriptor("output PNG (default: IMAGE-heatmap.png beside the checkpoint)") @Parameter(names = { "-o", "--output" }, absentValue = "") String output,
            @Descriptor("patch classifier checkpoint (.npz) of mammo:train-patch") String checkpoint,
            @Descriptor("mammogram (PNG or DICOM; a raw one is preprocessed as the checkpoint's training data was)") String image) throws IOException {
        Path model = Path.of(checkpoint).toAbsolutePath();
        String name = Path.of(image).getFileName().toString().replaceFirst("\\.(png|dcm|dicom)$", "");
        Path target = output.isEmpty() ? model.getParent().resolve(name + "-heatmap.png") : Path.of(output);
        return "heatmap written to " + predictor.heatmap(model, Path.of(image), target, stride);
    }

    private static String summary(Evaluation e) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "cases %d, accuracy %.3f%n", e.samples(), e.accuracy()));
        if (!Double.isNaN(e.auc())) {
            out.append(String.format(Locale.ROOT, "AUC %.3f (95%% CI %.3f-%.3f), sensitivity %.3f, specificity %.3f%n",
                    e.auc(), e.aucInterval().low(), e.aucInterval().high(), e.sensitivity(), e.specificity()));
        }
        out.append("accuracy per class:");
        for (int c = 0; c < e.classAccuracy().length; c++) {
            out.append(String.format(Locale.ROOT, " %d=%.3f", c, e.classAccuracy()[c]));
        }
        out.append("\nreports: ").append(e.reports());
        return out.toString();
    }
}
