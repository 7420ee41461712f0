package org.mammoflow.integration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.mammoflow.api.image.GrayImage;

/**
 * Writes a single-frame MONOCHROME2 mammogram as a DICOM Part 10 file, Explicit VR Little Endian, as
 * a modality would: for tests that need DICOM trees larger than the committed fixtures (which
 * pydicom and dcmtk made). Eight-bit files keep each sample's high byte.
 */
final class TestDicom {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private TestDicom() {
    }

    static void write(Path file, GrayImage image, int bits, String patientId, String laterality, String view)
            throws IOException {
        TestDicom dataset = new TestDicom();
        dataset.text(0x0008, 0x0016, "UI", "1.2.840.10008.5.1.4.1.1.1.2");
        dataset.text(0x0008, 0x0018, "UI", "2.25." + Integer.toUnsignedString(file.hashCode()));
        dataset.text(0x0008, 0x0060, "CS", "MG");
        dataset.text(0x0010, 0x0020, "LO", patientId);
        dataset.text(0x0018, 0x5101, "CS", view);
        dataset.text(0x0020, 0x0062, "CS", laterality);
        dataset.unsigned(0x0028, 0x0002, 1);
        dataset.text(0x0028, 0x0004, "CS", "MONOCHROME2");
        dataset.unsigned(0x0028, 0x0010, image.height());
        dataset.unsigned(0x0028, 0x0011, image.width());
        dataset.unsigned(0x0028, 0x0100, bits);
        dataset.unsigned(0x0028, 0x0101, bits);
        dataset.unsigned(0x0028, 0x0102, bits - 1);
        dataset.unsigned(0x0028, 0x0103, 0);
        ByteBuffer pixels = ByteBuffer.allocate(image.samples().length * bits / 8 + 1).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : image.samples()) {
            if (bits == 16) {
                pixels.putShort(sample);
            } else {
                pixels.put((byte) ((sample & 0xFFFF) >>> 8));
            }
        }
        dataset.element(0x7FE0, 0x0010, bits == 16 ? "OW" : "OB", java.util.Arrays.copyOf(pixels.array(),
                pixels.position() + pixels.position() % 2));

        TestDicom meta = new TestDicom();
        meta.element(0x0002, 0x0001, "OB", new byte[] {0, 1});
        meta.text(0x0002, 0x0002, "UI", "1.2.840.10008.5.1.4.1.1.1.2");
        meta.text(0x0002, 0x0003, "UI", "2.25." + Integer.toUnsignedString(file.hashCode()));
        meta.text(0x0002, 0x0010, "UI", "1.2.840.10008.1.2.1");
        TestDicom group = new TestDicom();
        group.element(0x0002, 0x0000, "UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(meta.out.size()).array());

        Files.createDirectories(file.toAbsolutePath().getParent());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(new byte[128]);
        all.write("DICM".getBytes(StandardCharsets.US_ASCII));
        group.out.writeTo(all);
        meta.out.writeTo(all);
        dataset.out.writeTo(all);
        Files.write(file, all.toByteArray());
    }

    private void text(int group, int element, String vr, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length % 2 == 1) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length + 1);
            bytes[bytes.length - 1] = (byte) (vr.equals("UI") ? 0 : ' ');
        }
        element(group, element, vr, bytes);
    }

    private void unsigned(int group, int element, int value) {
        element(group, element, "US", new byte[] {(byte) value, (byte) (value >>> 8)});
    }

    private void element(int group, int element, String vr, byte[] value) {
        boolean longLength = vr.equals("OB") || vr.equals("OW");
        ByteBuffer header = ByteBuffer.allocate(longLength ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) group).putShort((short) element).put(vr.getBytes(StandardCharsets.US_ASCII));
        if (longLength) {
            header.putShort((short) 0).putInt(value.length);
        } else {
            header.putShort((short) value.length);
        }
        out.writeBytes(header.array());
        out.writeBytes(value);
    }
}
