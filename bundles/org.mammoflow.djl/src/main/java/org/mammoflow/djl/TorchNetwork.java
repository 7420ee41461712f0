package org.mammoflow.djl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.mammoflow.api.network.Backbone;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Checkpoint;
import org.mammoflow.api.network.Layer;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.network.Precision;
import org.mammoflow.api.network.StepResult;
import org.mammoflow.djl.Architecture.Kind;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * A ResNet computed op by op on libtorch, holding its tensors under torchvision's names. Frozen
 * parameters get no gradient, and frozen BatchNorm layers normalise with their running statistics,
 * which therefore stay fixed. Adam is libtorch's fused update. One call at a time per network.
 *
 * <p>In bfloat16 ({@link Precision#BF16}) it computes as PyTorch's autocast does: the input and every
 * activation are bfloat16, each convolution and the final linear layer take bfloat16 copies of their float32
 * weights (autograd carries the gradients back to the float32 weights, which Adam updates), BatchNorm
 * normalises bfloat16 maps with its float32 parameters and statistics, and the logits and loss are float32.
 */
final class TorchNetwork implements Network {

    private static final Shape ONE = new Shape(1, 1);
    private static final Shape TWO = new Shape(2, 2);
    private static final Shape NONE = new Shape(0, 0);
    private static final double BN_MOMENTUM = 0.1;
    private static final double BN_EPSILON = 1e-5;

    private final NetworkSpec spec;
    private final Precision precision;
    private final Bfloat16Casts casts;
    private final Architecture architecture;
    private final NDManager manager;
    private final Map<String, Architecture.Tensor> layout;
    private final Map<String, PtNDArray> tensors = new LinkedHashMap<>();
    private final Layout activations;
    private final Adam adam;
    private final Map<String, PtNDArray[]> folded = new HashMap<>();
    private NDManager foldedMemory;
    private List<String> trainablePrefixes = List.of();
    private SplittableRandom dropoutDraws;

    /**
     * A network computing in {@code precision} (in bfloat16 by {@code casts}, which float32 does not need),
     * initialised from the seed as torchvision does; without a seed, zeros, for weights about to be loaded.
     */
    TorchNetwork(NetworkSpec spec, NDManager manager, OptionalLong seed, Layout activations, Precision precision,
            Bfloat16Casts casts) {
        if (precision == Precision.BF16 && casts == null) {
            throw new IllegalArgumentException("a bf16 network needs the backend's casts");
        }
        this.spec = spec;
        this.precision = precision;
        this.casts = casts;
        this.activations = activations;
        this.architecture = Architecture.of(spec);
        this.manager = manager;
        this.layout = architecture.tensors();
        layout.values().forEach(t -> tensors.put(t.name(), seed.isPresent() ? initial(t, seed.getAsLong())
                : (PtNDArray) manager.zeros(new Shape(t.shape()))));
        this.adam = new Adam(manager);
        this.foldedMemory = manager.newSubManager();
        this.dropoutDraws = new SplittableRandom(seed.orElse(0));
        setTrainable(List.of());
    }

    @Override
    public NetworkSpec spec() {
        return spec;
    }

    @Override
    public String device() {
        return manager.getDevice().toString();
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public List<String> parameterNames() {
        return layout.values().stream().filter(TorchNetwork::learned).map(Architecture.Tensor::name).toList();
    }

    @Override
    public synchronized void setTrainable(List<String> prefixes) {
        List<String> unknown = prefixes.stream().filter(p -> tensors.keySet().stream().noneMatch(n -> under(n, p)))
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no parameter of " + spec.architecture() + " is named " + unknown
                    + " (names follow torchvision: conv1, bn1, layer1 .. layer4, layer4.2, fc)");
        }
        trainablePrefixes = List.copyOf(prefixes);
        layout.values().stream().filter(TorchNetwork::learned)
                .forEach(t -> tensors.get(t.name()).setRequiresGradient(trainable(t.name())));
    }

    /** Whether a parameter trains under the current prefixes (all when none are set). */
    boolean trainable(String name) {
        return trainablePrefixes.isEmpty() || trainablePrefixes.stream().anyMatch(p -> under(name, p));
    }

    @Override
    public synchronized void setOptimizer(double learningRate, double weightDecay) {
        adam.reset(learningRate, weightDecay);
    }

    @Override
    public synchronized void setLearningRate(double learningRate) {
        adam.setLearningRate(learningRate);
    }

    @Override
    public synchronized void seed(long seed) {
        dropoutDraws = new SplittableRandom(seed);
    }

    @Override
    public synchronized StepResult trainStep(Batch batch) {
        return step(batch, step -> forward(input(step, batch), true));
    }

    @Override
    public synchronized StepResult trainStepOnFeatures(Batch features) {
        int first = firstTrainableBlock();
        return step(features, step -> forwardFrom(features(step, features, first), first, true));
    }

    @Override
    public synchronized float[][] predict(Batch batch) {
        return probabilities(batch, step -> logits(input(step, batch)));
    }

    @Override
    public synchronized float[][] predictFeatures(Batch features) {
        int first = firstTrainableBlock();
        return probabilities(features, step -> {
            JniUtils.setGradMode(false);
            return forwardFrom(features(step, features, first), first, false);
        });
    }

    @Override
    public synchronized Batch frozenFeatures(Batch images) {
        int first = firstTrainableBlock();
        try (NDManager step = manager.newSubManager()) {
            JniUtils.setGradMode(false);
            PtNDArray x = inFloat32(blocks(stem(input(step, images), false), 0, first, false));
            long[] shape = x.getShape().getShape();
            return new Batch(images.size(), (int) shape[1], (int) shape[2], (int) shape[3], x.toFloatArray(),
                    images.labels(), images.weights());
        }
    }

    /** One forward pass in training mode, backward, Adam; the loss and how many samples were right. */
    private StepResult step(Batch batch, Function<NDManager, PtNDArray> forward) {
        if (batch.labels().length != batch.size()) {
            throw new IllegalArgumentException("a training batch needs one label per sample");
        }
        try (NDManager step = manager.newSubManager()) {
            PtNDArray logits;
            NDArray loss;
            JniUtils.setGradMode(true);
            try {
                logits = forward.apply(step);
                loss = loss(logits, batch, step);
                JniUtils.backward((PtNDArray) loss, (PtNDArray) step.ones(loss.getShape()), false, false);
            } finally {
                JniUtils.setGradMode(false);
            }
            adam.step(trainableTensors(), step);
            weightsChanged();
            NDArray labels = step.create(toLongs(batch.labels()));
            int correct = (int) logits.argMax(1).eq(labels).sum().toType(DataType.INT64, false).getLong();
            return new StepResult(loss.getFloat(), correct, batch.size());
        }
    }

    private float[][] probabilities(Batch batch, Function<NDManager, PtNDArray> logits) {
        try (NDManager step = manager.newSubManager()) {
            float[] flat = logits.apply(step).softmax(1).toFloatArray();
            float[][] rows = new float[batch.size()][spec.classes()];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(flat, i * spec.classes(), rows[i], 0, spec.classes());
            }
            return rows;
        }
    }

    /**
     * The index of the first residual block with a trainable parameter (the number of blocks when
     * only {@code fc} trains): the stem and the blocks before it are frozen.
     */
    private int firstTrainableBlock() {
        if (trainablePrefixes.isEmpty() || trainable("conv1.weight") || trainable("bn1.weight")) {
            throw new IllegalStateException("the first layer of " + spec.architecture() + " trains (trainable: "
                    + (trainablePrefixes.isEmpty() ? "all" : trainablePrefixes) + "): no frozen layers in front of it");
        }
        List<Layer> blocks = architecture.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i).name();
            if (layout.values().stream().anyMatch(t -> under(t.name(), block) && learned(t) && trainable(t.name()))) {
                return i;
            }
        }
        return blocks.size();
    }

    /** Feature maps entering block {@code first}, as a tensor checked against the network. */
    private PtNDArray features(NDManager step, Batch features, int first) {
        int channels = first == 0 ? Backbone.STEM_CHANNELS : architecture.blocks().get(first - 1).out();
        if (features.channels() != channels) {
            throw new IllegalArgumentException("feature maps of " + features.channels() + " channels; "
                    + (first < architecture.blocks().size() ? "block " + architecture.blocks().get(first).name() : "fc")
                    + " of " + spec.architecture() + " takes " + channels);
        }
        NDArray x = step.create(features.pixels(),
                new Shape(features.size(), features.channels(), features.height(), features.width()));
        return computing(activations.apply((PtNDArray) x));
    }

    /** The raw class scores, before softmax (inference mode). */
    synchronized float[] logits(Batch batch) {
        try (NDManager step = manager.newSubManager()) {
            return logits(input(step, batch)).toFloatArray();
        }
    }

    private PtNDArray logits(PtNDArray input) {
        JniUtils.setGradMode(false);
        return forward(input, false);
    }

    @Override
    public synchronized void save(Checkpoint checkpoint) throws IOException {
        Map<String, NDArray> state = new LinkedHashMap<>(tensors);
        adam.addState(state);
        StateFiles.writeCheckpoint(checkpoint, state);
    }

    @Override
    public synchronized void saveWeights(Checkpoint checkpoint) throws IOException {
        StateFiles.writeCheckpoint(checkpoint, new LinkedHashMap<>(tensors));
    }

    @Override
    public synchronized void load(Path file) throws IOException {
        try (NDManager scratch = manager.newSubManager()) {
            Map<String, NDArray> state = StateFiles.readCheckpoint(file, spec, scratch);
            List<String> missing = tensors.keySet().stream().filter(n -> !state.containsKey(n)).toList();
            if (!missing.isEmpty()) {
                throw new IOException(file + ": checkpoint lacks " + missing.size() + " tensors, such as "
                        + missing.get(0));
            }
            for (String name : List.copyOf(tensors.keySet())) {
                replace(name, state.get(name), file);
            }
            adam.restore(state, file);
        }
    }

    /** Copies one tensor in place of the network's own; shapes must agree. */
    void replace(String name, NDArray value, Path source) throws IOException {
        PtNDArray current = tensors.get(name);
        if (!current.getShape().equals(value.getShape())) {
            throw new IOException(source + ": " + name + " has shape " + value.getShape() + ", the network "
                    + current.getShape());
        }
        PtNDArray copy = owned(value, manager);
        if (learned(layout.get(name))) {
            copy.setRequiresGradient(trainable(name));
        }
        tensors.put(name, copy);
        current.close();
        weightsChanged();
    }

    /**
     * A float copy of {@code value} in storage libtorch owns, attached to {@code owner}. A tensor read
     * from a file wraps a Java buffer, and DJL's toType/toDevice return that same storage when nothing
     * changes: kept as is, it would be freed under the network by the next garbage collection.
     */
    static PtNDArray owned(NDArray value, NDManager owner) {
        NDArray converted = value.toType(DataType.FLOAT32, false).toDevice(owner.getDevice(), false);
        PtNDArray copy = JniUtils.clone((PtNDArray) converted);
        copy.attach(owner);
        return copy;
    }

    Map<String, PtNDArray> tensors() {
        return tensors;
    }

    void resetOptimizerState() {
        adam.clear();
    }

    @Override
    public synchronized void close() {
        manager.close();
    }

    // ---- forward pass, as torchvision's ResNet.forward

    private PtNDArray forward(PtNDArray input, boolean training) {
        return forwardFrom(stem(input, training), 0, training);
    }

    /**
     * The stem runs channels-last whatever the blocks' layout ({@link Layout#STEM}): libtorch's max pooling
     * of its 64 maps is several times faster pixel by pixel, and the pooled maps, a quarter of the size,
     * are cheaper to lay out for the blocks than the convolution's output would be.
     */
    private PtNDArray stem(PtNDArray input, boolean training) {
        PtNDArray pixels = computing(Layout.STEM.apply(input)); // a handle of its own, the caller keeps input's
        PtNDArray x = consumed(pixels, relu(convBn(pixels, "conv1", "bn1", 2, 3, training)));
        PtNDArray pooled = consumed(x, JniUtils.maxPool(x, new Shape(3, 3), TWO, ONE, false));
        return consumed(pooled, activations.apply(pooled));
    }

    /**
     * The blocks from index {@code first} on, global average pooling, dropout (training) and fc. Takes
     * {@code x} over, as every step of the pass does its input.
     */
    private PtNDArray forwardFrom(PtNDArray x, int first, boolean training) {
        PtNDArray features = blocks(x, first, architecture.blocks().size(), training);
        PtNDArray averaged = consumed(features, JniUtils.adaptiveAvgPool(features, ONE));
        PtNDArray pooled = consumed(averaged, JniUtils.flatten(averaged, 1, -1));
        if (training && architecture.dropout() > 0) {
            pooled = JniUtils.mul(pooled, dropoutMask(pooled));
        }
        PtNDArray weight = parameter("fc.weight", pooled);
        PtNDArray bias = parameter("fc.bias", pooled);
        PtNDArray logits = JniUtils.linear(pooled, weight, bias);
        releaseCopy(weight, "fc.weight");
        releaseCopy(bias, "fc.bias");
        return inFloat32(logits);
    }

    /**
     * Inverted dropout's mask (0, or 1 / (1 - p) for a kept value), drawn from the network's own seeded
     * generator rather than libtorch's global one, so that runs repeat and jobs do not disturb each other.
     */
    private PtNDArray dropoutMask(PtNDArray like) {
        double keep = 1 - architecture.dropout();
        float kept = (float) (1 / keep);
        float[] mask = new float[(int) like.getShape().size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = dropoutDraws.nextDouble() < keep ? kept : 0f;
        }
        return computing((PtNDArray) like.getManager().create(mask, like.getShape()));
    }

    /**
     * Blocks {@code first} to {@code end - 1}, taking {@code x} over: each block's input goes once the block
     * is done (autograd holds what backward needs), so inference keeps no more than two blocks' maps.
     */
    private PtNDArray blocks(PtNDArray x, int first, int end, boolean training) {
        for (int i = first; i < end; i++) {
            x = consumed(x, block(x, architecture.blocks().get(i), training));
        }
        return x;
    }

    private PtNDArray block(PtNDArray x, Layer block, boolean training) {
        String p = block.name() + ".";
        if (block instanceof Layer.ConvBlock c) {
            PtNDArray out = relu(convBn(x, p + "conv", p + "bn", 1, c.kernel() / 2, training));
            return c.pool() ? consumed(out, JniUtils.maxPool(out, TWO, TWO, NONE, false)) : out;
        }
        PtNDArray out;
        int stride;
        boolean projects;
        if (block instanceof Layer.Bottleneck b) {
            PtNDArray reduced = relu(convBn(x, p + "conv1", p + "bn1", 1, 0, training));
            PtNDArray mixed = consumed(reduced, relu(convBn(reduced, p + "conv2", p + "bn2", b.stride(), 1, training)));
            out = consumed(mixed, convBn(mixed, p + "conv3", p + "bn3", 1, 0, training));
            stride = b.stride();
            projects = b.projects();
        } else {
            Layer.Basic b = (Layer.Basic) block;
            PtNDArray first = relu(convBn(x, p + "conv1", p + "bn1", b.stride(), 1, training));
            out = consumed(first, convBn(first, p + "conv2", p + "bn2", 1, 1, training));
            stride = b.stride();
            projects = b.projects();
        }
        PtNDArray shortcut = !projects ? x
                : training && activations == Layout.CHANNELS_FIRST
                        ? convBn(subsample(x, stride), p + "downsample.0", p + "downsample.1", 1, 0, true)
                : convBn(x, p + "downsample.0", p + "downsample.1", stride, 0, training);
        // in place, as torchvision's "out += identity": BatchNorm's backward does not need its output
        JniUtils.addi(out, shortcut);
        if (shortcut != x) {
            shortcut.close();
        }
        return relu(out);
    }

    /** A convolution and the BatchNorm after it; at inference one convolution with BatchNorm folded in. */
    private PtNDArray convBn(PtNDArray x, String conv, String bn, int stride, int padding, boolean training) {
        if (training) {
            PtNDArray convolved = conv(x, conv, stride, padding);
            PtNDArray normalised = batchNorm(convolved, bn, true);
            convolved.close(); // autograd keeps what BatchNorm's backward needs; the handle only pinned it
            return normalised;
        }
        PtNDArray[] weightAndBias = folded.computeIfAbsent(conv, c -> fold(c, bn));
        return JniUtils.convolution(x, weightAndBias[0], weightAndBias[1], new Shape(stride, stride),
                new Shape(padding, padding), ONE, 1);
    }

    /**
     * W * g / sqrt(var + eps) and b - mean * g / sqrt(var + eps), kept until the weights change. Computed
     * with the inputs lent to a scratch manager, so that the intermediates go with it rather than stay in
     * the network's memory at every fold.
     */
    private PtNDArray[] fold(String conv, String bn) {
        try (NDManager scratch = manager.newSubManager()) {
            NDArray w = tensors.get(conv + ".weight");
            NDArray gamma = tensors.get(bn + ".weight");
            NDArray beta = tensors.get(bn + ".bias");
            NDArray mean = tensors.get(bn + ".running_mean");
            NDArray variance = tensors.get(bn + ".running_var");
            scratch.tempAttachAll(w, gamma, beta, mean, variance);
            NDArray scale = gamma.div(variance.add(BN_EPSILON).sqrt());
            NDArray weight = w.mul(scale.reshape(-1, 1, 1, 1));
            NDArray bias = beta.sub(mean.mul(scale));
            PtNDArray[] result = {computing(activations.apply((PtNDArray) weight)), computing((PtNDArray) bias)};
            for (PtNDArray array : result) {
                array.attach(foldedMemory);
            }
            return result;
        }
    }

    /** Drops the folded inference weights; the next inference folds the current ones. */
    private void weightsChanged() {
        if (!folded.isEmpty()) {
            foldedMemory.close();
            foldedMemory = manager.newSubManager();
            folded.clear();
        }
    }

    /**
     * A 1x1 convolution with stride s equals the same convolution with stride 1 on every s-th pixel.
     * Training channels-first takes that way: there oneDNN 3.7's strided 1x1 backward pass divided by zero
     * (SIGFPE in brgemm_convolution_bwd_utils::est_eff_1x1) on an AMD EPYC whose cache record was broken
     * ({@link OneDnnCaches}). Channels-last it runs, and the whole-image pass is 8% faster without the slicing.
     */
    private static PtNDArray subsample(PtNDArray x, int stride) {
        return stride == 1 ? x : (PtNDArray) x.get(":, :, ::" + stride + ", ::" + stride);
    }

    private PtNDArray conv(PtNDArray x, String name, int stride, int padding) {
        PtNDArray weight = parameter(name + ".weight", x);
        PtNDArray convolved = JniUtils.convolution(x, weight, null, new Shape(stride, stride),
                new Shape(padding, padding), ONE, 1);
        releaseCopy(weight, name + ".weight");
        return convolved;
    }

    // ---- precision

    /**
     * A float32 {@code x} in the precision the network computes in, taking x's handle over: x itself in
     * float32, else a bfloat16 copy in x's memory (x's handle closed; autograd keeps what the cast's backward
     * needs).
     */
    private PtNDArray computing(PtNDArray x) {
        return precision == Precision.FP32 ? x : consumed(x, casts.toBfloat16(x));
    }

    /** {@code x}, computed in the network's precision, as float32, taking x's handle over. */
    private PtNDArray inFloat32(PtNDArray x) {
        return precision == Precision.FP32 ? x : consumed(x, casts.toFloat32(x));
    }

    /**
     * A parameter for one operation on {@code x}: the float32 tensor itself, or in bfloat16 a copy in x's memory
     * that carries its gradient back to it. Release it with {@link #releaseCopy} once the operation has run.
     */
    private PtNDArray parameter(String name, PtNDArray x) {
        PtNDArray weight = tensors.get(name);
        if (precision == Precision.FP32) {
            return weight;
        }
        PtNDArray copy = casts.toBfloat16(weight);
        copy.attach(x.getManager()); // the cast leaves it in the parameter's memory, which lives as long as the network
        return copy;
    }

    /** Closes the handle of a parameter's copy from {@link #parameter}; the parameter itself stays. */
    private void releaseCopy(PtNDArray used, String name) {
        if (used != tensors.get(name)) {
            used.close();
        }
    }

    private PtNDArray batchNorm(PtNDArray x, String name, boolean training) {
        // a frozen layer normalises like at inference, so its running statistics stay as they are
        boolean batchStatistics = training && trainable(name + ".weight");
        return JniUtils.batchNorm(x, tensors.get(name + ".running_mean"), tensors.get(name + ".running_var"),
                tensors.get(name + ".weight"), tensors.get(name + ".bias"), batchStatistics, BN_MOMENTUM,
                BN_EPSILON);
    }

    /**
     * ReLU of a tensor that nothing else uses, whose handle it drops at once: libtorch then frees it
     * unless autograd keeps it, the memory PyTorch saves with an in-place ReLU. (A handle held until the
     * step ends would keep every BatchNorm output of the pass alive.)
     */
    private static PtNDArray relu(PtNDArray x) {
        return consumed(x, JniUtils.relu(x));
    }

    /**
     * The result of an operation, its input's handle closed: the memory goes as soon as nothing needs it
     * (autograd keeps its own references), so that inference reuses a few warm blocks instead of holding
     * every feature map of the pass until its end.
     */
    private static PtNDArray consumed(PtNDArray input, PtNDArray result) {
        input.close();
        return result;
    }

    /** Mean cross-entropy, each sample weighted (class balancing is the caller's choice of weights). */
    private NDArray loss(NDArray logits, Batch batch, NDManager step) {
        NDArray oneHot = step.create(toLongs(batch.labels())).oneHot(spec.classes());
        NDArray perSample = logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg();
        if (batch.weights().length == 0) {
            return perSample.mean();
        }
        return perSample.mul(step.create(batch.weights())).mean();
    }

    private PtNDArray input(NDManager step, Batch batch) {
        if (batch.height() != spec.height() || batch.width() != spec.width()) {
            throw new IllegalArgumentException("batch of " + batch.height() + " x " + batch.width() + " images for a "
                    + spec.height() + " x " + spec.width() + " network");
        }
        NDArray x = step.create(batch.pixels(),
                new Shape(batch.size(), batch.channels(), batch.height(), batch.width()));
        return (PtNDArray) switch (batch.channels()) {
            case 3 -> x;
            case 1 -> x.repeat(1, 3); // grayscale mammograms feed the RGB stem as three equal channels
            default -> throw new IllegalArgumentException("images need 1 or 3 channels, not " + batch.channels());
        };
    }

    private List<Map.Entry<String, PtNDArray>> trainableTensors() {
        List<Map.Entry<String, PtNDArray>> list = new ArrayList<>();
        for (Map.Entry<String, PtNDArray> e : tensors.entrySet()) {
            if (e.getValue().hasGradient()) {
                list.add(e);
            }
        }
        return list;
    }

    // ---- initialisation, as torchvision's

    private PtNDArray initial(Architecture.Tensor t, long seed) {
        int size = (int) new Shape(t.shape()).size();
        float[] values = new float[size];
        SplittableRandom random = new SplittableRandom(seed ^ (t.name().hashCode() * 0x9E3779B97F4A7C15L));
        switch (t.kind()) {
            case WEIGHT -> {
                boolean linear = t.shape().length == 2;
                double scale = linear ? 1 / Math.sqrt(t.fanIn()) : Math.sqrt(2.0 / t.fanIn());
                for (int i = 0; i < size; i++) {
                    values[i] = (float) (linear ? scale * (2 * random.nextDouble() - 1) : scale * random.nextGaussian());
                }
            }
            case BIAS -> {
                double bound = t.name().startsWith("fc.") ? 1 / Math.sqrt(t.fanIn()) : 0;
                for (int i = 0; i < size; i++) {
                    values[i] = (float) (bound * (2 * random.nextDouble() - 1));
                }
            }
            case BATCH_NORM_WEIGHT, RUNNING_VAR -> Arrays.fill(values, 1f);
            case ZERO_BATCH_NORM_WEIGHT, RUNNING_MEAN -> { }
        }
        return (PtNDArray) manager.create(values, new Shape(t.shape()));
    }

    static boolean learned(Architecture.Tensor t) {
        return t.kind() != Kind.RUNNING_MEAN && t.kind() != Kind.RUNNING_VAR;
    }

    static boolean under(String name, String prefix) {
        return name.equals(prefix) || name.startsWith(prefix + ".");
    }

    private static long[] toLongs(int[] values) {
        long[] longs = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            longs[i] = values[i];
        }
        return longs;
    }
}
