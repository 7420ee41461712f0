package org.mammoflow.training;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.StepResult;
import org.mammoflow.inference.input.Example;

/**
 * The frozen layers' output, computed once: for every training image in {@code variants} augmentation
 * variants (the first the image as it is, the others drawn once from the run's seed) and for every
 * validation image as it is. While a stage freezes those layers their output cannot change, so the
 * stage trains its new layers on these records instead of running the whole network every epoch.
 * <p>
 * Stored in the run folder as float16, one record per image and variant ({@code features.f16}, read
 * memory-mapped, so that a data set larger than memory works), with {@code cache.properties} written
 * last: a cache whose properties are missing or were made from other inputs is computed anew, so a
 * resumed run reuses a complete cache and never a stale one.
 */
final class FeatureCache implements StageInput {

    static final String FOLDER = "feature-cache";
    private static final String RECORDS = "features.f16";
    private static final String PROPERTIES = "cache.properties";

    /** What the cache is made of and how it is read; {@code inputs} names everything its records depend on. */
    record Settings(int variants, Augmentation.Kind augmentation, long seed, int batchSize, int width, int height,
            String inputs) {
    }

    /** Told after each batch of images computed; throws to stop (a cancelled job). */
    interface Progress {
        void done(int images, int total);
    }

    private record Shape(int channels, int height, int width) {
        long values() {
            return (long) channels * height * width;
        }
    }

    private final FileChannel channel;
    private final Shape shape;
    private final TrainingData data;
    private final Settings settings;
    private final boolean reused;

    private FeatureCache(Path records, Shape shape, TrainingData data, Settings settings, boolean reused)
            throws IOException {
        this.channel = FileChannel.open(records, StandardOpenOption.READ);
        this.shape = shape;
        this.data = data;
        this.settings = settings;
        this.reused = reused;
    }

    /** The cache of a run folder: reused when complete and made from the same inputs, else computed now. */
    static FeatureCache open(Path runDir, Network network, TrainingData data, Settings settings, ImageFiles files,
            Progress progress) throws IOException {
        Path dir = runDir.resolve(FOLDER);
        String key = digest(settings.inputs() + "\n" + settings.variants() + " " + settings.augmentation() + "\n"
                + settings.seed());
        Shape shape = complete(dir, key, data, settings.variants());
        boolean reused = shape != null;
        if (!reused) {
            delete(runDir);
            shape = compute(dir, network, data, settings, files, progress);
            Properties p = new Properties();
            p.setProperty("key", key);
            p.setProperty("channels", String.valueOf(shape.channels()));
            p.setProperty("height", String.valueOf(shape.height()));
            p.setProperty("width", String.valueOf(shape.width()));
            p.setProperty("variants", String.valueOf(settings.variants()));
            p.setProperty("records", String.valueOf(records(data, settings.variants())));
            RunFolder.replace(dir.resolve(PROPERTIES), out -> p.store(out, "Mammoflow feature cache (float16 records)"));
        }
        return new FeatureCache(dir.resolve(RECORDS), shape, data, settings, reused);
    }

    /** Whether the records were there already (a resumed run), rather than computed by {@link #open}. */
    boolean reused() {
        return reused;
    }

