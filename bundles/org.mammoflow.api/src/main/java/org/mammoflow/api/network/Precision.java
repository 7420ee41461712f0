package org.mammoflow.api.network;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The number format a network computes in. Weights, the optimizer's state, BatchNorm statistics and the
 * loss stay float32 in either; {@link #BF16} runs convolutions and matrix products (and their gradients)
 * in bfloat16, as PyTorch's autocast does.
 */
public enum Precision {

    /** float32 throughout. */
    FP32("fp32"),
    /** bfloat16 convolutions and matrix products, float32 weights and loss. */
    BF16("bf16");

    private final String label;

    Precision(String label) {
        this.label = label;
    }

    /** How users write it: {@code fp32} or {@code bf16}. */
    public String label() {
        return label;
    }

    /** The precision a user named ({@code fp32}, {@code bf16}, any case); anything else is refused, naming both. */
    public static Precision parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("precision '" + text + "' is not one of "
                        + Arrays.stream(values()).map(Precision::label).collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return label;
    }
}
