package org.mammoflow.djl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.mammoflow.api.network.Checkpoint;
import org.mammoflow.api.network.ImportedWeights;
import org.mammoflow.api.network.Layer;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkFactory;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.network.Precision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;

/**
 * The ResNet backend on DJL's PyTorch engine. Networks it creates live in its memory scope and are
 * closed with it when the component goes away (configuration change, bundle stop).
 */
@Component(configurationPid = ResNetBackend.PID,
        property = {NetworkFactory.BACKEND + "=djl-pytorch"})
@Designate(ocd = BackendConfig.class)
public final class ResNetBackend implements NetworkFactory {

    static final String PID = "org.mammoflow.djl";

    private static final String KERNEL_CHECK = "kernel check";

    private final NDManager memory;
    private final Layout activations;
    private final Bfloat16Casts casts;
    private final Precisions precisions;
    private final Map<String, String> diagnostics;

    @Activate
    public ResNetBackend(BackendConfig config, @Reference(service = LoggerFactory.class) Logger log) {
        this(config, log::info, log::warn, log::error);
    }

    /** Outside a framework (tests, benchmarks): warnings go to standard error, notes nowhere. */
    public ResNetBackend(BackendConfig config) {
        this(config, note -> { }, ResNetBackend::toStandardError, ResNetBackend::toStandardError);
    }

