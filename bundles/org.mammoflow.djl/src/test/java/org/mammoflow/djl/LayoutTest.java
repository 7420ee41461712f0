package org.mammoflow.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import ai.djl.Device;

class LayoutTest {

    private static final String ZEN3 = """
            processor	: 0
            model name	: AMD EPYC 7B13
            flags		: fpu vme sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 bmi2 vaes vpclmulqdq
            """;

    @Test
    void cpusUpToAvx2RunChannelsLast() {
        assertEquals(Layout.CHANNELS_LAST, Layout.forCpuInfo(ZEN3));
        assertEquals(Layout.CHANNELS_LAST, Layout.forCpuInfo("processor : 0\n"), "no flags line: nothing known against it");
    }

    @Test
    void withOneDnnsCacheRecordKnownCpusRunChannelsLast() {
        assertEquals(Layout.CHANNELS_LAST, Layout.forDevice(Device.cpu(), OneDnnCaches.Record.SOUND, "auto"));
        assertEquals(Layout.CHANNELS_LAST, Layout.forDevice(Device.cpu(), OneDnnCaches.Record.REPAIRED, "auto"));
        assertEquals(Layout.CHANNELS_LAST, Layout.forDevice(Device.gpu(), OneDnnCaches.Record.UNKNOWN, "auto"));
    }

    @Test
    void aLayoutTheSettingNamesIsTakenAndAnotherValueRefusedByName() {
        assertEquals(Layout.CHANNELS_FIRST, Layout.forDevice(Device.gpu(), OneDnnCaches.Record.SOUND, "channelsFirst"));
        assertEquals(Layout.CHANNELS_LAST, Layout.forDevice(Device.cpu(), OneDnnCaches.Record.UNKNOWN, "channelsLast"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layout.forDevice(Device.cpu(), OneDnnCaches.Record.SOUND, "NHWC"));
        assertEquals("setting layout of org.mammoflow.djl is NHWC: expected auto, channelsLast or channelsFirst",
                e.getMessage());
    }

    @Test
    void cpusWithAvx512OrAvxVnniRunChannelsFirstWhereTheRecordIsUnknown() {
        assertEquals(Layout.CHANNELS_FIRST, Layout.forCpuInfo(ZEN3.replace("avx2", "avx2 avx512f avx512bw")));
        assertEquals(Layout.CHANNELS_FIRST, Layout.forCpuInfo(ZEN3.replace("avx2", "avx2 avx_vnni")));
        assertEquals(Layout.CHANNELS_LAST, Layout.forCpuInfo(ZEN3.replace("avx2", "avx2 avx512_vnni_lookalike")),
                "whole flags only");
    }
}
