package org.mammoflow.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.mammoflow.api.evaluation.ImagePrediction;
import org.mammoflow.api.evaluation.Predictor;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.network.Precision;
import org.mammoflow.evaluation.ModelCalibrator;

import scala.Tuple2;

/**
 * {@code predict} on Spark: every image's probability of malignancy under the checkpoints (averaged as
 * an ensemble), then per breast and per exam. Executors read what each file says of patient, breast
 * and view (where no manifest says it); images are grouped by exam (only their names move), and all
 * images of one exam are scored in one task by the runtime's own {@link Predictor}.
 */
final class PredictJob {

    private static final int IMAGES_PER_TASK = 64;

    private final SparkSession spark;
    private final PredictOptions options;

    PredictJob(SparkSession spark, PredictOptions options) {
        this.spark = spark;
        this.options = options;
    }

    /** Runs the job and writes its tables into the output folder, whole or not at all. */
    void run(List<String> checkpointDigests, PrintStream out) throws IOException {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<ImageTask> images = ImageList.of(options.inputs(), spark);
        LongAccumulator done = context.sc().longAccumulator("images scored");
        int parallelism = context.defaultParallelism();
        List<String> checkpoints = options.checkpoints().stream().map(Path::toString).toList();
        boolean flips = options.flips();
        String precision = options.precision().map(Precision::label).orElse(null); // closures hold serializable values

        JavaRDD<ImageTask> described = context.parallelize(images, slices(images.size(), parallelism))
                .mapPartitions(PredictJob::describe);
        JavaRDD<ImageRow> scored = described.groupBy(ImageTask::examKey, slices(images.size(), parallelism))
                .mapPartitions(part -> score(part, checkpoints, flips, precision, done));
        List<ImageRow> rows;
        StageClock clock = new StageClock();
        spark.sparkContext().addSparkListener(clock);
        try (ProgressReport progress = ProgressReport.of(spark, "predict", images.size(), done::value, out)) {
            rows = new ArrayList<>(scored.collect());
        } finally {
            spark.sparkContext().removeSparkListener(clock);
        }
        rows.sort(Comparator.comparing(row -> row.image().file()));
        new PredictionTables(rows, String.join("+", checkpointDigests),
                new ModelCalibrator().read(options.checkpoints())).write(spark, options.output());
        long failed = rows.stream().filter(row -> !row.ok()).count();
        out.printf("scored %d images (%d without a result, see the error column) into %s%n", rows.size() - failed,
                failed, options.output());
        StageClock.Span scoring = clock.last();
        if (scoring != null && scoring.seconds() > 0) {
            out.printf(Locale.ROOT, "scoring: %d images in %.1f s on %d executors, from its first task to its last"
                    + " (%.2f images/s)%n", rows.size(), scoring.seconds(), scoring.executors().size(),
                    rows.size() / scoring.seconds());
        }
    }

    /**
     * Tasks of about {@value #IMAGES_PER_TASK} images (a minute or so on a core), and at least four per
     * core: progress is counted as tasks end, and a lost executor's tasks are redone.
     */
    static int slices(int images, int parallelism) {
        return Math.max(1, Math.min(images, Math.max(parallelism * 4, images / IMAGES_PER_TASK)));
    }

    /** What each file says of patient, breast and view; files in folders that are no images are passed over. */
    private static Iterator<ImageTask> describe(Iterator<ImageTask> tasks) throws IOException {
        ImageFiles files = ExecutorRuntime.inThisJvm().service(ImageFiles.class);
        List<ImageTask> described = new ArrayList<>();
        while (tasks.hasNext()) {
            ImageTask task = tasks.next();
            Path file = Path.of(task.file());
            try {
                if (!files.readable(file)) {
                    if (task.explicit()) {
                        described.add(task.failed(file + ": not an image this runtime reads (PNG or DICOM)"));
                    }
                    continue;
                }
                described.add(task.with(task.described() ? ImageAttributes.NONE : files.attributes(file),
                        files.identity(file)));
            } catch (IOException | RuntimeException e) {
                described.add(task.failed(message(file, e)));
            }
        }
        return described.iterator();
    }

    /** Every image of each exam, scored in this task; an image that fails is reported, the others go on. */
    private static Iterator<ImageRow> score(Iterator<Tuple2<String, Iterable<ImageTask>>> exams,
            List<String> checkpoints, boolean flips, String precision, LongAccumulator done) {
        Predictor runtime = ExecutorRuntime.inThisJvm().service(Predictor.class);
        Predictor predictor = precision == null ? runtime : runtime.computing(Precision.parse(precision));
        List<Path> models = checkpoints.stream().map(Path::of).toList();
        List<ImageRow> rows = new ArrayList<>();
        while (exams.hasNext()) {
            List<ImageTask> exam = new ArrayList<>();
            exams.next()._2().forEach(exam::add);
            rows.addAll(scoreExam(predictor, models, flips, exam));
            done.add(exam.size());
        }
        return rows.iterator();
    }

    private static List<ImageRow> scoreExam(Predictor predictor, List<Path> models, boolean flips,
            List<ImageTask> exam) {
        List<ImageRow> rows = new ArrayList<>();
        List<ImageTask> readable = new ArrayList<>();
        for (ImageTask image : exam) {
            if (image.error().isEmpty()) {
                readable.add(image);
            } else {
                rows.add(ImageRow.failed(image, image.error()));
            }
        }
        if (readable.isEmpty()) {
            return rows;
        }
        try {
            rows.addAll(predict(predictor, models, flips, readable));
        } catch (IOException | RuntimeException examFailed) {
            for (ImageTask image : readable) { // one image spoiled the exam's batch: find which
                try {
                    rows.addAll(predict(predictor, models, flips, List.of(image)));
                } catch (IOException | RuntimeException e) {
                    rows.add(ImageRow.failed(image, message(Path.of(image.file()), e)));
                }
            }
        }
        return rows;
    }

    private static List<ImageRow> predict(Predictor predictor, List<Path> models, boolean flips,
            List<ImageTask> images) throws IOException {
        List<Path> files = images.stream().map(image -> Path.of(image.file())).toList();
        Map<Path, Double> malignant = predictor.predictImages(models, files, flips, Optional.empty(), (d, t) -> { })
                .images().stream().collect(Collectors.toMap(ImagePrediction::file, ImagePrediction::malignant));
        Function<ImageTask, ImageRow> row = image -> ImageRow.scored(image, malignant.get(Path.of(image.file())));
        return images.stream().map(row).toList();
    }

    /** The error as a user reads it: naming the file, once. */
    static String message(Path file, Exception e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return text.contains(file.toString()) ? text : file + ": " + text;
    }
}
