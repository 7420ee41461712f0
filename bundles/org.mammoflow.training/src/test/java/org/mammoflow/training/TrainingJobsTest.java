package org.mammoflow.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.network.Precision;
import org.mammoflow.api.training.JobState;
import org.mammoflow.api.training.PatchTraining;
import org.mammoflow.api.training.Schedule;
import org.mammoflow.api.training.ScheduleChanges;
import org.mammoflow.api.training.Stage;
import org.mammoflow.api.training.TrainingJob;
import org.mammoflow.api.training.TrainingRequest;
import org.mammoflow.api.training.WholeImageTraining;
import org.mammoflow.djl.BackendConfig;
import org.mammoflow.djl.ResNetBackend;
import org.mammoflow.imaging.PngFiles;
import org.mammoflow.training.TrainingFixtures.RecordingBackend;

/** Training jobs on the real PyTorch backend and real PNG patches (ResNet18, 32 x 32, a few epochs). */
class TrainingJobsTest {

    private static final NetworkSpec TINY = new NetworkSpec("resnet18", 5, 32, 32);
    private static final ImageFiles PNG = new PngFiles(TrainingFixtures.config(PngFiles.Config.class, Map.of()));
    private static ResNetBackend real;
    private static Path patches;

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private TrainingJobs scheduler;
    private RecordingBackend backend;

    @BeforeAll
    static void start() throws IOException {
        // bf16 forced: computed (emulated) on a CPU without it in hardware too
        real = new ResNetBackend(TrainingFixtures.config(BackendConfig.class, Map.of("device", "cpu", "forceBf16", true)));
        patches = TrainingFixtures.patchSet(shared.resolve("patches"), PNG, 32, 8, 3);
    }

    @AfterAll
    static void stopBackend() {
        real.close();
    }

    @AfterEach
    void stopScheduler() throws InterruptedException {
        if (scheduler != null) {
            scheduler.stop();
        }
    }

    private void scheduler(Map<String, Object> settings) {
        backend = new RecordingBackend(real);
        scheduler = new TrainingJobs(PNG, TrainingFixtures.config(TrainingConfig.class, settings), backend,
                new org.mammoflow.sampling.PatchSamplingJob(null, PNG, null,
                        TrainingFixtures.config(org.mammoflow.sampling.PatchSamplingJob.Config.class, Map.of())));
    }

    private static Schedule threeStages(int epochs, int batch) {
        return new Schedule("patch", List.of(
                new Stage("fc", List.of("fc"), 1e-3, 1e-4, epochs, batch),
                new Stage("layer4.1+fc", List.of("layer4.1", "fc"), 1e-4, 1e-4, epochs, batch),
                new Stage("all", List.of(), 1e-5, 1e-4, epochs, batch)));
    }

    @Test
    void threeStagesRunEndToEndChangingTrainableSetsAndRatesAtEachBoundary() throws Exception {
        scheduler(Map.of("patience", 0));
        TrainingJob job = scheduler.submit(new TrainingRequest(patches, dir.resolve("run"), TINY, threeStages(1, 10),
                Optional.empty(), 3));
        scheduler.await(job.id());
        assertEquals(JobState.SUCCEEDED, job.progress().state(), String.join("\n", scheduler.log(job.id())));
        assertEquals(List.of("create",
                "trainable [fc]", "optimizer 0.001 1.0E-4",
                "trainable [layer4.1, fc]", "optimizer 1.0E-4 1.0E-4",
                "trainable []", "optimizer 1.0E-5 1.0E-4"), backend.calls);
        List<String> metrics = Files.readAllLines(dir.resolve("run/metrics.csv"));
        assertEquals(4, metrics.size(), String.join("\n", metrics));
        assertTrue(metrics.get(0).contains("val_accuracy_mass_malignant") || metrics.get(0).contains("val_accuracy_"),
                metrics.get(0));
        assertTrue(Files.exists(dir.resolve("run/checkpoints/stage3-epoch001.json")), "the latest checkpoint");
        for (String older : List.of("stage1-epoch001", "stage2-epoch001")) { // keepCheckpoints 1: disk stays small
            assertTrue(Files.notExists(dir.resolve("run/checkpoints/" + older + ".npz")), older);
        }
        assertTrue(Files.exists(dir.resolve("run/best.json")));
        BufferedImage curve = ImageIO.read(dir.resolve("run/curve.png").toFile());
        assertNotNull(curve);
        assertEquals(960, curve.getWidth());
    }

