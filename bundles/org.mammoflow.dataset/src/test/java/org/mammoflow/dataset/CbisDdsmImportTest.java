package org.mammoflow.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.dataset.Abnormality;
import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.ImportReport;
import org.mammoflow.api.dataset.Skipped;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.dataset.SynthesisSpec;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.image.Mask;
import org.mammoflow.imaging.PngFiles;
import org.mammoflow.files.CsvTable;

class CbisDdsmImportTest {

    static final ImageFiles PNG = new PngFiles(new PngFiles.Config() {
        @Override
        public Class<? extends Annotation> annotationType() {
            return PngFiles.Config.class;
        }

        @Override
        public int maxMegapixels() {
            return 100;
        }
    });

    @TempDir
    static Path shared;
    static Path dataset;
    static int written;

    @TempDir
    Path folder;

    @BeforeAll
    static void synthesize() throws IOException {
        dataset = shared.resolve("cbis");
        written = new SyntheticMammograms(PNG).write(dataset, new SynthesisSpec(24, 320, 400, 11));
    }

    @Test
    void importsEverySyntheticImageWithItsMasks() throws IOException {
        ImportReport report = new CbisDdsmImporter(PNG).importFrom(dataset, ImportOptions.defaults());
        assertEquals(List.of(), report.skipped());
        assertEquals(written, report.dataset().images().size());
        for (ImageRecord image : report.dataset().images()) {
            assertFalse(image.abnormalities().isEmpty(), image.imageId());
            for (Abnormality abnormality : image.abnormalities()) {
                Mask mask = PNG.readMask(abnormality.mask());
                assertEquals(320, mask.width(), "the crop was taken for the mask: " + abnormality.mask());
                assertTrue(mask.area() > 0);
            }
        }
        assertTrue(report.dataset().images().stream().anyMatch(ImageRecord::malignant));
        assertTrue(report.dataset().images().stream().anyMatch(image -> !image.malignant()));
    }

    @Test
    void splitsAreDisjointByPatientAndValidationIsDrawn() throws IOException {
        ImportReport report = new CbisDdsmImporter(PNG).importFrom(dataset, new ImportOptions(0.25, 3));
        Set<String> train = patients(report, Split.TRAIN);
        Set<String> validation = patients(report, Split.VALIDATION);
        Set<String> test = patients(report, Split.TEST);
        assertFalse(validation.isEmpty());
        assertFalse(test.isEmpty());
        assertTrue(disjoint(train, validation) && disjoint(train, test) && disjoint(validation, test),
                train + " / " + validation + " / " + test);
        assertEquals(24, train.size() + validation.size() + test.size());
    }

    @Test
    void synthesisIsReproducible() throws IOException {
        Path again = folder.resolve("again");
        new SyntheticMammograms(PNG).write(again, new SynthesisSpec(24, 320, 400, 11));
        assertArrayEquals(Files.readAllBytes(dataset.resolve("mass_case_description_train_set.csv")),
                Files.readAllBytes(again.resolve("mass_case_description_train_set.csv")));
        Path anImage = firstPng(dataset);
        assertArrayEquals(Files.readAllBytes(anImage), Files.readAllBytes(again.resolve(dataset.relativize(anImage))));
    }

    @Test
    void missingColumnsAreNamed() throws IOException {
        Files.writeString(folder.resolve("mass_case_description_train_set.csv"),
                "patient_id,pathology,image file path\nP_1,BENIGN,x/y.dcm\n");
        IOException e = assertThrows(IOException.class,
                () -> new CbisDdsmImporter(PNG).importFrom(folder, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("mass_case_description_train_set.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("'ROI mask file path'"), e.getMessage());
        assertTrue(e.getMessage().contains("'breast_density' or 'breast density'"), e.getMessage());
    }

    @Test
    void folderWithoutCsvIsRefused() {
        IOException e = assertThrows(IOException.class,
                () -> new CbisDdsmImporter(PNG).importFrom(folder, ImportOptions.defaults()));
        assertTrue(e.getMessage().contains("no CBIS-DDSM CSV found"), e.getMessage());
    }

    @Test
    void badRowsAreSkippedAndReportedWhileTheRestImports() throws IOException {
        Path copy = copyOf(dataset, folder.resolve("copy"));
        Path csv = copy.resolve("calc_case_description_train_set.csv");
        CsvTable table = CsvTable.read(csv);
        List<String> row = table.header().stream().map(column -> table.rows().get(0).get(column)).toList();
        int imageColumn = table.header().indexOf("image file path");
        String series = row.get(imageColumn).substring(0, row.get(imageColumn).indexOf('/'));
        List<String> escaping = new ArrayList<>(row);
        escaping.set(imageColumn, "../../../etc/" + row.get(imageColumn));
        List<String> missingFolder = new ArrayList<>(row);
        missingFolder.set(imageColumn, row.get(imageColumn).replace(series, "Calc-Training_P_99999_LEFT_CC"));
        CsvTable.write(csv, table.header(), List.of(row, escaping, missingFolder));
        Path broken = firstPng(copy.resolve("CBIS-DDSM").resolve(series));
        Files.writeString(broken, "not a png");

        ImportReport report = new CbisDdsmImporter(PNG).importFrom(copy, ImportOptions.defaults());
        List<String> problems = report.skipped().stream().map(Skipped::toString).toList();
        assertTrue(problems.stream().anyMatch(p -> p.contains("escapes the dataset root")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("P_99999") && p.contains("not found")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains(broken.toString()) && p.contains("not a readable image")),
                problems.toString());
        assertTrue(report.dataset().images().size() > 5, "the mass rows still import");
    }

    private static Set<String> patients(ImportReport report, Split split) {
        return report.dataset().images(split).stream().map(ImageRecord::patientId).collect(Collectors.toSet());
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both.isEmpty();
    }

    static Path firstPng(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.toString().endsWith(".png")).sorted().findFirst().orElseThrow();
        }
    }

    static Path copyOf(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        return to;
    }
}
