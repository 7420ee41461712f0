package org.mammoflow.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.InvalidImageException;

/**
 * One DICOM file, parsed up to its pixel data: the transfer syntax, the few attributes Mammoflow
 * needs, and the pixel data (native bytes or encapsulated fragments), not yet decoded. The file is
 * memory-mapped, so reading a header touches only its first pages.
 */
final class DicomFile {

    static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    static final int SOP_CLASS_UID = 0x00080016;
    static final int SOP_INSTANCE_UID = 0x00080018;
    static final int STUDY_DATE = 0x00080020;
    static final int STUDY_TIME = 0x00080030;
    static final int ACCESSION_NUMBER = 0x00080050;
    static final int MODALITY = 0x00080060;
    static final int PRESENTATION_INTENT_TYPE = 0x00080068;
    static final int REFERRING_PHYSICIAN_NAME = 0x00080090;
    static final int PATIENT_NAME = 0x00100010;
    static final int PATIENT_ID = 0x00100020;
    static final int PATIENT_BIRTH_DATE = 0x00100030;
    static final int PATIENT_SEX = 0x00100040;
    static final int STUDY_INSTANCE_UID = 0x0020000D;
    static final int SERIES_INSTANCE_UID = 0x0020000E;
    static final int STUDY_ID = 0x00200010;
    static final int VIEW_POSITION = 0x00185101;
    static final int LATERALITY = 0x00200060;
    static final int IMAGE_LATERALITY = 0x00200062;
    static final int SAMPLES_PER_PIXEL = 0x00280002;
    static final int PHOTOMETRIC_INTERPRETATION = 0x00280004;
    static final int NUMBER_OF_FRAMES = 0x00280008;
    static final int ROWS = 0x00280010;
    static final int COLUMNS = 0x00280011;
    static final int BITS_ALLOCATED = 0x00280100;
    static final int BITS_STORED = 0x00280101;
    static final int HIGH_BIT = 0x00280102;
    static final int PIXEL_REPRESENTATION = 0x00280103;
    static final int WINDOW_CENTER = 0x00281050;
    static final int WINDOW_WIDTH = 0x00281051;
    static final int RESCALE_INTERCEPT = 0x00281052;
    static final int RESCALE_SLOPE = 0x00281053;
    static final int VOI_LUT_FUNCTION = 0x00281056;
    static final int LUT_DESCRIPTOR = 0x00283002;
    static final int LUT_DATA = 0x00283006;
    static final int VOI_LUT_SEQUENCE = 0x00283010;
    private static final int TRANSFER_SYNTAX_UID = 0x00020010;
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITER = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final Pattern CBIS_DDSM_SERIES = Pattern.compile(
            "(?:Calc|Mass)-(?:Training|Test)_(P_\\d+)_(LEFT|RIGHT)_(CC|MLO)(?:_\\d+)?");