    /** Removes a run's cache (once the stage that used it is over). */
    static void delete(Path runDir) throws IOException {
        Path dir = runDir.resolve(FOLDER);
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        }
    }

    @Override
    public BatchSource training(long seed) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, data.train().size()).boxed().toList());
        Collections.shuffle(order, new Random(seed));
        SplittableRandom variant = new SplittableRandom(seed);
        long[] records = new long[order.size()];
        int[] labels = new int[order.size()];
        for (int k = 0; k < records.length; k++) {
            int image = order.get(k);
            records[k] = (long) image * settings.variants() + variant.nextInt(settings.variants());
            labels[k] = data.train().get(image).label();
        }
        return new Pass(records, labels, true);
    }

    @Override
    public BatchSource validation() {
        long first = (long) data.train().size() * settings.variants();
        long[] records = LongStream.range(first, first + data.validation().size()).toArray();
        int[] labels = data.validation().stream().mapToInt(Example::label).toArray();
        return new Pass(records, labels, false);
    }

    @Override
    public StepResult train(Network network, Batch features) {
        return network.trainStepOnFeatures(features);
    }

    @Override
    public float[][] predict(Network network, Batch features) {
        return network.predictFeatures(features);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // read-only: nothing is lost
        }
    }

    /** Batches of records in a given order; reading them is the time the consumer "waits". */
    private final class Pass implements BatchSource {
        private final long[] records;
        private final int[] labels;
        private final boolean weighted;
        private int next;
        private long waited;

        Pass(long[] records, int[] labels, boolean weighted) {
            this.records = records;
            this.labels = labels;
            this.weighted = weighted;
        }

        @Override
        public Batch next() throws IOException {
            if (next >= records.length) {
                return null;
            }
            long start = System.nanoTime();
            int n = Math.min(settings.batchSize(), records.length - next);
            int size = (int) shape.values();
            float[] values = new float[n * size];
            int[] batchLabels = new int[n];
            for (int k = 0; k < n; k++) {
                read(records[next + k], values, k * size);
                batchLabels[k] = labels[next + k];
            }
            next += n;
            waited += System.nanoTime() - start;
            return new Batch(n, shape.channels(), shape.height(), shape.width(), values, batchLabels,
                    weighted ? BatchStream.balancedWeights(batchLabels, data.classes()) : new float[0]);
        }

        @Override
        public int batches() {
            return (records.length + settings.batchSize() - 1) / settings.batchSize();
        }

        @Override
        public long waitNanos() {
            return waited;
        }

        @Override
        public void close() {
        }
    }

    private void read(long record, float[] into, int offset) throws IOException {
        long bytes = shape.values() * Short.BYTES;
        ShortBuffer halves = channel.map(FileChannel.MapMode.READ_ONLY, record * bytes, bytes)
                .order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
        for (int i = 0; i < shape.values(); i++) {
            into[offset + i] = Float16.toFloat(halves.get(i));
        }
    }

    // ---- computing the records

    private static Shape compute(Path dir, Network network, TrainingData data, Settings settings, ImageFiles files,
            Progress progress) throws IOException {
        Files.createDirectories(dir);
        Writer writer = new Writer(network, settings);
        int total = data.train().size() + data.validation().size();
        try (FileChannel out = FileChannel.open(dir.resolve(RECORDS), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < data.train().size(); i++) {
                float[] image = BatchStream.input(data.train().get(i), settings.width(), settings.height(), files);
                for (int v = 0; v < settings.variants(); v++) {
                    writer.add(variant(image, v, settings, i), out);
                }
                progress.done(i + 1, total);
            }
            for (int j = 0; j < data.validation().size(); j++) {
                writer.add(BatchStream.input(data.validation().get(j), settings.width(), settings.height(), files), out);
                progress.done(data.train().size() + j + 1, total);
            }
            writer.flush(out);
            out.force(true);
        }
        return writer.shape;
    }

    /**
     * Variant v of an image: v = 0 the image itself; with flips, the flips in turn (horizontal,
     * vertical, both); else one draw of the augmentation from the seed, the image and v.
     */
    private static float[] variant(float[] image, int v, Settings settings, int index) {
        if (v == 0) {
            return image;
        }
        if (settings.augmentation() == Augmentation.Kind.FLIPS) {
            return Augmentation.flipped(image, settings.width(), settings.height(), (v & 1) != 0, (v & 2) != 0);
        }
        return settings.augmentation().apply(image, settings.width(), settings.height(),
                new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + index * 1_000_003L + v));
    }

    /** Gathers images into batches of the stage's size, runs the frozen layers, appends float16 records. */
    private static final class Writer {
        private final Network network;
        private final Settings settings;
        private final List<float[]> pending = new ArrayList<>();
        private Shape shape;

        Writer(Network network, Settings settings) {
            this.network = network;
            this.settings = settings;
        }

        void add(float[] image, FileChannel out) throws IOException {
            pending.add(image);
            if (pending.size() == settings.batchSize()) {
                flush(out);
            }
        }

        void flush(FileChannel out) throws IOException {
            if (pending.isEmpty()) {
                return;
            }
            int plane = settings.width() * settings.height();
            float[] pixels = new float[pending.size() * plane];
            for (int k = 0; k < pending.size(); k++) {
                System.arraycopy(pending.get(k), 0, pixels, k * plane, plane);
            }
            Batch features = network.frozenFeatures(
                    Batch.of(pending.size(), 1, settings.height(), settings.width(), pixels));
            shape = new Shape(features.channels(), features.height(), features.width());
            ByteBuffer bytes = ByteBuffer.allocate(features.pixels().length * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float value : features.pixels()) {
                bytes.putShort(Float16.fromFloat(value));
            }
            bytes.flip();
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            pending.clear();
        }
    }

    /** The shape of a complete cache made from the same inputs, or null. */
    private static Shape complete(Path dir, String key, TrainingData data, int variants) {
        Path properties = dir.resolve(PROPERTIES);
        if (!Files.exists(properties)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(properties, StandardCharsets.UTF_8)) {
            p.load(in);
            Shape shape = new Shape(Integer.parseInt(p.getProperty("channels")), Integer.parseInt(p.getProperty("height")),
                    Integer.parseInt(p.getProperty("width")));
            long expected = records(data, variants) * shape.values() * Short.BYTES;
            boolean same = key.equals(p.getProperty("key"))
                    && Long.parseLong(p.getProperty("records")) == records(data, variants)
                    && Files.size(dir.resolve(RECORDS)) == expected;
            return same ? shape : null;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable: computed anew
        }
    }

    private static long records(TrainingData data, int variants) {
        return (long) data.train().size() * variants + data.validation().size();
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
