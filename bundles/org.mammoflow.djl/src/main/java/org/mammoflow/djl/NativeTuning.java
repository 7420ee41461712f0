package org.mammoflow.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Every change this bundle makes inside native code, in one place: glibc's treatment of freed memory,
 * the environment variables libtorch reads, c10's logging, and the repair of oneDNN's record of the CPU
 * caches. Each is logged (info) when applied and when skipped, with the reason, and listed by
 * {@link #outcomes()} for {@code mammo:info}; the setting {@code nativeTuning} turns all of them off. What
 * each buys is measured in docs/design.md ("Native tuning").
 */
final class NativeTuning {

    /**
     * The builds of libtorch_cpu, by GNU build id, whose oneDNN cache record this class was checked
     * against (its layout is Xbyak's, inside oneDNN, and changes between versions), with their version.
     * Another build, the CUDA one included, is left as it is.
     */
    private static final Map<String, String> KNOWN_LIBTORCH_CPU = Map.of(
            "796043bcfcdb6c767c3257bf0a1bb094becc6be7", "2.7.1"); // DJL 0.36.0, pytorch-native-cpu, linux-x86_64

    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;
    /** The size of the heaps a secondary glibc arena (any JVM thread's) is made of, on 64-bit Linux. */
    static final int ARENA_HEAP_MIB = 64;
    /** {@code dnnl::impl::cpu::x64::cpu()}, which builds the record on its first call and returns it. */
    private static final String CPU_FUNCTION = "_ZN4dnnl4impl3cpu3x643cpuEv";
    /** The record itself, {@code cpu()::cpu_}: for its size. */
    private static final String CPU_RECORD = "_ZZN4dnnl4impl3cpu3x643cpuEvE4cpu_";
    private static final String OFF = "nativeTuning is off";

    /** glibc's mallopt, malloc_trim, getenv and setenv, reached through JNA (embedded with DJL). */
    public interface CLibrary extends Library {
        int mallopt(int parameter, int value);

        int malloc_trim(long pad);

        String getenv(String name);

        int setenv(String name, String value, int overwrite);
    }

    private final boolean enabled;
    private final Consumer<String> notes;
    private final Map<String, String> outcomes = new HashMap<>();

    NativeTuning(boolean enabled, Consumer<String> notes) {
        this.enabled = enabled;
        this.notes = notes;
    }

    /** What became of each intervention so far: "applied: ..." or "skipped: ...", by name. */
    Map<String, String> outcomes() {
        return Map.copyOf(outcomes);
    }

    /** The glibc settings and libtorch's environment: before libtorch loads, which reads them once. */
    void beforeLoading(int largestKeptBlockMib) {
        if (largestKeptBlockMib < 1 || largestKeptBlockMib > ARENA_HEAP_MIB) {
            throw new IllegalArgumentException("setting largestKeptBlockMib of org.mammoflow.djl is "
                    + largestKeptBlockMib + ": it must be 1 to " + ARENA_HEAP_MIB + " (MiB)");
        }
        step("glibc freed memory", () -> freedMemory(largestKeptBlockMib));
        step("libtorch environment", this::environment);
    }

    /** c10's log level, then oneDNN's cache record, in the libtorch of this version now loaded. */
    OneDnnCaches.Record afterLoading(String libtorchVersion) {
        step("libtorch log level", this::logLevel);
        OneDnnCaches.Record[] caches = {OneDnnCaches.Record.UNKNOWN};
        step("oneDNN cache record", () -> {
            caches[0] = repairCacheRecord(Torch.library("torch_cpu"), libtorchVersion);
            return caches[0] == OneDnnCaches.Record.REPAIRED
                    ? "applied: oneDNN read this CPU's caches as one byte each (CPUID does not describe them, as under"
                            + " some hypervisors); it now sizes its kernels for its default caches"
                    : "skipped: the record holds cache sizes oneDNN can work with";
        });
        return caches[0];
    }

    private void step(String name, Supplier<String> intervention) {
        String outcome;
        if (!enabled) {
            outcome = "skipped: " + OFF;
        } else {
            try {
                outcome = intervention.get();
            } catch (Skipped | UnsatisfiedLinkError e) { // not here, or a symbol this libtorch lacks
                outcome = "skipped: " + e.getMessage();
            }
        }
        outcomes.put(name, outcome);
        notes.accept("native tuning, " + name + ": " + outcome);
    }

    /**
     * How glibc treats the memory libtorch frees. A freed block up to {@code largestKeptBlockMib} stays
     * mapped for the next tensors instead of going back to the kernel: a training step allocates and
     * frees many tensors of tens of MB, and mapping them afresh costs a page fault per 4 KiB on every
     * step. A JVM thread allocates from a secondary arena, made of 64 MiB heaps: a block bigger than a
     * heap is mapped afresh whatever the threshold, and glibc unmaps an empty heap unless the top pad is
     * at least a heap's size (without it a ResNet50 training step, batch 16 of 224, faulted
     * 87,000-121,000 times in some runs, 0.8-6 thousand with it). A block of nearly a heap's size fills
     * one alone, and once freed, smaller tensors split it, so the next such block takes a new heap: the
     * default 60 hands those back (the whole-image pass's 63 MiB activations: its peak 3.6-3.8 GiB
     * instead of 3.7-4.1) and keeps patch training's (49 MiB at batch 16 of 224). 1 maps every block
     * from 1 MiB up afresh, much as Python's PyTorch gets them from glibc's defaults: the process holds
     * what its tensors need (2.7 GiB), patch training 1.6-1.7x slower.
     */
    private String freedMemory(int largestKeptBlockMib) {
        CLibrary c = glibc();
        c.mallopt(M_MMAP_THRESHOLD, largestKeptBlockMib << 20);
        c.mallopt(M_TRIM_THRESHOLD, 1 << 30);
        c.mallopt(M_TOP_PAD, ARENA_HEAP_MIB << 20);
        c.malloc_trim(0); // what an earlier backend in this JVM kept
        return "applied: freed blocks up to " + largestKeptBlockMib + " MiB stay mapped, arena heaps are kept"
                + " (mallopt M_MMAP_THRESHOLD, M_TRIM_THRESHOLD, M_TOP_PAD)";
    }

    /**
     * libtorch's own warnings (such as NNPACK's "unsupported hardware" on a small convolution) only from
     * errors up; and transparent huge pages for its blocks of 2 MiB and more, so that fresh memory faults
     * once per 2 MiB, not per 4 KiB (the whole-image pass twice as fast on an AVX-512 EPYC,
     * docs/benchmarks.md). A variable already in the process's environment is the user's and stays;
     * setenv runs only for one that is missing, before libtorch loads.
     */
    private String environment() {
        CLibrary c = glibc();
        List<String> set = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, String> variable : Map.of("TORCH_CPP_LOG_LEVEL", "ERROR",
                "THP_MEM_ALLOC_ENABLE", "1").entrySet()) {
            String present = c.getenv(variable.getKey());
            if (present != null) {
                kept.add(variable.getKey() + "=" + present);
            } else {
                c.setenv(variable.getKey(), variable.getValue(), 0);
                set.add(variable.getKey() + "=" + variable.getValue());
            }
        }
        if (set.isEmpty()) {
            throw new Skipped("already in this process's environment (the user's, or set by an earlier start): "
                    + String.join(", ", kept));
        }
        return "applied: " + String.join(", ", set.stream().sorted().toList())
                + (kept.isEmpty() ? "" : " (" + String.join(", ", kept) + " kept as the environment had it)");
    }

    /**
     * Has libtorch's logging (c10's) read {@code TORCH_CPP_LOG_LEVEL}. c10 reads it only when told to
     * initialise its logging, which Python's torch does and DJL does not, so without this call every
     * warning libtorch logs reaches the user's console. Found by its exported C++ symbol (dlsym), which
     * fails cleanly where a libtorch lacks it.
     */
    private String logLevel() {
        linuxOnly();
        Torch.c10().getFunction("_ZN3c1011initLoggingEv").invokeVoid(new Object[0]);
        return "applied: c10's logging initialised, so it reads TORCH_CPP_LOG_LEVEL";
    }

    /**
     * Finds the record in the build of libtorch_cpu this class knows, checks that its function lies in an
     * executable mapping of that file and the record in a writable one, and only then calls the function
     * and hands the record to {@link OneDnnCaches#repair(Pointer, long, int[])}.
     */
    private static OneDnnCaches.Record repairCacheRecord(Path libtorchCpu, String version) {
        linuxOnly();
        if (!Platform.isIntel() || !Platform.is64Bit()) {
            throw new Skipped("oneDNN's x64 record exists on x86-64 only");
        }
        try {
            String buildId = ElfSymbols.buildId(libtorchCpu);
            if (!version.equals(KNOWN_LIBTORCH_CPU.get(buildId))) {
                throw new Skipped(libtorchCpu + " (libtorch " + version + ", build id " + buildId
                        + ") is not a build whose record this bundle was checked against");
            }
            Map<String, ElfSymbols.Symbol> symbols = ElfSymbols.find(libtorchCpu, Set.of(CPU_FUNCTION, CPU_RECORD));
            if (symbols.size() < 2) {
                throw new Skipped(libtorchCpu + " has no symbol " + CPU_FUNCTION + " or " + CPU_RECORD);
            }
            Mappings mappings = Mappings.of(libtorchCpu.toRealPath());
            long function = mappings.base() + symbols.get(CPU_FUNCTION).value();
            long record = mappings.base() + symbols.get(CPU_RECORD).value();
            if (!mappings.contains(function, 'x') || !mappings.contains(record, 'w')) {
                throw new Skipped("oneDNN's cpu() or its record does not lie in an executable or writable"
                        + " mapping of " + libtorchCpu);
            }
            Pointer found = Function.getFunction(new Pointer(function)).invokePointer(new Object[0]);
            if (Pointer.nativeValue(found) != record) {
                throw new Skipped("oneDNN's cpu() returned another record than " + CPU_RECORD);
            }
            int[] identity = OneDnnCaches.cpuIdentity(Files.readString(Path.of("/proc/cpuinfo")));
            OneDnnCaches.Record result = OneDnnCaches.repair(found, symbols.get(CPU_RECORD).size(), identity);
            if (result == OneDnnCaches.Record.UNKNOWN) {
                throw new Skipped("the record does not name this CPU's family, model and stepping where expected");
            }
            return result;
        } catch (IOException e) {
            throw new Skipped("cannot read " + libtorchCpu + " or this process's mappings: " + e.getMessage());
        }
    }

    private static CLibrary glibc() {
        linuxOnly();
        return Native.load("c", CLibrary.class);
    }

    private static void linuxOnly() {
        if (!Platform.isLinux()) {
            throw new Skipped("Linux (glibc) only");
        }
    }

    /** An intervention that did not apply here, and why. */
    private static final class Skipped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Skipped(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Where one file is mapped in this process (/proc/self/maps): its load address and each range's
     * permissions, with the anonymous mapping right after its last writable one, where its .bss lies
     * (zeroed memory past the file's own pages, such as oneDNN's record).
     */
    private record Mappings(long base, List<Range> ranges) {

        /** Addresses from {@code start} up to {@code end}, with their permissions ("r-xp", "rw-p"). */
        private record Range(long start, long end, String permissions) {
        }

        static Mappings of(Path file) throws IOException {
            long base = 0;
            long previousEnd = -1;
            List<Range> ranges = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                String[] fields = line.trim().split("\\s+", 6);
                int dash = fields[0].indexOf('-');
                Range range = new Range(Long.parseUnsignedLong(fields[0].substring(0, dash), 16),
                        Long.parseUnsignedLong(fields[0].substring(dash + 1), 16), fields[1]);
                boolean ofFile = fields.length == 6 && fields[5].equals(file.toString());
                boolean bss = fields.length == 5 && range.start() == previousEnd && range.permissions().startsWith("rw");
                if (ofFile || bss) {
                    if (ofFile && Long.parseLong(fields[2], 16) == 0 && base == 0) {
                        base = range.start();
                    }
                    ranges.add(range);
                }
                previousEnd = ofFile && range.permissions().startsWith("rw") ? range.end() : -1;
            }
            if (base == 0) {
                throw new Skipped(file + " is not mapped in this process");
            }
            return new Mappings(base, ranges);
        }

        /** Whether the address lies in a mapping with this permission (r, w or x). */
        boolean contains(long address, char permission) {
            return ranges.stream().anyMatch(r -> Long.compareUnsigned(address, r.start()) >= 0
                    && Long.compareUnsigned(address, r.end()) < 0 && r.permissions().indexOf(permission) >= 0);
        }
    }
}
