package org.mammoflow.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.training.JobProgress;
import org.mammoflow.api.training.JobState;
import org.mammoflow.api.training.Schedule;
import org.mammoflow.api.training.TrainingJob;
import org.mammoflow.api.training.TrainingRequest;
import org.mammoflow.dataset.FolderDataset;
import org.mammoflow.djl.BackendConfig;
import org.mammoflow.djl.ResNetBackend;
import org.mammoflow.imaging.PngFiles;
import org.mammoflow.sampling.PatchSamplingJob;

/**
 * The same request and seed give the same metrics and the same weights bit for bit, with dropout,
 * augmentation and the feature cache in play; a cancelled and resumed run ends as an uninterrupted one.
 */
class ReproducibilityTest {

    private static final ImageFiles PNG = new PngFiles(TrainingFixtures.config(PngFiles.Config.class, Map.of()));
    private static final NetworkSpec WHOLE = new NetworkSpec("resnet18+resnet-head", 2, 64, 64);
    private static ResNetBackend backend;
    private static Path images;
    private static Path patch;
    private static Path whole;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    /** The uninterrupted run every test compares with. */
    @BeforeAll
    static void start() throws Exception {
        backend = new ResNetBackend(TrainingFixtures.config(BackendConfig.class, Map.of("device", "cpu")));
        images = WholeImageTest.imageSet(shared.resolve("images"));
        patch = WholeImageTest.patchCheckpoint(backend, shared);
        whole = train(images, patch, shared.resolve("whole"), 5);
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void twoRunsWithTheSameSeedHaveTheSameMetricsAndWeights() throws Exception {
        Path a = whole;
        Path b = train(images, patch, dir.resolve("b"), 5);
        assertEquals(metrics(a), metrics(b));
        assertEquals(sha256(a.resolve("best.json")), sha256(b.resolve("best.json")));
        assertEquals(sha256(a.resolve("checkpoints/stage2-epoch002.json")),
                sha256(b.resolve("checkpoints/stage2-epoch002.json")));
        assertTrue(Files.readString(a.resolve("train.log")).contains("features of the frozen layers"));
        assertFalse(Files.exists(a.resolve(FeatureCache.FOLDER)), "the cache goes with its stage");
        assertEquals(List.of("stage2-epoch002.json", "stage2-epoch002.npz"), files(a.resolve("checkpoints")),
                "best.npz and the latest checkpoint are kept");
    }

    /**
     * Cancelled at the first batch of stage 2 (after the cached stage 1), then resumed after the
     * configuration changed: the run keeps the settings it began with (run.properties).
     */
    @Test
    void aCancelledRunResumedAfterTheConfigurationChangedEndsAsTheUninterruptedOne() throws Exception {
        Path cut = dir.resolve("cut");
        TrainingJobs scheduler = scheduler();
        try {
            cancelAt(scheduler, cut, p -> p.stage() == 2 && p.batch() == 1);
            assertTrue(Files.readString(cut.resolve("run.properties")).contains("setting.featureCacheVariants=3"));
            scheduler.modified(TrainingFixtures.config(TrainingConfig.class,
                    Map.of("patience", 0, "featureCacheVariants", 1, "augment", false)));
            TrainingJob resumed = scheduler.resume(cut);
            scheduler.await(resumed.id());
            String log = String.join("\n", scheduler.log(resumed.id()));
            assertEquals(JobState.SUCCEEDED, resumed.progress().state(), log);
            assertTrue(log.contains("resuming after stage 1 epoch 2"), log);
        } finally {
            scheduler.stop();
        }
        assertEquals(metrics(whole), metrics(cut));
        assertEquals(sha256(whole.resolve("checkpoints/stage2-epoch002.json")),
                sha256(cut.resolve("checkpoints/stage2-epoch002.json")));
    }

    @Test
    void aRunCancelledInTheCachedStageResumesOnItsCompleteCache() throws Exception {
        Path cut = dir.resolve("cut");
        TrainingJobs scheduler = scheduler();
        try {
            cancelAt(scheduler, cut, p -> p.stage() == 1 && p.epoch() == 1 && p.batch() == 1); // the cache is complete
            assertTrue(Files.exists(cut.resolve(FeatureCache.FOLDER)), "a cancelled stage keeps its cache");
            TrainingJob resumed = scheduler.resume(cut);
            scheduler.await(resumed.id());
            String log = String.join("\n", scheduler.log(resumed.id()));
            assertEquals(JobState.SUCCEEDED, resumed.progress().state(), log);
            assertTrue(log.contains("features of the frozen layers") && log.contains("reused"), log);
        } finally {
            scheduler.stop();
        }
        assertEquals(metrics(whole), metrics(cut));
        assertEquals(sha256(whole.resolve("checkpoints/stage2-epoch002.json")),
                sha256(cut.resolve("checkpoints/stage2-epoch002.json")));
    }

    /** Runs the request into {@code run}, cancelled on its training thread at the first progress report {@code at} accepts. */
    private static void cancelAt(TrainingJobs scheduler, Path run, Predicate<JobProgress> at) throws Exception {
        scheduler.observe(p -> {
            if (at.test(p)) {
                scheduler.job(p.jobId()).ifPresent(TrainingJob::cancel);
            }
        });
        TrainingJob job = scheduler.submit(request(images, patch, run, 5));
        scheduler.await(job.id());
        scheduler.observe(p -> { });
        assertEquals(JobState.CANCELLED, job.progress().state(), String.join("\n", scheduler.log(job.id())));
    }

    private static Path train(Path images, Path patch, Path run, long seed) throws Exception {
        TrainingJobs scheduler = scheduler();
        try {
            TrainingJob job = scheduler.submit(request(images, patch, run, seed));
            scheduler.await(job.id());
            assertEquals(JobState.SUCCEEDED, job.progress().state(), String.join("\n", scheduler.log(job.id())));
            return run;
        } finally {
            scheduler.stop();
        }
    }

    private static TrainingJobs scheduler() {
        Map<String, Object> all = Map.of("patience", 0, "featureCacheVariants", 3);
        FolderDataset folders = new FolderDataset();
        TrainingJobs scheduler = new TrainingJobs(PNG, TrainingFixtures.config(TrainingConfig.class, all), backend,
                new PatchSamplingJob(folders, PNG, null, TrainingFixtures.config(PatchSamplingJob.Config.class, Map.of())));
        scheduler.bindImages(folders);
        return scheduler;
    }

    private static TrainingRequest request(Path images, Path patch, Path run, long seed) {
        return new TrainingRequest(images, run, WHOLE, schedule(), Optional.of(patch), seed);
    }

    /** New layers for 2 epochs on cached features (dropout, augmentation variants), then everything for 2. */
    private static Schedule schedule() {
        Schedule paper = Schedule.wholeImage(List.of("layer5", "layer6", "fc"));
        return new Schedule(Schedule.WHOLE_IMAGE, List.of(paper.stages().get(0).withEpochs(2).withBatchSize(3),
                paper.stages().get(1).withEpochs(2).withBatchSize(4)));
    }

    /** metrics.csv without the columns that time the run. */
    private static List<String> metrics(Path run) throws Exception {
        return Files.readAllLines(run.resolve("metrics.csv")).stream()
                .map(line -> String.join(",", Arrays.asList(line.split(",")).subList(0, line.split(",").length - 3)))
                .toList();
    }

    private static String sha256(Path sidecar) throws Exception {
        String json = Files.readString(sidecar);
        int at = json.indexOf("\"sha256\"");
        return json.substring(at, json.indexOf('\n', at));
    }

    private static List<String> files(Path folder) throws Exception {
        try (var list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
