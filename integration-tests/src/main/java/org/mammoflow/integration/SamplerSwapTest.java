package org.mammoflow.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.dataset.DatasetImporter;
import org.mammoflow.api.dataset.DatasetSynthesizer;
import org.mammoflow.api.dataset.DatasetWriter;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.ImportReport;
import org.mammoflow.api.dataset.SynthesisSpec;
import org.mammoflow.api.sampling.PatchSampling;
import org.mammoflow.api.sampling.SamplingReport;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * The sampling strategy swapped while the framework runs: by command, by a .cfg file that
 * FileInstall feeds to Configuration Admin, and by stopping the active strategy's bundle.
 */
class SamplerSwapTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;

    @InjectService
    CommandProcessor processor;

    @InjectService
    PatchSampling sampling;

    @InjectService
    ConfigurationAdmin configurations;

    @InjectService
    DatasetSynthesizer synthesizer;

    @InjectService(filter = "(dataset.format=cbis-ddsm)")
    DatasetImporter cbis;

    @InjectService
    DatasetWriter writer;

    @TempDir
    Path workspace;

    private Path dataset;
    private int rois;

    @BeforeEach
    void smallDataset() throws IOException {
        dataset = workspace.resolve("synthetic");
        synthesizer.write(dataset, new SynthesisSpec(4, 320, 400, 5));
        ImportReport report = cbis.importFrom(dataset, ImportOptions.defaults());
        writer.write(report.dataset());
        rois = report.dataset().images().stream().mapToInt(image -> image.abnormalities().size()).sum();
    }

    @AfterEach
    void backToDefaults() throws Exception {
        Files.deleteIfExists(deployFolder().resolve("org.mammoflow.sampling.cfg"));
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName().startsWith("org.mammoflow.sampling") && bundle.getState() != Bundle.ACTIVE) {
                bundle.start();
            }
        }
        Configuration[] left = configurations.listConfigurations("(service.pid=org.mammoflow.sampling)");
        if (left != null) {
            for (Configuration configuration : left) {
                configuration.delete();
            }
        }
        await("the default sampler s10", () -> sampling.activeSampler().filter("s10"::equals));
    }

    @Test
    void swapByCommandThenByConfigFileThenByStoppingTheBundle() throws Exception {
        String answer = run("mammo:sampler s");
        assertTrue(answer.startsWith("sampler set to s"), answer);
        await("sampler s", () -> sampling.activeSampler().filter("s"::equals));
        SamplingReport withS = sampling.sample(dataset, workspace.resolve("s"), 1, (done, total) -> { });
        assertEquals("s", withS.sampler());
        assertEquals(2 * rois, withS.total(), "S: one ROI and one background patch per ROI");

        Files.writeString(deployFolder().resolve("org.mammoflow.sampling.cfg"), "sampler.target=(sampler.name=s10)\n");
        await("sampler s10 from the .cfg file", () -> sampling.activeSampler().filter("s10"::equals));
        SamplingReport withS10 = sampling.sample(dataset, workspace.resolve("s10"), 1, (done, total) -> { });
        assertEquals("s10", withS10.sampler());
        assertEquals(20 * rois, withS10.total(), "S10: ten ROI and ten background patches per ROI");
        assertTrue(run("mammo:sampler").contains("active: s10"));

        bundle("org.mammoflow.sampling.s10").stop();
        assertEquals(Optional.empty(), sampling.activeSampler());
        IOException none = assertThrows(IOException.class,
                () -> sampling.sample(dataset, workspace.resolve("none"), 1, (done, total) -> { }));
        assertTrue(none.getMessage().contains("no patch sampler available"), none.getMessage());
        Exception fromShell = assertThrows(Exception.class, () -> run("mammo:sample " + dataset + " " + workspace.resolve("x")));
        assertTrue(fromShell.getMessage().contains("no patch sampler available"), fromShell.getMessage());

        bundle("org.mammoflow.sampling.s10").start();
        await("s10 back after its bundle restarts", () -> sampling.activeSampler().filter("s10"::equals));
    }

    @Test
    void sampleCommandReportsPatchesPerSplitAndClass() throws Exception {
        String report = run("mammo:sample --seed 7 " + dataset + " " + workspace.resolve("patches"));
        assertTrue(report.startsWith("sampler s10 wrote " + 20 * rois + " patches"), report);
        assertTrue(report.contains("BACKGROUND=") && report.contains("skipped nothing"), report);
        assertTrue(Files.isRegularFile(workspace.resolve("patches").resolve("patches.csv")));
    }

    private Path deployFolder() throws IOException {
        return Files.createDirectories(Path.of(context.getProperty("felix.fileinstall.dir")));
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow();
    }

    private static <T> void await(String what, java.util.function.Supplier<Optional<T>> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get().isPresent()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("gave up waiting " + PATIENCE.toSeconds() + " s for " + what);
    }

    private String run(String command) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        try (CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out)) {
            return String.valueOf(session.execute(command));
        }
    }
}
