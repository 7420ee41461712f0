package org.mammoflow.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.mammoflow.api.training.JobProgress;
import org.mammoflow.api.training.JobState;
import org.mammoflow.api.training.TrainingJob;

class LiveProgressTest {

    private static final String EPOCH = "stage 1 epoch 1: loss 0.5000 accuracy 0.800 | validation loss 0.6000 accuracy"
            + " 0.700 | 30.0 img/s, waiting for data 1% | 12 s";

    /** A job that moves one step each time its log is read: batch 2 of epoch 1, batch 1 of epoch 2, done. */
    private static final class SteppingJob implements TrainingJob {
        final AtomicInteger step = new AtomicInteger();
        final List<JobProgress> steps = List.of(progress(JobState.RUNNING, 1, 1), progress(JobState.RUNNING, 1, 2),
                progress(JobState.RUNNING, 2, 1), progress(JobState.SUCCEEDED, 2, 10));

        List<String> log() {
            int now = step.incrementAndGet();
            return now >= 3 ? List.of("stage 1 starts", EPOCH) : List.of("stage 1 starts");
        }

        @Override
        public String id() {
            return "job-1";
        }

        @Override
        public Path runDir() {
            return Path.of("run");
        }

        @Override
        public JobProgress progress() {
            return steps.get(Math.min(step.get(), steps.size() - 1));
        }

        @Override
        public void cancel() {
        }

        private static JobProgress progress(JobState state, int epoch, int batch) {
            return new JobProgress("job-1", state, 1, 3, epoch, 2, batch, 10, 0.4321, 0.812, 31.5,
                    Duration.ofSeconds(723), "");
        }
    }

    @Test
    void oneLineIsRedrawnInPlaceAndEachFinishedEpochKeepsItsLine() throws Exception {
        SteppingJob job = new SteppingJob();
        StringWriter screen = new StringWriter();
        LiveProgress.follow(job, job::log, new PrintWriter(screen), () -> 200);
        String out = screen.toString();
        String clear = LiveProgress.CLEAR_LINE;
        assertTrue(out.startsWith(clear + "job-1 stage 1/3 epoch 1/2 batch 2/10 loss 0.4321 acc 0.812 31.5 img/s"
                + " 0:12:03 left" + clear), out);
        assertEquals(1, out.split("\n", -1).length - 1, "only the finished epoch gets a line of its own: " + out);
        assertTrue(out.contains(clear + EPOCH + "\n" + clear + "job-1 stage 1/3 epoch 2/2"), out);
        assertTrue(out.endsWith(clear), "the status line is erased when the job ends: " + out);
    }

    @Test
    void theStatusLineNeverWrapsOnANarrowTerminal() throws Exception {
        SteppingJob job = new SteppingJob();
        StringWriter screen = new StringWriter();
        LiveProgress.follow(job, job::log, new PrintWriter(screen), () -> 30);
        for (String drawn : screen.toString().split(java.util.regex.Pattern.quote(LiveProgress.CLEAR_LINE))) {
            if (drawn.startsWith("job-1")) {
                assertTrue(drawn.length() <= 29, drawn);
            }
        }
    }

    @Test
    void aJobWithoutALossYetShowsDashesNotNaN() {
        JobProgress caching = new JobProgress("job-2", JobState.RUNNING, 1, 2, 0, 16, 139, 302, Double.NaN, Double.NaN,
                0, Duration.ZERO, "");
        assertEquals("job-2 stage 1/2 epoch 0/16 batch 139/302 loss - acc - 0.0 img/s 0:00:00 left",
                LiveProgress.status(caching));
    }

    @Test
    void anInterruptStopsFollowingAndSaysTheJobRunsOn() throws Exception {
        SteppingJob job = new SteppingJob();
        StringWriter screen = new StringWriter();
        CountDownLatch following = new CountDownLatch(1);
        Thread follower = new Thread(() -> {
            try {
                LiveProgress.follow(job, () -> { // never advances
                    following.countDown();
                    return List.of();
                }, new PrintWriter(screen), () -> 200);
            } catch (InterruptedException e) {
                screen.write("<interrupted>");
            }
        });
        follower.start();
        following.await(); // it has read the job's log once: it follows, between redraws or in one
        follower.interrupt();
        follower.join();
        assertTrue(screen.toString().endsWith(LiveProgress.CLEAR_LINE + "stopped following job-1; it keeps running"
                + " (mammo:jobs, mammo:cancel job-1)\n<interrupted>"), screen.toString());
    }
}
