package org.mammoflow.djl;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.mammoflow.api.image.PreprocessingSettings;
import org.mammoflow.api.network.Checkpoint;
import org.mammoflow.api.network.HeadLayers;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.files.AtomicFiles;
import org.mammoflow.files.Digests;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Tensor files: checkpoints ({@code .npz} with torchvision's state-dict names, plus a JSON sidecar
 * that is written last and names the weights' size and SHA-256, so a checkpoint without a valid
 * sidecar is incomplete) and weights to import ({@code .npz} or {@code .safetensors}). Every file is
 * written to a temporary name, synced, then moved into place.
 */
final class StateFiles {


    static final String FORMAT = "mammoflow-checkpoint/1";

    private StateFiles() {
    }

    static Path sidecar(Path weights) {
        String name = weights.getFileName().toString();
        String stem = name.endsWith(".npz") ? name.substring(0, name.length() - 4) : name;
        return weights.resolveSibling(stem + ".json");
    }

    static void writeCheckpoint(Checkpoint checkpoint, Map<String, NDArray> state) throws IOException {
        Path file = checkpoint.file().toAbsolutePath();
        Files.createDirectories(file.getParent());
        MessageDigest sha = sha256();
        AtomicFiles.write(file, out -> NpzWriter.write(new DigestOutputStream(out, sha), state));
        JsonObject json = describe(checkpoint);
        json.addProperty("weights", file.getFileName().toString());
        json.addProperty("bytes", Files.size(file));
        json.addProperty("sha256", HexFormat.of().formatHex(sha.digest()));
        byte[] text = new GsonBuilder().setPrettyPrinting().create().toJson(json).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(sidecar(file), out -> out.write(text));
    }

    /** The checkpoint a sidecar describes (its weights are not read). */
    static Checkpoint readCheckpointInfo(Path file) throws IOException {
        return checkpoint(file, readSidecar(file));
    }

    private static Checkpoint checkpoint(Path file, JsonObject json) throws IOException {
        try {
            Optional<HeadLayers> head = json.has("head") ? Optional.of(HeadJson.read(json.getAsJsonObject("head")))
                    : Optional.empty();
            NetworkSpec spec = new NetworkSpec(json.get("architecture").getAsString(), json.get("classes").getAsInt(),
                    json.get("height").getAsInt(), json.get("width").getAsInt(), head);
            Map<String, Double> metrics = new LinkedHashMap<>();
            json.getAsJsonObject("metrics").entrySet().forEach(e -> metrics.put(e.getKey(), e.getValue().getAsDouble()));
            Optional<PreprocessingSettings> preprocessing = Optional.empty();
            if (json.has("preprocessing")) {
                Map<String, String> values = new LinkedHashMap<>();
                json.getAsJsonObject("preprocessing").entrySet()
                        .forEach(e -> values.put(e.getKey(), e.getValue().getAsString()));
                preprocessing = Optional.of(PreprocessingSettings.fromMap(values));
            }
            return new Checkpoint(file, spec, json.get("stage").getAsInt(), json.get("epoch").getAsInt(), metrics,
                    preprocessing);
        } catch (RuntimeException e) {
            throw new IOException(sidecar(file) + ": not a checkpoint description (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The tensors of a complete, unaltered checkpoint of a network of this architecture: the weights
     * file is checked against the size and digest its sidecar gives before it is decoded.
     */
    static Map<String, NDArray> readCheckpoint(Path file, NetworkSpec network, NDManager manager) throws IOException {
        JsonObject json = readSidecar(file);
        NetworkSpec saved = checkpoint(file, json).spec();
        if (!saved.architecture().equals(network.architecture()) || saved.classes() != network.classes()
                || saved.head().isPresent() && network.head().isPresent() && !saved.head().equals(network.head())) {
            throw new IOException(file + ": checkpoint of a " + saved.architecture() + " with " + saved.classes()
                    + " classes, not of this " + network.architecture() + " with " + network.classes());
        }
        long bytes = Files.size(file);
        if (bytes != json.get("bytes").getAsLong()) {
            throw new IOException(file + ": " + bytes + " bytes, the sidecar says " + json.get("bytes")
                    + " (an incomplete or altered checkpoint)");
        }
        String digest = Digests.sha256(file);
        if (!digest.equals(json.get("sha256").getAsString())) {
            throw new IOException(file + ": SHA-256 " + digest + " differs from its sidecar's (an altered checkpoint)");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return named(NDList.decode(manager, in));
        } catch (RuntimeException e) {
            throw new IOException(file + ": unreadable checkpoint (" + rootMessage(e) + ")", e);
        }
    }

    /** Tensors by name from a state dict saved as .npz (numpy.savez) or .safetensors. */
    static Map<String, NDArray> readWeights(Path file, NDManager manager) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return named(NDList.decode(manager, in));
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such weights file", e);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a readable .npz or .safetensors state dict (" + rootMessage(e) + ")",
                    e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + cause.getMessage();
    }

    private static Map<String, NDArray> named(NDList list) {
        Map<String, NDArray> byName = new LinkedHashMap<>();
        for (NDArray array : list) {
            String name = array.getName();
            byName.put(name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name, array);
        }
        return byName;
    }

    private static JsonObject describe(Checkpoint checkpoint) {
        JsonObject json = new JsonObject();
        json.addProperty("format", FORMAT);
        json.addProperty("architecture", checkpoint.spec().architecture());
        json.addProperty("classes", checkpoint.spec().classes());
        json.addProperty("height", checkpoint.spec().height());
        json.addProperty("width", checkpoint.spec().width());
        checkpoint.spec().head().ifPresent(head -> json.add("head", HeadJson.write(head)));
        json.addProperty("stage", checkpoint.stage());
        json.addProperty("epoch", checkpoint.epoch());
        JsonObject metrics = new JsonObject();
        checkpoint.metrics().forEach(metrics::addProperty);
        json.add("metrics", metrics);
        checkpoint.preprocessing().ifPresent(settings -> {
            JsonObject values = new JsonObject();
            settings.toMap().forEach(values::addProperty);
            json.add("preprocessing", values);
        });
        return json;
    }

    private static JsonObject readSidecar(Path file) throws IOException {
        Path sidecar = sidecar(file);
        if (!Files.exists(file)) {
            throw new IOException(file + ": no such checkpoint");
        }
        if (!Files.exists(sidecar)) {
            throw new IOException(file + ": no sidecar " + sidecar.getFileName()
                    + " (the checkpoint was not completed)");
        }
        try (Reader reader = Files.newBufferedReader(sidecar)) {
            JsonObject json = JsonParser.parseReader(reader).getAsJsonObject();
            if (!FORMAT.equals(json.has("format") ? json.get("format").getAsString() : null)) {
                throw new IOException(sidecar + ": not a " + FORMAT + " sidecar");
            }
            return json;
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(sidecar + ": unreadable JSON (" + e.getMessage() + ")", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