    private static final Set<Integer> WANTED = Set.of(SPECIFIC_CHARACTER_SET, SOP_CLASS_UID, SOP_INSTANCE_UID,
            STUDY_DATE, STUDY_TIME, ACCESSION_NUMBER, MODALITY, PRESENTATION_INTENT_TYPE, REFERRING_PHYSICIAN_NAME,
            PATIENT_NAME, PATIENT_ID, PATIENT_BIRTH_DATE, PATIENT_SEX, STUDY_INSTANCE_UID, SERIES_INSTANCE_UID,
            STUDY_ID, VIEW_POSITION, LATERALITY, IMAGE_LATERALITY, SAMPLES_PER_PIXEL, PHOTOMETRIC_INTERPRETATION,
            NUMBER_OF_FRAMES, ROWS, COLUMNS, BITS_ALLOCATED, BITS_STORED, HIGH_BIT, PIXEL_REPRESENTATION,
            WINDOW_CENTER, WINDOW_WIDTH, RESCALE_INTERCEPT, RESCALE_SLOPE, VOI_LUT_FUNCTION);
    /** Explicit VRs whose length has four bytes (after two reserved ones). */
    private static final Set<String> LONG_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN",
            "UR", "UT", "UV");

    final Path file;
    final TransferSyntax syntax;
    private final Map<Integer, ByteBuffer> values = new HashMap<>();
    /** The first item of the VOI LUT Sequence (its descriptor and data), empty when there is none. */
    private final Map<Integer, ByteBuffer> voiLut = new HashMap<>();
    /** Native pixel data, or null when encapsulated. */
    private ByteBuffer nativePixels;
    /** Encapsulated fragments (the basic offset table left out), or null when native. */
    private List<ByteBuffer> fragments;

    private DicomFile(Path file, TransferSyntax syntax) {
        this.file = file;
        this.syntax = syntax;
    }

    /** Whether the file starts as a DICOM file does: "DICM" at byte 128, or a data element at byte 0. */
    static boolean looksLikeDicom(Path file) throws IOException {
        byte[] start = new byte[132];
        int read;
        try (var in = Files.newInputStream(file)) {
            read = in.readNBytes(start, 0, start.length);
        }
        ByteBuffer head = ByteBuffer.wrap(start, 0, read).order(ByteOrder.LITTLE_ENDIAN);
        return hasMarker(head, 128) || startsWithElement(head);
    }

    /**
     * Parses the file up to and including the location of its pixel data; a deflated data set may inflate
     * to at most {@code maxDataSetBytes}, checked while inflating.
     */
    static DicomFile parse(Path file, long maxDataSetBytes) throws IOException {
        ByteBuffer data = map(file);
        int start;
        if (hasMarker(data, 128)) {
            start = 132;
        } else if (startsWithElement(data)) {
            start = 0;
        } else {
            throw new InvalidImageException(file,
                    "not a DICOM file: no DICM marker at byte 128 and no data element at its start");
        }
        data.position(start);
        String uid = metaHeader(file, data);
        TransferSyntax syntax;
        if (uid == null) {
            // a bare data set: Little Endian, its VR explicit when the first element carries one
            syntax = data.remaining() >= 6 && isVr(data.get(data.position() + 4), data.get(data.position() + 5))
                    ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
        } else {
            syntax = TransferSyntax.of(uid);
            if (syntax == null) {
                throw new InvalidImageException(file, "unsupported transfer syntax " + TransferSyntax.describe(uid)
                        + "; Mammoflow reads " + TransferSyntax.supported());
            }
        }
        ByteBuffer body = syntax == TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN
                ? inflate(file, data.slice(), maxDataSetBytes) : data.slice();
        body.order(syntax.order);
        DicomFile dicom = new DicomFile(file, syntax);
        dicom.readTopLevel(body);
        return dicom;
    }

    /**
     * The value of a string attribute in the file's Specific Character Set, without its padding; empty
     * when absent.
     */
    String string(int tag) {
        ByteBuffer value = values.get(tag);
        if (value == null) {
            return "";
        }
        byte[] bytes = new byte[value.remaining()];
        value.duplicate().get(bytes);
        Charset charset = tag == SPECIFIC_CHARACTER_SET ? StandardCharsets.US_ASCII
                : CharacterSets.of(string(SPECIFIC_CHARACTER_SET));
        return new String(bytes, charset).replace('\0', ' ').strip();
    }

    /** The first of a multi-valued decimal string (DS) attribute, or empty when absent or not a number. */
    OptionalDouble decimal(int tag) {
        String first = string(tag).split("\\\\")[0].strip();
        try {
            return first.isEmpty() ? OptionalDouble.empty()
                    : OptionalDouble.of(Double.parseDouble(first));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** An element of the VOI LUT Sequence's first item (LUT Descriptor, LUT Data), or null. */
    ByteBuffer voiLut(int tag) {
        ByteBuffer value = voiLut.get(tag);
        return value == null ? null : value.duplicate().order(syntax.order);
    }

    /** An unsigned short attribute (US), or the fallback when absent. */
    int unsignedShort(int tag, int fallback) throws InvalidImageException {
        ByteBuffer value = values.get(tag);
        if (value == null) {
            return fallback;
        }
        if (value.remaining() < 2) {
            throw new InvalidImageException(file, String.format("attribute (%04X,%04X) is not a 2-byte value",
                    tag >>> 16, tag & 0xFFFF));
        }
        return Short.toUnsignedInt(value.getShort(value.position()));
    }

    boolean has(int tag) {
        return values.containsKey(tag);
    }

    /**
     * Patient, exam (the study), breast and view. CBIS-DDSM stores each image's series name as its
     * PatientID ({@code Mass-Training_P_00001_LEFT_CC}) and gives each image a study of its own: then
     * the patient is {@code P_00001}, the exam is the patient's one, and the breast and view come from
     * the name where the file has no attribute for them.
     */
    ImageAttributes attributes() {
        String patient = string(PATIENT_ID);
        String exam = string(STUDY_INSTANCE_UID);
        String laterality = string(IMAGE_LATERALITY).isEmpty() ? string(LATERALITY) : string(IMAGE_LATERALITY);
        String view = string(VIEW_POSITION);
        Matcher series = CBIS_DDSM_SERIES.matcher(patient);
        if (series.matches()) {
            patient = series.group(1);
            exam = "";
            laterality = laterality.isEmpty() ? series.group(2).substring(0, 1) : laterality;
            view = view.isEmpty() ? series.group(3) : view;
        }
        return new ImageAttributes(patient, exam, laterality, view);
    }

    boolean encapsulated() {
        return fragments != null;
    }

    /** Native pixel data, positioned at its first byte, in the syntax's byte order. */
    ByteBuffer nativePixels() {
        return nativePixels.duplicate().order(syntax.order);
    }

    /** The encapsulated frame's bytes: every fragment after the basic offset table, in order. */
    byte[] encapsulatedFrame() throws InvalidImageException {
        if (fragments == null) {
            throw new InvalidImageException(file, "pixel data of defined length (uncompressed) in the compressed"
                    + " transfer syntax " + syntax.uid + "; it must be encapsulated");
        }
        long length = fragments.stream().mapToLong(ByteBuffer::remaining).sum();
        byte[] frame = new byte[(int) length]; // at most the file's size: the fragments are slices of it
        int at = 0;
        for (ByteBuffer fragment : fragments) {
            int n = fragment.remaining();
            fragment.duplicate().get(frame, at, n);
            at += n;
        }
        return frame;
    }

    private static ByteBuffer map(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidImageException(file, Files.exists(file) ? "not a regular file" : "file not found");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() == 0) {
                throw new InvalidImageException(file, "empty file (0 bytes)");
            }
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN);
        }
    }

    private static boolean hasMarker(ByteBuffer data, int at) {
        return data.limit() >= at + 4 && data.get(at) == 'D' && data.get(at + 1) == 'I' && data.get(at + 2) == 'C'
                && data.get(at + 3) == 'M';
    }

    /** A bare data set starts with a File Meta (0002) or Identifying (0008) group element. */
    private static boolean startsWithElement(ByteBuffer data) {
        if (data.limit() < 8) {
            return false;
        }
        int group = Short.toUnsignedInt(data.getShort(0));
        return (group == 0x0002 || group == 0x0008) && Short.toUnsignedInt(data.getShort(2)) < 0x1000;
    }

    private static boolean isVr(byte a, byte b) {
        return a >= 'A' && a <= 'Z' && b >= 'A' && b <= 'Z';
    }

    /** Reads the File Meta group (always Explicit VR Little Endian) and returns its transfer syntax UID. */
    private static String metaHeader(Path file, ByteBuffer data) throws InvalidImageException {
        String uid = null;
        while (data.remaining() >= 8 && Short.toUnsignedInt(data.getShort(data.position())) == 0x0002) {
            int tag = tag(data);
            String vr = vr(data);
            long length = LONG_VRS.contains(vr) ? skipReservedAndReadLength(file, data) : Short.toUnsignedInt(data.getShort());
            ByteBuffer value = value(file, data, length);
            if (tag == TRANSFER_SYNTAX_UID) {
                byte[] bytes = new byte[value.remaining()];
                value.get(bytes);
                uid = new String(bytes, StandardCharsets.US_ASCII).replace('\0', ' ').strip();
            }
        }
        return uid;
    }

    private void readTopLevel(ByteBuffer body) throws InvalidImageException {
        if (!readElements(body, syntax.explicitVr, true, null)) {
            throw new InvalidImageException(file, "no pixel data (7FE0,0010): the file holds no image");
        }
    }

    /**
     * Reads elements until the buffer ends or an item delimiter; at the top level, keeps the wanted
     * values and stops at the pixel data (returns true there). Nested, every value goes to {@code keep}
     * when it is not null. Sequences are skipped, but for the VOI LUT Sequence's first item.
     */
    private boolean readElements(ByteBuffer b, boolean explicit, boolean top, Map<Integer, ByteBuffer> keep)
            throws InvalidImageException {
        while (b.remaining() >= 8) {
            int tag = tag(b);
            if (tag == ITEM_DELIMITER) {
                b.getInt();
                return false;
            }
            String vr = null;
            long length;
            if (explicit) {
                vr = vr(b);
                length = LONG_VRS.contains(vr) ? skipReservedAndReadLength(file, b) : Short.toUnsignedInt(b.getShort());
            } else {
                length = Integer.toUnsignedLong(b.getInt());
            }
            if (top && tag == PIXEL_DATA) {
                readPixelData(b, length);
                return true;
            }
            Map<Integer, ByteBuffer> firstItem = top && tag == VOI_LUT_SEQUENCE ? voiLut : null;
            if (length == UNDEFINED) {
                // an implicit-VR sequence, or UN of undefined length, whose content is implicit VR
                readSequence(b, explicit && !"UN".equals(vr), firstItem);
                continue;
            }
            ByteBuffer value = value(file, b, length);
            if (firstItem != null) {
                readSequence(value, explicit && !"UN".equals(vr), firstItem);
            } else if (top && WANTED.contains(tag)) {
                values.put(tag, value);
            } else if (keep != null) {
                keep.put(tag, value);
            }
        }
        return false;
    }

    /**
     * Reads a sequence's items up to its delimiter (undefined length) or its end (a defined length's
     * value); the first item's elements go to {@code firstItem} when it is not null, the rest is skipped.
     */
    private void readSequence(ByteBuffer b, boolean explicit, Map<Integer, ByteBuffer> firstItem)
            throws InvalidImageException {
        Map<Integer, ByteBuffer> keep = firstItem;
        while (true) {
            if (!b.hasRemaining()) {
                return; // the end of a sequence of defined length
            }
            if (b.remaining() < 8) {
                throw new InvalidImageException(file, "truncated: the file ends inside a sequence");
            }
            int tag = tag(b);
            long length = Integer.toUnsignedLong(b.getInt());
            if (tag == SEQUENCE_DELIMITER) {
                return;
            }
            if (tag != ITEM) {
                throw new InvalidImageException(file, String.format(
                        "malformed sequence: (%04X,%04X) where an item was expected", tag >>> 16, tag & 0xFFFF));
            }
            if (length == UNDEFINED) {
                readElements(b, explicit, false, keep);
            } else if (keep != null) {
                readElements(value(file, b, length), explicit, false, keep);
            } else {
                value(file, b, length);
            }
            keep = null;
        }
    }

    private void readPixelData(ByteBuffer b, long length) throws InvalidImageException {
        if (length != UNDEFINED) {
            if (length > b.remaining()) {
                throw new InvalidImageException(file, "truncated pixel data: " + length + " bytes declared, "
                        + b.remaining() + " in the file");
            }
            nativePixels = value(file, b, length);
            return;
        }
        List<ByteBuffer> items = new ArrayList<>();
        while (true) {
            if (b.remaining() < 8) {
                throw new InvalidImageException(file, "truncated pixel data: the file ends inside its fragments");
            }
            int tag = tag(b);
            long itemLength = Integer.toUnsignedLong(b.getInt());
            if (tag == SEQUENCE_DELIMITER) {
                break;
            }
            if (tag != ITEM || itemLength == UNDEFINED) {
                throw new InvalidImageException(file, "malformed encapsulated pixel data");
            }
            items.add(value(file, b, itemLength));
        }
        if (items.size() < 2) {
            throw new InvalidImageException(file, "encapsulated pixel data holds no fragment");
        }
        fragments = List.copyOf(items.subList(1, items.size()));
    }

    private static int tag(ByteBuffer b) {
        int group = Short.toUnsignedInt(b.getShort());
        int element = Short.toUnsignedInt(b.getShort());
        return group << 16 | element;
    }

    private static String vr(ByteBuffer b) {
        return new String(new byte[] {b.get(), b.get()}, StandardCharsets.US_ASCII);
    }

    /** The 4-byte length of a long VR's element, after its 2 reserved bytes. */
    private static long skipReservedAndReadLength(Path file, ByteBuffer b) throws InvalidImageException {
        if (b.remaining() < 6) {
            throw new InvalidImageException(file, "truncated: the file ends inside an element's header");
        }
        b.getShort();
        return Integer.toUnsignedLong(b.getInt());
    }

    /** The next {@code length} bytes as a slice (the buffer moves past them). */
    private static ByteBuffer value(Path file, ByteBuffer b, long length) throws InvalidImageException {
        if (length > b.remaining()) {
            throw new InvalidImageException(file, "truncated: an element of " + length + " bytes where "
                    + b.remaining() + " remain");
        }
        ByteBuffer value = b.slice(b.position(), (int) length).order(b.order());
        b.position(b.position() + (int) length);
        return value;
    }

    /** The inflated data set, refused as soon as it grows past {@code maxBytes} (and never past an array's size). */
    private static ByteBuffer inflate(Path file, ByteBuffer deflated, long maxBytes) throws InvalidImageException {
        int limit = (int) Math.min(maxBytes, Integer.MAX_VALUE - 16);
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated);
            byte[] out = new byte[(int) Math.min(limit, Math.max(1024L, deflated.remaining() * 4L))];
            int length = 0;
            while (!inflater.finished()) {
                if (length == out.length) {
                    if (length == limit) {
                        throw new InvalidImageException(file, "oversized: the deflated data set inflates to more than "
                                + limit + " bytes, more than an image of the size limit holds");
                    }
                    out = java.util.Arrays.copyOf(out, (int) Math.min(limit, 2L * out.length));
                }
                int n = inflater.inflate(out, length, out.length - length);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new InvalidImageException(file, "truncated deflated data set");
                }
                length += n;
            }
            return ByteBuffer.wrap(out, 0, length).slice();
        } catch (DataFormatException e) {
            throw new InvalidImageException(file, "corrupt deflated data set (" + e.getMessage() + ")", e);
        } finally {
            inflater.end();
        }
    }
}
