package org.mammoflow.training;

import java.time.Duration;
import java.util.List;

import org.mammoflow.api.training.Stage;

/** The time a run has left: the batches still to train times a smoothed time per batch. */
final class TimeEstimate {

    private long totalBatches;
    private long batchesDone;
    private double secondsPerBatch;

    /** Counts the batches from the epoch after ({@code stage}, {@code epoch}) to the schedule's end. */
    TimeEstimate(List<Stage> stages, int trainingExamples, int stage, int epoch) {
        for (int s = stage; s <= stages.size(); s++) {
            int epochs = stages.get(s - 1).epochs() - (s == stage ? epoch : 0);
            int perEpoch = (trainingExamples + stages.get(s - 1).batchSize() - 1) / stages.get(s - 1).batchSize();
            totalBatches += (long) Math.max(0, epochs) * perEpoch;
        }
    }

    void batchDone(double seconds) {
        batchesDone++;
        secondsPerBatch = secondsPerBatch == 0 ? seconds : 0.8 * secondsPerBatch + 0.2 * seconds;
    }

    Duration remaining() {
        return Duration.ofSeconds(Math.round(secondsPerBatch * Math.max(0, totalBatches - batchesDone)));
    }
}
