package org.mammoflow.imaging;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.InvalidImageException;

/**
 * The PNG files mammograms come in, read and written directly: 8- and 16-bit grayscale, not
 * interlaced. javax.imageio decodes a 16-bit image through its generic raster machinery at several
 * times zlib's own cost; here a file is inflated row by row into the samples. Any other PNG (palette,
 * colour, 1 to 4 bits, interlaced) is left to javax.imageio.
 */
final class GrayPng {

    private static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10 };
    private static final int GRAY = 0;
    /**
     * zlib level of written images: on mammograms and patches, with the Up filter, files about 0.6 of
     * javax.imageio's at a fraction of its time. Masks, long runs of 0 and 255, take the best level at
     * little cost.
     */
    private static final int IMAGE_LEVEL = 3;
    private static final int UP = 2;

    private GrayPng() {
    }

    /** The header's facts that decide how a file is read. */
    record Header(int width, int height, int bitDepth, int colourType, int interlace) {

        boolean direct() {
            return colourType == GRAY && (bitDepth == 8 || bitDepth == 16) && interlace == 0;
        }
    }

    /** The image, or null when the file is not an 8- or 16-bit grayscale PNG without interlacing. */
    static GrayImage read(Path file, long maxPixels) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null; // PngFiles's checks name the problem
        }
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file));
        Header header = header(data);
        if (header == null || !header.direct()) {
            return null;
        }
        if ((long) header.width() * header.height() > maxPixels) {
            return null; // PngFiles's checks name the problem
        }
        try {
            return new GrayImage(header.width(), header.height(), inflate(data, header));
        } catch (DataFormatException | RuntimeException e) {
            throw new InvalidImageException(file, "corrupt or truncated PNG data (" + PngFiles.reason(e) + ")", e);
        }
    }

    /**
     * Checks that every chunk of a PNG file, up to IEND, lies within the file, as other decoders do not
     * before they allocate what a chunk's length field declares. The file is mapped, not read.
     */
    static void checkChunks(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() > Integer.MAX_VALUE) {
                throw new InvalidImageException(file, "oversized: a PNG file of more than 2 GB");
            }
            chunks(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
        } catch (DataFormatException e) {
            throw new InvalidImageException(file, "truncated or corrupt PNG: " + e.getMessage());
        }
    }

    /** A chunk: its type and its data. */
    private record Chunk(int type, ByteBuffer data) {
    }

    /** The chunks after the signature, up to IEND, each checked to lie within the bytes. */
    private static List<Chunk> chunks(ByteBuffer bytes) throws DataFormatException {
        List<Chunk> chunks = new ArrayList<>();
        int at = SIGNATURE.length;
        while (at + 12 <= bytes.limit()) {
            long length = Integer.toUnsignedLong(bytes.getInt(at));
            int type = bytes.getInt(at + 4);
            long remaining = bytes.limit() - at - 12L;
            if (length > remaining) {
                throw new DataFormatException("its "
                        + new String(new byte[] {bytes.get(at + 4), bytes.get(at + 5), bytes.get(at + 6),
                            bytes.get(at + 7)}, StandardCharsets.ISO_8859_1)
                        + " chunk at byte " + at + " declares " + length + " bytes where " + remaining + " remain");
            }
            chunks.add(new Chunk(type, bytes.slice(at + 8, (int) length)));
            if (type == chunkType("IEND")) {
                break;
            }
            at += (int) length + 12; // length, type, data, CRC
        }
        return chunks;
    }

    /** The IHDR chunk's fields, or null when the bytes do not start as a PNG does. */
    private static Header header(ByteBuffer data) {
        if (data.remaining() < SIGNATURE.length + 8 + 13) {
            return null;
        }
        for (byte b : SIGNATURE) {
            if (data.get() != b) {
                return null;
            }
        }
        int length = data.getInt();
        if (length != 13 || data.getInt() != chunkType("IHDR")) {
            return null;
        }
        int width = data.getInt();
        int height = data.getInt();
        int bitDepth = data.get() & 0xFF;
        int colourType = data.get() & 0xFF;
        data.get(); // compression: deflate, the only one defined
        data.get(); // filter method: adaptive, the only one defined
        int interlace = data.get() & 0xFF;
        data.getInt(); // CRC
        return width > 0 && height > 0 ? new Header(width, height, bitDepth, colourType, interlace) : null;
    }

    /** Inflates the IDAT chunks row by row, undoing each row's filter, into 16-bit samples. */
    private static short[] inflate(ByteBuffer data, Header header) throws DataFormatException {
        int bytesPerPixel = header.bitDepth() / 8;
        int rowBytes = header.width() * bytesPerPixel;
        byte[] row = new byte[rowBytes + 1];
        byte[] previous = new byte[rowBytes + 1];
        short[] samples = new short[header.width() * header.height()];
        List<ByteBuffer> chunks = imageData(data);
        Inflater inflater = new Inflater();
        try {
            int next = 0;
            for (int y = 0; y < header.height(); y++) {
                for (int filled = 0; filled < row.length;) {
                    int n = inflater.inflate(row, filled, row.length - filled);
                    filled += n;
                    if (n == 0) {
                        if (inflater.finished() || inflater.needsDictionary() || next == chunks.size()) {
                            throw new DataFormatException("image data ends at row " + y + " of " + header.height());
                        }
                        inflater.setInput(chunks.get(next++));
                    }
                }
                unfilter(row, previous, bytesPerPixel, y);
                store(row, samples, y * header.width(), header.width(), bytesPerPixel);
                byte[] swap = previous;
                previous = row;
                row = swap;
            }
        } finally {
            inflater.end();
        }
        return samples;
    }

    /** The data of every IDAT chunk, in order, up to IEND. */
    private static List<ByteBuffer> imageData(ByteBuffer data) throws DataFormatException {
        List<ByteBuffer> idat = chunks(data).stream().filter(c -> c.type() == chunkType("IDAT"))
                .map(Chunk::data).toList();
        if (idat.isEmpty()) {
            throw new DataFormatException("no image data (IDAT)");
        }
        return idat;
    }

    /** Undoes a row's PNG filter in place; {@code row[0]} is the filter type, {@code previous} the row above. */
    private static void unfilter(byte[] row, byte[] previous, int bpp, int y) throws DataFormatException {
        int filter = row[0];
        int n = row.length;
        switch (filter) {
            case 0 -> {
            }
            case 1 -> {
                for (int i = 1 + bpp; i < n; i++) {
                    row[i] += row[i - bpp];
                }
            }
            case 2 -> {
                for (int i = 1; i < n; i++) {
                    row[i] += previous[i];
                }
            }
            case 3 -> {
                for (int i = 1; i < n; i++) {
                    int left = i > bpp ? row[i - bpp] & 0xFF : 0;
                    row[i] += (byte) ((left + (previous[i] & 0xFF)) >>> 1);
                }
            }
            case 4 -> {
                for (int i = 1; i < n; i++) {
                    int a = i > bpp ? row[i - bpp] & 0xFF : 0;
                    int b = previous[i] & 0xFF;
                    int c = i > bpp ? previous[i - bpp] & 0xFF : 0;
                    row[i] += (byte) paeth(a, b, c);
                }
            }
            default -> throw new DataFormatException("unknown filter type " + filter + " in row " + y);
        }
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /** One row's samples: 16-bit big-endian as they are, 8-bit widened (v becomes v * 257). */
    private static void store(byte[] row, short[] samples, int offset, int width, int bytesPerPixel) {
        if (bytesPerPixel == 2) {
            for (int x = 0, i = 1; x < width; x++, i += 2) {
                samples[offset + x] = (short) ((row[i] & 0xFF) << 8 | row[i + 1] & 0xFF);
            }
        } else {
            for (int x = 0; x < width; x++) {
                samples[offset + x] = (short) ((row[x + 1] & 0xFF) * 257);
            }
        }
    }

    /** A 16-bit grayscale PNG of the image. */
    static void write16(OutputStream out, GrayImage image) throws IOException {
        short[] samples = image.samples();
        write(out, image.width(), image.height(), 16, IMAGE_LEVEL, (y, row) -> {
            for (int i = 0, at = y * image.width(); i < image.width(); i++, at++) {
                row[1 + 2 * i] = (byte) (samples[at] >> 8);
                row[2 + 2 * i] = (byte) samples[at];
            }
        });
    }

    /** An 8-bit grayscale PNG of a mask: 255 inside, 0 outside. */
    static void write8(OutputStream out, int width, int height, boolean[] inside) throws IOException {
        write(out, width, height, 8, Deflater.BEST_COMPRESSION, (y, row) -> {
            for (int x = 0, at = y * width; x < width; x++, at++) {
                row[1 + x] = inside[at] ? (byte) 255 : 0;
            }
        });
    }

    /** Fills row y's bytes, from index 1 (index 0 is the filter type's). */
    private interface Rows {
        void fill(int y, byte[] row);
    }

    /** Signature, IHDR, one IDAT of rows filtered with Up (mammograms change little from row to row), IEND. */
    private static void write(OutputStream out, int width, int height, int bitDepth, int level, Rows rows)
            throws IOException {
        out.write(SIGNATURE);
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth).put((byte) GRAY)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array(), 13);
        int rowBytes = width * bitDepth / 8;
        byte[] row = new byte[rowBytes + 1];
        byte[] above = new byte[rowBytes + 1];
        byte[] filtered = new byte[rowBytes + 1];
        filtered[0] = UP;
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(rowBytes * height / 3);
        Deflater deflater = new Deflater(level);
        byte[] buffer = new byte[64 * 1024];
        try {
            for (int y = 0; y < height; y++) {
                rows.fill(y, row);
                for (int i = 1; i <= rowBytes; i++) {
                    filtered[i] = (byte) (row[i] - above[i]);
                }
                deflater.setInput(filtered);
                while (!deflater.needsInput()) {
                    compressed.write(buffer, 0, deflater.deflate(buffer));
                }
                byte[] swap = above;
                above = row;
                row = swap;
            }
            deflater.finish();
            while (!deflater.finished()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
        } finally {
            deflater.end();
        }
        chunk(out, "IDAT", compressed.toByteArray(), compressed.size());
        chunk(out, "IEND", new byte[0], 0);
    }

    private static void chunk(OutputStream out, String type, byte[] data, int length) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data, 0, length);
        out.write(ByteBuffer.allocate(8).putInt(length).put(name).array());
        out.write(data, 0, length);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static int chunkType(String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
    }
}
