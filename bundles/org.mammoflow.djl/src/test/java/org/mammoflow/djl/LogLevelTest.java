package org.mammoflow.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

import com.sun.jna.Platform;

/**
 * libtorch logs to the user's console only from errors up (unless TORCH_CPP_LOG_LEVEL says otherwise):
 * its warnings, such as NNPACK's "unsupported hardware" on every small convolution of some CPUs, are
 * noise to a user, and c10 ignores the variable unless its logging is initialised.
 */
class LogLevelTest {

    /** c10's severities: INFO 0, WARNING 1 (its default), ERROR 2. */
    private static final int ERROR = 2;

    @Test
    void libtorchLogsFromErrorsUp() {
        assumeTrue(Platform.isLinux(), "the backend sets libtorch's log level on Linux");
        assumeTrue(System.getenv("TORCH_CPP_LOG_LEVEL") == null, "the environment decides TORCH_CPP_LOG_LEVEL");
        ResNetBackend backend = Backends.cpu();
        try {
            int level = Torch.c10().getGlobalVariableAddress("FLAGS_caffe2_log_level").getInt(0);
            assertEquals(ERROR, level, "libtorch's log level (c10's FLAGS_caffe2_log_level)");
        } finally {
            backend.close();
        }
    }
}