    @Test
    void aKilledRunResumesAfterItsLastCompleteCheckpointWithItsOptimizerState() throws Exception {
        scheduler(Map.of("patience", 0, "keepCheckpoints", 2));
        Path run = dir.resolve("run");
        Schedule schedule = new Schedule("patch", threeStages(2, 10).stages().subList(0, 2));
        TrainingJob first = scheduler.submit(new TrainingRequest(patches, run, TINY, schedule, Optional.empty(), 3));
        scheduler.await(first.id());
        assertEquals(JobState.SUCCEEDED, first.progress().state(), String.join("\n", scheduler.log(first.id())));
        // what kill -9 during stage 2 epoch 2 leaves: that checkpoint half written (no sidecar), a cut metrics line
        Path last = run.resolve("checkpoints/stage2-epoch002.npz");
        Files.delete(run.resolve("checkpoints/stage2-epoch002.json"));
        Files.write(last, java.util.Arrays.copyOf(Files.readAllBytes(last), 1000));
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        Files.write(run.resolve("metrics.csv"), lines.subList(0, 4));
        Files.writeString(run.resolve("metrics.csv"), "2,2,0.5", java.nio.file.StandardOpenOption.APPEND);

        backend.calls.clear();
        TrainingJob resumed = scheduler.resume(run);
        scheduler.await(resumed.id());
        String log = String.join("\n", scheduler.log(resumed.id()));
        assertEquals(JobState.SUCCEEDED, resumed.progress().state(), log);
        assertTrue(log.contains("passing over"), log);
        assertTrue(log.contains("resuming after stage 2 epoch 1"), log);
        assertEquals(List.of("trainable [layer4.1, fc]"), backend.calls, "same stage, optimizer state from the checkpoint");
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(List.of("1,1", "1,2", "2,1", "2,2"),
                metrics.subList(1, metrics.size()).stream().map(l -> l.substring(0, 3)).toList());
        assertTrue(Files.exists(run.resolve("checkpoints/stage2-epoch002.json")));
    }

    @Test
    void aCosineStageLowersItsRateEveryStepAndAResumedStageStepsAlike() throws Exception {
        scheduler(Map.of("patience", 0, "keepCheckpoints", 2));
        Path run = dir.resolve("run");
        Stage cosine = new Stage("all", List.of(), 1e-3, 1e-4, 2, 10).withLearningRate(1e-3, Stage.Decay.COSINE);
        TrainingJob first = scheduler.submit(new TrainingRequest(patches, run, TINY,
                new Schedule("patch", List.of(cosine)), Optional.empty(), 3));
        scheduler.await(first.id());
        assertEquals(JobState.SUCCEEDED, first.progress().state(), String.join("\n", scheduler.log(first.id())));
        List<Double> rates = rates(backend.calls);
        int batches = rates.size() / 2;
        assertTrue(batches >= 2, "steps per epoch: " + batches);
        assertEquals(1e-3, rates.get(0));
        for (int i = 1; i < rates.size(); i++) {
            assertTrue(rates.get(i) < rates.get(i - 1), "rates " + rates);
        }
        assertTrue(rates.get(rates.size() - 1) > 0);

        Files.delete(run.resolve("checkpoints/stage1-epoch002.json")); // killed while saving epoch 2
        backend.calls.clear();
        TrainingJob resumed = scheduler.resume(run);
        scheduler.await(resumed.id());
        assertEquals(JobState.SUCCEEDED, resumed.progress().state(), String.join("\n", scheduler.log(resumed.id())));
        assertEquals(rates.subList(batches, rates.size()), rates(backend.calls),
                "epoch 2's rates, as in the uninterrupted run");
        assertTrue(Files.readString(run.resolve("run.properties")).contains("stage.1.decay=COSINE"));
    }

    @Test
    void aBf16RunIsRecordedSoAndResumesInBf16() throws Exception {
        scheduler(Map.of("patience", 0, "keepCheckpoints", 2));
        Path run = dir.resolve("run");
        Schedule schedule = new Schedule("patch", List.of(new Stage("all", List.of(), 1e-4, 1e-4, 2, 10)));
        TrainingJob first = scheduler.submit(new TrainingRequest(patches, run, TINY, schedule, Optional.empty(), 3,
                false, Optional.of(Precision.BF16)));
        scheduler.await(first.id());
        String log = String.join("\n", scheduler.log(first.id()));
        assertEquals(JobState.SUCCEEDED, first.progress().state(), log);
        assertTrue(log.contains("resnet18 computes in bf16 on cpu()"), log);
        assertTrue(Files.readString(run.resolve("run.properties")).contains("precision=bf16"));

        Files.delete(run.resolve("checkpoints/stage1-epoch002.json")); // killed while saving epoch 2
        TrainingJob resumed = scheduler.resume(run);
        scheduler.await(resumed.id());
        String resumedLog = String.join("\n", scheduler.log(resumed.id()));
        assertEquals(JobState.SUCCEEDED, resumed.progress().state(), resumedLog);
        assertTrue(resumedLog.contains("resnet18 computes in bf16 on cpu()"), resumedLog);
    }

    @Test
    void aRunRecordedBeforePrecisionsResumesInFp32AndTheBackendsDefaultApplies() throws Exception {
        scheduler(Map.of("patience", 0, "keepCheckpoints", 2));
        Path run = dir.resolve("run");
        Schedule schedule = new Schedule("patch", List.of(new Stage("all", List.of(), 1e-4, 1e-4, 2, 10)));
        TrainingJob first = scheduler.submit(new TrainingRequest(patches, run, TINY, schedule, Optional.empty(), 3));
        scheduler.await(first.id());
        assertEquals(JobState.SUCCEEDED, first.progress().state(), String.join("\n", scheduler.log(first.id())));
        Path properties = run.resolve("run.properties");
        assertTrue(Files.readString(properties).contains("precision=fp32"), "the backend's training precision, recorded");
        Files.writeString(properties, Files.readString(properties).replace("precision=fp32", ""));
        Files.delete(run.resolve("checkpoints/stage1-epoch002.json"));
        TrainingJob resumed = scheduler.resume(run);
        scheduler.await(resumed.id());
        String log = String.join("\n", scheduler.log(resumed.id()));
        assertEquals(JobState.SUCCEEDED, resumed.progress().state(), log);
        assertTrue(log.contains("computes in fp32"), log);
    }