    /**
     * Starts libtorch. A failure is logged with its cause before it is thrown: Declarative Services
     * reports a constructor's failure without its message, and users would see only that no backend runs.
     */
    ResNetBackend(BackendConfig config, Consumer<String> notes, Consumer<String> warnings, Consumer<String> errors) {
        try {
            if (!(config.kernelTolerance() >= 0 && config.kernelTolerance() <= 1)) {
                throw new IllegalArgumentException("setting kernelTolerance of org.mammoflow.djl is "
                        + config.kernelTolerance() + ": it must be 0 to 1");
            }
            NativeTuning tuning = new NativeTuning(config.nativeTuning(), notes);
            Engine engine = Torch.start(config, tuning, warnings);
            List<String> device = new ArrayList<>(); // on a CPU-only machine, a note for mammo:info, not a warning
            this.memory = engine.newBaseManager(Torch.device(config.device(), engine, device::add));
            device.forEach(notes);
            OneDnnCaches.Record caches = tuning.afterLoading(engine.getVersion());
            Map<String, String> found = new TreeMap<>(tuning.outcomes());
            this.activations = checkedLayout(Layout.forDevice(memory.getDevice(), caches, config.layout()),
                    config.kernelTolerance(), found, warnings);
            found.put("layout", activations.toString());
            this.casts = new Bfloat16Casts((PtNDManager) memory);
            this.precisions = Precisions.of(config, memory, activations, casts);
            found.put("precision", precisions.description());
            warnUnavailableDefaults(warnings);
            found.put("device", memory.getDevice() + (device.isEmpty() ? "" : " (" + String.join("; ", device) + ")"));
            notes.accept("networks compute " + activations + " on " + memory.getDevice() + "; kernel check: "
                    + found.get(KERNEL_CHECK));
            this.diagnostics = Map.copyOf(found);
        } catch (RuntimeException e) {
            errors.accept("the network backend did not start: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
            throw e;
        }
    }

    /**
     * The layout, once channels-last kernels on a CPU have computed what float64 computes
     * ({@link KernelCheck#AT_START}); channels-first, PyTorch's default, where they did not.
     */
    private Layout checkedLayout(Layout preferred, double tolerance, Map<String, String> found,
            Consumer<String> warnings) {
        if (preferred != Layout.CHANNELS_LAST || memory.getDevice().isGpu()) {
            found.put(KERNEL_CHECK, "not run: " + (preferred != Layout.CHANNELS_LAST ? "channels-first chosen"
                    : "a GPU (its kernels are checked by GpuCheck, docs/guide.md)"));
            return preferred;
        }
        long start = System.nanoTime();
        Optional<String> disagreement = KernelCheck.disagreement(memory, Layout.CHANNELS_LAST, KernelCheck.AT_START,
                KernelCheck.BATCH_AT_START, tolerance);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (disagreement.isPresent()) {
            String message = disagreement.get() + "; networks compute " + Layout.CHANNELS_FIRST
                    + " (PyTorch's default layout, slower) instead";
            found.put(KERNEL_CHECK, "failed: " + message);
            warnings.accept("this machine's convolution kernels failed their check: " + message);
            return Layout.CHANNELS_FIRST;
        }
        found.put(KERNEL_CHECK, "passed: " + KernelCheck.AT_START.size() + " " + Layout.CHANNELS_LAST
                + " convolutions, forward and backward, within " + tolerance + " of float64 (" + millis + " ms)");
        return Layout.CHANNELS_LAST;
    }

    /** A default precision the settings name but this machine refuses is said once at start, and at each use. */
    private void warnUnavailableDefaults(Consumer<String> warnings) {
        for (Precision precision : EnumSet.of(precisions.training(), precisions.inference())) {
            try {
                precisions.requireAvailable(precision);
            } catch (IllegalArgumentException e) {
                warnings.accept("the settings of " + PID + " name " + precision + " as a default: " + e.getMessage());
            }
        }
    }

    private static void toStandardError(String message) {
        System.err.println("mammoflow: " + message);
    }

    /** Frees every network this backend made (when the component goes away). */
    @Deactivate
    public void close() {
        casts.close();
        memory.close();
    }

    /** The memory every network of this backend lives in. */
    NDManager memory() {
        return memory;
    }

    /** The casts between float32 and bfloat16 its networks use. */
    Bfloat16Casts casts() {
        return casts;
    }

    /** The layout of the activations of the networks this backend makes. */
    Layout activations() {
        return activations;
    }

    /** The kernel check, the layout chosen and each native intervention's outcome, by name. */
    @Override
    public Map<String, String> diagnostics() {
        return diagnostics;
    }

    @Override
    public Precision trainingPrecision() {
        return precisions.training();
    }

    @Override
    public Precision inferencePrecision() {
        return precisions.inference();
    }

    @Override
    public Optional<String> unavailable(Precision precision) {
        return precision == Precision.BF16 ? precisions.bf16Unavailable() : Optional.empty();
    }

    @Override
    public Network create(NetworkSpec spec, long seed, Precision precision) {
        precisions.requireAvailable(precision);
        return new TorchNetwork(spec, memory.newSubManager(), OptionalLong.of(seed), activations, precision, casts);
    }

    @Override
    public Checkpoint describe(Path checkpoint) throws IOException {
        return StateFiles.readCheckpointInfo(checkpoint);
    }

    @Override
    public Network open(Path checkpoint, Precision precision) throws IOException {
        precisions.requireAvailable(precision);
        NetworkSpec spec = StateFiles.readCheckpointInfo(checkpoint).spec();
        // no random initialisation: the checkpoint's weights replace every tensor
        Network network = new TorchNetwork(spec, memory.newSubManager(), OptionalLong.empty(), activations, precision,
                casts);
        try {
            network.load(checkpoint);
            return network;
        } catch (IOException | RuntimeException e) {
            network.close();
            throw e;
        }
    }

    @Override
    public ImportedWeights importWeights(Network network, Path weights) throws IOException {
        if (!(network instanceof TorchNetwork torch)) {
            throw new IllegalArgumentException("network " + network.spec() + " was not made by this backend");
        }
        List<String> loaded = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        synchronized (torch) {
            try (NDManager scratch = memory.newSubManager()) {
                Map<String, NDArray> file = StateFiles.readWeights(weights, scratch);
                for (String name : List.copyOf(torch.tensors().keySet())) {
                    NDArray value = file.get(name);
                    if (value == null) {
                        skipped.add(name + ": not in the file");
                    } else if (!value.getShape().equals(torch.tensors().get(name).getShape())) {
                        skipped.add(name + ": shape " + value.getShape() + " in the file, "
                                + torch.tensors().get(name).getShape() + " here");
                    } else {
                        torch.replace(name, value, weights);
                        loaded.add(name);
                    }
                }
            }
            if (loaded.isEmpty()) {
                throw new IOException(weights + ": no tensor matches a " + network.spec().architecture()
                        + " by torchvision's names (conv1.weight, layer1.0.conv1.weight, ...)");
            }
            torch.resetOptimizerState();
        }
        return new ImportedWeights(loaded, skipped);
    }

    @Override
    public int featureChannels(NetworkSpec spec) {
        return Architecture.of(spec).features();
    }

    @Override
    public List<String> blockNames(NetworkSpec spec) {
        return Architecture.of(spec).blocks().stream().map(Layer::name).toList();
    }
}
