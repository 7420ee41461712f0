package org.mammoflow.dicom;

import static org.mammoflow.dicom.DicomFile.*;

import org.mammoflow.api.image.InvalidImageException;

/**
 * The Image Pixel module of a single-frame grayscale image, checked: Mammoflow reads 8- and
 * 16-bit allocations, any Bits Stored and High Bit within them, signed or unsigned, MONOCHROME1 and
 * MONOCHROME2.
 */
record PixelModule(int rows, int columns, int bitsAllocated, int bitsStored, int highBit, boolean signed,
        boolean inverted, int[] voi) {

    /** The module, its stored values mapped exactly ({@link #gray}), or through the file's VOI when {@code applyVoi}. */
    static PixelModule of(DicomFile dicom, boolean applyVoi) throws InvalidImageException {
        PixelModule exact = of(dicom);
        int[] voi = applyVoi ? VoiLut.table(dicom, exact.bitsStored, exact.signed, exact.inverted) : null;
        return voi == null ? exact : new PixelModule(exact.rows, exact.columns, exact.bitsAllocated, exact.bitsStored,
                exact.highBit, exact.signed, exact.inverted, voi);
    }

    static PixelModule of(DicomFile dicom) throws InvalidImageException {
        if (!dicom.has(ROWS) || !dicom.has(COLUMNS)) {
            throw new InvalidImageException(dicom.file, "no Rows or Columns: not an image");
        }
        int samples = dicom.unsignedShort(SAMPLES_PER_PIXEL, 1);
        String photometric = dicom.string(PHOTOMETRIC_INTERPRETATION);
        if (samples != 1 || !(photometric.equals("MONOCHROME1") || photometric.equals("MONOCHROME2"))) {
            throw new InvalidImageException(dicom.file, "colour images are not supported (Samples per Pixel "
                    + samples + ", Photometric Interpretation " + (photometric.isEmpty() ? "absent" : photometric)
                    + "); mammograms are MONOCHROME1 or MONOCHROME2");
        }
        String frames = dicom.string(NUMBER_OF_FRAMES);
        if (!frames.isEmpty() && !frames.equals("1")) {
            throw new InvalidImageException(dicom.file, "multi-frame files are not supported (Number of Frames "
                    + frames + "); a mammogram is one frame");
        }
        int allocated = dicom.unsignedShort(BITS_ALLOCATED, 0);
        if (allocated != 8 && allocated != 16) {
            throw new InvalidImageException(dicom.file, "Bits Allocated " + allocated + " is not supported (8 or 16)");
        }
        int stored = dicom.unsignedShort(BITS_STORED, allocated);
        int highBit = dicom.unsignedShort(HIGH_BIT, stored - 1);
        if (stored < 1 || stored > allocated || highBit < stored - 1 || highBit >= allocated) {
            throw new InvalidImageException(dicom.file, "inconsistent pixel layout: Bits Allocated " + allocated
                    + ", Bits Stored " + stored + ", High Bit " + highBit);
        }
        int representation = dicom.unsignedShort(PIXEL_REPRESENTATION, 0);
        if (representation > 1) {
            throw new InvalidImageException(dicom.file, "Pixel Representation " + representation + " (0 or 1)");
        }
        int rows = dicom.unsignedShort(ROWS, 0);
        int columns = dicom.unsignedShort(COLUMNS, 0);
        if (rows == 0 || columns == 0) {
            throw new InvalidImageException(dicom.file, "empty image: " + columns + " x " + rows);
        }
        return new PixelModule(rows, columns, allocated, stored, highBit, representation == 1,
                photometric.equals("MONOCHROME1"), null);
    }

    int pixels() {
        return rows * columns;
    }

    /**
     * Maps one stored word onto Mammoflow's 16-bit gray: the Bits Stored bits ending at High Bit are
     * the value v; a signed v is offset by 2^(B-1) (its sign bit flipped) so that the smallest value
     * maps to 0; MONOCHROME1 is inverted (2^B - 1 - v), so that brighter is always denser tissue; the
     * B-bit result is shifted left by 16 - B. Exact and linear: no windowing, no rescale, no rounding.
     * With a VOI table ({@link VoiLut}), the stored bits index it instead.
     */
    int gray(int word, int shift) {
        int mask = (1 << bitsStored) - 1;
        int v = (word >>> shift) & mask;
        if (voi != null) {
            return voi[v];
        }
        if (signed) {
            v ^= 1 << (bitsStored - 1);
        }
        if (inverted) {
            v = mask - v;
        }
        return v << (16 - bitsStored);
    }

    /** Whether {@link #gray} leaves every 16-bit word as it is (16 bits stored, unsigned, MONOCHROME2). */
    boolean identity() {
        return bitsStored == 16 && !signed && !inverted && voi == null;
    }

    /** Where the stored bits sit in an allocated word of native or RLE data. */
    int nativeShift() {
        return highBit + 1 - bitsStored;
    }
}
