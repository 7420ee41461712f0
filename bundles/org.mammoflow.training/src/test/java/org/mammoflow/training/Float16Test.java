package org.mammoflow.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The feature cache's half precision: exact where a half can be, nearest (ties to even) elsewhere. */
class Float16Test {

    @Test
    void everyHalfSurvivesARoundTrip() {
        for (int bits = 0; bits < 0x10000; bits++) {
            float value = Float16.toFloat((short) bits);
            if (!Float.isNaN(value)) {
                assertEquals((short) bits, Float16.fromFloat(value), "half " + Integer.toHexString(bits));
            }
        }
    }

    @Test
    void knownValues() {
        assertEquals(1f, Float16.toFloat(Float16.fromFloat(1f)));
        assertEquals(65504f, Float16.toFloat(Float16.fromFloat(65504f)));
        assertEquals(Float.POSITIVE_INFINITY, Float16.toFloat(Float16.fromFloat(70000f)));
        assertEquals(0x1p-24f, Float16.toFloat(Float16.fromFloat(0x1p-24f))); // the smallest subnormal
        assertEquals(0f, Float16.toFloat(Float16.fromFloat(0x1p-26f)));
        assertEquals((short) 0x3C00, Float16.fromFloat(1 + 0x1p-11f), "a tie goes to the even neighbour, 1");
        assertEquals((short) 0x3C02, Float16.fromFloat(1 + 3 * 0x1p-11f), "and up to the even 1 + 2^-9");
        assertTrue(Float.isNaN(Float16.toFloat(Float16.fromFloat(Float.NaN))));
        assertEquals(-2.5f, Float16.toFloat(Float16.fromFloat(-2.5f)));
    }

    @Test
    void everyFloatGoesToItsNearestHalf() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            float value = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-6, 5)));
            short half = Float16.fromFloat(value);
            float error = Math.abs(Float16.toFloat(half) - value);
            for (int neighbour : new int[] {half - 1, half + 1}) {
                float other = Float16.toFloat((short) neighbour);
                if (!Float.isNaN(other) && Math.signum(other) == Math.signum(value)) {
                    assertTrue(error <= Math.abs(other - value), value + " -> " + Float16.toFloat(half));
                }
            }
        }
    }
}
