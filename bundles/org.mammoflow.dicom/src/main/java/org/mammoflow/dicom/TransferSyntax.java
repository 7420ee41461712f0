package org.mammoflow.dicom;

import java.nio.ByteOrder;
import java.util.Map;

/** The transfer syntaxes Mammoflow decodes: how a data set's elements and its pixels are encoded. */
enum TransferSyntax {
    IMPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2", false, ByteOrder.LITTLE_ENDIAN, Pixels.NATIVE),
    EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1", true, ByteOrder.LITTLE_ENDIAN, Pixels.NATIVE),
    DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN("1.2.840.10008.1.2.1.99", true, ByteOrder.LITTLE_ENDIAN, Pixels.NATIVE),
    EXPLICIT_VR_BIG_ENDIAN("1.2.840.10008.1.2.2", true, ByteOrder.BIG_ENDIAN, Pixels.NATIVE),
    RLE_LOSSLESS("1.2.840.10008.1.2.5", true, ByteOrder.LITTLE_ENDIAN, Pixels.RLE),
    JPEG_LOSSLESS("1.2.840.10008.1.2.4.57", true, ByteOrder.LITTLE_ENDIAN, Pixels.JPEG_LOSSLESS),
    JPEG_LOSSLESS_SV1("1.2.840.10008.1.2.4.70", true, ByteOrder.LITTLE_ENDIAN, Pixels.JPEG_LOSSLESS);

    /** How the pixel data is stored. */
    enum Pixels { NATIVE, RLE, JPEG_LOSSLESS }

    /** Names of transfer syntaxes that are refused, so that the error says what the file is. */
    private static final Map<String, String> OTHERS = Map.ofEntries(
            Map.entry("1.2.840.10008.1.2.4.50", "JPEG Baseline (process 1)"),
            Map.entry("1.2.840.10008.1.2.4.51", "JPEG Extended (processes 2 and 4)"),
            Map.entry("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless"),
            Map.entry("1.2.840.10008.1.2.4.81", "JPEG-LS Near-Lossless"),
            Map.entry("1.2.840.10008.1.2.4.90", "JPEG 2000 Lossless"),
            Map.entry("1.2.840.10008.1.2.4.91", "JPEG 2000"),
            Map.entry("1.2.840.10008.1.2.4.201", "HTJ2K Lossless"),
            Map.entry("1.2.840.10008.1.2.4.203", "HTJ2K"),
            Map.entry("1.2.840.10008.1.2.4.100", "MPEG2"),
            Map.entry("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264"));

    final String uid;
    final boolean explicitVr;
    final ByteOrder order;
    final Pixels pixels;

    TransferSyntax(String uid, boolean explicitVr, ByteOrder order, Pixels pixels) {
        this.uid = uid;
        this.explicitVr = explicitVr;
        this.order = order;
        this.pixels = pixels;
    }

    /** The syntax of this UID, or null: {@link #describe} names the unsupported ones. */
    static TransferSyntax of(String uid) {
        for (TransferSyntax syntax : values()) {
            if (syntax.uid.equals(uid)) {
                return syntax;
            }
        }
        return null;
    }

    /** A UID as people know it: "JPEG 2000 Lossless (1.2.840.10008.1.2.4.90)". */
    static String describe(String uid) {
        String name = OTHERS.get(uid);
        return name == null ? uid : name + " (" + uid + ")";
    }

    /** What Mammoflow reads, for error messages. */
    static String supported() {
        return "Implicit and Explicit VR Little Endian, Explicit VR Big Endian, Deflated Explicit VR Little Endian, "
                + "RLE Lossless, JPEG Lossless (processes 14 and 14 SV1)";
    }
}
