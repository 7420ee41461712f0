package org.mammoflow.pacs;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.mammoflow.api.pacs.PacsStudy;
import org.mammoflow.api.pacs.PacsWatch;
import org.mammoflow.api.pacs.StudyAnswer;
import org.mammoflow.api.pacs.StudyRefusedException;
import org.mammoflow.api.training.JobProgress;
import org.mammoflow.api.training.JobState;
import org.osgi.service.log.Logger;

/**
 * A watch of one server: every poll lists its mammography studies and answers each one not answered
 * or refused before (here or, by the report found in the study, by an earlier run). A server that
 * cannot be reached or answers wrongly is tried again after a delay that doubles up to the limit.
 */
final class StudyWatch implements PacsWatch, Runnable {

    /** How the watch reaches the server and answers a study. */
    interface Pacs {
        List<PacsStudy> find() throws IOException;

        boolean holdsReport(String study) throws IOException;

        StudyAnswer answer(String study) throws IOException;
    }

    private final String id;
    private final String server;
    private final Pacs pacs;
    private final AnsweredStudies done;
    private final Duration poll;
    private final Duration maxRetry;
    private final Logger logger;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final List<String> log = new ArrayList<>();
    private volatile JobState state = JobState.RUNNING;
    private volatile int seen;
    private volatile String message = "starting";

    StudyWatch(String id, String server, Pacs pacs, AnsweredStudies done, Duration poll, Duration maxRetry, Logger logger) {
        this.id = id;
        this.server = server;
        this.pacs = pacs;
        this.done = done;
        this.poll = poll;
        this.maxRetry = maxRetry;
        this.logger = logger;
    }

    @Override
    public void run() {
        Duration delay = Duration.ofSeconds(1);
        try {
            while (!isCancelled()) {
                try {
                    answerNewStudies();
                    delay = Duration.ofSeconds(1);
                    pause(poll);
                } catch (IOException e) {
                    record("server: " + e.getMessage() + "; trying again in " + delay.toSeconds() + " s");
                    pause(delay);
                    delay = delay.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : delay.multipliedBy(2);
                }
            }
            state = JobState.CANCELLED;
        } catch (InterruptedException e) {
            state = JobState.CANCELLED;
        } catch (RuntimeException e) {
            state = JobState.FAILED;
            record("failed: " + e);
            logger.error("PACS watch {} of {} failed", id, server, e);
        }
        message = state == JobState.CANCELLED ? "cancelled" : message;
    }

    private void answerNewStudies() throws IOException, InterruptedException {
        List<PacsStudy> studies = pacs.find();
        seen = studies.size();
        for (PacsStudy study : studies) {
            if (isCancelled()) {
                return;
            }
            String uid = study.studyInstanceUid();
            if (done.contains(uid)) {
                continue;
            }
            if (pacs.holdsReport(uid)) {
                done.add(uid, true);
                record("study " + uid + ": already holds Mammoflow's report; remembered");
                continue;
            }
            try {
                StudyAnswer answer = pacs.answer(uid);
                done.add(uid, true);
                record(String.format(Locale.ROOT, "study %s: exam %.3f from %d images, report %s stored", uid,
                        answer.exam().malignant(), answer.images(), answer.reportInstanceUid()));
            } catch (StudyRefusedException e) {
                done.add(uid, false);
                record("refused " + e.getMessage());
            }
        }
        message = String.format(Locale.ROOT, "%d of %d studies answered or refused; next poll in %d s", done.size(),
                seen, poll.toSeconds());
    }

    private boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    private void pause(Duration duration) throws InterruptedException {
        cancelled.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void record(String line) {
        log.add(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + line);
        message = line;
        logger.info("PACS watch {} of {}: {}", id, server, line);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String server() {
        return server;
    }

    @Override
    public JobProgress progress() {
        return new JobProgress(id, state, 1, 1, 0, 0, done.size(), seen, Double.NaN, Double.NaN, Double.NaN,
                Duration.ZERO, message);
    }

    @Override
    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    @Override
    public void cancel() {
        cancelled.countDown();
    }
}
