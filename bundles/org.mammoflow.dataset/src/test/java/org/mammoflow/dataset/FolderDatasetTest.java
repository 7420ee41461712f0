package org.mammoflow.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.dataset.Abnormality;
import org.mammoflow.api.dataset.Dataset;
import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.ImportReport;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.LesionType;
import org.mammoflow.api.image.Pathology;

class FolderDatasetTest {

    @TempDir
    Path root;

    private final FolderDataset folder = new FolderDataset();

    @Test
    void writtenDatasetReadsBackTheSame() throws IOException {
        Path image = write("images/a, with comma.png");
        Path mask1 = write("masks/a1.png");
        Path mask2 = write("masks/a2.png");
        Path normal = write("images/b.png");
        Dataset dataset = new Dataset("d", root, List.of(
                new ImageRecord("a", "P_1", Split.TEST, image, List.of(
                        new Abnormality(LesionType.MASS, Pathology.MALIGNANT, mask1),
                        new Abnormality(LesionType.CALCIFICATION, Pathology.BENIGN, mask2))),
                new ImageRecord("b", "P_2", Split.VALIDATION, normal, List.of()),
                new ImageRecord("c", "P_3", Split.TRAIN, write("images/c.png"), List.of(),
                        new ImageAttributes("P_3", "1.2.3", "R", "MLO"), Optional.of(Pathology.MALIGNANT))));
        folder.write(dataset);

        ImportReport report = folder.importFrom(root, ImportOptions.defaults());
        assertEquals(List.of(), report.skipped());
        assertEquals(dataset.images(), report.dataset().images());
    }

    @Test
    void missingColumnsAreNamed() throws IOException {
        Files.writeString(root.resolve("dataset.csv"), "image,patient\nimages/a.png,P_1\n");
        IOException e = assertThrows(IOException.class, () -> folder.importFrom(root, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("dataset.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("'mask', 'lesion_type', 'pathology'"), e.getMessage());
    }

    @Test
    void badRowsAreSkippedWithTheirLine() throws IOException {
        write("ok.png");
        write("m.png");
        Files.writeString(root.resolve("dataset.csv"), """
                image,mask,lesion_type,pathology,patient
                ok.png,m.png,mass,MALIGNANT,P_1
                ../outside.png,,,,P_2
                missing.png,,,,P_3
                ok.png,missing-mask.png,mass,BENIGN,P_1
                ok.png,m.png,tumour,BENIGN,P_1
                """);
        ImportReport report = folder.importFrom(root, ImportOptions.defaults());
        List<String> problems = report.skipped().stream().map(Object::toString).toList();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("dataset.csv:3") && problems.get(0).contains("escapes"), problems.get(0));
        assertTrue(problems.get(1).contains("missing.png: file not found"), problems.get(1));
        assertTrue(problems.get(2).contains("missing-mask.png"), problems.get(2));
        assertTrue(problems.get(3).contains("tumour"), problems.get(3));
        assertEquals(1, report.dataset().images().size());
    }

    @Test
    void validationIsDrawnByPatientWhenNoSplitIsGiven() throws IOException {
        StringBuilder csv = new StringBuilder("image,mask,lesion_type,pathology,patient\n");
        write("i.png");
        write("m.png");
        for (int p = 0; p < 40; p++) {
            csv.append("i.png,m.png,mass,").append(p % 2 == 0 ? "MALIGNANT" : "BENIGN").append(",P_").append(p)
                    .append('\n');
            csv.append("i.png,,,,P_").append(p).append('\n'); // the same patient's second row
        }
        Files.writeString(root.resolve("dataset.csv"), csv.toString().replace("i.png,m.png", "IMG,m.png")
                .replace("IMG", "i.png"));
        // image ids default to the file path, so give every patient an own image id
        String withIds = csv.toString().replace("image,mask", "image_id,image,mask");
        StringBuilder rows = new StringBuilder(withIds.lines().findFirst().orElseThrow()).append('\n');
        withIds.lines().skip(1).forEach(line -> rows.append(line.substring(line.lastIndexOf(',') + 1)).append(',')
                .append(line).append('\n'));
        Files.writeString(root.resolve("dataset.csv"), rows.toString());

        List<ImageRecord> images = folder.importFrom(root, new ImportOptions(0.1, 5)).dataset().images();
        List<ImageRecord> validation = images.stream().filter(i -> i.split() == Split.VALIDATION).toList();
        assertEquals(4, validation.size(), "10% of 20 malignant and of 20 benign patients");
        assertEquals(2, validation.stream().filter(ImageRecord::malignant).count());
    }

    private Path write(String relative) throws IOException {
        Path file = root.resolve(relative);
        CbisDdsmImportTest.PNG.write(file, GrayImage.blank(4, 4));
        return file;
    }
}
