package org.mammoflow.training;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.network.Batch;
import org.mammoflow.inference.input.Example;
import org.mammoflow.inference.input.Pixels;

/**
 * One pass over examples as batches, decoded (and augmented) by a loader task ahead of the network
 * with at most {@code prefetch} batches waiting, so memory stays bounded. Training batches are
 * shuffled by the seed and carry class-balanced weights; the time the consumer waits is measured.
 */
final class BatchStream implements BatchSource {

    /** How a pass reads its examples. */
    record Plan(int batchSize, int width, int height, boolean shuffle, Augmentation.Kind augment, long seed, int prefetch) {
    }

    private record Failure(IOException error) {
    }

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final Future<?> loader;
    private final int batches;
    private long waitNanos;

    BatchStream(List<Example> examples, int classes, Plan plan, ImageFiles files, ExecutorService executor) {
        this.queue = new ArrayBlockingQueue<>(Math.max(1, plan.prefetch()) + 1);
        List<Example> order = new ArrayList<>(examples);
        if (plan.shuffle()) {
            Collections.shuffle(order, new Random(plan.seed()));
        }
        this.batches = (order.size() + plan.batchSize() - 1) / plan.batchSize();
        this.loader = executor.submit(() -> load(order, classes, plan, files));
    }

    @Override
    public int batches() {
        return batches;
    }

    /** The next batch, or null after the last; rethrows what the loader failed with. */
    @Override
    public Batch next() throws IOException, InterruptedException {
        long start = System.nanoTime();
        Object item = queue.take();
        waitNanos += System.nanoTime() - start;
        if (item instanceof Failure failure) {
            throw failure.error();
        }
        return item == END ? null : (Batch) item;
    }

    @Override
    public long waitNanos() {
        return waitNanos;
    }

    @Override
    public void close() {
        loader.cancel(true);
        queue.clear();
    }

    private void load(List<Example> order, int classes, Plan plan, ImageFiles files) {
        try {
            for (int from = 0; from < order.size(); from += plan.batchSize()) {
                List<Example> chunk = order.subList(from, Math.min(order.size(), from + plan.batchSize()));
                queue.put(batch(chunk, classes, plan, files, plan.seed() * 31 + from));
            }
            queue.put(END);
        } catch (IOException e) {
            queue.clear();
            queue.offer(new Failure(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed: the consumer is gone
        }
    }

    private static Batch batch(List<Example> chunk, int classes, Plan plan, ImageFiles files, long seed)
            throws IOException {
        int plane = plan.width() * plan.height();
        float[] pixels = new float[chunk.size() * plane];
        int[] labels = new int[chunk.size()];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < chunk.size(); i++) {
            Example example = chunk.get(i);
            float[] values = input(example, plan.width(), plan.height(), files);
            values = plan.augment().apply(values, plan.width(), plan.height(), random);
            System.arraycopy(values, 0, pixels, i * plane, plane);
            labels[i] = example.label();
        }
        return new Batch(chunk.size(), 1, plan.height(), plan.width(), pixels, labels, balancedWeights(labels, classes));
    }

    /** An example's image as network input, normalised; refused when it is not of the network's size. */
    static float[] input(Example example, int width, int height, ImageFiles files) throws IOException {
        GrayImage image = files.read(example.file());
        if (image.width() != width || image.height() != height) {
            throw new IOException(example.file() + ": " + image.width() + " x " + image.height()
                    + " pixels, the network takes " + width + " x " + height);
        }
        return Pixels.normalized(image);
    }

    /** Each class present in the batch weighs the same in the loss; the weights average 1. */
    static float[] balancedWeights(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        long present = java.util.Arrays.stream(counts).filter(c -> c > 0).count();
        float[] weights = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            weights[i] = (float) labels.length / (present * counts[labels[i]]);
        }
        return weights;
    }
}
