package org.mammoflow.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkSpec;

import com.sun.jna.Platform;

/**
 * An inference pass lets go of each feature map once the next operation has it. Held to the end of
 * the pass, ResNet50's maps for a batch of 16 at 224 x 224 raised the resident high-water mark by
 * over 1 GiB (1,033-1,330 MiB with the release made a no-op); let go, by 370-560 MiB, the folded
 * weights included (both on the AVX-512 machine, 2026-11-29). Measured in a fresh JVM, whose high-water mark is this
 * pass's.
 */
class InferenceMemoryTest {

    private static final int BATCH = 16;

    @Test
    void aResNet50PassHoldsAFewFeatureMapsAtATime() throws Exception {
        assumeTrue(Platform.isLinux(), "/proc/self/status");
        long grown = Long.parseLong(Benchmarks.lastLineOfFreshJvm(InferenceMemoryTest.class).replace("grown MiB ", ""));
        System.out.println("InferenceMemoryTest: the pass raised the resident high-water mark by " + grown + " MiB");
        assertTrue(grown < 800, "one inference pass of ResNet50 (batch 16 of 224 x 224) raised the resident"
                + " high-water mark by " + grown + " MiB");
    }

    /** In the child JVM: how far one inference pass raises the resident high-water mark. */
    public static void main(String[] args) throws Exception {
        ResNetBackend backend = Backends.cpu();
        try (Network network = backend.create(new NetworkSpec("resnet50", 5, 224, 224), 0)) {
            var batch = Benchmarks.randomBatch(BATCH, 224, 224, 5);
            double before = Benchmarks.residentMib("VmRSS");
            network.predict(batch);
            System.out.println("grown MiB " + Math.round(Benchmarks.residentMib("VmHWM") - before));
        } finally {
            backend.close();
        }
    }
}
