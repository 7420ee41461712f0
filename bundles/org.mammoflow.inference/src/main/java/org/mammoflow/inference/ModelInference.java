package org.mammoflow.inference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.mammoflow.api.dataset.DatasetImporter;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.evaluation.Calibrator;
import org.mammoflow.api.evaluation.ImagePrediction;
import org.mammoflow.api.evaluation.ModelCalibration;
import org.mammoflow.api.evaluation.Prediction;
import org.mammoflow.api.evaluation.PredictionReport;
import org.mammoflow.api.evaluation.Predictor;
import org.mammoflow.api.evaluation.ViewCombination;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.image.Mammogram;
import org.mammoflow.api.image.PreprocessingSettings;
import org.mammoflow.api.image.Preprocessor;
import org.mammoflow.api.image.ScannedImage;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkFactory;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.network.Precision;
import org.mammoflow.api.sampling.PatchSampling;
import org.mammoflow.inference.input.DataFolder;
import org.mammoflow.inference.input.Example;
import org.mammoflow.inference.input.Pixels;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Runs checkpoints on data folders, single images and as sliding-window heatmaps. Networks stay open
 * between calls ({@link OpenModels}): the dashboard, the console and each Spark executor read a
 * checkpoint once, and concurrent callers share it (a network runs one batch at a time).
 */
@Component(configurationPid = ModelInference.PID)
@Designate(ocd = ModelInference.Config.class)
public final class ModelInference implements Predictor {

    static final String PID = "org.mammoflow.inference";
    private static final int BATCH = 16;

    @ObjectClassDefinition(name = "Mammoflow inference", description = "How trained models are run on images.")
    public @interface Config {
        @AttributeDefinition(description = "Checkpoints kept open between requests (the least recently used is"
                + " closed first); each holds its network's weights in memory. 1 to 64", min = "1", max = "64")
        int openModels() default 4;
    }

