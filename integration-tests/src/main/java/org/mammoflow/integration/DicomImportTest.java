package org.mammoflow.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.dataset.DatasetImporter;
import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.ImportReport;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.image.PreprocessingSettings;
import org.mammoflow.api.network.Checkpoint;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkFactory;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.files.AtomicFiles;
import org.osgi.test.common.annotation.InjectService;

/**
 * CBIS-DDSM as downloaded, DICOM only: a synthetic tree whose every PNG is replaced by a DICOM file,
 * imported with {@code mammo:import} in the real framework, and converted back with
 * {@code mammo:convert}.
 */
class DicomImportTest {

    @InjectService
    CommandProcessor processor;

    @InjectService(filter = "(dataset.format=cbis-ddsm)")
    DatasetImporter cbisDdsm;

    @InjectService
    ImageFiles files;

    @InjectService
    NetworkFactory networks;

    @TempDir
    Path workspace;

    @Test
    void aDicomTreeImportsAsItsPngTwinAndConvertsBackExactly() throws Exception {
        Path png = workspace.resolve("png");
        Path dicom = workspace.resolve("dicom tree");
        run("mammo:synth --patients 6 --width 320 --height 400 --seed 5 " + png);
        int converted = toDicom(png, dicom);
        assertTrue(converted > 12, "DICOM files written: " + converted);

        String imported = run("mammo:import '" + dicom + "'");
        assertTrue(imported.contains("skipped nothing"), imported);
        ImportReport fromPng = cbisDdsm.importFrom(png, ImportOptions.defaults());
        ImportReport fromDicom = cbisDdsm.importFrom(dicom, ImportOptions.defaults());
        assertEquals(fromPng.dataset().images().size(), fromDicom.dataset().images().size());
        for (int i = 0; i < fromPng.dataset().images().size(); i++) {
            ImageRecord a = fromPng.dataset().images().get(i);
            ImageRecord b = fromDicom.dataset().images().get(i);
            assertEquals(a.imageId(), b.imageId());
            assertEquals(a.patientId(), b.patientId());
            assertEquals(a.split(), b.split());
            assertTrue(b.image().toString().endsWith(".dcm"), b.image().toString());
            assertArrayEquals(files.read(a.image()).samples(), files.read(b.image()).samples(), a.imageId());
            assertEquals(a.abnormalities().size(), b.abnormalities().size());
            for (int k = 0; k < a.abnormalities().size(); k++) {
                assertEquals(a.abnormalities().get(k).pathology(), b.abnormalities().get(k).pathology());
                assertEquals(files.readMask(a.abnormalities().get(k).mask()).area(),
                        files.readMask(b.abnormalities().get(k).mask()).area(), "the mask, not the crop");
            }
        }
        ImageRecord first = fromDicom.dataset().images().get(0);
        ImageAttributes attributes = files.attributes(first.image());
        assertEquals(first.patientId(), attributes.patientId(), "from CBIS-DDSM's PatientID, the series name");
        assertEquals(first.imageId().contains("LEFT") ? "L" : "R", attributes.laterality());

        Path out = workspace.resolve("converted");
        String conversion = run("mammo:convert -o " + out + " '" + first.image() + "'");
        assertEquals("converted 1 of 1 files", conversion);
        GrayImage back = files.read(out.resolve(stem(first.image()) + ".png"));
        assertArrayEquals(files.read(first.image()).samples(), back.samples());
    }

