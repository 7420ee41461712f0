package org.mammoflow.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.mammoflow.api.dataset.Dataset;
import org.mammoflow.api.dataset.DatasetImporter;
import org.mammoflow.api.dataset.DatasetPreprocessor;
import org.mammoflow.api.dataset.DatasetSynthesizer;
import org.mammoflow.api.dataset.DatasetWriter;
import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.ImportReport;
import org.mammoflow.api.dataset.Skipped;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.dataset.SynthesisSpec;
import org.mammoflow.api.image.PngConverter;
import org.mammoflow.api.image.PreprocessingSettings;
import org.mammoflow.api.sampling.PatchClass;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code mammo:synth}, {@code mammo:import}, {@code mammo:preprocess}, {@code mammo:convert}:
 * datasets from files to network input.
 */
@Component(service = DatasetCommands.class, property = {
        "osgi.command.scope=mammo",
        "osgi.command.function=synth",
        "osgi.command.function=import",
        "osgi.command.function=preprocess",
        "osgi.command.function=convert" })
public class DatasetCommands {

    private final DatasetSynthesizer synthesizer;
    private final DatasetWriter writer;
    private final DatasetPreprocessor preprocessing;
    private final PngConverter converter;
    private final SparkJobs spark;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<Map.Entry<Map<String, Object>, DatasetImporter>> importers;

    @Activate
    public DatasetCommands(@Reference DatasetSynthesizer synthesizer, @Reference DatasetWriter writer,
            @Reference DatasetPreprocessor preprocessing, @Reference PngConverter converter, @Reference SparkJobs spark) {
        this.synthesizer = synthesizer;
        this.writer = writer;
        this.preprocessing = preprocessing;
        this.converter = converter;
        this.spark = spark;
    }

    @Descriptor("write a synthetic CBIS-DDSM-shaped dataset (16-bit PNGs, ROI masks, the four CSVs)")
    public String synth(
            @Descriptor("number of patients") @Parameter(names = { "-p", "--patients" }, absentValue = "40") int patients,
            @Descriptor("image width in pixels") @Parameter(names = { "--width" }, absentValue = "896") int width,
            @Descriptor("image height in pixels") @Parameter(names = { "--height" }, absentValue = "1152") int height,
            @Descriptor("random seed: the same seed writes the same dataset") @Parameter(names = { "-s", "--seed" }, absentValue = "1") long seed,
            @Descriptor("folder to write the dataset into") String folder) throws IOException {
        long start = System.nanoTime();
        int images = synthesizer.write(Path.of(folder), new SynthesisSpec(patients, width, height, seed));
        return String.format(Locale.ROOT, "wrote %d images of %d patients (%d x %d) to %s in %.1f s", images, patients,
                width, height, Path.of(folder).toAbsolutePath(), seconds(start));
    }

    @Descriptor("import a dataset and write its plain form (dataset.csv) into its folder")
    public String _import( // gogo maps the command 'import' to '_import', import being a Java keyword
            @Descriptor("dataset format: cbis-ddsm, folder or nyu-metarepository (an exam list, data.pkl)") @Parameter(names = { "-f", "--format" }, absentValue = "cbis-ddsm") String format,
            @Descriptor("share of training patients moved to validation") @Parameter(names = { "-v", "--validation" }, absentValue = "0.1") double validation,
            @Descriptor("seed of the validation draw") @Parameter(names = { "-s", "--seed" }, absentValue = "42") long seed,
            @Descriptor("the dataset's root folder") String folder) throws IOException {
        ImportReport report = importer(format).importFrom(Path.of(folder), new ImportOptions(validation, seed));
        Path manifest = writer.write(report.dataset());
        return summary(report.dataset()) + skipped(report.skipped()) + "\nwrote " + manifest;
    }

