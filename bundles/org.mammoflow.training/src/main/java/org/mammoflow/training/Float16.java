package org.mammoflow.training;

/**
 * IEEE 754 half precision (binary16), as the feature cache stores values: half the bytes of a float
 * and, for post-ReLU activations, a relative error below 2^-11. Java 17 has no conversion of its own.
 */
final class Float16 {

    private Float16() {
    }

    /** The nearest half (ties to even); beyond the half range, infinity. */
    static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xFF;
        int mantissa = bits & 0x7FFFFF;
        if (exponent == 0xFF) {
            return (short) (sign | 0x7C00 | (mantissa != 0 ? 0x200 : 0));
        }
        int e = exponent - 127 + 15;
        if (e >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (e <= 0) { // a subnormal half, or zero
            if (e < -10) {
                return (short) sign;
            }
            return (short) (sign | rounded(mantissa | 0x800000, 14 - e));
        }
        return (short) (sign | rounded((e << 23) | mantissa, 13)); // a carry may reach the exponent, as it should
    }

    static float toFloat(short half) {
        int bits = half & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /** {@code value >> shift}, rounded to nearest with ties to even. */
    private static int rounded(int value, int shift) {
        int kept = value >>> shift;
        int rest = value & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        return rest > half || (rest == half && (kept & 1) == 1) ? kept + 1 : kept;
    }
}
