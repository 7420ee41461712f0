package org.mammoflow.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.mammoflow.api.dataset.DatasetImporter;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.head.WholeImageHead;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.network.HeadLayers;
import org.mammoflow.api.network.NetworkFactory;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.network.Precision;
import org.mammoflow.api.sampling.PatchSampling;
import org.mammoflow.api.training.JobProgress;
import org.mammoflow.api.training.PatchTraining;
import org.mammoflow.api.training.Schedule;
import org.mammoflow.api.training.Stage;
import org.mammoflow.api.training.TrainingJob;
import org.mammoflow.api.training.TrainingRequest;
import org.mammoflow.api.training.TrainingScheduler;
import org.mammoflow.api.training.WholeImageTraining;
import org.mammoflow.inference.input.DataFolder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Runs training jobs on threads it owns. The backend, the patch reader and Event Admin are bound
 * dynamically: a job takes the ones bound when it starts, so they can be swapped without a restart.
 * Deactivation (bundle stop) cancels every job and waits for its threads to end.
 */
@Component(configurationPid = TrainingJobs.PID)
@Designate(ocd = TrainingConfig.class)
public final class TrainingJobs implements TrainingScheduler {

    static final String PID = "org.mammoflow.training";
    private static final String PAPERS_LAST_BLOCK = "layer4.2";

    private final ImageFiles files;
    private final ExecutorService executor;
    private final Map<String, TrainingRun> jobs = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicInteger threadCount = new AtomicInteger();
    private final java.util.Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile TrainingConfig config;
    /** Sees every job's progress on its training thread; tests stop or hold a job there at a chosen batch. */
    private volatile Consumer<JobProgress> observer = progress -> { };

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
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin events;

    @Reference(service = LoggerFactory.class, cardinality = ReferenceCardinality.OPTIONAL)
    private Logger log;

    @Reference(service = WholeImageHead.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    private volatile List<Map.Entry<Map<String, Object>, WholeImageHead>> heads = List.of();

    @Activate
    public TrainingJobs(@Reference ImageFiles files, TrainingConfig config) {
        this.files = files;
        this.config = config;
        this.executor = Executors.newCachedThreadPool(this::newThread);
    }

    /** Test and wiring constructor: the dynamic collaborators given directly. */
    TrainingJobs(ImageFiles files, TrainingConfig config, NetworkFactory backend, PatchSampling patches) {
        this(files, config);
        this.backend = backend;
        this.patches = patches;
    }

    /** Test wiring: the whole-image heads, bound dynamically in the framework. */
    void bindHeads(Map<String, WholeImageHead> named) {
        this.heads = named.entrySet().stream()
                .map(e -> Map.entry(Map.<String, Object>of(WholeImageHead.NAME, e.getKey()), e.getValue())).toList();
    }

    /** Test wiring: the folder dataset importer, bound dynamically in the framework. */
    void bindImages(DatasetImporter importer) {
        this.images = importer;
    }

    @Modified
    void modified(TrainingConfig newConfig) {
        this.config = newConfig; // running jobs keep the settings they started with
    }

    @Deactivate
    void stop() throws InterruptedException {
        jobs.values().forEach(TrainingRun::cancel);
        executor.shutdownNow();
        if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
            Logger logger = log;
            if (logger != null) {
                logger.warn("training threads did not end within 60 s");
            }
        }
        for (Thread thread : threads) {
            thread.join(10_000); // a terminated pool's last worker may still be finishing its exit
        }
    }

    @Override
    public TrainingJob submitPatch(PatchTraining request) throws IOException {
        NetworkSpec network = new NetworkSpec(request.architecture(), 5, request.size(), request.size());
        Schedule schedule = lastBlockNamed(request.changes().applyTo(patchSchedule()), network);
        return submit(new TrainingRequest(request.patches(), request.runDir(), network, schedule,
                request.initialWeights(), request.seed(), false, request.precision()));
    }

