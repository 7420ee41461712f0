package org.mammoflow.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import com.sun.jna.Memory;

class OneDnnCachesTest {

    /** Xbyak's Cpu as oneDNN 3.7 lays it out: 144 bytes, read on a virtual AMD EPYC of family 26 (model 2, stepping 1). */
    private static final int[] ONE_BYTE_CACHES = {1592850431, -939684034, 50339854, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
        0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 2, 15, 1, 0, 11, 26, 2};
    private static final int LEVELS = 27;
    private static final int[] EPYC = {26, 2, 1};

    @Test
    void oneByteCachesBecomeNoCacheLevelsSoThatOneDnnTakesItsDefaults() {
        Memory record = record(ONE_BYTE_CACHES);
        assertEquals(OneDnnCaches.Record.REPAIRED, OneDnnCaches.repair(record, record.size(), EPYC));
        int[] repaired = ONE_BYTE_CACHES.clone();
        repaired[LEVELS] = 0;
        assertArrayEquals(repaired, record.getIntArray(0, repaired.length));
        assertEquals(OneDnnCaches.Record.SOUND, OneDnnCaches.repair(record, record.size(), EPYC), "repaired once");
    }

    @Test
    void realCacheSizesAreLeftAsTheyAre() {
        int[] sizes = ONE_BYTE_CACHES.clone();
        sizes[7] = 48 << 10;
        sizes[8] = 1 << 20;
        sizes[9] = 32 << 20;
        Memory record = record(sizes);
        assertEquals(OneDnnCaches.Record.SOUND, OneDnnCaches.repair(record, record.size(), EPYC));
        assertArrayEquals(sizes, record.getIntArray(0, sizes.length));
    }

    @Test
    void aRecordThatDoesNotNameThisCpuIsNotTouched() {
        Memory record = record(ONE_BYTE_CACHES);
        assertEquals(OneDnnCaches.Record.UNKNOWN, OneDnnCaches.repair(record, record.size(), new int[] {25, 1, 1}));
        assertEquals(OneDnnCaches.Record.UNKNOWN, OneDnnCaches.repair(record, record.size() - 4, EPYC),
                "another layout (an older Xbyak)");
        assertArrayEquals(ONE_BYTE_CACHES, record.getIntArray(0, ONE_BYTE_CACHES.length));
    }

    @Test
    void cpuIdentityIsTheFirstProcessorsFamilyModelAndStepping() {
        String cpuInfo = """
                processor	: 0
                vendor_id	: AuthenticAMD
                cpu family	: 26
                model		: 2
                model name	: AMD EPYC
                stepping	: 1

                processor	: 1
                cpu family	: 25
                """;
        assertArrayEquals(EPYC, OneDnnCaches.cpuIdentity(cpuInfo));
        assertNull(OneDnnCaches.cpuIdentity("processor : 0\nmodel name : Apple M2\n"));
    }

    private static Memory record(int[] ints) {
        Memory memory = new Memory(4L * ints.length);
        memory.write(0, ints, 0, ints.length);
        return memory;
    }
}