    @Descriptor("convert DICOM files, and those below folders, to 16-bit PNGs named after each file's stem")
    public String convert(
            @Descriptor("folder for the PNGs (default: beside each file)") @Parameter(names = { "-o", "--output" }, absentValue = "") String output,
            @Descriptor("DICOM files or folders") String... inputs) throws IOException {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("give at least one DICOM file or folder");
        }
        List<Path> paths = Arrays.stream(inputs).map(Path::of).toList();
        PrintStream out = System.out;
        List<PngConverter.Conversion> done = converter.convert(paths, output.isEmpty() ? null : Path.of(output),
                c -> out.println(c.succeeded() ? c.source() + " -> " + c.target() : "FAILED " + c.source() + ": " + c.problem()));
        long failed = done.stream().filter(c -> !c.succeeded()).count();
        String summary = "converted " + (done.size() - failed) + " of " + done.size() + " files";
        if (failed > 0) {
            throw new IOException(summary + "; " + failed + " failed (named above)");
        }
        return summary;
    }

    @Descriptor("segment and resize every image of a dataset (its dataset.csv) into a new dataset folder")
    public String preprocess(
            @Descriptor("output height in pixels (default: the configured one, 1152)") @Parameter(names = { "--height" }, absentValue = "0") int height,
            @Descriptor("output width in pixels (default: the configured one, 896)") @Parameter(names = { "--width" }, absentValue = "0") int width,
            @Descriptor("run on Apache Spark instead, as a child process: local[N], local[*] or a cluster's master URL"
                    + " (spark://HOST:7077, k8s://...)") @Parameter(names = { "--spark" }, absentValue = "") String master,
            @Descriptor("dataset folder holding dataset.csv (see mammo:import)") String input,
            @Descriptor("folder for the preprocessed dataset (outside the input)") String output)
            throws IOException, InterruptedException {
        if (!master.isEmpty()) {
            List<String> job = new ArrayList<>(List.of("preprocess"));
            if (height > 0 || width > 0) {
                job.addAll(List.of("--height", String.valueOf(height), "--width", String.valueOf(width)));
            }
            job.addAll(List.of(input, output));
            spark.run(master, job, System.out, System.err);
            return "wrote " + Path.of(output).toAbsolutePath();
        }
        Progress progress = new Progress("preprocess", 0, System.out);
        ImportReport report = preprocessing.preprocess(Path.of(input), Path.of(output), height, width,
                (done, total) -> progress.step(total));
        Path root = report.dataset().root();
        return summary(report.dataset()) + skipped(report.skipped()) + "\nwrote " + root.resolve("dataset.csv")
                + " and " + root.resolve(PreprocessingSettings.FILE);
    }

    private DatasetImporter importer(String format) {
        List<String> known = new ArrayList<>();
        for (Map.Entry<Map<String, Object>, DatasetImporter> entry : importers) {
            Object name = entry.getKey().get(DatasetImporter.FORMAT);
            if (format.equals(name)) {
                return entry.getValue();
            }
            known.add(String.valueOf(name));
        }
        throw new IllegalArgumentException("no importer for format '" + format + "' (available: " + known + ")");
    }

    /** Images, patients and abnormalities per split, and abnormalities per patch class. */
    static String summary(Dataset dataset) {
        StringBuilder out = new StringBuilder();
        for (Split split : Split.values()) {
            List<ImageRecord> images = dataset.images(split);
            long patients = images.stream().map(ImageRecord::patientId).distinct().count();
            long malignant = images.stream().filter(ImageRecord::malignant).count();
            Map<PatchClass, Integer> classes = new EnumMap<>(PatchClass.class);
            images.forEach(image -> image.abnormalities().forEach(
                    a -> classes.merge(PatchClass.of(a.type(), a.pathology()), 1, Integer::sum)));
            out.append(String.format(Locale.ROOT, "%-10s %4d images (%d malignant) of %d patients; abnormalities %s%n",
                    split.name().toLowerCase(Locale.ROOT), images.size(), malignant, patients, new TreeMap<>(classes)));
        }
        return out.toString().stripTrailing();
    }

    private static String skipped(List<Skipped> skipped) {
        if (skipped.isEmpty()) {
            return "\nskipped nothing";
        }
        StringBuilder out = new StringBuilder("\nskipped " + skipped.size() + ":");
        skipped.forEach(s -> out.append("\n  ").append(s));
        return out.toString();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
