package org.mammoflow.djl;

import java.util.Map;

import com.sun.jna.Pointer;

/**
 * oneDNN's record of the CPU's data caches, from which it sizes the blocks its convolution kernels work
 * on. On AMD CPUs oneDNN 3 (through its copy of Xbyak) reads the caches from CPUID leaf 0x8000001D, and
 * where a hypervisor leaves that leaf empty it records three caches of one byte each; on Intel CPUs an
 * empty leaf means no cache levels, and oneDNN falls back to its defaults (32 KiB L1, 512 KiB L2 and
 * 1 MiB L3 per core). On a virtual AMD EPYC of family 26 the one-byte caches made its channels-last 1x1
 * kernels wrong (outputs off by half their largest value) or divide by zero, ending the JVM, and its
 * blocked kernels slower (docs/benchmarks.md). Repairing the record means telling oneDNN it found no
 * cache levels, as on Intel, before it builds its first kernel.
 *
 * <p>The record is a function-local object in libtorch_cpu, found by {@link NativeTuning} and checked
 * here against this CPU's family, model and stepping before anything is written.
 */
final class OneDnnCaches {

    /** What the record held when the backend started. */
    enum Record {
        /** Cache sizes oneDNN can work with, or none (its defaults). */
        SOUND,
        /** One-byte caches, set to none: oneDNN uses its defaults. */
        REPAIRED,
        /** Not found or not recognised (another platform, library or oneDNN version): left as it is. */
        UNKNOWN
    }

    private static final int CACHE_LEVELS = 10;
    /** Xbyak's Cpu ends in: cache sizes[10], cores sharing each[10], levels, AVX10 version, then 7 ints of family and model. */
    private static final int IDENTITY_INTS = 7;
    private static final int SMALLEST_REAL_CACHE = 1024;

    private OneDnnCaches() {
    }

    /**
     * The record of {@code size} bytes at {@code record}, laid out as oneDNN 3.7's Xbyak does, if its last
     * ints name this CPU ({@code identity}: family, model, stepping as /proc/cpuinfo gives them).
     */
    static Record repair(Pointer record, long size, int[] identity) {
        long identityAt = size - 4L * IDENTITY_INTS;
        long levelsAt = identityAt - 8;
        long sharingAt = levelsAt - 4L * CACHE_LEVELS;
        long sizesAt = sharingAt - 4L * CACHE_LEVELS;
        int stepping = record.getInt(identityAt + 8);
        int family = record.getInt(identityAt + 20);
        int model = record.getInt(identityAt + 24);
        if (sizesAt < 0 || identity == null || family != identity[0] || model != identity[1] || stepping != identity[2]) {
            return Record.UNKNOWN;
        }
        int levels = record.getInt(levelsAt);
        if (levels < 0 || levels > CACHE_LEVELS) {
            return Record.UNKNOWN;
        }
        boolean oneByteCaches = levels > 0;
        for (int level = 0; level < levels; level++) {
            int cores = record.getInt(sharingAt + 4L * level);
            if (cores < 1) {
                return Record.UNKNOWN;
            }
            oneByteCaches &= record.getInt(sizesAt + 4L * level) < SMALLEST_REAL_CACHE;
        }
        if (!oneByteCaches) {
            return Record.SOUND;
        }
        record.setInt(levelsAt, 0);
        return Record.REPAIRED;
    }

    /** Family, model and stepping of the first processor in /proc/cpuinfo's text; null if one is missing. */
    static int[] cpuIdentity(String cpuInfo) {
        Map<String, String> fields = CpuInfo.firstProcessor(cpuInfo);
        String[] keys = {"cpu family", "model", "stepping"};
        int[] identity = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            String value = fields.get(keys[i]);
            if (value == null) {
                return null;
            }
            identity[i] = Integer.parseInt(value);
        }
        return identity;
    }
}
