package org.mammoflow.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.dataset.Abnormality;
import org.mammoflow.api.dataset.DatasetImporter;
import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.ImportReport;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.image.Mammogram;
import org.mammoflow.api.image.Mask;
import org.mammoflow.api.image.Preprocessor;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectService;

/**
 * Synthesize, import and preprocess a small dataset with the gogo commands, through the services
 * the bundles provide, with the preprocessing size set through Configuration Admin.
 */
class DatasetPipelineTest {

    private static final String PREPROCESSOR_PID = "org.mammoflow.imaging.preprocessor";

    @InjectService
    CommandProcessor processor;

    @InjectService
    ConfigurationAdmin configurations;

    @InjectService(filter = "(dataset.format=folder)")
    DatasetImporter folderImporter;

    @InjectService
    ImageFiles files;

    @InjectService
    Preprocessor preprocessor;

    @TempDir
    Path workspace;

    private Configuration configuration;

    @AfterEach
    void removeConfiguration() throws Exception {
        if (configuration != null) {
            configuration.delete();
        }
    }

    @Test
    void synthesizeImportAndPreprocessThroughTheShell() throws Exception {
        configuration = configurations.getConfiguration(PREPROCESSOR_PID, "?");
        Dictionary<String, Object> small = new Hashtable<>();
        small.put("height", 288);
        small.put("width", 224);
        configuration.update(small);
        awaitPreprocessedWidth(224);

        Path raw = workspace.resolve("synthetic");
        Path ready = workspace.resolve("preprocessed");
        String synth = run("mammo:synth --patients 6 --width 320 --height 400 --seed 3 " + raw);
        assertTrue(synth.startsWith("wrote "), synth);
        String imported = run("mammo:import " + raw);
        assertTrue(imported.contains("skipped nothing"), imported);
        assertTrue(Files.isRegularFile(raw.resolve("dataset.csv")));
        String preprocessed = run("mammo:preprocess " + raw + " " + ready);
        assertTrue(preprocessed.contains("skipped nothing"), preprocessed);

        ImportReport report = folderImporter.importFrom(ready, ImportOptions.defaults());
        assertEquals(0, report.skipped().size(), report.skipped().toString());
        assertFalse(report.dataset().images().isEmpty());
        for (ImageRecord image : report.dataset().images()) {
            GrayImage pixels = files.read(image.image());
            assertEquals(224, pixels.width());
            assertEquals(288, pixels.height());
            for (Abnormality abnormality : image.abnormalities()) {
                Mask mask = files.readMask(abnormality.mask());
                assertEquals(224, mask.width());
                assertTrue(mask.area() > 0, abnormality.mask() + " lost its lesion");
            }
        }
    }

    @Test
    void importOfAMissingFolderFailsWithItsName() {
        Path missing = workspace.resolve("no-such-dataset");
        Exception e = assertThrows(Exception.class, () -> run("mammo:import " + missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void preprocessRefusesAnOutputThatIsItsInputOrInsideIt() throws Exception {
        Path raw = workspace.resolve("synthetic");
        run("mammo:synth --patients 2 --width 320 --height 400 --seed 4 " + raw);
        run("mammo:import " + raw);
        byte[] manifest = Files.readAllBytes(raw.resolve("dataset.csv"));
        for (Path output : List.of(raw, raw.resolve("preprocessed"), raw.resolve("."))) {
            Exception e = assertThrows(Exception.class, () -> run("mammo:preprocess " + raw + " " + output));
            assertTrue(e.getMessage().contains("the input dataset " + raw), e.getMessage());
        }
        assertTrue(java.util.Arrays.equals(manifest, Files.readAllBytes(raw.resolve("dataset.csv"))),
                "the input's dataset.csv is untouched");
        assertFalse(Files.exists(raw.resolve("preprocessed")));
    }

    /** Configuration Admin delivers a change asynchronously; 60 s only stops a test that would hang. */
    private void awaitPreprocessedWidth(int width) throws InterruptedException {
        GrayImage probe = GrayImage.blank(40, 50);
        for (int i = 0; i < 1200; i++) {
            int got = preprocessor.preprocess(new Mammogram("probe", "p", probe,
                    List.of())).image().width();
            if (got == width) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the preprocessor never took the configured width " + width);
    }

    private String run(String command) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            return String.valueOf(session.execute(command));
        }
    }
}
