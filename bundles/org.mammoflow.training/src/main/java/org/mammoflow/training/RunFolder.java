package org.mammoflow.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.network.Precision;
import org.mammoflow.api.training.Schedule;
import org.mammoflow.api.training.Stage;
import org.mammoflow.api.training.TrainingRequest;
import org.mammoflow.files.AtomicFiles;
import org.mammoflow.files.CsvTable;

/**
 * A run's folder: {@code run.properties} (the request, to resume it), {@code metrics.csv} (one row
 * per epoch), {@code curve.png}, {@code train.log}, {@code checkpoints/stageS-epochEEE.npz} and
 * {@code best.npz} (best validation accuracy). Every file but the log is replaced atomically.
 */
final class RunFolder {


    private static final Pattern CHECKPOINT = Pattern.compile("stage(\\d+)-epoch(\\d+)\\.npz");

    private static final String RUN_PROPERTIES = "run.properties";

    private final Path dir;

    RunFolder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    Path checkpoint(int stage, int epoch) {
        return dir.resolve("checkpoints").resolve(String.format(Locale.ROOT, "stage%d-epoch%03d.npz", stage, epoch));
    }

    Path best() {
        return dir.resolve("best.npz");
    }

    Path metrics() {
        return dir.resolve("metrics.csv");
    }

    Path curve() {
        return dir.resolve("curve.png");
    }

    Path log() {
        return dir.resolve("train.log");
    }

