package org.mammoflow.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mammoflow.api.evaluation.Prediction;
import org.mammoflow.api.evaluation.Screening;
import org.mammoflow.api.evaluation.ScreeningRequest;
import org.mammoflow.files.CsvTable;

/**
 * The evaluated predictions in the NYU mammography meta-repository's output formats, for its scorer
 * and for comparison with the systems it holds: per image ({@code image_index, malignant_pred,
 * malignant_label}; the index is the image's file name without extension) and per breast ({@code index,
 * left_malignant, right_malignant}: one row per exam, in the order of exams.csv, a breast the exam lacks
 * left empty). Scores are the model's raw probabilities, breasts combined by the evaluation's view rule.
 */
final class MetarepositoryTables {

    static final List<String> IMAGE_HEADER = List.of("image_index", "malignant_pred", "malignant_label");
    static final List<String> BREAST_HEADER = List.of("index", "left_malignant", "right_malignant");

    private MetarepositoryTables() {
    }

    static List<Path> write(Path folder, ScreeningRequest request) throws IOException {
        List<List<String>> images = new ArrayList<>();
        for (Prediction p : request.test()) {
            String name = Path.of(p.id()).getFileName().toString();
            images.add(List.of(name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name,
                    CsvTable.probability(p.malignant()), Integer.toString(p.label())));
        }
        Path imageFile = folder.resolve("metarepository-image-level.csv");
        CsvTable.write(imageFile, IMAGE_HEADER, images);
        List<List<String>> breasts = new ArrayList<>();
        List<Screening.Exam<Prediction>> exams = Screening.exams(request.test(), Prediction::attributes);
        for (int i = 0; i < exams.size(); i++) {
            breasts.add(List.of(Integer.toString(i), breast(exams.get(i), "L", request), breast(exams.get(i), "R", request)));
        }
        Path breastFile = folder.resolve("metarepository-breast-level.csv");
        CsvTable.write(breastFile, BREAST_HEADER, breasts);
        return List.of(imageFile, breastFile);
    }

    private static String breast(Screening.Exam<Prediction> exam, String laterality, ScreeningRequest request) {
        Optional<Screening.Breast<Prediction>> breast = exam.breasts().stream()
                .filter(b -> b.laterality().equals(laterality)).findFirst();
        return breast.map(b -> CsvTable.probability(b.score(Prediction::malignant, request.views()))).orElse("");
    }

}
