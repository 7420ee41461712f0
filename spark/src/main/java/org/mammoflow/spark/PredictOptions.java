package org.mammoflow.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.mammoflow.api.network.Precision;

/**
 * What {@code predict} was asked, checked before anything is submitted: the checkpoints exist, every
 * input exists, the output folder is new and neither an input nor inside one, and a precision is one
 * there is (without one, the executors' backend computes in its inference precision).
 */
record PredictOptions(List<Path> checkpoints, List<Path> inputs, Path output, boolean flips,
        Optional<Precision> precision) {

    static PredictOptions parse(JobArguments arguments) throws IOException {
        List<Path> checkpoints = new ArrayList<>();
        List<Path> inputs = new ArrayList<>();
        for (String operand : arguments.operands()) {
            Path path = Path.of(operand).toAbsolutePath().normalize();
            (operand.toLowerCase(Locale.ROOT).endsWith(".npz") ? checkpoints : inputs).add(path);
        }
        if (checkpoints.isEmpty() || inputs.isEmpty()) {
            throw new IllegalArgumentException("give one or more whole-image checkpoints (.npz), then images, folders"
                    + " or manifests (.csv, .parquet)");
        }
        for (Path checkpoint : checkpoints) {
            if (!Files.isRegularFile(checkpoint)) {
                throw new NoSuchFileException(checkpoint.toString(), null, "checkpoint not found");
            }
        }
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                throw new NoSuchFileException(input.toString(), null, "no such image, folder or manifest");
            }
        }
        Path output = arguments.output();
        JobArguments.requireNewOutput(output, inputs);
        return new PredictOptions(List.copyOf(checkpoints), List.copyOf(inputs), output, arguments.flag("--flips"),
                arguments.option("--precision").map(Precision::parse));
    }
}
