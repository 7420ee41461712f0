package org.mammoflow.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.Split;

/**
 * Moves a share of the training patients to validation, stratified by malignancy (a patient is
 * malignant when any of their images is) and always by whole patient.
 */
final class PatientSplit {

    private PatientSplit() {
    }

    static List<ImageRecord> withValidation(List<ImageRecord> images, ImportOptions options) {
        Map<String, Boolean> malignantPatients = new LinkedHashMap<>();
        for (ImageRecord image : images) {
            if (image.split() == Split.TRAIN) {
                malignantPatients.merge(image.patientId(), image.malignant(), Boolean::logicalOr);
            }
        }
        Set<String> validation = new TreeSet<>();
        Random random = new Random(options.seed());
        for (boolean malignant : new boolean[] { false, true }) {
            List<String> stratum = new ArrayList<>(new TreeSet<>(malignantPatients.entrySet().stream()
                    .filter(e -> e.getValue() == malignant).map(Map.Entry::getKey).toList()));
            Collections.shuffle(stratum, random);
            long count = Math.round(stratum.size() * options.validationFraction());
            validation.addAll(stratum.subList(0, (int) count));
        }
        return images.stream()
                .map(image -> image.split() == Split.TRAIN && validation.contains(image.patientId())
                        ? image.withSplit(Split.VALIDATION)
                        : image)
                .toList();
    }
}