    @Override
    public TrainingJob submitWholeImage(WholeImageTraining request) throws IOException {
        WholeImageHead head = heads.stream().filter(e -> request.head().equals(e.getKey().get(WholeImageHead.NAME)))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "no head " + request.head() + "; available: " + heads()));
        NetworkFactory factory = backend();
        NetworkSpec patchNetwork = factory.describe(request.patchCheckpoint()).spec();
        HeadLayers layers = head.layers(factory.featureChannels(patchNetwork));
        NetworkSpec whole = patchNetwork.withHead(layers, request.height(), request.width());
        Schedule schedule = request.changes().applyTo(wholeImageSchedule(layers.newLayers()));
        return submit(new TrainingRequest(request.images(), request.runDir(), whole, schedule,
                Optional.of(request.patchCheckpoint()), request.seed(), true, request.precision()));
    }

    @Override
    public List<String> heads() {
        return heads.stream().map(e -> String.valueOf(e.getKey().get(WholeImageHead.NAME))).sorted().toList();
    }

    /**
     * The schedule with the paper's "layer4.2" (ResNet50's last block) standing for the network's own
     * last block, such as ResNet18's layer4.1.
     */
    private Schedule lastBlockNamed(Schedule schedule, NetworkSpec network) {
        List<String> blocks = backend().blockNames(network);
        if (blocks.contains(PAPERS_LAST_BLOCK)) {
            return schedule;
        }
        String last = blocks.get(blocks.size() - 1);
        return new Schedule(schedule.name(), schedule.stages().stream().map(stage -> stage.withTrainable(
                stage.trainable().stream().map(p -> p.equals(PAPERS_LAST_BLOCK) ? last : p).toList())).toList());
    }

    private NetworkFactory backend() {
        return running(backend);
    }

    /** The backend a field holds, or why there is none. */
    static NetworkFactory running(NetworkFactory backend) {
        if (backend == null) {
            throw new IllegalStateException(
                    "no network backend is running (bundle org.mammoflow.djl; a start that failed said why then)");
        }
        return backend;
    }

    @Override
    public Schedule patchSchedule() {
        TrainingConfig c = config;
        return configured(Schedule.patchClassifier(), c.patchEpochs(), c.patchLearningRates(), c.batchSize());
    }

    @Override
    public Schedule wholeImageSchedule(List<String> newLayers) {
        TrainingConfig c = config;
        return configured(Schedule.wholeImage(newLayers), c.wholeEpochs(), c.wholeLearningRates(), c.wholeBatchSize());
    }

    private Schedule configured(Schedule paper, int[] epochs, double[] rates, int batchSize) {
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < paper.stages().size(); i++) {
            Stage s = paper.stages().get(i);
            stages.add(new Stage(s.name(), s.trainable(), pick(rates, i, s.learningRate()), config.weightDecay(),
                    (int) pick(toDoubles(epochs), i, s.epochs()), batchSize));
        }
        return new Schedule(paper.name(), stages);
    }

    @Override
    public TrainingJob submit(TrainingRequest asked) throws IOException {
        NetworkFactory network = backend;
        TrainingRequest request = asked;
        if (network != null) {
            network.featureChannels(request.network()); // an unknown architecture is refused before any job starts
            request = withPrecision(asked, asked.precision().orElse(network.trainingPrecision()), network);
        }
        TrainingData data = data(request);
        RunSettings settings = RunSettings.of(config);
        new RunFolder(request.runDir()).writeRequest(request, settings);
        return start(request, settings, data, false);
    }

    /**
     * The request in a precision the backend computes in, recorded with the run so that a resume keeps it; one
     * this machine refuses is refused before any job starts.
     */
    private static TrainingRequest withPrecision(TrainingRequest request, Precision precision, NetworkFactory backend) {
        backend.unavailable(precision).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        return new TrainingRequest(request.data(), request.runDir(), request.network(), request.schedule(),
                request.initialWeights(), request.seed(), request.wholeImage(), Optional.of(precision));
    }

    @Override
    public TrainingJob resume(Path runDir) throws IOException {
        RunFolder.Recorded recorded = new RunFolder(runDir).read(RunSettings.of(config));
        TrainingRequest request = recorded.request();
        boolean running = jobs.values().stream()
                .anyMatch(j -> j.runDir().equals(runDir.toAbsolutePath().normalize()) && !j.progress().state().finished());
        if (running) {
            throw new IllegalStateException(runDir + " is being trained by a running job");
        }
        return start(request, recorded.settings(), data(request), true);
    }

    @Override
    public List<TrainingJob> jobs() {
        return jobs.values().stream().sorted((a, b) -> a.id().compareTo(b.id())).map(TrainingJob.class::cast).toList();
    }

    @Override
    public Optional<TrainingJob> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public List<String> log(String id) {
        TrainingRun run = jobs.get(id);
        if (run == null) {
            throw new IllegalArgumentException("no job " + id);
        }
        return run.log();
    }

    @Override
    public void await(String id) throws InterruptedException {
        TrainingRun run = jobs.get(id);
        if (run != null) {
            run.await();
        }
    }

    private TrainingJob start(TrainingRequest request, RunSettings settings, TrainingData data, boolean resume) {
        NetworkFactory network = backend();
        String id = String.format("job-%d", counter.incrementAndGet());
        TrainingRun run = new TrainingRun(id, request, settings, data, resume, network, files, config, executor,
                this::post);
        jobs.put(id, run);
        run.start();
        return run;
    }

    /** The training and validation examples of a patch or image dataset folder. */
    private TrainingData data(TrainingRequest request) throws IOException {
        DataFolder folder = DataFolder.read(request.data(), patches, images);
        if (request.network().classes() != folder.classNames().size()) {
            throw new IllegalArgumentException(request.data() + " has " + folder.classNames().size()
                    + " classes, the network " + request.network().classes());
        }
        return checked(request.data(), new TrainingData(folder.split(Split.TRAIN), folder.split(Split.VALIDATION),
                folder.classNames()));
    }

    private static TrainingData checked(Path source, TrainingData data) {
        if (data.train().isEmpty() || data.validation().isEmpty()) {
            throw new IllegalArgumentException(source + ": needs training and validation examples, has "
                    + data.train().size() + " and " + data.validation().size());
        }
        return data;
    }

    /**
     * Test wiring: {@code observer} sees each progress report on the training thread, right after the batch
     * it reports and before the next, so a job cancelled there stops at that batch whatever the machine's speed.
     */
    void observe(Consumer<JobProgress> observer) {
        this.observer = observer;
    }

    private void post(JobProgress p) {
        observer.accept(p);
        EventAdmin admin = events;
        if (admin == null) {
            return;
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put(EVENT_JOB, p.jobId());
        properties.put(EVENT_STATE, p.state().name());
        properties.put(EVENT_STAGE, p.stage());
        properties.put(EVENT_EPOCH, p.epoch());
        properties.put(EVENT_BATCH, p.batch());
        properties.put(EVENT_BATCHES, p.batches());
        properties.put(EVENT_LOSS, p.loss());
        properties.put(EVENT_ACCURACY, p.accuracy());
        properties.put(EVENT_IMAGES_PER_SECOND, p.imagesPerSecond());
        properties.put(EVENT_REMAINING_SECONDS, p.remaining().toSeconds());
        properties.put(EVENT_MESSAGE, p.message());
        admin.postEvent(new Event(PROGRESS_TOPIC, properties));
    }

    private Thread newThread(Runnable task) {
        Thread thread = new Thread(task, "mammoflow-training-" + threadCount.incrementAndGet());
        thread.setDaemon(true);
        threads.add(thread);
        return thread;
    }

    private static double pick(double[] values, int i, double fallback) {
        return i < values.length ? values[i] : fallback;
    }

    private static double[] toDoubles(int[] values) {
        return Arrays.stream(values).asDoubleStream().toArray();
    }
}
