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

import com.sun.jna.NativeLibrary;

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

    private Torch() {
    }

    /** libtorch started, with the native tuning that must come before it loads ({@link NativeTuning#beforeLoading}). */
    static Engine start(BackendConfig config, NativeTuning tuning, Consumer<String> warnings) {
        String loader = Torch.class.getClassLoader().toString();
        String earlier = System.getProperty(LOADED_BY);
        if (earlier != null && !earlier.equals(loader)) {
            throw new IllegalStateException("libtorch was loaded by an earlier copy of bundle org.mammoflow.djl ("
                    + earlier + "); a native library loads once per JVM, so restart the runtime after updating or"
                    + " refreshing this bundle");
        }
        System.setProperty("ai.djl.offline", "true");
        tuning.beforeLoading(config.largestKeptBlockMib());
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

    /** libtorch's c10 library, the copy DJL loaded (JNA hands back a library already loaded from that path). */
    static NativeLibrary c10() {
        return NativeLibrary.getInstance(library("c10").toString());
    }

    /** The file of one of the libraries of the libtorch DJL loaded, by its short name (c10, torch_cpu). */
    static Path library(String name) {
        return Path.of(LibUtils.getLibtorchPath()).resolve(System.mapLibraryName(name));
    }

    /** The device a setting names: auto, cpu, gpu or gpu:N; {@code notes} hears that auto found no GPU. */
    static Device device(String setting, Engine engine, Consumer<String> notes) {
        String value = setting.trim().toLowerCase(Locale.ROOT);
        if (value.equals("cpu")) {
            return Device.cpu();
        }
        int gpus = engine.getGpuCount();
        if (value.equals("auto")) {
            if (gpus > 0) {
                return Device.gpu(0);
            }
            notes.accept("no CUDA GPU visible to libtorch " + engine.getVersion() + "; networks compute on the CPU");
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
