package org.mammoflow.training;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Checkpoint;
import org.mammoflow.api.network.ImportedWeights;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkFactory;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.network.Precision;
import org.mammoflow.api.network.StepResult;

/** Real parts for the training tests: PNG patches on disk, configurations with defaults, call records. */
final class TrainingFixtures {

    private TrainingFixtures() {
    }

    /** An annotation-typed configuration answering its defaults, except for {@code overrides}. */
    @SuppressWarnings("unchecked")
    static <T> T config(Class<T> type, Map<String, Object> overrides) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (overrides.containsKey(method.getName())) {
                return overrides.get(method.getName());
            }
            if (method.getName().equals("annotationType")) {
                return type;
            }
            return method.getDefaultValue();
        });
    }

    /**
     * A 5-class patch set of side x side 16-bit PNGs, learnable: class c has mean brightness
     * (c + 1) / 6 plus noise. Written with a patches.csv as mammo:sample writes it.
     */
    static Path patchSet(Path root, ImageFiles files, int side, int perClassTrain, int perClassValidation)
            throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        List<String> lines = new ArrayList<>(List.of("file,source_image,patient,split,class,class_name,x,y,size,overlap,sampler"));
        for (String split : List.of("train", "validation")) {
            int count = split.equals("train") ? perClassTrain : perClassValidation;
            for (int c = 0; c < 5; c++) {
                for (int i = 0; i < count; i++) {
                    short[] samples = new short[side * side];
                    for (int p = 0; p < samples.length; p++) {
                        double v = (c + 1) / 6.0 + 0.05 * random.nextGaussian();
                        samples[p] = (short) Math.max(0, Math.min(65535, Math.round(v * 65535)));
                    }
                    String name = split + "/" + c + "/p" + i + ".png";
                    files.write(root.resolve(name), new GrayImage(side, side, samples));
                    lines.add(name + ",img" + i + ",P" + i + "," + split + "," + c + ",c" + c + ",0,0," + side + ",1.0,test");
                }
            }
        }
        Files.write(root.resolve("patches.csv"), lines);
        return root;
    }

    /** The real backend, with every setTrainable and setOptimizer call on its networks written down. */
    static final class RecordingBackend implements NetworkFactory {
        final NetworkFactory real;
        final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

        RecordingBackend(NetworkFactory real) {
            this.real = real;
        }

        @Override
        public Network create(NetworkSpec spec, long seed, Precision precision) {
            calls.add("create");
            return new Recording(real.create(spec, seed, precision), calls);
        }

        @Override
        public Checkpoint describe(Path checkpoint) throws IOException {
            return real.describe(checkpoint);
        }

        @Override
        public Network open(Path checkpoint, Precision precision) throws IOException {
            return new Recording(real.open(checkpoint, precision), calls);
        }

        @Override
        public ImportedWeights importWeights(Network network, Path weights) throws IOException {
            return real.importWeights(((Recording) network).network, weights);
        }

        @Override
        public int featureChannels(NetworkSpec spec) {
            return real.featureChannels(spec);
        }

        @Override
        public List<String> blockNames(NetworkSpec spec) {
            return real.blockNames(spec);
        }
    }

    private record Recording(Network network, List<String> calls) implements Network {
        @Override
        public NetworkSpec spec() {
            return network.spec();
        }

        @Override
        public String device() {
            return network.device();
        }

        @Override
        public Precision precision() {
            return network.precision();
        }

        @Override
        public List<String> parameterNames() {
            return network.parameterNames();
        }

        @Override
        public void setTrainable(List<String> prefixes) {
            calls.add("trainable " + prefixes);
            network.setTrainable(prefixes);
        }

        @Override
        public void setOptimizer(double learningRate, double weightDecay) {
            calls.add("optimizer " + learningRate + " " + weightDecay);
            network.setOptimizer(learningRate, weightDecay);
        }

        @Override
        public void setLearningRate(double learningRate) {
            calls.add("rate " + learningRate);
            network.setLearningRate(learningRate);
        }

        @Override
        public StepResult trainStep(Batch batch) {
            return network.trainStep(batch);
        }

        @Override
        public float[][] predict(Batch batch) {
            return network.predict(batch);
        }

        @Override
        public void seed(long seed) {
            network.seed(seed);
        }

        @Override
        public Batch frozenFeatures(Batch images) {
            calls.add("frozen features");
            return network.frozenFeatures(images);
        }

        @Override
        public StepResult trainStepOnFeatures(Batch features) {
            return network.trainStepOnFeatures(features);
        }

        @Override
        public float[][] predictFeatures(Batch features) {
            return network.predictFeatures(features);
        }

        @Override
        public void save(Checkpoint checkpoint) throws IOException {
            network.save(checkpoint);
        }

        @Override
        public void saveWeights(Checkpoint checkpoint) throws IOException {
            network.saveWeights(checkpoint);
        }

        @Override
        public void load(Path file) throws IOException {
            network.load(file);
        }

        @Override
        public void close() {
            network.close();
        }
    }
}
