package org.mammoflow.training;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.image.PreprocessingSettings;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.Precision;
import org.mammoflow.api.network.NetworkFactory;
import org.mammoflow.api.network.StepResult;
import org.mammoflow.api.training.JobProgress;
import org.mammoflow.api.training.JobState;
import org.mammoflow.api.training.Stage;
import org.mammoflow.api.training.TrainingJob;
import org.mammoflow.api.training.TrainingRequest;
import org.mammoflow.files.AtomicFiles;

/**
 * One training run: its stages and epochs in order, a checkpoint after every epoch, validation,
 * metrics, curve and best checkpoint, early stopping on validation loss. Resumed runs start after
 * their last complete checkpoint, with its weights and optimizer state.
 */
final class TrainingRun implements TrainingJob {

    /** Thrown inside the run when it is cancelled. */
    /** hh:mm:ss always (LocalTime.toString leaves out seconds that are 0). */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    /** Where a run starts: after (stage, epoch) with the network of that checkpoint, or at the beginning. */
    private record Start(int stage, int epoch, Optional<Network> network) {
    }

    private final String id;
    private final TrainingRequest request;
    private final TrainingData data;
    private final RunFolder folder;
    private final NetworkFactory backend;
    private final ImageFiles files;
    private final TrainingConfig config;
    private final RunSettings settings;
    private final ExecutorService executor;
    private final Consumer<JobProgress> listener;
    private final boolean resume;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private volatile JobProgress progress;
    private volatile boolean cancelled;
    private volatile Future<?> future;
    private final EarlyStopping earlyStopping;
    private TimeEstimate time = new TimeEstimate(List.of(), 0, 1, 0);
    /** How the training images were made from raw mammograms: every checkpoint carries it. */
    private Optional<PreprocessingSettings> preprocessing = Optional.empty();

    /**
     * A run of the request, with the settings that change its numbers as it began ({@code settings}) and
     * the live configuration for those that do not ({@code config}: prefetch, keepCheckpoints).
     */
    TrainingRun(String id, TrainingRequest request, RunSettings settings, TrainingData data, boolean resume,
            NetworkFactory backend, ImageFiles files, TrainingConfig config, ExecutorService executor,
            Consumer<JobProgress> listener) {
        this.id = id;
        this.request = request;
        this.data = data;
        this.folder = new RunFolder(request.runDir());
        this.backend = backend;
        this.files = files;
        this.config = config;
        this.settings = settings;
        this.executor = executor;
        this.listener = listener;
        this.resume = resume;
        this.earlyStopping = new EarlyStopping(settings.patience());
        this.progress = new JobProgress(id, JobState.QUEUED, 0, request.schedule().stages().size(), 0, 0, 0, 0,
                Double.NaN, Double.NaN, 0, Duration.ZERO, "queued");
    }

