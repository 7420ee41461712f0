package org.mammoflow.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.dicom.DicomImage;
import org.mammoflow.api.dicom.ModelIdentity;
import org.mammoflow.api.dicom.ScreeningReport;
import org.mammoflow.api.dicom.StoredReport;
import org.mammoflow.api.evaluation.BreastPrediction;
import org.mammoflow.api.evaluation.ExamPrediction;
import org.mammoflow.api.evaluation.ImagePrediction;
import org.mammoflow.api.evaluation.OperatingPoint;

/**
 * A four-view exam's report, checked by DICOM's own tools: dicom3tools' dciodvfy (the IOD) and dcmtk's
 * dsrdump (the content tree). Both come from Debian (.ci/run installs them); without them the test is
 * skipped, except under CI.
 */
class StructuredReportTest {

    @TempDir
    Path folder;

    @Test
    void aFourViewExamsReportIsAValidComprehensiveSrWithEveryScoreAndReference() throws Exception {
        MammographyReports reports = new MammographyReports(DicomFilesTest.config(100));
        String study = Uids.create();
        List<DicomImage> images = new ArrayList<>();
        List<ImagePrediction> scores = new ArrayList<>();
        double[] score = {0.125, 0.25, 0.625, 0.875};
        int i = 0;
        for (String laterality : List.of("L", "R")) {
            for (String view : List.of("CC", "MLO")) {
                Path file = TestMammograms.write(folder.resolve(laterality + view + ".dcm"), study, laterality, view,
                        d -> d.text(DicomFile.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 192").text(DicomFile.PATIENT_NAME, "PN", "Müller^Jürgen"));
                DicomImage image = reports.describe(file);
                images.add(image);
                scores.add(new ImagePrediction(file, image.attributes(), score[i++], Double.NaN));
            }
        }
        List<BreastPrediction> breasts = List.of(
                new BreastPrediction("PAT-1", study, "L", List.of("CC", "MLO"), 0, 0.25, 0.2),
                new BreastPrediction("PAT-1", study, "R", List.of("CC", "MLO"), 0, 0.875, 0.8));
        ExamPrediction exam = new ExamPrediction("PAT-1", study, List.of("L", "R"), 4, 0, 0.875, 0.8, Map.of("screen", true));
        OperatingPoint screen = new OperatingPoint("screen", OperatingPoint.Target.parse("sensitivity:0.9"), 0.3125);
        ScreeningReport report = new ScreeningReport(images.get(0).study(), images, scores, breasts, exam, List.of(screen),
                new ModelIdentity("Mammoflow", "0.1.0", List.of("ab".repeat(32))));

        StoredReport stored = reports.write(report, folder.resolve("report.dcm"));

        assertEquals(study, stored.studyInstanceUid());
        assertTrue(stored.sopInstanceUid().startsWith("2.25."), stored.sopInstanceUid());
        String validation = run("dciodvfy", stored.file().toString());
        assertTrue(validation.contains("ComprehensiveSR"), validation);
        List<String> errors = validation.lines().filter(line -> line.startsWith("Error")).toList();
        assertEquals(List.of(), errors, validation);

        String tree = run("dsrdump", "+Pl", "+Pu", "+Pc", stored.file().toString());
        assertTrue(tree.contains("Comprehensive SR Document"), tree);
        assertTrue(tree.contains("Müller^Jürgen") || tree.contains("Müller Jürgen"), tree);
        assertTrue(tree.contains("NOT FOR CLINICAL USE"), tree);
        assertTrue(tree.contains("(MF001,99MAMMOFLOW,\"Exam malignancy score\")=\"0.875000\""), tree);
        assertTrue(tree.contains("(MF002,99MAMMOFLOW,\"Calibrated probability of malignancy\")=\"0.800000\""), tree);
        assertTrue(tree.contains("(MF003,99MAMMOFLOW,\"Recall at operating point\")=(373066001,SCT,\"Yes\")"), tree);
        assertTrue(tree.contains("screen: sensitivity 0.900 on validation exams, exam score threshold 0.312500"), tree);
        assertTrue(tree.contains("(272741003,SCT,\"Laterality\")=(7771000,SCT,\"Left\")"), tree);
        assertTrue(tree.contains("ab".repeat(32)), tree);
        for (DicomImage image : images) {
            assertTrue(tree.contains(image.sopInstanceUid()), "the image " + image.file() + " is referenced: " + tree);
        }
        assertTrue(tree.contains("(MF012,99MAMMOFLOW,\"Image malignancy score\")=\"0.625000\""), tree);
    }

    @Test
    void heatmapsAreValidSecondaryCaptureImagesDerivedFromTheirMammograms() throws Exception {
        MammographyReports reports = new MammographyReports(DicomFilesTest.config(100));
        String study = Uids.create();
        DicomImage source = reports.describe(TestMammograms.write(folder.resolve("LCC.dcm"), study, "L", "CC", d -> d));
        java.awt.image.BufferedImage picture = new java.awt.image.BufferedImage(6, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
        picture.setRGB(1, 2, 0xFF8000);
        Path png = folder.resolve("heatmap.png");
        javax.imageio.ImageIO.write(picture, "png", png.toFile());

        List<StoredReport> written = reports.writeHeatmaps(List.of(source), List.of(png),
                new ModelIdentity("Mammoflow", "0.1.0", List.of("cd".repeat(32))), folder);

        assertEquals(1, written.size());
        String validation = run("dciodvfy", written.get(0).file().toString());
        assertTrue(validation.contains("SCImage"), validation);
        assertEquals(List.of(), validation.lines().filter(line -> line.startsWith("Error")).toList(), validation);
        String dump = run("dcmdump", "+P", "7fe0,0010", "+P", "0008,2112", "+P", "0020,0060", "+L", written.get(0).file().toString());
        assertTrue(dump.contains("(0020,0060) CS [L]"), dump);
        assertTrue(dump.matches("(?s).*\\(7fe0,0010\\) OB .*# +72,.*"), "6 x 4 RGB: 72 bytes: " + dump);
        DicomFile parsed = DicomFile.parse(written.get(0).file(), 1 << 20);
        assertEquals(source.sopInstanceUid(), dump.substring(dump.indexOf("(0008,1155) UI [") + 16, dump.indexOf("]",
                dump.indexOf("(0008,1155) UI ["))), "derived from its mammogram");
        assertEquals("RGB", parsed.string(DicomFile.PHOTOMETRIC_INTERPRETATION));
    }

    /** Runs a Debian DICOM tool; its output (stdout and stderr together). */
    static String run(String... command) throws IOException, InterruptedException {
        boolean installed = Files.isExecutable(Path.of("/usr/bin", command[0]));
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(installed, command[0] + " is not installed (apt-get install dicom3tools dcmtk)");
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
