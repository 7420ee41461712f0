package org.mammoflow.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;

/**
 * The backend has libtorch ask for transparent huge pages for its tensors of 2 MiB and more: fresh
 * memory then faults once per 2 MiB, not once per 4 KiB.
 */
class HugePagesTest {

    private static final long PAGE = 4096;

    @Test
    void largeTensorsArePageAlignedInAHugePageRegion() throws IOException {
        assumeTrue(Platform.isLinux(), "libtorch asks for huge pages on Linux only");
        assumeTrue(System.getenv("THP_MEM_ALLOC_ENABLE") == null, "the environment decides THP_MEM_ALLOC_ENABLE");
        ResNetBackend backend = Backends.cpu();
        try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
            PtNDArray tensor = (PtNDArray) manager.ones(new Shape(3L << 20)); // 12 MiB
            long address = Pointer.nativeValue(Native.getDirectBufferPointer(tensor.toByteBuffer(true)));
            // libtorch's own alignment is 64 bytes; a block it advises for huge pages starts on a page
            assertEquals(0, address % PAGE, "a 12 MiB tensor at 0x" + Long.toHexString(address));
            Path kernelSetting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
            List<String> mappings = Files.readAllLines(Path.of("/proc/self/smaps"));
            if (Files.exists(kernelSetting) && !Files.readString(kernelSetting).contains("[never]")
                    && mappings.stream().anyMatch(line -> line.startsWith("THPeligible:"))) {
                assertTrue(hugePageEligible(mappings, address), "the mapping of 0x" + Long.toHexString(address)
                        + " is not eligible for huge pages (/proc/self/smaps)");
            }
        } finally {
            backend.close();
        }
    }

    /** THPeligible of the mapping (lines of /proc/self/smaps) that holds the address. */
    private static boolean hugePageEligible(List<String> mappings, long address) {
        boolean inside = false;
        for (String line : mappings) {
            int dash = line.indexOf('-');
            int space = line.indexOf(' ');
            if (dash > 0 && space > dash && line.substring(0, dash).chars().allMatch(Character::isLetterOrDigit)) {
                long start = HexFormat.fromHexDigitsToLong(line.substring(0, dash));
                long end = HexFormat.fromHexDigitsToLong(line.substring(dash + 1, space));
                inside = Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0;
            } else if (inside && line.startsWith("THPeligible:")) {
                return line.endsWith("1");
            }
        }
        return false;
    }
}
