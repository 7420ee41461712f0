package org.mammoflow.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.evaluation.Evaluation;
import org.mammoflow.api.evaluation.Evaluator;
import org.mammoflow.api.evaluation.Prediction;
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

    @Activate
    public EvaluationCommands(@Reference Predictor predictor, @Reference Evaluator evaluator) {
        this.predictor = predictor;
        this.evaluator = evaluator;
    }

    @Descriptor("evaluate a checkpoint on a split: AUC with its 95% bootstrap interval (2 classes), accuracy,"
            + " sensitivity, specificity, confusion matrix; writes evaluation.json, evaluation.md and roc.png")
    public String evaluate(
            @Descriptor("split: test, validation or train") @Parameter(names = { "--split" }, absentValue = "test") String split,
            @Descriptor("average over the image and its flips (test-time augmentation)") @Parameter(names = { "--flips" }, presentValue = "true", absentValue = "false") boolean flips,
            @Descriptor("report folder (default: the checkpoint's folder, evaluation-SPLIT)") @Parameter(names = { "-o", "--output" }, absentValue = "") String output,
            @Descriptor("checkpoint (.npz) of mammo:train-patch or mammo:train-whole") String checkpoint,
            @Descriptor("patch dataset (patches.csv) or preprocessed image dataset (dataset.csv)") String data) throws IOException {
        Path model = Path.of(checkpoint).toAbsolutePath();
        Split which = Split.valueOf(split.toUpperCase(Locale.ROOT));
        Path reports = output.isEmpty() ? model.getParent().resolve("evaluation-" + split) : Path.of(output);
        List<Prediction> predictions = predictor.predict(model, Path.of(data), which, flips);
        return summary(evaluator.evaluate(predictions, reports));
    }

    @Descriptor("print the malignancy probability of each image (preprocessed to the model's input size)")
    public String predict(
            @Descriptor("average over the image and its flips") @Parameter(names = { "--flips" }, presentValue = "true", absentValue = "false") boolean flips,
            @Descriptor("whole-image checkpoint (.npz) of mammo:train-whole") String checkpoint,
            @Descriptor("PNG images") String... images) throws IOException {
        List<float[]> probabilities = predictor.predict(Path.of(checkpoint),
                java.util.Arrays.stream(images).map(Path::of).toList(), flips);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < images.length; i++) {
            float[] p = probabilities.get(i);
            lines.add(p.length == 2 ? String.format(Locale.ROOT, "%s: malignant %.3f", images[i], p[1])
                    : String.format(Locale.ROOT, "%s: %s", images[i], java.util.Arrays.toString(p)));
        }
        return String.join("\n", lines);
    }

    @Descriptor("write a heatmap PNG: the patch classifier's lesion probability slid over a mammogram")
    public String heatmap(
            @Descriptor("pixels between patch positions") @Parameter(names = { "--stride" }, absentValue = "56") int stride,
            @Descriptor("output PNG (default: IMAGE-heatmap.png beside the checkpoint)") @Parameter(names = { "-o", "--output" }, absentValue = "") String output,
            @Descriptor("patch classifier checkpoint (.npz) of mammo:train-patch") String checkpoint,
            @Descriptor("preprocessed mammogram (PNG)") String image) throws IOException {
        Path model = Path.of(checkpoint).toAbsolutePath();
        String name = Path.of(image).getFileName().toString().replaceFirst("\\.png$", "");
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