    void start() {
        future = executor.submit(this::run);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Path runDir() {
        return folder.dir();
    }

    @Override
    public JobProgress progress() {
        return progress;
    }

    @Override
    public void cancel() {
        cancelled = true;
        Future<?> running = future;
        if (running != null && progress.state() == JobState.QUEUED) {
            running.cancel(false);
            report(JobState.CANCELLED, "cancelled before it started");
        }
    }

    /** The log lines so far (also in the run folder's train.log). */
    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** Waits until the job has ended. */
    void await() throws InterruptedException {
        Future<?> running = future;
        if (running != null) {
            try {
                running.get();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                // its state says how it ended
            }
        }
    }

    private void run() {
        report(JobState.RUNNING, "starting");
        try {
            train();
            report(JobState.SUCCEEDED, "finished: " + folder.best());
        } catch (Exception | Error e) { // an Error too: a job must never stay "running" with no thread
            if (cancelled) { // also when stopping the bundle interrupted a wait
                report(JobState.CANCELLED, "cancelled; resume with mammo:resume " + folder.dir());
            } else {
                report(JobState.FAILED, "failed: " + e);
            }
        }
    }

    /** How a data folder's images were made from raw mammograms (its preprocessing.properties), if it says. */
    static Optional<PreprocessingSettings> preprocessingOf(Path data) throws IOException {
        Path recorded = data.resolve(PreprocessingSettings.FILE);
        try {
            return AtomicFiles.readSettings(recorded).map(PreprocessingSettings::fromMap);
        } catch (IllegalArgumentException e) {
            throw new IOException(recorded + ": " + e.getMessage(), e);
        }
    }

    private void train() throws IOException, InterruptedException {
        preprocessing = preprocessingOf(request.data());
        Start start = resume ? resumePoint() : new Start(1, 0, Optional.empty());
        try (Network network = start.network().isPresent() ? start.network().get() : fresh()) {
            log(network.spec().architecture() + " computes in " + network.precision() + " on " + network.device());
            List<EpochMetrics> history = new ArrayList<>(
                    folder.readMetrics(start.stage(), start.epoch(), data.classes()));
            List<Stage> stages = request.schedule().stages();
            time = new TimeEstimate(stages, data.train().size(), start.stage(), start.epoch());
            List<EpochListener> listeners = List.of( // metrics first: a resumed run reads them up to its checkpoint
                    new MetricsRecorder(folder, data.classNames(), files, this::log),
                    new CheckpointKeeper(folder, request.network(), preprocessing, config.keepCheckpoints()));
            for (int s = start.stage(); s <= stages.size(); s++) {
                Stage stage = stages.get(s - 1);
                boolean continuing = s == start.stage() && start.epoch() > 0;
                int firstEpoch = continuing ? start.epoch() + 1 : 1;
                if (continuing && (firstEpoch > stage.epochs() || earlyStopping.stalled(history, s))) {
                    continue; // that stage had ended
                }
                if (stage.epochs() == 0) {
                    log(String.format("stage %d/%d %s: 0 epochs, skipped", s, stages.size(), stage.name()));
                    continue;
                }
                network.setTrainable(stage.trainable());
                if (!continuing) {
                    network.setOptimizer(stage.learningRate(), stage.weightDecay());
                }
                log(String.format("stage %d/%d %s: trains %s, lr %.0e%s, weight decay %.0e, %d epochs, batch %d", s,
                        stages.size(), stage.name(), stage.trainable().isEmpty() ? "all layers" : stage.trainable(),
                        stage.learningRate(), decayWords(stage.decay()),
                        stage.weightDecay(), stage.epochs(), stage.batchSize()));
                boolean cached = cached(stage);
                try (StageInput input = cached ? featureCache(network, s, stage) : images(stage)) {
                    for (int e = firstEpoch; e <= stage.epochs(); e++) {
                        EpochMetrics metrics = epoch(network, s, e, stage, input);
                        history.add(metrics);
                        for (EpochListener listener : listeners) {
                            listener.epochEnded(network, metrics, history);
                        }
                        if (earlyStopping.stalled(history, s)) {
                            log("stage " + s + ": validation loss has not fallen for " + settings.patience()
                                    + " epochs, next stage");
                            break;
                        }
                    }
                }
                if (cached) {
                    FeatureCache.delete(folder.dir()); // the stage is over: its records are not needed again
                }
            }
        }
    }

    /**
     * Whether a stage trains on cached features: a whole-image stage that freezes the patch network,
     * whose output for an image therefore never changes (when the cache is enabled).
     */
    private boolean cached(Stage stage) {
        return settings.featureCacheVariants() > 0 && request.wholeImage() && !stage.trainable().isEmpty();
    }

    private StageInput images(Stage stage) {
        return new ImageInput(data, stage.batchSize(), request.network().width(), request.network().height(),
                augmentation(), config.prefetch(), files, executor);
    }

    private Augmentation.Kind augmentation() {
        return settings.augmentation(request.wholeImage());
    }

    private StageInput featureCache(Network network, int s, Stage stage) throws IOException {
        Augmentation.Kind augmentation = augmentation();
        int variants = switch (augmentation) {
            case NONE -> 1;
            case FLIPS -> Math.min(4, settings.featureCacheVariants());
            case PAPER -> settings.featureCacheVariants();
        };
        StringBuilder inputs = new StringBuilder(request.network().toString()).append(stage.trainable())
                .append(request.initialWeights().map(Path::toString).orElse("")).append('\n');
        data.train().forEach(x -> inputs.append(x).append('\n'));
        data.validation().forEach(x -> inputs.append(x).append('\n'));
        FeatureCache.Settings settings = new FeatureCache.Settings(variants, augmentation, request.seed(), stage.batchSize(),
                request.network().width(), request.network().height(), inputs.toString());
        long started = System.nanoTime();
        FeatureCache cache = FeatureCache.open(folder.dir(), network, data, settings, files, (done, total) -> {
            if (cancelled) {
                throw new Cancelled();
            }
            progress = new JobProgress(id, JobState.RUNNING, s, request.schedule().stages().size(), 0, stage.epochs(),
                    done, total, Double.NaN, Double.NaN, 0, time.remaining(), "stage " + s + ": caching features");
            listener.accept(progress);
        });
        log(String.format("stage %d: features of the frozen layers for %d training images x %d variants and %d"
                + " validation images %s in %.0f s (%s)", s, data.train().size(), variants, data.validation().size(),
                cache.reused() ? "reused" : "computed", (System.nanoTime() - started) / 1e9,
                folder.dir().resolve(FeatureCache.FOLDER)));
        return cache;
    }

    private EpochMetrics epoch(Network network, int s, int e, Stage stage, StageInput input)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        double loss = 0;
        int correct = 0;
        int seen = 0;
        long seed = request.seed() * 1_000_003L + s * 1000L + e;
        network.seed(new SplittableRandom(seed).nextLong()); // dropout draws of this epoch, as on a resume
        long waited;
        try (BatchSource stream = input.training(seed)) {
            int batch = 0;
            for (Batch b = stream.next(); b != null; b = stream.next()) {
                if (cancelled) {
                    throw new Cancelled();
                }
                long stepStart = System.nanoTime();
                if (stage.decay() != Stage.Decay.CONSTANT) {
                    network.setLearningRate(stage.learningRateAt(e, batch, stream.batches()));
                }
                StepResult result = input.train(network, b);
                batch++;
                loss += result.loss() * result.size();
                correct += result.correct();
                seen += result.size();
                time.batchDone((System.nanoTime() - stepStart) / 1e9);
                double elapsed = (System.nanoTime() - started) / 1e9;
                progress = new JobProgress(id, JobState.RUNNING, s, request.schedule().stages().size(), e,
                        stage.epochs(), batch, stream.batches(), loss / seen, correct / (double) seen, seen / elapsed,
                        time.remaining(), "stage " + s + " epoch " + e);
                listener.accept(progress);
            }
            waited = stream.waitNanos();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Validation v = validate(network, input);
        return new EpochMetrics(s, e, loss / Math.max(1, seen), correct / (double) Math.max(1, seen), v.loss,
                v.accuracy, v.perClass, seen / seconds, waited / 1e9 / seconds, seconds);
    }

    private record Validation(double loss, double accuracy, double[] perClass) {
    }

    /** Validation in batches of the training size: the memory a stage is known to fit in, at any image size. */
    private Validation validate(Network network, StageInput input) throws IOException, InterruptedException {
        int classes = data.classes();
        int[] right = new int[classes];
        int[] total = new int[classes];
        double loss = 0;
        try (BatchSource stream = input.validation()) {
            for (Batch b = stream.next(); b != null; b = stream.next()) {
                if (cancelled) {
                    throw new Cancelled();
                }
                float[][] p = input.predict(network, b);
                for (int i = 0; i < b.size(); i++) {
                    int label = b.labels()[i];
                    loss -= Math.log(Math.max(1e-12, p[i][label]));
                    total[label]++;
                    right[label] += argMax(p[i]) == label ? 1 : 0;
                }
            }
        }
        int n = java.util.Arrays.stream(total).sum();
        double[] perClass = new double[classes];
        for (int c = 0; c < classes; c++) {
            perClass[c] = total[c] == 0 ? Double.NaN : right[c] / (double) total[c];
        }
        return new Validation(loss / Math.max(1, n), java.util.Arrays.stream(right).sum() / (double) Math.max(1, n),
                perClass);
    }

    private Network fresh() throws IOException {
        Network network = backend.create(request.network(), request.seed(), precision());
        if (request.initialWeights().isPresent()) {
            var imported = backend.importWeights(network, request.initialWeights().get());
            log("imported " + imported.loaded().size() + " tensors from " + request.initialWeights().get()
                    + (imported.skipped().isEmpty() ? "" : ", kept " + imported.skipped().size() + " as initialised"));
        }
        return network;
    }

    /** What the network computes in: the request's precision (recorded with the run), or the backend's. */
    private Precision precision() {
        return request.precision().orElse(backend.trainingPrecision());
    }

    /** The last checkpoint the backend accepts as complete, opened; broken ones are reported and passed over. */
    private Start resumePoint() throws IOException {
        for (Path checkpoint : folder.checkpointsLatestFirst()) {
            try {
                Network network = backend.open(checkpoint, precision());
                int[] se = RunFolder.stageAndEpoch(checkpoint);
                log("resuming after stage " + se[0] + " epoch " + se[1] + " from " + checkpoint.getFileName());
                return new Start(se[0], se[1], Optional.of(network));
            } catch (IOException e) {
                log("passing over " + e.getMessage());
            }
        }
        log("no complete checkpoint: starting from the beginning");
        return new Start(1, 0, Optional.empty());
    }

    private void report(JobState state, String message) {
        JobProgress p = progress;
        progress = new JobProgress(id, state, p.stage(), p.stages(), p.epoch(), p.epochs(), p.batch(), p.batches(),
                p.loss(), p.accuracy(), p.imagesPerSecond(), state.finished() ? Duration.ZERO : p.remaining(), message);
        log(message);
        listener.accept(progress);
    }

    private static String decayWords(Stage.Decay decay) {
        return switch (decay) {
            case CONSTANT -> "";
            case COSINE -> " with cosine decay";
            case WARMUP_COSINE -> " with warm-up and cosine decay";
        };
    }

    private void log(String message) {
        String line = CLOCK.format(LocalTime.now()) + " " + id + " " + message;
        log.add(line);
        folder.appendLog(line);
    }

    private static int argMax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
