package org.mammoflow.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;

/**
 * FileInstall deploys a bundle dropped into the watched folder and uninstalls it when removed; a
 * configuration file there reaches its component, without the settings outside their range.
 */
class DeployFolderTest {

    private static final String SYMBOLIC_NAME = "org.mammoflow.integration.dropped";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;

    @InjectService
    LogReaderService logs;

    @Test
    void configFileSettingsOutsideTheirRangeAreRefusedByName() throws Exception {
        Path folder = Files.createDirectories(Path.of(context.getProperty("felix.fileinstall.dir")));
        Path cfg = folder.resolve("org.mammoflow.sampling.s10.cfg");
        List<String> errors = new CopyOnWriteArrayList<>();
        LogListener listener = entry -> errors.add(entry.getMessage());
        logs.addLogListener(listener);
        try {
            Path partial = Files.writeString(folder.getParent().resolve("s10.cfg.part"), "patchSize=-224\nroiCutoff=0.8\n");
            Files.move(partial, cfg, StandardCopyOption.ATOMIC_MOVE);
            ServiceReference<?> sampler = await("the S10 sampler to take roiCutoff=0.8", () -> s10()
                    .filter(s -> Double.valueOf(0.8).equals(Double.valueOf(String.valueOf(s.getProperty("roiCutoff"))))));
            assertEquals("224", String.valueOf(sampler.getProperty("patchSize")), "the default stays");
            String error = await("the refusal in the log", () -> errors.stream()
                    .filter(m -> m.contains("patchSize=-224 refused")).findFirst());
            assertTrue(error.contains(cfg.getFileName().toString()) && error.contains("16 to 2048"), error);
            assertTrue(Files.readString(cfg).contains("patchSize=-224"), "the user's file is left as written");
        } finally {
            logs.removeLogListener(listener);
            Files.deleteIfExists(cfg);
            await("the S10 sampler back to its defaults", () -> s10()
                    .filter(s -> "0.9".equals(String.valueOf(s.getProperty("roiCutoff")))));
        }
    }

    private Optional<ServiceReference<?>> s10() {
        try {
            ServiceReference<?>[] found = context.getServiceReferences(
                    "org.mammoflow.api.sampling.PatchSampler", "(sampler.name=s10)");
            return found == null ? Optional.empty() : Optional.of(found[0]);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void droppedBundleIsStartedAndRemovedBundleIsUninstalled() throws Exception {
        String folderProperty = context.getProperty("felix.fileinstall.dir");
        assertNotNull(folderProperty, "felix.fileinstall.dir is not set");
        Path folder = Files.createDirectories(Path.of(folderProperty));
        Path jar = folder.resolve(SYMBOLIC_NAME + ".jar");

        writeBundle(jar);
        Bundle deployed = await("the dropped bundle to start", () -> bundle()
                .filter(b -> b.getState() == Bundle.ACTIVE));
        assertEquals("1.0.0", deployed.getVersion().toString());

        Files.delete(jar);
        await("the removed bundle to be uninstalled", () -> bundle().isEmpty() ? Optional.of(true) : Optional.empty());
    }

    private Optional<Bundle> bundle() {
        return Arrays.stream(context.getBundles()).filter(b -> SYMBOLIC_NAME.equals(b.getSymbolicName())).findFirst();
    }

    /** Writes the jar outside the watched folder and moves it in, so FileInstall never sees half a file. */
    private static void writeBundle(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        main.putValue("Bundle-Version", "1.0.0");
        Path partial = Files.createTempFile(jar.getParent().getParent(), SYMBOLIC_NAME, ".part");
        try (OutputStream out = Files.newOutputStream(partial); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.flush();
        }
        Files.move(partial, jar, StandardCopyOption.ATOMIC_MOVE);
    }

    private static <T> T await(String what, Supplier<Optional<T>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(100);
        }
        return fail("gave up waiting " + PATIENCE.toSeconds() + " s for " + what);
    }
}