    private final ImageFiles files;
    private final Preprocessor preprocessor;
    private final OpenModels models;
    private final Predictor inBackendPrecision = new Computing(Optional.empty());

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NetworkFactory backend;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PatchSampling patches;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = DatasetImporter.FOLDER)
    private volatile DatasetImporter images;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + DatasetImporter.FORMAT + "=cbis-ddsm)")
    private volatile DatasetImporter cbisDdsm;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Calibrator calibrator;

    @Activate
    public ModelInference(@Reference ImageFiles files, @Reference Preprocessor preprocessor, Config config) {
        this.files = files;
        this.preprocessor = preprocessor;
        this.models = new OpenModels(config.openModels());
    }

    /** Wiring for tests: the dynamic collaborators given directly, two models kept open. */
    public ModelInference(ImageFiles files, Preprocessor preprocessor, NetworkFactory backend, PatchSampling patches,
            DatasetImporter images) {
        this.files = files;
        this.preprocessor = preprocessor;
        this.models = new OpenModels(2);
        this.backend = backend;
        this.patches = patches;
        this.images = images;
    }

    /** Closes every network kept open. */
    @Deactivate
    public void close() {
        models.close();
    }

    @Override
    public Predictor computing(Precision precision) {
        backend().unavailable(precision).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        return new Computing(Optional.of(precision));
    }

    @Override
    public List<Prediction> predict(Path checkpoint, Path data, Split split, boolean flips) throws IOException {
        return inBackendPrecision.predict(checkpoint, data, split, flips);
    }

    @Override
    public List<Prediction> predict(List<Path> checkpoints, Path data, Split split, boolean flips) throws IOException {
        return inBackendPrecision.predict(checkpoints, data, split, flips);
    }

    @Override
    public List<float[]> predict(Path checkpoint, List<Path> images, boolean flips) throws IOException {
        return inBackendPrecision.predict(checkpoint, images, flips);
    }

    @Override
    public PredictionReport predictImages(List<Path> checkpoints, List<Path> inputs, boolean flips,
            ViewCombination views, Optional<Path> csv, BiConsumer<Integer, Integer> progress) throws IOException {
        return inBackendPrecision.predictImages(checkpoints, inputs, flips, views, csv, progress);
    }

    @Override
    public Path heatmap(Path patchCheckpoint, Path image, Path output, int stride) throws IOException {
        return inBackendPrecision.heatmap(patchCheckpoint, image, output, stride);
    }

    /**
     * The predictions in one precision (empty: the backend's inference precision), on this component's
     * collaborators as they are at each call.
     */
    private final class Computing implements Predictor {

        private final Optional<Precision> precision;

        Computing(Optional<Precision> precision) {
            this.precision = precision;
        }

        @Override
        public Predictor computing(Precision other) {
            return ModelInference.this.computing(other);
        }

        @Override
        public List<Prediction> predict(Path checkpoint, Path data, Split split, boolean flips) throws IOException {
            return predict(List.of(checkpoint), data, split, flips);
        }

        @Override
        public List<Prediction> predict(List<Path> checkpoints, Path data, Split split, boolean flips)
                throws IOException {
            return ModelInference.this.predict(checkpoints, data, split, flips, precision);
        }

        @Override
        public List<float[]> predict(Path checkpoint, List<Path> images, boolean flips) throws IOException {
            return ModelInference.this.predict(checkpoint, images, flips, precision);
        }

        @Override
        public PredictionReport predictImages(List<Path> checkpoints, List<Path> inputs, boolean flips,
                ViewCombination views, Optional<Path> csv, BiConsumer<Integer, Integer> progress) throws IOException {
            return ModelInference.this.predictImages(checkpoints, inputs, flips, views, csv, progress, precision);
        }

        @Override
        public Path heatmap(Path patchCheckpoint, Path image, Path output, int stride) throws IOException {
            return ModelInference.this.heatmap(patchCheckpoint, image, output, stride, precision);
        }
    }

    /** A lease on the checkpoint's network in the precision asked for, or the backend's inference precision. */
    private OpenModels.Lease open(Path checkpoint, Optional<Precision> precision) throws IOException {
        NetworkFactory running = backend();
        return models.open(checkpoint, running, precision.orElse(running.inferencePrecision()));
    }

    private List<Prediction> predict(List<Path> checkpoints, Path data, Split split, boolean flips,
            Optional<Precision> precision) throws IOException {
        if (checkpoints.isEmpty()) {
            throw new IllegalArgumentException("give at least one checkpoint");
        }
        List<Example> examples = DataFolder.read(data, patches, images).split(split);
        if (examples.isEmpty()) {
            throw new IllegalArgumentException(data + " has no " + split.name().toLowerCase() + " examples");
        }
        float[][] sum = null;
        for (Path checkpoint : checkpoints) {
            float[][] p = probabilities(checkpoint, examples, flips, precision);
            if (sum != null && p[0].length != sum[0].length) {
                throw new IllegalArgumentException(checkpoint + " has " + p[0].length + " classes, "
                        + checkpoints.get(0) + " " + sum[0].length + ": not one ensemble");
            }
            sum = sum == null ? p : add(sum, p);
        }
        List<Prediction> predictions = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            float[] mean = sum[i].clone();
            for (int c = 0; c < mean.length; c++) {
                mean[c] /= checkpoints.size();
            }
            predictions.add(new Prediction(examples.get(i).file().toString(), examples.get(i).label(), mean,
                    examples.get(i).attributes()));
        }
        return predictions;
    }

    private float[][] probabilities(Path checkpoint, List<Example> examples, boolean flips,
            Optional<Precision> precision) throws IOException {
        float[][] all = new float[examples.size()][];
        try (OpenModels.Lease model = open(checkpoint, precision)) {
            Network network = model.network();
            for (int from = 0; from < examples.size(); from += BATCH) {
                List<Example> chunk = examples.subList(from, Math.min(examples.size(), from + BATCH));
                List<float[]> pixels = new ArrayList<>();
                for (Example example : chunk) {
                    pixels.add(input(example.file(), network.spec(), Optional.empty()));
                }
                float[][] p = probabilities(network, pixels, flips);
                System.arraycopy(p, 0, all, from, p.length);
            }
        }
        return all;
    }

    private static float[][] add(float[][] sum, float[][] p) {
        for (int i = 0; i < sum.length; i++) {
            for (int c = 0; c < sum[i].length; c++) {
                sum[i][c] += p[i][c];
            }
        }
        return sum;
    }

    private List<float[]> predict(Path checkpoint, List<Path> images, boolean flips, Optional<Precision> precision)
            throws IOException {
        List<float[]> probabilities = new ArrayList<>();
        try (OpenModels.Lease model = open(checkpoint, precision)) {
            for (Path image : images) {
                float[] pixels = input(image, model.network().spec(), model.preprocessing());
                probabilities.add(probabilities(model.network(), List.of(pixels), flips)[0]);
            }
        }
        return probabilities;
    }

    private PredictionReport predictImages(List<Path> checkpoints, List<Path> inputs, boolean flips,
            ViewCombination views, Optional<Path> csv, BiConsumer<Integer, Integer> progress,
            Optional<Precision> precision) throws IOException {
        if (checkpoints.isEmpty()) {
            throw new IllegalArgumentException("give at least one whole-image checkpoint");
        }
        Optional<ModelCalibration> calibration = calibration(checkpoints, views);
        List<MammogramInputs.Input> found = MammogramInputs.resolve(inputs, files, Optional.ofNullable(images),
                Optional.ofNullable(cbisDdsm));
        List<OpenModels.Lease> ensemble = new ArrayList<>();
        try {
            for (Path checkpoint : checkpoints) {
                OpenModels.Lease model = open(checkpoint, precision);
                ensemble.add(model);
                if (model.network().spec().classes() != 2) {
                    throw new IllegalArgumentException(checkpoint + " is not a whole-image (benign/malignant) checkpoint");
                }
            }
            List<ImagePrediction> predictions = new ArrayList<>();
            for (MammogramInputs.Input input : found) {
                ScannedImage scanned = files.scan(input.file());
                double sum = 0;
                for (OpenModels.Lease model : ensemble) {
                    float[] pixels = input.stage() == MammogramInputs.Stage.RAW
                            ? preprocessed(input.file(), scanned.image(), model.network().spec(), model.preprocessing())
                            : prepared(input.file(), scanned.image(), model.network().spec(), model.preprocessing());
                    sum += probabilities(model.network(), List.of(pixels), flips)[0][1];
                }
                double score = sum / ensemble.size();
                predictions.add(new ImagePrediction(input.file(), input.listed().orElse(scanned.attributes()), score,
                        calibration.map(c -> c.calibration().apply(score)).orElse(Double.NaN)));
                progress.accept(predictions.size(), found.size());
            }
            ScreeningRows rows = new ScreeningRows(predictions, views, calibration);
            PredictionReport report = new PredictionReport(predictions, rows.breasts(), rows.exams(), calibration, csv);
            if (csv.isPresent()) {
                PredictionCsv.write(csv.get(), report);
            }
            return report;
        } finally {
            ensemble.forEach(OpenModels.Lease::close);
        }
    }

    /** The checkpoints' stored calibration, if any; its operating points hold only for the views rule they were chosen with. */
    private Optional<ModelCalibration> calibration(List<Path> checkpoints, ViewCombination views) throws IOException {
        Calibrator running = calibrator;
        Optional<ModelCalibration> stored = running == null ? Optional.empty() : running.read(checkpoints);
        if (stored.isPresent() && !stored.get().operatingPoints().isEmpty() && stored.get().views() != views) {
            String chosen = stored.get().views().name().toLowerCase(Locale.ROOT);
            throw new IllegalArgumentException("the operating points stored for " + checkpoints.get(0) + " were chosen"
                    + " with views combined by " + chosen + "; predict with --views " + chosen
                    + " (or calibrate again with --views " + views.name().toLowerCase(Locale.ROOT) + ")");
        }
        return stored;
    }

    private Path heatmap(Path patchCheckpoint, Path image, Path output, int stride, Optional<Precision> precision)
            throws IOException {
        try (OpenModels.Lease model = open(patchCheckpoint, precision)) {
            Optional<PreprocessingSettings> settings = model.preprocessing();
            GrayImage mammogram = files.read(image);
            if (settings.isPresent() && (mammogram.width() != settings.get().width()
                    || mammogram.height() != settings.get().height())) {
                mammogram = preprocessor.preprocess(new Mammogram(image.toString(), "", mammogram, List.of()),
                        settings.get()).image();
            }
            files.writePicture(output, Heatmap.draw(model.network(), mammogram, stride));
            return output;
        }
    }

    private float[] input(Path file, NetworkSpec spec, Optional<PreprocessingSettings> settings) throws IOException {
        return prepared(file, files.read(file), spec, settings);
    }

    /**
     * The network's input from an image: as it is when it has the network's size, else preprocessed
     * with the checkpoint's settings at the network's size.
     */
    private float[] prepared(Path file, GrayImage image, NetworkSpec spec, Optional<PreprocessingSettings> settings)
            throws IOException {
        if (image.width() == spec.width() && image.height() == spec.height()) {
            return Pixels.normalized(image);
        }
        return preprocessed(file, image, spec, settings);
    }

    /** The network's input from a raw mammogram: preprocessed with the checkpoint's settings, whatever its size. */
    private float[] preprocessed(Path file, GrayImage image, NetworkSpec spec, Optional<PreprocessingSettings> settings)
            throws IOException {
        if (settings.isEmpty()) {
            throw new IOException(file + ": " + image.width() + " x " + image.height() + " pixels of a raw mammogram;"
                    + " the network takes " + spec.width() + " x " + spec.height() + " preprocessed and its checkpoint"
                    + " records no preprocessing (preprocess it, or train on a dataset made by mammo:preprocess)");
        }
        Mammogram raw = new Mammogram(file.toString(), "", image, List.of());
        return Pixels.normalized(preprocessor.preprocess(raw, settings.get().withSize(spec.height(), spec.width()))
                .image());
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
        NetworkFactory running = backend;
        if (running == null) {
            throw new IllegalStateException(
                    "no network backend is running (bundle org.mammoflow.djl; a start that failed said why then)");
        }
        return running;
    }
}
