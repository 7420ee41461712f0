package org.mammoflow.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.test.common.annotation.InjectBundleContext;

/** FileInstall deploys a bundle dropped into the watched folder and uninstalls it when removed. */
class DeployFolderTest {

    private static final String SYMBOLIC_NAME = "org.mammoflow.integration.dropped";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @InjectBundleContext
    BundleContext context;

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
