package org.mammoflow.inference;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mammoflow.api.evaluation.BreastPrediction;
import org.mammoflow.api.evaluation.ImagePrediction;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.files.CsvTable;

/** Per-breast predictions from per-image ones, and both as one CSV. */
final class Breasts {

    static final List<String> HEADER = List.of("kind", "file", "patient", "laterality", "view", "malignant");

    private Breasts() {
    }

    /** One per patient and breast named by the files: the largest probability over its views (the paper's rule). */
    static List<BreastPrediction> of(List<ImagePrediction> images) {
        Map<List<String>, List<ImagePrediction>> byBreast = new LinkedHashMap<>();
        for (ImagePrediction image : images) {
            ImageAttributes a = image.attributes();
            if (a.identifiesBreast()) {
                byBreast.computeIfAbsent(List.of(a.patientId(), a.laterality()), k -> new ArrayList<>()).add(image);
            }
        }
        List<BreastPrediction> breasts = new ArrayList<>();
        byBreast.forEach((key, views) -> breasts.add(new BreastPrediction(key.get(0), key.get(1),
                views.stream().map(v -> v.attributes().view()).toList(),
                views.stream().mapToDouble(ImagePrediction::malignant).max().orElseThrow())));
        return breasts;
    }

    /** Rows of kind {@code image}, then of kind {@code breast} (its views joined by '+', no file). */
    static void writeCsv(Path file, List<ImagePrediction> images, List<BreastPrediction> breasts) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        for (ImagePrediction image : images) {
            ImageAttributes a = image.attributes();
            rows.add(List.of("image", image.file().toString(), a.patientId(), a.laterality(), a.view(),
                    probability(image.malignant())));
        }
        for (BreastPrediction breast : breasts) {
            rows.add(List.of("breast", "", breast.patientId(), breast.laterality(), String.join("+", breast.views()),
                    probability(breast.malignant())));
        }
        CsvTable.write(file, HEADER, rows);
    }

    private static String probability(double p) {
        return String.format(Locale.ROOT, "%.6f", p);
    }
}
