package org.mammoflow.dicom;

import static org.mammoflow.dicom.DicomFile.*;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.OptionalDouble;

import org.mammoflow.api.image.InvalidImageException;

/**
 * The display transformation a file asks for (PS3.3 C.11.2), as a table from every stored value to
 * Mammoflow's 16-bit gray: the Modality LUT's rescale, then the first VOI LUT of the VOI LUT
 * Sequence, else the first Window Center/Width with its VOI LUT Function (LINEAR, LINEAR_EXACT,
 * SIGMOID); MONOCHROME1 inverted last. Used only when the setting asks for it.
 */
final class VoiLut {

    private static final int WHITE = 0xFFFF;

    private VoiLut() {
    }

    /** The table, indexed by the stored bits (2^bitsStored entries), or null when the file has no VOI. */
    static int[] table(DicomFile dicom, int bitsStored, boolean signed, boolean inverted) throws InvalidImageException {
        ByteBuffer descriptor = dicom.voiLut(LUT_DESCRIPTOR);
        ByteBuffer data = dicom.voiLut(LUT_DATA);
        OptionalDouble center = dicom.decimal(WINDOW_CENTER);
        OptionalDouble width = dicom.decimal(WINDOW_WIDTH);
        Voi voi;
        if (descriptor != null && data != null) {
            voi = lut(dicom, descriptor, data);
        } else if (center.isPresent() && width.isPresent()) {
            voi = window(dicom, center.getAsDouble(), width.getAsDouble());
        } else {
            return null;
        }
        double slope = dicom.decimal(RESCALE_SLOPE).orElse(1);
        double intercept = dicom.decimal(RESCALE_INTERCEPT).orElse(0);
        int[] table = new int[1 << bitsStored];
        for (int stored = 0; stored < table.length; stored++) {
            int value = signed && stored >= 1 << (bitsStored - 1) ? stored - (1 << bitsStored) : stored;
            int gray = (int) Math.round(Math.min(WHITE, Math.max(0, voi.apply(value * slope + intercept))));
            table[stored] = inverted ? WHITE - gray : gray;
        }
        return table;
    }

    /** A VOI transformation from modality values to [0, 65535]. */
    @FunctionalInterface
    private interface Voi {
        double apply(double x);
    }

    private static Voi window(DicomFile dicom, double c, double w) throws InvalidImageException {
        String function = dicom.string(VOI_LUT_FUNCTION).toUpperCase(Locale.ROOT);
        switch (function) {
            case "", "LINEAR" -> {
                if (w < 1) {
                    throw new InvalidImageException(dicom.file, "Window Width " + w + " is below 1 (LINEAR)");
                }
                double low = c - 0.5 - (w - 1) / 2;
                double high = c - 0.5 + (w - 1) / 2;
                return x -> x <= low ? 0 : x > high ? WHITE : ((x - (c - 0.5)) / (w - 1) + 0.5) * WHITE;
            }
            case "LINEAR_EXACT" -> {
                if (w <= 0) {
                    throw new InvalidImageException(dicom.file, "Window Width " + w + " is not positive (LINEAR_EXACT)");
                }
                return x -> x <= c - w / 2 ? 0 : x > c + w / 2 ? WHITE : ((x - c) / w + 0.5) * WHITE;
            }
            case "SIGMOID" -> {
                if (w <= 0) {
                    throw new InvalidImageException(dicom.file, "Window Width " + w + " is not positive (SIGMOID)");
                }
                return x -> WHITE / (1 + Math.exp(-4 * (x - c) / w));
            }
            default -> throw new InvalidImageException(dicom.file, "VOI LUT Function " + function
                    + " is not one of LINEAR, LINEAR_EXACT, SIGMOID");
        }
    }

    /** LUT Descriptor: entries (0 means 65536), first value mapped, bits per entry; LUT Data: 16-bit words. */
    private static Voi lut(DicomFile dicom, ByteBuffer descriptor, ByteBuffer data) throws InvalidImageException {
        if (descriptor.remaining() < 6) {
            throw new InvalidImageException(dicom.file, "VOI LUT Descriptor holds fewer than three values");
        }
        int entries = Short.toUnsignedInt(descriptor.getShort(descriptor.position()));
        entries = entries == 0 ? 65536 : entries;
        int first = descriptor.getShort(descriptor.position() + 2); // signed when the stored values are (US or SS)
        int bits = Short.toUnsignedInt(descriptor.getShort(descriptor.position() + 4));
        if (bits < 8 || bits > 16) {
            throw new InvalidImageException(dicom.file, "VOI LUT of " + bits + " bits per entry (8 to 16)");
        }
        if (data.remaining() < 2L * entries) {
            throw new InvalidImageException(dicom.file, "VOI LUT Data holds " + data.remaining() / 2
                    + " entries; its descriptor promises " + entries);
        }
        int[] lut = new int[entries];
        for (int i = 0; i < entries; i++) {
            lut[i] = Short.toUnsignedInt(data.getShort(data.position() + 2 * i));
        }
        double scale = (double) WHITE / ((1 << bits) - 1);
        int n = entries;
        return x -> lut[(int) Math.max(0, Math.min(n - 1, Math.round(x) - first))] * scale;
    }
}
