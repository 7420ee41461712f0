package org.mammoflow.training;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.network.Network;

/** Writes metrics.csv and curve.png of the run after each epoch and logs the epoch's line. */
final class MetricsRecorder implements EpochListener {

    private final RunFolder folder;
    private final List<String> classNames;
    private final ImageFiles files;
    private final Consumer<String> log;

    MetricsRecorder(RunFolder folder, List<String> classNames, ImageFiles files, Consumer<String> log) {
        this.folder = folder;
        this.classNames = classNames;
        this.files = files;
        this.log = log;
    }

    @Override
    public void epochEnded(Network network, EpochMetrics m, List<EpochMetrics> history) throws IOException {
        folder.writeMetrics(history, classNames);
        files.writePicture(folder.curve(), TrainingCurve.draw(history));
        log.accept(String.format("stage %d epoch %d: loss %.4f accuracy %.3f | validation loss %.4f accuracy %.3f |"
                + " %.1f img/s, waiting for data %.0f%% | %.0f s", m.stage(), m.epoch(), m.trainLoss(),
                m.trainAccuracy(), m.validationLoss(), m.validationAccuracy(), m.imagesPerSecond(),
                100 * m.dataWaitShare(), m.seconds()));
    }
}
