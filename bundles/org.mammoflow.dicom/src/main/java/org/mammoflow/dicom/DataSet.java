package org.mammoflow.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.mammoflow.files.AtomicFiles;

/**
 * A DICOM data set being built, written as a Part 10 file in Explicit VR Little Endian: elements in
 * tag order, text in UTF-8 (Specific Character Set ISO_IR 192), values padded to even length,
 * sequences and items of undefined length. Public for the tests that make DICOM fixtures with it.
 */
public final class DataSet {

    static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    /** Mammoflow's implementation class UID (a UUID-derived 2.25 root) and version name. */
    static final String IMPLEMENTATION_CLASS_UID = "2.25.213195380453418011207924512733389514387";
    static final String IMPLEMENTATION_VERSION = "MAMMOFLOW_1";
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN",
            "UR", "UT", "UV");
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITER = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;

    private sealed interface Element permits Value, Sequence {
    }

    private record Value(String vr, byte[] bytes) implements Element {
    }

    private record Sequence(List<DataSet> items) implements Element {
    }

    private final Map<Integer, Element> elements = new TreeMap<>(Integer::compareUnsigned);

    /** A text value (several joined by backslashes), padded as its VR asks: UI with NUL, others with a space. */
    public DataSet text(int tag, String vr, String... values) {
        byte[] bytes = String.join("\\", values).getBytes(StandardCharsets.UTF_8);
        if (bytes.length % 2 == 1) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length + 1);
            bytes[bytes.length - 1] = (byte) (vr.equals("UI") ? 0 : ' ');
        }
        return put(tag, vr, bytes);
    }

    /** One or more unsigned short (US) values. */
    public DataSet unsignedShorts(int tag, int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException(String.format("(%04X,%04X): %d is not an unsigned short",
                        tag >>> 16, tag & 0xFFFF, value));
            }
            buffer.putShort((short) value);
        }
        return put(tag, "US", buffer.array());
    }

    /** Binary data (OB, OW, ...), padded with a zero byte to even length. */
    public DataSet bytes(int tag, String vr, byte[] value) {
        return put(tag, vr, value.length % 2 == 0 ? value : java.util.Arrays.copyOf(value, value.length + 1));
    }

    /** A sequence of items; an empty list writes an empty sequence (a type 2 attribute present, no value). */
    public DataSet sequence(int tag, List<DataSet> items) {
        elements.put(tag, new Sequence(List.copyOf(items)));
        return this;
    }

    /** The text of an element set with {@link #text}, without its padding; empty when absent. */
    public String text(int tag) {
        return elements.get(tag) instanceof Value value
                ? new String(value.bytes(), StandardCharsets.UTF_8).replace('\0', ' ').strip() : "";
    }

    /**
     * Writes the data set as a Part 10 file (preamble, "DICM", file meta information), atomically: a
     * reader never sees a partial file. Needs SOP Class and Instance UIDs (0008,0016), (0008,0018).
     */
    public void write(Path file) throws IOException {
        String sopClass = text(DicomFile.SOP_CLASS_UID);
        String sopInstance = text(DicomFile.SOP_INSTANCE_UID);
        if (sopClass.isEmpty() || sopInstance.isEmpty()) {
            throw new IllegalStateException("a DICOM file needs its SOP Class and SOP Instance UIDs");
        }
        DataSet meta = new DataSet().bytes(0x00020001, "OB", new byte[] {0, 1})
                .text(0x00020002, "UI", sopClass).text(0x00020003, "UI", sopInstance)
                .text(0x00020010, "UI", EXPLICIT_VR_LITTLE_ENDIAN)
                .text(0x00020012, "UI", IMPLEMENTATION_CLASS_UID).text(0x00020013, "SH", IMPLEMENTATION_VERSION);
        ByteArrayOutputStream metaBytes = new ByteArrayOutputStream();
        meta.writeElements(metaBytes);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[128]);
        out.write("DICM".getBytes(StandardCharsets.US_ASCII));
        new DataSet().put(0x00020000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(metaBytes.size()).array()).writeElements(out);
        metaBytes.writeTo(out);
        writeElements(out);
        AtomicFiles.write(file, out::writeTo);
    }

    private DataSet put(int tag, String vr, byte[] bytes) {
        if (!LONG_VRS.contains(vr) && bytes.length > 0xFFFE) {
            throw new IllegalArgumentException(String.format("(%04X,%04X): %d bytes do not fit VR %s",
                    tag >>> 16, tag & 0xFFFF, bytes.length, vr));
        }
        elements.put(tag, new Value(vr, bytes));
        return this;
    }

    private void writeElements(ByteArrayOutputStream out) {
        for (Map.Entry<Integer, Element> entry : elements.entrySet()) {
            int tag = entry.getKey();
            if (entry.getValue() instanceof Value value) {
                header(out, tag, value.vr(), value.bytes().length);
                out.writeBytes(value.bytes());
            } else if (entry.getValue() instanceof Sequence sequence) {
                header(out, tag, "SQ", -1);
                for (DataSet item : sequence.items()) {
                    tagAndLength(out, ITEM, -1);
                    item.writeElements(out);
                    tagAndLength(out, ITEM_DELIMITER, 0);
                }
                tagAndLength(out, SEQUENCE_DELIMITER, 0);
            }
        }
    }

    private static void header(ByteArrayOutputStream out, int tag, String vr, int length) {
        ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (tag >>> 16)).putShort((short) tag).put(vr.getBytes(StandardCharsets.US_ASCII));
        if (LONG_VRS.contains(vr)) {
            b.putShort((short) 0).putInt(length);
        } else {
            b.putShort((short) length);
        }
        out.write(b.array(), 0, b.position());
    }

    private static void tagAndLength(ByteArrayOutputStream out, int tag, int length) {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) (tag >>> 16)).putShort((short) tag).putInt(length);
        out.write(b.array(), 0, 8);
    }
}
