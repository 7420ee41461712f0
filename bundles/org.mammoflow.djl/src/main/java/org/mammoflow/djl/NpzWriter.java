package org.mammoflow.djl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ai.djl.ndarray.NDArray;

/**
 * Writes tensors as numpy.savez does: a zip of {@code NAME.npy} entries, not compressed. Network
 * weights barely compress (8%), and compressing a ResNet's checkpoint cost seconds every epoch.
 */
final class NpzWriter {

    private static final LocalDateTime NO_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);
    private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0 };

    private NpzWriter() {
    }

    static void write(OutputStream out, Map<String, NDArray> tensors) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(Deflater.NO_COMPRESSION);
        for (Map.Entry<String, NDArray> tensor : tensors.entrySet()) {
            ZipEntry entry = new ZipEntry(tensor.getKey() + ".npy");
            entry.setTimeLocal(NO_TIME); // the same tensors make the same file, byte for byte
            zip.putNextEntry(entry);
            writeNpy(zip, tensor.getValue());
            zip.closeEntry();
        }
        zip.finish();
    }

    private static void writeNpy(OutputStream out, NDArray array) throws IOException {
        String shape = Arrays.stream(array.getShape().getShape()).mapToObj(Long::toString)
                .collect(Collectors.joining(", ", "(", array.getShape().dimension() == 1 ? ",)" : ")"));
        String header = "{'descr': '" + descriptor(array) + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = MAGIC.length + 2 + header.length() + 1;
        header = header + " ".repeat((64 - unpadded % 64) % 64) + "\n"; // data starts 64-byte aligned
        out.write(MAGIC);
        out.write(header.length() & 0xFF);
        out.write(header.length() >> 8);
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer data = array.toByteBuffer(); // native order: little-endian wherever libtorch runs
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        out.write(bytes);
    }

    private static String descriptor(NDArray array) {
        return switch (array.getDataType()) {
            case FLOAT32 -> "<f4";
            case FLOAT64 -> "<f8";
            case FLOAT16 -> "<f2";
            case INT8 -> "|i1";
            case UINT8 -> "|u1";
            case INT32 -> "<i4";
            case INT64 -> "<i8";
            case BOOLEAN -> "|b1";
            default -> throw new IllegalArgumentException("no numpy type for " + array.getDataType());
        };
    }
}
