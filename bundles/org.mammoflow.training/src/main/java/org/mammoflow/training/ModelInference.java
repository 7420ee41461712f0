package org.mammoflow.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mammoflow.api.dataset.DatasetImporter;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.evaluation.Prediction;
import org.mammoflow.api.evaluation.Predictor;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkFactory;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.sampling.PatchSampling;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Runs checkpoints on data folders, single images and as sliding-window heatmaps. */
@Component
public final class ModelInference implements Predictor {

    private static final int BATCH = 16;

    private final ImageFiles files;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NetworkFactory backend;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PatchSampling patches;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(dataset.format=folder)")
    private volatile DatasetImporter images;

    @Activate
    public ModelInference(@Reference ImageFiles files) {
        this.files = files;
    }

    /** Wiring for tests: the dynamic collaborators given directly. */
    ModelInference(ImageFiles files, NetworkFactory backend, PatchSampling patches, DatasetImporter images) {
        this(files);
        this.backend = backend;
        this.patches = patches;
        this.images = images;
    }

    @Override
    public List<Prediction> predict(Path checkpoint, Path data, Split split, boolean flips) throws IOException {
        List<Example> examples = DataFolder.read(data, patches, images).split(split);
        if (examples.isEmpty()) {
            throw new IllegalArgumentException(data + " has no " + split.name().toLowerCase() + " examples");
        }
        List<Prediction> predictions = new ArrayList<>();
        try (Network network = backend().open(checkpoint)) {
            for (int from = 0; from < examples.size(); from += BATCH) {
                List<Example> chunk = examples.subList(from, Math.min(examples.size(), from + BATCH));
                List<float[]> pixels = new ArrayList<>();
                for (Example example : chunk) {
                    pixels.add(input(example.file(), network.spec()));
                }
                float[][] p = probabilities(network, pixels, flips);
                for (int i = 0; i < chunk.size(); i++) {
                    predictions.add(new Prediction(chunk.get(i).file().toString(), chunk.get(i).label(), p[i]));
                }
            }
        }
        return predictions;
    }

    @Override
    public List<float[]> predict(Path checkpoint, List<Path> images, boolean flips) throws IOException {
        List<float[]> probabilities = new ArrayList<>();
        try (Network network = backend().open(checkpoint)) {
            for (Path image : images) {
                probabilities.add(probabilities(network, List.of(input(image, network.spec())), flips)[0]);
            }
        }
        return probabilities;
    }

    @Override
    public Path heatmap(Path patchCheckpoint, Path image, Path output, int stride) throws IOException {
        try (Network network = backend().open(patchCheckpoint)) {
            files.writePicture(output, Heatmap.draw(network, files.read(image), stride));
            return output;
        }
    }

    private float[] input(Path file, NetworkSpec spec) throws IOException {
        GrayImage image = files.read(file);
        if (image.width() != spec.width() || image.height() != spec.height()) {
            throw new IOException(file + ": " + image.width() + " x " + image.height() + " pixels, the network takes "
                    + spec.width() + " x " + spec.height() + " (preprocess to that size)");
        }
        return Pixels.normalized(image);
    }

    /** Probabilities per image; with flips, averaged over the four flips (test-time augmentation). */
    static float[][] probabilities(Network network, List<float[]> pixels, boolean flips) {
        NetworkSpec spec = network.spec();
        int plane = spec.height() * spec.width();
        float[][] sum = new float[pixels.size()][spec.classes()];
        int views = flips ? 4 : 1;
        for (int view = 0; view < views; view++) {
            float[] batch = new float[pixels.size() * plane];
            for (int i = 0; i < pixels.size(); i++) {
                float[] flipped = flip(pixels.get(i), spec.width(), spec.height(), (view & 1) != 0, (view & 2) != 0);
                System.arraycopy(flipped, 0, batch, i * plane, plane);
            }
            float[][] p = network.predict(Batch.of(pixels.size(), 1, spec.height(), spec.width(), batch));
            for (int i = 0; i < p.length; i++) {
                for (int c = 0; c < p[i].length; c++) {
                    sum[i][c] += p[i][c] / views;
                }
            }
        }
        return sum;
    }

    static float[] flip(float[] image, int width, int height, boolean horizontal, boolean vertical) {
        if (!horizontal && !vertical) {
            return image;
        }
        float[] out = new float[image.length];
        for (int y = 0; y < height; y++) {
            int sy = vertical ? height - 1 - y : y;
            for (int x = 0; x < width; x++) {
                out[y * width + x] = image[sy * width + (horizontal ? width - 1 - x : x)];
            }
        }
        return out;
    }

    private NetworkFactory backend() {
        NetworkFactory factory = backend;
        if (factory == null) {
            throw new IllegalStateException("no network backend is running (bundle org.mammoflow.djl)");
        }
        return factory;
    }
}
