package org.mammoflow.training;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mammoflow.api.image.PreprocessingSettings;
import org.mammoflow.api.network.Checkpoint;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkSpec;

/**
 * Saves each epoch's checkpoint (weights and optimizer state, for resuming), the best one by
 * validation accuracy (weights only, for inference and as initial weights), and keeps the latest few.
 */
final class CheckpointKeeper implements EpochListener {

    private final RunFolder folder;
    private final NetworkSpec network;
    private final Optional<PreprocessingSettings> preprocessing;
    private final int keep;

    CheckpointKeeper(RunFolder folder, NetworkSpec network, Optional<PreprocessingSettings> preprocessing, int keep) {
        this.folder = folder;
        this.network = network;
        this.preprocessing = preprocessing;
        this.keep = keep;
    }

    @Override
    public void epochEnded(Network net, EpochMetrics m, List<EpochMetrics> history) throws IOException {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("train_loss", m.trainLoss());
        values.put("val_loss", m.validationLoss());
        values.put("val_accuracy", m.validationAccuracy());
        net.save(new Checkpoint(folder.checkpoint(m.stage(), m.epoch()), network, m.stage(), m.epoch(), values,
                preprocessing));
        double best = history.subList(0, history.size() - 1).stream().mapToDouble(EpochMetrics::validationAccuracy)
                .max().orElse(Double.NEGATIVE_INFINITY);
        if (m.validationAccuracy() > best) {
            net.saveWeights(new Checkpoint(folder.best(), network, m.stage(), m.epoch(), values, preprocessing));
        }
        folder.keepLatestCheckpoints(keep);
    }
}
