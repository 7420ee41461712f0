package org.mammoflow.api.training;

import java.time.Duration;

/** A snapshot of a job's progress (stages and epochs count from 1). */
public record JobProgress(String jobId, JobState state, int stage, int stages, int epoch, int epochs, int batch,
        int batches, double loss, double accuracy, double imagesPerSecond, Duration remaining, String message) {
}
