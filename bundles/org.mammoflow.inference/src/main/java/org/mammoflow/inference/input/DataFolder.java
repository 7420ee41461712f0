package org.mammoflow.inference.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mammoflow.api.dataset.DatasetImporter;
import org.mammoflow.api.dataset.DatasetWriter;
import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.sampling.PatchClass;
import org.mammoflow.api.sampling.PatchRecord;
import org.mammoflow.api.sampling.PatchSampling;

/**
 * The examples of a data folder by split: a patch dataset (patches.csv: 5 patch classes) or an
 * image dataset (dataset.csv: benign 0 / malignant 1, an image with any malignant abnormality).
 */
public record DataFolder(Map<Split, List<Example>> splits, List<String> classNames) {

    public static final List<String> IMAGE_CLASSES = List.of("benign", "malignant");

    public static DataFolder read(Path folder, PatchSampling patches, DatasetImporter images) throws IOException {
        Map<Split, List<Example>> splits = new EnumMap<>(Split.class);
        if (Files.exists(folder.resolve(PatchSampling.MANIFEST))) {
            for (PatchRecord patch : require(patches, "patch sampling (org.mammoflow.sampling)").read(folder)) {
                splits.computeIfAbsent(patch.split(), s -> new ArrayList<>())
                        .add(new Example(patch.file(), patch.label().index()));
            }
            return new DataFolder(splits, Arrays.stream(PatchClass.values())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
        if (Files.exists(folder.resolve(DatasetWriter.MANIFEST))) {
            var report = require(images, "the folder dataset importer (org.mammoflow.dataset)")
                    .importFrom(folder, ImportOptions.defaults());
            for (ImageRecord record : report.dataset().images()) {
                splits.computeIfAbsent(record.split(), s -> new ArrayList<>())
                        .add(new Example(record.image(), record.malignant() ? 1 : 0, record.attributes()));
            }
            return new DataFolder(splits, IMAGE_CLASSES);
        }
        throw new IOException(folder + ": neither " + PatchSampling.MANIFEST + " (mammo:sample) nor "
                + DatasetWriter.MANIFEST + " (mammo:import, mammo:preprocess)");
    }

    public List<Example> split(Split split) {
        return splits.getOrDefault(split, List.of());
    }

    private static <T> T require(T service, String what) {
        if (service == null) {
            throw new IllegalStateException("no " + what + " service is running");
        }
        return service;
    }
}
