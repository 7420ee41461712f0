package org.mammoflow.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.network.Batch;
import org.mammoflow.api.network.Checkpoint;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.djl.BackendConfig;
import org.mammoflow.djl.ResNetBackend;
import org.mammoflow.files.Digests;

/** Checkpoints opened once, reopened when their file changes, closed when evicted and no longer used. */
class OpenModelsTest {

    private static final NetworkSpec SPEC = new NetworkSpec("resnet18", 2, 32, 32);
    private static ResNetBackend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        backend = new ResNetBackend((BackendConfig) Proxy.newProxyInstance(BackendConfig.class.getClassLoader(),
                new Class<?>[] {BackendConfig.class}, (proxy, method, args) -> method.getName().equals("device")
                        ? "cpu" : method.getDefaultValue()));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void aCheckpointIsOpenedOnceAndKnownByItsSha256() throws Exception {
        Path file = checkpoint("a", 1);
        try (OpenModels models = new OpenModels(2);
                OpenModels.Lease first = models.open(file, backend);
                OpenModels.Lease second = models.open(dir.resolve("a/../a/best.npz"), backend)) {
            assertSame(first.network(), second.network(), "one network for one checkpoint, whatever the path's spelling");
            assertEquals(Digests.sha256(file), first.sha256());
            assertEquals(1, models.size());
        }
    }

    @Test
    void aChangedCheckpointIsOpenedAfresh() throws Exception {
        Path file = checkpoint("a", 1);
        try (OpenModels models = new OpenModels(2)) {
            Network before;
            String sha;
            try (OpenModels.Lease lease = models.open(file, backend)) {
                before = lease.network();
                sha = lease.sha256();
            }
            checkpoint("a", 2);
            Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));
            try (OpenModels.Lease lease = models.open(file, backend)) {
                assertNotSame(before, lease.network());
                assertEquals(Digests.sha256(file), lease.sha256());
                assertEquals(false, sha.equals(lease.sha256()), "other weights, another digest");
                assertClosed(before);
            }
        }
    }

    @Test
    void theLeastRecentlyUsedIsClosedOnlyOnceNoRequestHoldsIt() throws Exception {
        try (OpenModels models = new OpenModels(1)) {
            OpenModels.Lease a = models.open(checkpoint("a", 1), backend);
            try (OpenModels.Lease b = models.open(checkpoint("b", 2), backend)) {
                assertEquals(1, models.size());
                predict(a.network()); // evicted, but still held: still open
                a.close();
                assertClosed(a.network());
                predict(b.network());
            }
        }
    }

    private static void predict(Network network) {
        network.predict(Batch.of(1, 1, 32, 32, new float[32 * 32]));
    }

    private static void assertClosed(Network network) {
        assertThrows(RuntimeException.class, () -> predict(network), "a closed network computes nothing");
    }

    private Path checkpoint(String name, long seed) throws Exception {
        Path file = dir.resolve(name).resolve("best.npz");
        try (Network network = backend.create(SPEC, seed)) {
            network.save(new Checkpoint(file, SPEC, 1, 1, Map.of()));
        }
        return file;
    }
}
