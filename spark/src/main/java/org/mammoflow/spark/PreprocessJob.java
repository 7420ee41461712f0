package org.mammoflow.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.mammoflow.api.dataset.Dataset;
import org.mammoflow.api.dataset.DatasetImporter;
import org.mammoflow.api.dataset.DatasetPreprocessor;
import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.ImportReport;
import org.mammoflow.api.dataset.Skipped;
import org.mammoflow.api.image.PreprocessingSettings;
import org.mammoflow.files.AtomicFiles;

/**
 * {@code preprocess} on Spark: the dataset read on the driver, each image and its masks preprocessed by
 * an executor with the runtime's own {@link DatasetPreprocessor}, the dataset's manifest and settings
 * written by it on the driver: the same files as {@code mammo:preprocess}, in a folder that appears
 * whole or not at all.
 */
final class PreprocessJob {

    private final SparkSession spark;
    private final PreprocessOptions options;

    PreprocessJob(SparkSession spark, PreprocessOptions options) {
        this.spark = spark;
        this.options = options;
    }

    void run(PrintStream out) throws IOException {
        ExecutorRuntime driver = ExecutorRuntime.inThisJvm();
        DatasetPreprocessor preprocessing = driver.service(DatasetPreprocessor.class);
        ImportReport source = driver.service(DatasetImporter.class, DatasetImporter.FOLDER)
                .importFrom(options.dataset(), ImportOptions.defaults());
        PreprocessingSettings settings = preprocessing.settings(options.height(), options.width());
        Map<String, String> settingsMap = settings.toMap();
        List<ImageRecord> images = source.dataset().images();
        List<Outcome> outcomes = new ArrayList<>();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        LongAccumulator done = context.sc().longAccumulator("images preprocessed");
        List<Skipped> skipped = new ArrayList<>(source.skipped());
        AtomicFiles.createFolder(options.output(), folder -> {
            List<Indexed> work = IntStream.range(0, images.size())
                    .mapToObj(i -> new Indexed(i, MammogramRow.of(images.get(i)))).toList();
            String root = folder.toString();
            int slices = PredictJob.slices(work.size(), context.defaultParallelism());
            try (ProgressReport progress = ProgressReport.of(spark, "preprocess", work.size(), done::value, out)) {
                outcomes.addAll(context.parallelize(work, slices)
                        .mapPartitions(part -> preprocess(part, root, settingsMap, done)).collect());
            }
            outcomes.sort(Comparator.comparingInt(Outcome::index));
            List<ImageRecord> ready = new ArrayList<>();
            for (Outcome outcome : outcomes) {
                if (outcome.error().isEmpty()) {
                    ready.add(outcome.image().record());
                } else {
                    skipped.add(new Skipped(images.get(outcome.index()).image().toString(), outcome.error()));
                }
            }
            preprocessing.finish(new Dataset(source.dataset().name() + "-preprocessed", folder, ready), settings);
        });
        out.printf("preprocessed %d of %d images into %s%n", outcomes.size() - (skipped.size() - source.skipped().size()),
                images.size(), options.output());
        skipped.forEach(s -> out.println("skipped " + s));
    }

    private static Iterator<Outcome> preprocess(Iterator<Indexed> images, String root, Map<String, String> settings,
            LongAccumulator done) {
        DatasetPreprocessor preprocessing = ExecutorRuntime.inThisJvm().service(DatasetPreprocessor.class);
        PreprocessingSettings how = PreprocessingSettings.fromMap(settings);
        List<Outcome> outcomes = new ArrayList<>();
        while (images.hasNext()) {
            Indexed next = images.next();
            try {
                ImageRecord ready = preprocessing.preprocessImage(next.image().record(), Path.of(root), how);
                outcomes.add(new Outcome(next.index(), MammogramRow.of(ready), ""));
            } catch (IOException | RuntimeException e) {
                outcomes.add(new Outcome(next.index(), null, PredictJob.message(Path.of(next.image().image()), e)));
            }
            done.add(1);
        }
        return outcomes.iterator();
    }

    private record Indexed(int index, MammogramRow image) implements Serializable {
    }

    private record Outcome(int index, MammogramRow image, String error) implements Serializable {
    }
}