    /** The learning rates the job set, step by step. */
    private static List<Double> rates(List<String> calls) {
        return calls.stream().filter(c -> c.startsWith("rate ")).map(c -> Double.valueOf(c.substring(5))).toList();
    }

    @Test
    void cancellingMidEpochEndsTheJobAndStoppingLeavesNoThread() throws Exception {
        scheduler(Map.of("patience", 0, "augment", false));
        CountDownLatch atSecondBatch = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        CountDownLatch anotherStarted = new CountDownLatch(1);
        scheduler.observe(p -> { // on the training thread, between batches
            if (p.jobId().equals("job-1") && p.stage() == 1 && p.epoch() == 1 && p.batch() == 2) {
                atSecondBatch.countDown();
                awaitQuietly(resume); // the job holds here until the test has looked at it
            } else if (p.jobId().equals("job-2") && p.batch() == 1) {
                anotherStarted.countDown();
            }
        });
        TrainingJob job = scheduler.submit(new TrainingRequest(patches, dir.resolve("run"), TINY, threeStages(50, 2),
                Optional.empty(), 3));
        atSecondBatch.await();
        assertEquals(JobState.RUNNING, job.progress().state());
        job.cancel();
        resume.countDown();
        scheduler.await(job.id());
        assertEquals(JobState.CANCELLED, job.progress().state());
        assertEquals(1, job.progress().epoch(), "stopped within the first epoch");
        assertEquals(2, job.progress().batch(), "stopped at the batch after the cancel");
        TrainingJob another = scheduler.submit(new TrainingRequest(patches, dir.resolve("run2"), TINY,
                threeStages(50, 2), Optional.empty(), 4));
        anotherStarted.await();
        scheduler.stop();
        scheduler = null;
        assertEquals(JobState.CANCELLED, another.progress().state());
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("mammoflow-training-")), "no training thread left");
    }

    /** The paper's "layer4.2" trains ResNet18's last block; the options' changes apply; bad requests never start. */
    @Test
    void aPatchTrainingRequestBecomesTheNetworksOwnScheduleAndBadOnesNeverStart() throws Exception {
        scheduler(Map.of("patience", 0));
        Path run = dir.resolve("run");
        TrainingJob job = scheduler.submitPatch(new PatchTraining(patches, run, "resnet18", 32,
                new ScheduleChanges(List.of(0, 1, 0), List.of(), List.of(), List.of(8)), Optional.empty(), 4));
        scheduler.await(job.id());
        assertEquals(JobState.SUCCEEDED, job.progress().state(), String.join("\n", scheduler.log(job.id())));
        TrainingRequest saved = new RunFolder(run).readRequest();
        assertEquals(List.of("layer4.1", "fc"), saved.schedule().stages().get(1).trainable());
        assertEquals(List.of(0, 1, 0), saved.schedule().stages().stream().map(Stage::epochs).toList());
        assertEquals(8, saved.schedule().stages().get(1).batchSize());
        List<String> log = scheduler.log(job.id());
        assertTrue(log.stream().anyMatch(line -> line.endsWith("stage 1/3 fc: 0 epochs, skipped"))
                && log.stream().anyMatch(line -> line.endsWith("stage 3/3 all: 0 epochs, skipped")), String.join("\n", log));

        Exception architecture = assertThrows(IllegalArgumentException.class, () -> scheduler.submitPatch(
                new PatchTraining(patches, dir.resolve("run2"), "resnet999", 32, ScheduleChanges.NONE, Optional.empty(), 1)));
        assertTrue(architecture.getMessage().contains("unknown architecture resnet999"), architecture.getMessage());
        Exception head = assertThrows(IllegalArgumentException.class, () -> scheduler.submitWholeImage(
                new WholeImageTraining(run.resolve("best.npz"), "nope", patches, dir.resolve("run3"), 64, 64,
                        ScheduleChanges.NONE, 1)));
        assertEquals("no head nope; available: []", head.getMessage());
        assertFalse(Files.exists(dir.resolve("run2")) || Files.exists(dir.resolve("run3")), "nothing was started");
    }

    @Test
    void classBalancedWeightsMakeEachPresentClassWeighTheSame() {
        float[] weights = BatchStream.balancedWeights(new int[] {0, 0, 0, 1}, 5);
        assertEquals(4 / 6f, weights[0], 1e-6);
        assertEquals(2f, weights[3], 1e-6);
        assertEquals(4f, weights[0] * 3 + weights[3], 1e-5);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping the scheduler: the job ends as cancelled
        }
    }
}
