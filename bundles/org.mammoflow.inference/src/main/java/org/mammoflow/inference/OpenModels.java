package org.mammoflow.inference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.mammoflow.api.image.PreprocessingSettings;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkFactory;
import org.mammoflow.api.network.Precision;
import org.mammoflow.files.Digests;

/**
 * Networks opened from checkpoints and kept open for the next request, so that a dashboard or an
 * executor reads a checkpoint once. A checkpoint is known by its real path and its SHA-256; a file
 * changed since (another size or modification time) is opened afresh; a checkpoint asked for in
 * another precision is another network. At most {@code capacity}
 * stay open: the least recently used is closed once no request holds it.
 */
final class OpenModels implements AutoCloseable {

    private final int capacity;
    private final Map<Key, Model> open = new LinkedHashMap<>(16, 0.75f, true);

    OpenModels(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("keep at least one model open, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** The checkpoint's network in the backend's inference precision, opened now or earlier. */
    Lease open(Path checkpoint, NetworkFactory backend) throws IOException {
        return open(checkpoint, backend, backend.inferencePrecision());
    }

    /** The checkpoint's network computing in {@code precision}, opened now or earlier; close the lease when done with it. */
    synchronized Lease open(Path checkpoint, NetworkFactory backend, Precision precision) throws IOException {
        Key key = new Key(checkpoint.toRealPath(), precision);
        Path file = key.file();
        Stamp stamp = Stamp.of(file);
        Model model = open.get(key);
        if (model != null && !model.stamp.equals(stamp)) {
            retire(open.remove(key));
            model = null;
        }
        if (model == null) {
            Optional<PreprocessingSettings> preprocessing = backend.describe(file).preprocessing();
            String sha256 = Digests.sha256(file);
            model = new Model(backend.open(file, precision), preprocessing, sha256, stamp);
            open.put(key, model);
            evictBeyondCapacity();
        }
        model.users++;
        return new Lease(model);
    }

    /** How many networks are open now (for tests and diagnostics). */
    synchronized int size() {
        return open.size();
    }

    private void evictBeyondCapacity() {
        Iterator<Model> oldest = open.values().iterator();
        while (open.size() > capacity && oldest.hasNext()) {
            Model model = oldest.next();
            oldest.remove();
            retire(model);
        }
    }

    private void retire(Model model) {
        model.retired = true;
        if (model.users == 0) {
            model.network.close();
        }
    }

    private synchronized void release(Model model) {
        model.users--;
        if (model.retired && model.users == 0) {
            model.network.close();
        }
    }

    @Override
    public synchronized void close() {
        open.values().forEach(this::retire);
        open.clear();
    }

    private record Key(Path file, Precision precision) {
    }

    private record Stamp(long size, FileTime modified) {
        static Stamp of(Path file) throws IOException {
            return new Stamp(Files.size(file), Files.getLastModifiedTime(file));
        }
    }

    private static final class Model {
        final Network network;
        final Optional<PreprocessingSettings> preprocessing;
        final String sha256;
        final Stamp stamp;
        int users;
        boolean retired;

        Model(Network network, Optional<PreprocessingSettings> preprocessing, String sha256, Stamp stamp) {
            this.network = network;
            this.preprocessing = preprocessing;
            this.sha256 = sha256;
            this.stamp = stamp;
        }
    }

    /** One request's hold on an open network; the network stays open at least until the lease is closed. */
    final class Lease implements AutoCloseable {
        private final Model model;
        private boolean closed;

        private Lease(Model model) {
            this.model = model;
        }

        Network network() {
            return model.network;
        }

        /** The settings the checkpoint's training images were preprocessed with, where it records them. */
        Optional<PreprocessingSettings> preprocessing() {
            return model.preprocessing;
        }

        String sha256() {
            return model.sha256;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(model);
            }
        }
    }
}
