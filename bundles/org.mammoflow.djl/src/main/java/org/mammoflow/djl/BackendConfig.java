package org.mammoflow.djl;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

@ObjectClassDefinition(name = "Mammoflow ResNet backend (DJL, PyTorch engine)",
        description = "Where ResNet networks compute, and how libtorch is loaded.")
public @interface BackendConfig {

    @AttributeDefinition(description = "auto (CUDA GPU 0 when CUDA natives and a GPU are present, else the CPU),"
            + " cpu, gpu, or gpu:N")
    String device() default "auto";

    @AttributeDefinition(description = "Folder libtorch is unpacked into on first use (about 430 MB); empty means"
            + " $DJL_CACHE_DIR or ~/.djl.ai. Read once per JVM.")
    String cacheDir() default "";

    @AttributeDefinition(description = "libtorch threads per operation; 0 means one per core; 0 to 256", min = "0", max = "256")
    int threads() default 0;

    @AttributeDefinition(description = "Largest block of freed memory, in MiB, that stays mapped for libtorch's next"
            + " tensors; larger ones go back to the system and are faulted in afresh when needed. 60 keeps every"
            + " activation of patch training (batch 16 of 224 x 224) and hands back the whole-image pass's largest"
            + " (1152 x 896 on an AVX2 CPU: peak 3.6-3.8 GiB, at Python's speed); 64 keeps those too (about 10% faster, 3.7-4.1 GiB);"
            + " 1 hands back all but small blocks (2.7 GiB, patch training 1.6-1.7x slower). Blocks above 64 MiB are always"
            + " handed back. glibc (Linux) only, for the whole JVM; best set before the runtime starts. 1 to 64",
            min = "1", max = "64")
    int largestKeptBlockMib() default 60;

    @AttributeDefinition(description = "Tune libtorch from inside the process: glibc keeps freed blocks (see"
            + " largestKeptBlockMib), TORCH_CPP_LOG_LEVEL=ERROR and THP_MEM_ALLOC_ENABLE=1 where the environment sets"
            + " neither, c10's logging initialised, and oneDNN's record of the CPU caches repaired where a hypervisor hid"
            + " them (known libtorch builds only). Off: none of them; each is logged, and listed by mammo:info."
            + " Read when libtorch loads, once per JVM.")
    boolean nativeTuning() default true;

    @AttributeDefinition(description = "Layout of the activations: auto (channels-last, unless this CPU's oneDNN"
            + " kernels are not known to be right channels-last), channelsLast, or channelsFirst (PyTorch's default,"
            + " slower). On a CPU, channels-last is checked against float64 convolutions when the backend starts and"
            + " given up if they disagree.", options = {
                @Option(label = "auto", value = "auto"), @Option(label = "channels-last", value = "channelsLast"),
                @Option(label = "channels-first", value = "channelsFirst")})
    String layout() default "auto";

    @AttributeDefinition(description = "Largest difference from float64, relative to the largest value, that the"
            + " start-up check of the convolution kernels accepts (float32 sums differ by about 1e-6); 0 to 1",
            min = "0", max = "1")
    double kernelTolerance() default 1e-4;

    @AttributeDefinition(description = "What networks compute in when they train and a command names no --precision:"
            + " fp32, or bf16 (bfloat16 convolutions and matrix products, float32 weights, BatchNorm and loss, as"
            + " PyTorch's autocast; on a CPU with AVX512_BF16 or AMX, or a GPU)", options = {
                @Option(label = "fp32", value = "fp32"), @Option(label = "bf16", value = "bf16")})
    String precision() default "fp32";

    @AttributeDefinition(description = "What networks compute in when they only predict (mammo:predict, evaluate,"
            + " heatmap, the dashboard, PACS, Spark) and a command names no --precision: auto (bf16 where this"
            + " machine computes bfloat16 natively and its kernel check passed, else fp32), fp32 or bf16",
            options = {@Option(label = "auto", value = "auto"), @Option(label = "fp32", value = "fp32"),
                @Option(label = "bf16", value = "bf16")})
    String inferencePrecision() default "fp32";

    @AttributeDefinition(description = "Compute in bf16 when asked even on a CPU without native bfloat16 (no"
            + " AVX512_BF16, no AMX), where libtorch emulates it, slower than fp32: for trying results, not speed")
    boolean forceBf16() default false;

    @AttributeDefinition(description = "Largest difference from float64, relative to the largest value, that the"
            + " start-up check of the bfloat16 convolution kernels accepts (bfloat16 keeps 8 significant bits: its"
            + " sums differ by about 5e-3); 0 to 1", min = "0", max = "1")
    double bf16KernelTolerance() default 0.03;
}
