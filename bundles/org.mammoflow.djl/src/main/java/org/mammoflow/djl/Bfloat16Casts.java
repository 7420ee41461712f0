package org.mammoflow.djl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import ai.djl.ndarray.NDList;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Casts between float32 and bfloat16. DJL 0.36's JNI knows no bfloat16 type (asked for one, its dtype switch
 * aborts the JVM), so the casts run as two TorchScript modules (written by src/main/torchscript/casts.py),
 * under autograd when it is on, like any other operation. A bfloat16 tensor's DJL data type is not to be
 * trusted: callers keep track of what they cast.
 */
final class Bfloat16Casts implements AutoCloseable {

    private final PtSymbolBlock toBfloat16;
    private final PtSymbolBlock toFloat32;

    Bfloat16Casts(PtNDManager manager) {
        this.toBfloat16 = load(manager, "to-bfloat16.pt");
        this.toFloat32 = load(manager, "to-float32.pt");
    }

    /** A bfloat16 copy of a float32 tensor, in its memory. */
    PtNDArray toBfloat16(PtNDArray x) {
        return cast(toBfloat16, x);
    }

    /** A float32 copy of a bfloat16 tensor, in its memory. */
    PtNDArray toFloat32(PtNDArray x) {
        return cast(toFloat32, x);
    }

    private static PtNDArray cast(PtSymbolBlock module, PtNDArray x) {
        // "training": the module runs under the caller's autograd mode rather than DJL's no-grad guard
        return (PtNDArray) IValueUtils.forward(module, new NDList(x), true).get(0);
    }

    private static PtSymbolBlock load(PtNDManager manager, String name) {
        try (InputStream in = Bfloat16Casts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundle org.mammoflow.djl lacks its resource " + name);
            }
            return JniUtils.loadModule(manager, in, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the TorchScript cast " + name + " of bundle org.mammoflow.djl", e);
        }
    }

    @Override
    public void close() {
        toBfloat16.close();
        toFloat32.close();
    }
}
