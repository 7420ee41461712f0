package org.mammoflow.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.mammoflow.api.network.Precision;

import ai.djl.ndarray.NDManager;

/**
 * The precisions networks compute in by default, and whether bfloat16 is allowed on this machine: natively
 * on a CPU with AVX512_BF16 or AMX (elsewhere libtorch emulates it, slower than float32, unless a user forces
 * it), or on a GPU; and on a CPU only once its bfloat16 convolutions have agreed with float64 at start.
 *
 * @param training what training networks compute in when a request names nothing
 * @param inference what predicting networks compute in when a request names nothing
 * @param bf16Unavailable why bfloat16 is refused here, for a user; empty when it is allowed
 * @param description what was found, for mammo:info
 */
record Precisions(Precision training, Precision inference, Optional<String> bf16Unavailable, String description) {

    /** CPU flags (Linux's /proc/cpuinfo names) with which oneDNN computes bfloat16 in hardware. */
    static final List<String> NATIVE_BF16 = List.of("avx512_bf16", "amx_bf16");

    /** The defaults the settings name, with bfloat16 checked on this machine where it could be used. */
    static Precisions of(BackendConfig config, NDManager memory, Layout layout, Bfloat16Casts casts) {
        return of(config, memory, layout, casts, cpuInfo());
    }

    /**
     * As {@link #of(BackendConfig, NDManager, Layout, Bfloat16Casts)} on a CPU that /proc/cpuinfo's text
     * {@code cpuInfo} describes.
     */
    static Precisions of(BackendConfig config, NDManager memory, Layout layout, Bfloat16Casts casts, String cpuInfo) {
        Precision training = setting("precision", config.precision());
        Optional<Precision> inference = "auto".equals(config.inferencePrecision()) ? Optional.empty()
                : Optional.of(setting("inferencePrecision", config.inferencePrecision()));
        Optional<String> unavailable;
        String found;
        if (memory.getDevice().isGpu()) {
            unavailable = Optional.empty();
            found = "bf16 on a GPU: allowed (its kernels are checked by GpuCheck, docs/guide.md)";
        } else {
            List<String> flags = nativeBf16(cpuInfo);
            if (flags.isEmpty() && !config.forceBf16()) {
                unavailable = Optional.of("bf16 refused: this CPU computes bfloat16 only in emulation (it has neither"
                        + " AVX512_BF16 nor AMX), slower than fp32; compute in fp32, or set forceBf16=true in "
                        + ResNetBackend.PID + " (mammo:config) to try bf16 anyway");
                found = "bf16: refused (no AVX512_BF16 or AMX on this CPU; forceBf16 off)";
            } else {
                long start = System.nanoTime();
                unavailable = KernelCheck.disagreement(memory, layout, KernelCheck.Format.bfloat16(casts),
                        KernelCheck.AT_START, KernelCheck.BATCH_AT_START, config.bf16KernelTolerance())
                        .map(d -> "bf16 refused: this machine's bfloat16 convolutions failed their start-up check: " + d);
                long millis = (System.nanoTime() - start) / 1_000_000;
                String how = flags.isEmpty() ? "emulated (forceBf16)" : "native (" + String.join(", ", flags) + ")";
                found = "bf16 " + how + ", kernel check " + (unavailable.isEmpty() ? "passed: "
                        + KernelCheck.AT_START.size() + " convolutions within " + config.bf16KernelTolerance()
                        + " of float64 (" + millis + " ms)" : "failed: " + unavailable.get());
            }
        }
        Precision inferring = inference.orElse(unavailable.isEmpty() && !memory.getDevice().isGpu()
                ? Precision.BF16 : Precision.FP32);
        return new Precisions(training, inferring, unavailable,
                "training " + training + ", inference " + inferring + ("auto".equals(config.inferencePrecision())
                        ? " (auto)" : "") + "; " + found);
    }

    private static Precision setting(String name, String value) {
        try {
            return Precision.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting " + name + " of " + ResNetBackend.PID + ": " + e.getMessage(), e);
        }
    }

    /** The flags of {@link #NATIVE_BF16} that a CPU described as /proc/cpuinfo does has. */
    static List<String> nativeBf16(String cpuInfo) {
        List<String> flags = List.of(CpuInfo.firstProcessor(cpuInfo).getOrDefault("flags", "").split("\\s+"));
        return NATIVE_BF16.stream().filter(flags::contains).toList();
    }

    /** Throws, saying why, unless networks may compute in {@code precision} here. */
    void requireAvailable(Precision precision) {
        if (precision == Precision.BF16 && bf16Unavailable.isPresent()) {
            throw new IllegalArgumentException(bf16Unavailable.get());
        }
    }

    private static String cpuInfo() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException e) {
            return ""; // not Linux: no flags to read
        }
    }
}