    /** Checkpoint files, latest (stage, epoch) first; whether each is complete is the backend's call. */
    List<Path> checkpointsLatestFirst() throws IOException {
        Path folder = dir.resolve("checkpoints");
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "stage*-epoch*.npz")) {
                files.forEach(found::add);
            }
        }
        found.sort(Comparator.comparing(RunFolder::position).reversed());
        return found;
    }

    /** Deletes all but the {@code keep} latest epoch checkpoints (after a new one is complete). */
    void keepLatestCheckpoints(int keep) throws IOException {
        List<Path> checkpoints = checkpointsLatestFirst();
        for (Path old : checkpoints.subList(Math.min(Math.max(1, keep), checkpoints.size()), checkpoints.size())) {
            Files.deleteIfExists(old);
            Files.deleteIfExists(old.resolveSibling(old.getFileName().toString().replaceFirst("\\.npz$", ".json")));
        }
    }

    static int[] stageAndEpoch(Path checkpoint) {
        Matcher m = CHECKPOINT.matcher(checkpoint.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a checkpoint name: " + checkpoint);
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private static long position(Path checkpoint) {
        int[] se = stageAndEpoch(checkpoint);
        return se[0] * 1_000_000L + se[1];
    }

    // ---- the request

    /** The run as it begins: the request and the settings that change its numbers, in run.properties. */
    void writeRequest(TrainingRequest request, RunSettings settings) throws IOException {
        Properties p = new Properties();
        p.setProperty("data", request.data().toAbsolutePath().toString());
        p.setProperty("architecture", request.network().architecture());
        p.setProperty("classes", String.valueOf(request.network().classes()));
        p.setProperty("height", String.valueOf(request.network().height()));
        p.setProperty("width", String.valueOf(request.network().width()));
        p.setProperty("seed", String.valueOf(request.seed()));
        request.initialWeights().ifPresent(w -> p.setProperty("weights", w.toAbsolutePath().toString()));
        p.setProperty("schedule", request.schedule().name());
        p.setProperty("wholeImage", String.valueOf(request.wholeImage()));
        request.precision().ifPresent(precision -> p.setProperty("precision", precision.label()));
        settings.writeTo(p);
        List<Stage> stages = request.schedule().stages();
        p.setProperty("stages", String.valueOf(stages.size()));
        for (int i = 0; i < stages.size(); i++) {
            Stage s = stages.get(i);
            String k = "stage." + (i + 1) + ".";
            p.setProperty(k + "name", s.name());
            p.setProperty(k + "trainable", String.join(",", s.trainable()));
            p.setProperty(k + "learningRate", String.valueOf(s.learningRate()));
            p.setProperty(k + "decay", s.decay().name());
            p.setProperty(k + "weightDecay", String.valueOf(s.weightDecay()));
            p.setProperty(k + "epochs", String.valueOf(s.epochs()));
            p.setProperty(k + "batchSize", String.valueOf(s.batchSize()));
        }
        Files.createDirectories(dir);
        replace(dir.resolve(RUN_PROPERTIES), out -> p.store(out, "Mammoflow training run"));
    }

    /** A run as run.properties records it: what to train, and the settings that change its numbers. */
    record Recorded(TrainingRequest request, RunSettings settings) {
    }

    /** The run, run.properties read once; {@code unrecorded} settings for a run begun before they were recorded. */
    Recorded read(RunSettings unrecorded) throws IOException {
        Map<String, String> p = readProperties();
        return new Recorded(request(p), settings(p, unrecorded));
    }

    /** The request run.properties records. */
    TrainingRequest readRequest() throws IOException {
        return request(readProperties());
    }

    private TrainingRequest request(Map<String, String> p) throws IOException {
        try {
            List<Stage> stages = new ArrayList<>();
            for (int i = 1; i <= Integer.parseInt(p.get("stages")); i++) {
                String k = "stage." + i + ".";
                String trainable = p.getOrDefault(k + "trainable", "");
                stages.add(new Stage(p.get(k + "name"),
                        trainable.isEmpty() ? List.of() : Arrays.asList(trainable.split(",")),
                        Double.parseDouble(p.get(k + "learningRate")),
                        Stage.Decay.valueOf(p.getOrDefault(k + "decay", Stage.Decay.CONSTANT.name())),
                        Double.parseDouble(p.get(k + "weightDecay")),
                        Integer.parseInt(p.get(k + "epochs")), Integer.parseInt(p.get(k + "batchSize"))));
            }
            NetworkSpec spec = new NetworkSpec(p.get("architecture"), Integer.parseInt(p.get("classes")),
                    Integer.parseInt(p.get("height")), Integer.parseInt(p.get("width")));
            Schedule schedule = new Schedule(p.getOrDefault("schedule", "patch"), stages);
            // a run begun before the field was recorded: whole-image runs had the whole-image schedule
            boolean wholeImage = Boolean.parseBoolean(p.getOrDefault("wholeImage",
                    String.valueOf(Schedule.WHOLE_IMAGE.equals(schedule.name()))));
            // a run begun before precision was recorded computed in fp32
            Precision precision = Precision.parse(p.getOrDefault("precision", Precision.FP32.label()));
            return new TrainingRequest(Path.of(p.get("data")), dir, spec, schedule,
                    Optional.ofNullable(p.get("weights")).map(Path::of), Long.parseLong(p.get("seed")),
                    wholeImage, Optional.of(precision));
        } catch (RuntimeException e) {
            throw new IOException(dir.resolve(RUN_PROPERTIES) + ": incomplete or invalid (" + e + ")", e);
        }
    }

    private RunSettings settings(Map<String, String> p, RunSettings unrecorded) throws IOException {
        try {
            return RunSettings.readFrom(p, unrecorded);
        } catch (RuntimeException e) {
            throw new IOException(dir.resolve(RUN_PROPERTIES) + ": invalid setting (" + e.getMessage() + ")", e);
        }
    }

    private Map<String, String> readProperties() throws IOException {
        return AtomicFiles.readSettings(dir.resolve(RUN_PROPERTIES)).orElseThrow(() -> new IOException(
                dir + ": not a training run (no " + RUN_PROPERTIES + ")"));
    }

    // ---- metrics

    void writeMetrics(List<EpochMetrics> rows, List<String> classNames) throws IOException {
        List<String> header = new ArrayList<>(List.of("stage", "epoch", "train_loss", "train_accuracy", "val_loss",
                "val_accuracy"));
        classNames.forEach(name -> header.add("val_accuracy_" + name));
        header.addAll(List.of("images_per_s", "data_wait_share", "seconds"));
        List<List<String>> lines = new ArrayList<>();
        for (EpochMetrics m : rows) {
            List<String> line = new ArrayList<>(List.of(Integer.toString(m.stage()), Integer.toString(m.epoch())));
            for (double v : new double[] {m.trainLoss(), m.trainAccuracy(), m.validationLoss(), m.validationAccuracy()}) {
                line.add(number(v));
            }
            for (double v : m.classAccuracy()) {
                line.add(number(v));
            }
            line.addAll(List.of(number(m.imagesPerSecond()), number(m.dataWaitShare()), number(m.seconds())));
            lines.add(line);
        }
        CsvTable.write(metrics(), header, lines);
    }

    /** The rows of metrics.csv up to and including (stage, epoch); later rows belong to lost work. */
    List<EpochMetrics> readMetrics(int stage, int epoch, int classes) throws IOException {
        List<EpochMetrics> rows = new ArrayList<>();
        if (!Files.exists(metrics())) {
            return rows;
        }
        List<String> lines = Files.readAllLines(metrics());
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length != 9 + classes) {
                continue; // a line cut short by a kill
            }
            int s = Integer.parseInt(f[0]);
            int e = Integer.parseInt(f[1]);
            if (s > stage || (s == stage && e > epoch)) {
                continue;
            }
            double[] perClass = new double[classes];
            for (int c = 0; c < classes; c++) {
                perClass[c] = Double.parseDouble(f[6 + c]);
            }
            rows.add(new EpochMetrics(s, e, d(f[2]), d(f[3]), d(f[4]), d(f[5]), perClass, d(f[6 + classes]),
                    d(f[7 + classes]), d(f[8 + classes])));
        }
        return rows;
    }

    void appendLog(String line) {
        try {
            Files.createDirectories(dir);
            Files.writeString(log(), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the log is a convenience; the job keeps its lines in memory as well
        }
    }

    static void replace(Path file, AtomicFiles.Text content) throws IOException {
        AtomicFiles.writeText(file, content);
    }

    /**
     * Every digit a double needs to be read back as the same double, so that a resumed run compares
     * its history (best checkpoint, early stopping) exactly as the uninterrupted run did.
     */
    private static String number(double v) {
        return Double.toString(v);
    }

    private static double d(String s) {
        return Double.parseDouble(s);
    }
}
