package org.mammoflow.djl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;

import org.mammoflow.files.AtomicFiles;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.engine.PtEngineProvider;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;

/**
 * Starts DJL's PyTorch engine inside this bundle: offline, natives from the embedded jar, the bundle's
 * class loader as context loader while DJL discovers its engine and libraries. libtorch is loaded
 * once per JVM; a second copy of this bundle (after a refresh) cannot load it again and says so.
 */
final class Torch {

    private static final String ENGINE = "PyTorch";
    private static final String LOADED_BY = "org.mammoflow.djl.libtorch.loader";
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;
    /** The size of the heaps a secondary glibc arena (any JVM thread's) is made of, on 64-bit Linux. */
    private static final int ARENA_HEAP_MIB = 64;

    private Torch() {
    }

    static Engine start(BackendConfig config, Consumer<String> warnings) {
        String loader = Torch.class.getClassLoader().toString();
        String earlier = System.getProperty(LOADED_BY);
        if (earlier != null && !earlier.equals(loader)) {
            throw new IllegalStateException("libtorch was loaded by an earlier copy of bundle org.mammoflow.djl ("
                    + earlier + "); a native library loads once per JVM, so restart the runtime after updating or"
                    + " refreshing this bundle");
        }
        System.setProperty("ai.djl.offline", "true");
        tuneNativeLibraries(config.largestKeptBlockMib(), warnings);
        if (!config.cacheDir().isBlank()) {
            System.setProperty("DJL_CACHE_DIR", config.cacheDir());
        }
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(Torch.class.getClassLoader());
        try {
            cudaBuildWithoutGpu(warnings);
            if (!Engine.hasEngine(ENGINE)) {
                Engine.registerEngine(new PtEngineProvider());
            }
            Engine engine = Engine.getEngine(ENGINE);
            System.setProperty(LOADED_BY, loader);
            applyLogLevel(warnings);
            JniUtils.setNumThreads(config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors());
            return engine;
        } finally {
            thread.setContextClassLoader(context);
        }
    }

    /**
     * The CUDA build ({@code -Pcuda}) on a machine without a GPU: DJL takes bundled libraries only for
     * the flavor the machine has (cpu here) and would fetch a CPU libtorch online. The CUDA build
     * computes on the CPU as well, so its libraries are unpacked where DJL looks for a flavor a user
     * names, and that flavor is named.
     */
    private static void cudaBuildWithoutGpu(Consumer<String> warnings) {
        // The only bundled library that links the NVIDIA driver (libcuda.so.1), for compiling CUDA
        // kernels at run time; without a driver it cannot load, and nothing on the CPU needs it.
        String needsDriver = System.mapLibraryName("caffe2_nvrtc");
        Properties bundled = new Properties();
        try (InputStream in = Torch.class.getClassLoader().getResourceAsStream("native/lib/pytorch.properties")) {
            if (in == null) {
                return;
            }
            bundled.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled libtorch's description", e);
        }
        String flavor = bundled.getProperty("flavor", "");
        if (!flavor.startsWith("cu") || CudaUtils.getGpuCount() > 0 || Utils.getEnvOrSystemProperty("PYTORCH_FLAVOR") != null) {
            return;
        }
        String classifier = bundled.getProperty("classifier");
        String version = ai.djl.util.Platform.fromSystem("pytorch").getVersion();
        Path folder = Utils.getEngineCacheDir("pytorch").resolve(version + '-' + flavor + '-' + classifier);
        Path libtorch = folder.resolve(System.mapLibraryName("torch"));
        if (!Files.exists(libtorch)) {
            List<String> libraries = Arrays.stream(bundled.getProperty("libraries", "").split(","))
                    .filter(library -> !library.equals(needsDriver)).toList();
            unpack(libraries, "pytorch/" + flavor + '/' + classifier + '/', folder);
            if (!Files.exists(libtorch)) { // the folder was there already, made by something else
                throw new IllegalStateException(folder + " holds no " + libtorch.getFileName()
                        + ": remove that folder so that the bundled libtorch is unpacked there again");
            }
        }
        System.setProperty("PYTORCH_FLAVOR", flavor);
        warnings.accept("no CUDA GPU visible: the CUDA build of libtorch (" + flavor + ") computes on the CPU");
    }

