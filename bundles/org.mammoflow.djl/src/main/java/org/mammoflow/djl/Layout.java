package org.mammoflow.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import ai.djl.Device;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * How a network's activations lie in memory. libtorch runs a convolution channels-last when its input
 * or its weight is, so folded inference weights take the activations' layout too.
 *
 * <p>Channels-last (NHWC) is the faster layout for oneDNN's convolutions and libtorch's BatchNorm, on
 * CPUs with AVX2 as with AVX-512, and GPUs. One case runs channels-first (NCHW), PyTorch's default, on
 * which oneDNN takes its blocked kernels: a CPU with AVX-512 or AVX-VNNI whose oneDNN cache record could
 * not be read ({@link OneDnnCaches}). There oneDNN 3.7 takes other channels-last kernels, and on an AMD
 * EPYC of family 26 whose hypervisor hid the cache sizes they were wrong: 1x1 convolutions from 128 or
 * 256 to 512 channels gave results off by half the largest value and more, and one between 1024 and
 * 2048, 512 and 1024, 256 and 1024 or 512 and 2048 channels divided by zero choosing its blocking
 * ({@code brg_blocking_t::est_eff_1x1}), which ends the JVM. With the record repaired they are right.
 */
enum Layout {
    CHANNELS_LAST, CHANNELS_FIRST;

    /**
     * The stem's layout on every device: its 7x7 convolution from 3 channels is none of the faulty ones
     * ({@code ConvolutionKernelsTest} checks it channels-last on every machine).
     */
    static final Layout STEM = CHANNELS_LAST;

    /** CPU flags (Linux's /proc/cpuinfo names) that bring oneDNN's faulty channels-last kernels. */
    private static final List<String> FAULTY_CHANNELS_LAST = List.of("avx512f", "avx_vnni");

    /**
     * The layout for networks on {@code device}: the one a setting names (channelsLast, channelsFirst), or
     * for auto the faster one where its kernels are known to be right, given what became of oneDNN's cache
     * record. The backend then checks channels-last kernels on a CPU ({@link KernelCheck}).
     */
    static Layout forDevice(Device device, OneDnnCaches.Record caches, String setting) {
        switch (setting) {
            case "channelsLast":
                return CHANNELS_LAST;
            case "channelsFirst":
                return CHANNELS_FIRST;
            case "auto":
                break;
            default:
                throw new IllegalArgumentException("setting layout of org.mammoflow.djl is " + setting
                        + ": expected auto, channelsLast or channelsFirst");
        }
        if (device.isGpu() || caches != OneDnnCaches.Record.UNKNOWN) {
            return CHANNELS_LAST;
        }
        try {
            return forCpuInfo(Files.readString(Path.of("/proc/cpuinfo")));
        } catch (IOException e) {
            return CHANNELS_LAST; // not Linux: no flags to read, and none of the CPUs above was seen there
        }
    }

    /** The layout for a CPU described as Linux's /proc/cpuinfo does, when oneDNN's cache record is unknown. */
    static Layout forCpuInfo(String cpuInfo) {
        String flags = CpuInfo.firstProcessor(cpuInfo).getOrDefault("flags", "");
        boolean faulty = List.of(flags.split("\\s+")).stream().anyMatch(FAULTY_CHANNELS_LAST::contains);
        return faulty ? CHANNELS_FIRST : CHANNELS_LAST;
    }

    /** As users write it: channels-last, channels-first. */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The same tensor stored in this layout: a handle of its own, on a copy unless it already is. */
    PtNDArray apply(PtNDArray x) {
        return this == CHANNELS_LAST ? channelsLast(x) : channelsFirst(x);
    }

    /**
     * Pixel by pixel (NHWC). Copied through a flat view: a clone keeps the strides of what it copies, so
     * a cloned permutation would come back in NCHW, and oneDNN would reorder every activation into its
     * blocked layout and back on every convolution.
     */
    private static PtNDArray channelsLast(PtNDArray x) {
        long[] shape = x.getShape().getShape();
        PtNDArray pixels = JniUtils.flatten(JniUtils.permute(x, new long[] {0, 2, 3, 1}), 0, -1);
        PtNDArray nhwc = JniUtils.reshape(pixels, new long[] {shape[0], shape[2], shape[3], shape[1]});
        return JniUtils.permute(nhwc, new long[] {0, 3, 1, 2});
    }

    /** Channel by channel (NCHW): flattening views a tensor that is, and copies one that is not, in index order. */
    private static PtNDArray channelsFirst(PtNDArray x) {
        return JniUtils.reshape(JniUtils.flatten(x, 0, -1), x.getShape().getShape());
    }
}
