package org.mammoflow.spark;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.mammoflow.api.dataset.DatasetWriter;

/** What {@code preprocess} was asked, checked before anything is submitted. */
record PreprocessOptions(Path dataset, Path output, int height, int width) {

    static PreprocessOptions parse(JobArguments arguments) throws NoSuchFileException {
        if (arguments.operands().size() != 2) {
            throw new IllegalArgumentException("give the dataset folder (holding dataset.csv) and a new output folder");
        }
        Path dataset = Path.of(arguments.operands().get(0)).toAbsolutePath().normalize();
        Path output = Path.of(arguments.operands().get(1)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(dataset.resolve(DatasetWriter.MANIFEST))) {
            throw new NoSuchFileException(dataset.resolve(DatasetWriter.MANIFEST).toString(), null,
                    "no dataset here (mammo:import writes dataset.csv)");
        }
        int height = arguments.number("--height");
        int width = arguments.number("--width");
        if ((height == 0) != (width == 0)) {
            throw new IllegalArgumentException("give both --height and --width, or neither (the configured size)");
        }
        JobArguments.requireNewOutput(output, List.of(dataset));
        return new PreprocessOptions(dataset, output, height, width);
    }
}