    /**
     * mammo:preprocess records its settings; a checkpoint that carries them predicts on a raw DICOM
     * mammogram exactly as on its preprocessed PNG, and writes the rows a radiologist reads.
     */
    @Test
    void aRawDicomMammogramIsPredictedAsItsPreprocessedTwin() throws Exception {
        Path png = workspace.resolve("png");
        Path dicom = workspace.resolve("dicom");
        Path ready = workspace.resolve("ready");
        run("mammo:synth --patients 4 --width 320 --height 400 --seed 8 " + png);
        toDicom(png, dicom);
        run("mammo:import " + dicom);
        run("mammo:preprocess --height 128 --width 96 " + dicom + " " + ready);
        PreprocessingSettings settings = PreprocessingSettings.fromMap(
                AtomicFiles.readSettings(ready.resolve(PreprocessingSettings.FILE)).orElseThrow());
        assertEquals(128, settings.height());

        NetworkSpec spec = new NetworkSpec("resnet18+resnet-head", 2, 128, 96);
        Path checkpoint = workspace.resolve("run/best.npz");
        try (Network network = networks.create(spec, 1)) {
            network.save(new Checkpoint(checkpoint, spec, 1, 1, Map.of(), Optional.of(settings)));
        }
        ImageRecord first = cbisDdsm.importFrom(dicom, ImportOptions.defaults()).dataset().images().get(0);
        Path twin = ready.resolve("images").resolve(first.imageId() + ".png");
        Path csv = workspace.resolve("predictions.csv");
        String predicted = run("mammo:predict -o " + csv + " " + checkpoint + " " + first.image() + " " + twin);
        List<String> lines = predicted.lines().toList();
        assertEquals(lines.get(0).replaceAll(".*malignant ", ""), lines.get(1).replaceAll(".*malignant ", ""), predicted);
        List<String> rows = Files.readAllLines(csv);
        assertEquals("kind,file,patient,exam,laterality,view,images,missing_views,malignant,probability", rows.get(0));
        String side = first.imageId().contains("LEFT") ? "L" : "R";
        String view = first.imageId().contains("MLO") ? "MLO" : "CC";
        // CBIS-DDSM's DICOMs give every image a study of its own: the exam is the patient's one (no exam column)
        assertTrue(rows.get(1).startsWith("image," + first.image() + "," + first.patientId() + ",," + side + "," + view
                + ",1,,"), rows.get(1));
        assertTrue(rows.stream().anyMatch(row -> row.startsWith("breast,," + first.patientId() + ",," + side + "," + view
                + ",1,1,")), rows.toString());
        assertTrue(rows.stream().anyMatch(row -> row.startsWith("exam,," + first.patientId() + ",," + side + ",,1,3,")),
                rows.toString());
    }

    @Test
    void anImportThatFindsNoUsableImageFailsAndSaysWhatItFound() throws Exception {
        Path png = workspace.resolve("png");
        Path broken = workspace.resolve("broken");
        run("mammo:synth --patients 2 --width 320 --height 400 --seed 6 " + png);
        try (Stream<Path> walk = Files.walk(png)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = broken.resolve(png.relativize(file).toString().replace(".png", ".dcm"));
                Files.createDirectories(target.getParent());
                if (file.toString().endsWith(".csv")) {
                    Files.copy(file, target);
                } else {
                    Files.writeString(target, "not DICOM");
                }
            }
        }
        Exception e = assertThrows(Exception.class, () -> run("mammo:import " + broken));
        assertTrue(e.getMessage().contains("no usable image"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*\\d+ \\.dcm files \\(0 of them readable DICOM\\), 0 PNG.*"),
                e.getMessage());
    }

    /** Writes the tree again with every PNG as a DICOM file of the same stem (16-bit images, 8-bit masks). */
    private int toDicom(Path from, Path to) throws Exception {
        int count = 0;
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                    Files.copy(file, target);
                    continue;
                }
                int bits = files.header(file).bitsPerPixel() <= 8 ? 8 : 16;
                String series = from.relativize(file).getName(from.relativize(file).getNameCount() > 1 ? 1 : 0).toString();
                TestDicom.write(target.resolveSibling(stem(file) + ".dcm"), files.read(file), bits, series,
                        series.contains("LEFT") ? "L" : "R", series.contains("MLO") ? "MLO" : "CC");
                count++;
            }
        }
        return count;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }

    private String run(String command) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            return String.valueOf(session.execute(command));
        }
    }
}