    /** The bundled libraries into the folder, whole or not at all. */
    private static void unpack(List<String> libraries, String prefix, Path folder) {
        try {
            AtomicFiles.createFolder(folder, partial -> {
                for (String library : libraries) {
                    try (InputStream in = Torch.class.getClassLoader().getResourceAsStream(prefix + library)) {
                        if (in == null) {
                            throw new IOException(prefix + library + " is not in the bundle");
                        }
                        Files.copy(in, partial.resolve(library));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled libtorch into " + folder, e);
        }
    }

    /** glibc's mallopt and malloc_trim, reached through JNA (embedded with DJL). */
    public interface CLibrary extends Library {
        int mallopt(int parameter, int value);

        int malloc_trim(long pad);

        int setenv(String name, String value, int overwrite);
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
    private static void tuneNativeLibraries(int largestKeptBlockMib, Consumer<String> warnings) {
        if (largestKeptBlockMib < 1 || largestKeptBlockMib > ARENA_HEAP_MIB) {
            throw new IllegalArgumentException("setting largestKeptBlockMib of org.mammoflow.djl is "
                    + largestKeptBlockMib + ": it must be 1 to " + ARENA_HEAP_MIB + " (MiB)");
        }
        if (!Platform.isLinux()) {
            return;
        }
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            c.mallopt(M_MMAP_THRESHOLD, largestKeptBlockMib << 20);
            c.mallopt(M_TRIM_THRESHOLD, 1 << 30);
            c.mallopt(M_TOP_PAD, ARENA_HEAP_MIB << 20);
            c.malloc_trim(0); // what an earlier backend in this JVM kept
            // libtorch's own warnings (such as NNPACK's "unsupported hardware" on a small convolution)
            // only from errors up, unless the user asked otherwise; see applyLogLevel
            c.setenv("TORCH_CPP_LOG_LEVEL", "ERROR", 0);
            // libtorch asks the kernel for transparent huge pages for its blocks of 2 MiB and more: fresh
            // memory faults once per 2 MiB, not per 4 KiB (the whole-image pass twice as fast on an
            // AVX-512 EPYC, docs/benchmarks.md); read at libtorch's first allocation
            c.setenv("THP_MEM_ALLOC_ENABLE", "1", 0);
        } catch (UnsatisfiedLinkError e) {
            warnings.accept("glibc's mallopt is not available, memory is left as it is: " + e.getMessage());
        }
    }

    /**
     * Has libtorch's logging (c10's) read {@code TORCH_CPP_LOG_LEVEL}. c10 reads it only when told to
     * initialise its logging, which Python's torch does and DJL does not, so without this call every
     * warning libtorch logs reaches the user's console. Reached through its C++ symbol.
     */
    private static void applyLogLevel(Consumer<String> warnings) {
        if (!Platform.isLinux()) {
            return;
        }
        try {
            c10().getFunction("_ZN3c1011initLoggingEv").invokeVoid(new Object[0]);
        } catch (UnsatisfiedLinkError e) {
            warnings.accept("libtorch's log level is left at its default: " + e.getMessage());
        }
    }

    /** libtorch's c10 library, the copy DJL loaded (JNA hands back a library already loaded from that path). */
    static NativeLibrary c10() {
        return NativeLibrary.getInstance(library("c10").toString());
    }

    /** The file of one of the libraries of the libtorch DJL loaded, by its short name (c10, torch_cpu). */
    static Path library(String name) {
        return Path.of(LibUtils.getLibtorchPath()).resolve(System.mapLibraryName(name));
    }

    /** The device a setting names: auto, cpu, gpu or gpu:N. */
    static Device device(String setting, Engine engine, Consumer<String> warnings) {
        String value = setting.trim().toLowerCase(Locale.ROOT);
        if (value.equals("cpu")) {
            return Device.cpu();
        }
        int gpus = engine.getGpuCount();
        if (value.equals("auto")) {
            if (gpus > 0) {
                return Device.gpu(0);
            }
            warnings.accept("no CUDA GPU visible to libtorch " + engine.getVersion() + "; networks compute on the CPU");
            return Device.cpu();
        }
        if (value.equals("gpu") || value.startsWith("gpu:")) {
            int index = value.equals("gpu") ? 0 : parseIndex(value);
            if (index >= gpus) {
                throw new IllegalArgumentException("device " + setting + ": libtorch " + engine.getVersion() + " sees "
                        + gpus + " CUDA GPU(s); build with -Pcuda for the CUDA natives");
            }
            return Device.gpu(index);
        }
        throw new IllegalArgumentException("device " + setting + ": expected auto, cpu, gpu or gpu:N");
    }

    private static int parseIndex(String value) {
        try {
            return Integer.parseInt(value.substring(4));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("device " + value + ": expected gpu:N with a number N", e);
        }
    }
}
