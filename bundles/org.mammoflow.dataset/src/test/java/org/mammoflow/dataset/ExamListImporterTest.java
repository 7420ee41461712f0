package org.mammoflow.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.ImportReport;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.Pathology;

/** Exam lists pickled by Python as the meta-repository describes them (exam-lists/make_exam_lists.py). */
class ExamListImporterTest {

    @TempDir
    Path root;

    private final ExamListImporter importer = new ExamListImporter();

    @ParameterizedTest
    @ValueSource(strings = { "data-protocol4.pkl", "data-protocol2.pkl" })
    void examsBecomeLabelledImagesWithBreastAndView(String list) throws IOException {
        copy(list, "data.pkl");
        for (String name : List.of("0_L_CC", "0_R_CC", "0_L_MLO", "0_R_MLO", "1_L_CC", "1_L_MLO", "2_L_CC")) {
            CbisDdsmImportTest.PNG.write(root.resolve(name.startsWith("0") ? "images/" + name + ".png" : name + ".png"),
                    GrayImage.blank(4, 4));
        }
        ImportReport report = importer.importFrom(root, ImportOptions.defaults());
        List<ImageRecord> images = report.dataset().images();
        assertEquals(List.of("0_L_CC", "0_R_CC", "0_L_MLO", "0_R_MLO", "1_L_CC", "1_L_MLO"),
                images.stream().map(ImageRecord::imageId).toList());
        ImageRecord rightCc = images.get(1);
        assertEquals(new ImageAttributes("exam-0", "0", "R", "CC"), rightCc.attributes());
        assertEquals(Optional.of(Pathology.MALIGNANT), rightCc.imagePathology());
        assertTrue(rightCc.malignant() && !images.get(0).malignant(), "labels by breast");
        assertEquals(Split.TEST, rightCc.split());
        assertEquals(root.resolve("images/0_R_CC.png"), rightCc.image());
        assertEquals(2, report.skipped().size(), report.skipped().toString());
        assertEquals("data.pkl: exam 2", report.skipped().get(0).where());
        assertEquals("cancer_label left_malignant is '2', expected 0 or 1", report.skipped().get(0).problem());
        assertTrue(report.skipped().get(1).problem().startsWith("image 3_missing: neither 3_missing.png nor"),
                report.skipped().get(1).problem());

        new FolderDataset().write(report.dataset());
        assertEquals(images, new FolderDataset().importFrom(root, ImportOptions.defaults()).dataset().images(),
                "written as dataset.csv (pathology without mask), read back the same");
    }

    @Test
    void aPickleOfAnotherShapeIsNamed() throws IOException {
        copy("not-a-list.pkl", "data.pkl");
        IOException e = assertThrows(IOException.class, () -> importer.importFrom(root, ImportOptions.defaults()));
        assertEquals(root.resolve("data.pkl") + ": a pickled HashMap, expected a list of exams (dicts)", e.getMessage());
        Files.write(root.resolve("data.pkl"), new byte[] { (byte) 0x80, 4, 'x' });
        e = assertThrows(IOException.class, () -> importer.importFrom(root, ImportOptions.defaults()));
        assertTrue(e.getMessage().startsWith(root.resolve("data.pkl") + ": not a readable Python pickle"), e.getMessage());
        copy("data-protocol4.pkl", "other.pkl");
        e = assertThrows(IOException.class, () -> importer.importFrom(root, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("2 .pkl files, expected the one exam list"), e.getMessage());
    }

    private void copy(String resource, String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("exam-lists/" + resource)) {
            Files.copy(in, root.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
