package org.mammoflow.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.sun.jna.Platform;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The backend's largestKeptBlockMib setting does what it says to the process's resident memory (glibc).
 * Each case runs in a fresh JVM: the setting governs memory from the backend's start on, and a JVM
 * that kept freed blocks reuses them before it maps new ones.
 */
class FreedMemoryTest {

    private static final int BLOCKS = 8;
    private static final long FLOATS = 8L << 20; // 32 MiB a block: below a glibc arena heap's 64 MiB

    @Test
    void blocksAboveTheSettingAreHandedBackTheOthersKept() throws Exception {
        assumeTrue(Platform.isLinux(), "glibc's allocator");
        long handedBack = returnedInFreshJvm(16);
        assertTrue(handedBack > 200, "largestKeptBlockMib=16: freeing 256 MiB of tensors returned " + handedBack + " MiB");
        long kept = returnedInFreshJvm(Backends.largestKeptBlockMibDefault());
        assertTrue(kept < 32, "largestKeptBlockMib (default): freeing 256 MiB of tensors returned " + kept + " MiB");
    }

    private static long returnedInFreshJvm(int largestKeptBlockMib) throws Exception {
        String line = Benchmarks.lastLineOfFreshJvm(FreedMemoryTest.class, String.valueOf(largestKeptBlockMib));
        return Long.parseLong(line.replace("returned MiB ", ""));
    }

    /** In the child JVM: a backend with the setting, then what freeing 256 MiB of tensors gives back. */
    public static void main(String[] args) throws IOException {
        ResNetBackend backend = new ResNetBackend(Backends.config("cpu", Integer.parseInt(args[0])));
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            List<NDArray> blocks = new ArrayList<>();
            for (int i = 0; i < BLOCKS; i++) {
                blocks.add(manager.ones(new Shape(FLOATS)));
            }
            double held = Benchmarks.residentMib("VmRSS");
            blocks.forEach(NDArray::close);
            System.out.println("returned MiB " + Math.round(held - Benchmarks.residentMib("VmRSS")));
        } finally {
            backend.close();
        }
    }
}
