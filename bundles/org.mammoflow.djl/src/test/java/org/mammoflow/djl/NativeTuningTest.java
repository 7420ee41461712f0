package org.mammoflow.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import com.sun.jna.Native;

/**
 * The backend's native interventions ({@link NativeTuning}) and its start-up kernel check
 * ({@link KernelCheck}): each says what it did, the setting nativeTuning turns all off, an unknown
 * libtorch is left alone, and channels-last kernels that disagree with float64 are given up. Cases
 * whose native state lasts for the JVM run in a fresh one.
 */
class NativeTuningTest {

    private static final List<String> INTERVENTIONS = List.of("glibc freed memory", "libtorch environment",
            "libtorch log level", "oneDNN cache record");

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void theBundledLibtorchIsABuildWhoseCacheRecordIsKnownAndEveryInterventionReports() {
        ResNetBackend backend = Backends.cpu();
        try {
            Map<String, String> found = backend.diagnostics();
            assertTrue(found.keySet().containsAll(INTERVENTIONS), found::toString);
            assertTrue(found.get("oneDNN cache record").matches("applied: .*|skipped: the record holds cache sizes.*"),
                    () -> "the record of " + Torch.library("torch_cpu") + " was found: " + found);
            assertEquals(Layout.CHANNELS_LAST, backend.activations());
            assertTrue(found.get("kernel check").startsWith("passed: "), found::toString);
        } finally {
            backend.close();
        }
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void anotherLibtorchBuildIsLeftAlone() {
        ResNetBackend backend = Backends.cpu();
        try {
            List<String> notes = new ArrayList<>();
            NativeTuning tuning = new NativeTuning(true, notes::add);
            assertEquals(OneDnnCaches.Record.UNKNOWN, tuning.afterLoading("0.0.1"));
            String outcome = tuning.outcomes().get("oneDNN cache record");
            assertTrue(outcome.startsWith("skipped: " + Torch.library("torch_cpu") + " (libtorch 0.0.1, build id ")
                    && outcome.endsWith("is not a build whose record this bundle was checked against"), outcome);
            assertTrue(notes.contains("native tuning, oneDNN cache record: " + outcome), notes::toString);
        } finally {
            backend.close();
        }
    }

    @Test
    void channelsLastKernelsThatDisagreeWithFloat64AreGivenUpWithAWarning() {
        List<String> warnings = new ArrayList<>();
        ResNetBackend backend = new ResNetBackend(Backends.config(Map.of("device", "cpu", "layout", "channelsLast",
                "kernelTolerance", 0.0)), note -> { }, warnings::add, error -> { });
        try {
            assertEquals(Layout.CHANNELS_FIRST, backend.activations(), "float32 never equals float64 exactly");
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).startsWith("this machine's convolution kernels failed their check: channels-last"
                    + " convolution 128->512 1x1 stride 1 on 28x28 differs from float64 by more than 0.0"), warnings::toString);
            assertTrue(backend.diagnostics().get("kernel check").startsWith("failed: "), backend.diagnostics()::toString);
            assertEquals("channels-first", backend.diagnostics().get("layout"));
        } finally {
            backend.close();
        }
    }

    @Test
    void aToleranceOutOfRangeIsRefusedByNameBeforeLibtorchIsTouched() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ResNetBackend(
                Backends.config(Map.of("device", "cpu", "kernelTolerance", -1.0)), note -> { }, warning -> { }, error -> { }));
        assertEquals("setting kernelTolerance of org.mammoflow.djl is -1.0: it must be 0 to 1", e.getMessage());
    }

    @Test
    void offSkipsEveryInterventionAndSaysWhy() throws Exception {
        Map<String, String> found = diagnosticsOfFreshJvm("nativeTuning=false");
        for (String intervention : INTERVENTIONS) {
            assertEquals("skipped: nativeTuning is off", found.get(intervention), found::toString);
        }
        if (System.getenv("TORCH_CPP_LOG_LEVEL") == null) {
            assertEquals("(unset)", found.get("TORCH_CPP_LOG_LEVEL"), "the process's environment was left alone");
        }
    }

    /**
     * Where oneDNN's record needed its repair (one-byte caches, as on this project's virtual EPYC), the
     * same libtorch without it computes some channels-last convolutions wrong: the check must see it.
     */
    @Test
    @EnabledOnOs(value = OS.LINUX, architectures = "amd64")
    void onAMachineWhoseCacheRecordNeedsRepairTheCheckCatchesTheWrongKernelsWithoutIt() throws Exception {
        assumeTrue(diagnosticsOfFreshJvm().get("oneDNN cache record").startsWith("applied: "),
                "this machine's oneDNN record of its caches is sound: its kernels are right either way");
        Map<String, String> found = diagnosticsOfFreshJvm("nativeTuning=false", "layout=channelsLast");
        assertTrue(found.get("kernel check").startsWith("failed: channels-last convolution "), found::toString);
        assertEquals("channels-first", found.get("layout"));
    }

    /** The backend's diagnostics, and the process's TORCH_CPP_LOG_LEVEL, in a fresh JVM with these settings. */
    private static Map<String, String> diagnosticsOfFreshJvm(String... settings) throws Exception {
        Map<String, String> found = new TreeMap<>();
        for (String entry : Benchmarks.lastLineOfFreshJvm(NativeTuningTest.class, settings).split("\t")) {
            int colon = entry.indexOf(": ");
            found.put(entry.substring(0, colon), entry.substring(colon + 2));
        }
        return found;
    }

    /** In the child JVM: a CPU backend with the settings given as name=value, then its diagnostics on one line. */
    public static void main(String[] args) {
        Map<String, Object> settings = new TreeMap<>(Map.of("device", "cpu"));
        Arrays.stream(args).map(arg -> arg.split("=", 2)).forEach(pair -> settings.put(pair[0],
                pair[1].equals("true") || pair[1].equals("false") ? Boolean.valueOf(pair[1]) : pair[1]));
        ResNetBackend backend = new ResNetBackend(Backends.config(settings));
        try {
            Map<String, String> found = new TreeMap<>(backend.diagnostics());
            String level = Native.load("c", NativeTuning.CLibrary.class).getenv("TORCH_CPP_LOG_LEVEL");
            found.put("TORCH_CPP_LOG_LEVEL", level == null ? "(unset)" : level);
            List<String> entries = new ArrayList<>();
            found.forEach((name, outcome) -> entries.add(name + ": " + outcome));
            System.out.println(String.join("\t", entries));
        } finally {
            backend.close();
        }
    }
}
