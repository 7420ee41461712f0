package org.mammoflow.dicom;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ServiceRegistry;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.InvalidImageException;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;

/** Decodes a parsed file's pixel data (native, RLE Lossless or JPEG Lossless) into a 16-bit gray image. */
final class PixelDecoder {

    private PixelDecoder() {
    }

    static GrayImage decode(DicomFile dicom, PixelModule module) throws IOException {
        short[] gray = switch (dicom.syntax.pixels) {
            case NATIVE -> nativeSamples(dicom, module);
            case RLE -> rleSamples(dicom, module);
            case JPEG_LOSSLESS -> jpegSamples(dicom, module);
        };
        return new GrayImage(module.columns(), module.rows(), gray);
    }

    private static short[] nativeSamples(DicomFile dicom, PixelModule module) throws InvalidImageException {
        if (dicom.encapsulated()) {
            throw new InvalidImageException(dicom.file, "encapsulated pixel data in an uncompressed transfer syntax");
        }
        ByteBuffer data = dicom.nativePixels();
        long needed = (long) module.pixels() * (module.bitsAllocated() / 8);
        if (data.remaining() < needed) {
            throw new InvalidImageException(dicom.file, "pixel data too short: " + data.remaining()
                    + " bytes for " + module.columns() + " x " + module.rows() + " at " + module.bitsAllocated()
                    + " bits (" + needed + " needed)");
        }
        short[] gray = new short[module.pixels()];
        int shift = module.nativeShift();
        if (module.bitsAllocated() == 16) {
            data.asShortBuffer().get(gray); // in bulk: the words in the syntax's byte order
            if (!module.identity()) {
                for (int i = 0; i < gray.length; i++) {
                    gray[i] = (short) module.gray(Short.toUnsignedInt(gray[i]), shift);
                }
            }
        } else {
            byte[] bytes = new byte[gray.length];
            data.get(bytes);
            for (int i = 0; i < gray.length; i++) {
                gray[i] = (short) module.gray(Byte.toUnsignedInt(bytes[i]), shift);
            }
        }
        return gray;
    }

    /** RLE Lossless (PS3.5 annex G): one PackBits segment per byte of the allocated word, most significant first. */
    private static short[] rleSamples(DicomFile dicom, PixelModule module) throws InvalidImageException {
        ByteBuffer frame = ByteBuffer.wrap(dicom.encapsulatedFrame()).order(ByteOrder.LITTLE_ENDIAN);
        int bytesPerSample = module.bitsAllocated() / 8;
        if (frame.remaining() < 64) {
            throw new InvalidImageException(dicom.file, "RLE frame shorter than its 64-byte header");
        }
        int segments = frame.getInt(0);
        if (segments != bytesPerSample) {
            throw new InvalidImageException(dicom.file, "RLE frame has " + segments + " segments; "
                    + bytesPerSample + " expected for one sample of " + module.bitsAllocated() + " bits");
        }
        int pixels = module.pixels();
        byte[][] planes = new byte[segments][];
        for (int s = 0; s < segments; s++) {
            int start = frame.getInt(4 + 4 * s);
            int end = s + 1 < segments ? frame.getInt(8 + 4 * s) : frame.limit();
            if (start < 64 || end > frame.limit() || start > end) {
                throw new InvalidImageException(dicom.file, "RLE segment " + (s + 1) + " lies outside its frame");
            }
            planes[s] = unpackBits(dicom, frame, start, end, pixels);
        }
        short[] gray = new short[pixels];
        int shift = module.nativeShift();
        for (int i = 0; i < pixels; i++) {
            int word = segments == 2 ? (planes[0][i] & 0xFF) << 8 | planes[1][i] & 0xFF : planes[0][i] & 0xFF;
            gray[i] = (short) module.gray(word, shift);
        }
        return gray;
    }

    private static byte[] unpackBits(DicomFile dicom, ByteBuffer frame, int start, int end, int count)
            throws InvalidImageException {
        byte[] out = new byte[count];
        int at = 0;
        int i = start;
        while (at < count && i < end) {
            int n = frame.get(i++);
            if (n >= 0) {
                int run = Math.min(n + 1, Math.min(count - at, end - i));
                frame.get(i, out, at, run);
                at += run;
                i += n + 1;
            } else if (n != -128) {
                if (i >= end) {
                    break;
                }
                byte value = frame.get(i++);
                int run = Math.min(1 - n, count - at);
                java.util.Arrays.fill(out, at, at + run, value);
                at += run;
            }
        }
        if (at < count) {
            throw new InvalidImageException(dicom.file, "RLE segment decodes to " + at + " of " + count + " bytes");
        }
        return out;
    }

    private static short[] jpegSamples(DicomFile dicom, PixelModule module) throws IOException {
        ImageReader reader = jpegReader();
        try (var input = new MemoryCacheImageInputStream(new ByteArrayInputStream(dicom.encapsulatedFrame()))) {
            reader.setInput(input);
            Raster raster;
            try {
                // the codestream's own frame header, checked before the reader allocates what it promises
                if (reader.getWidth(0) != module.columns() || reader.getHeight(0) != module.rows()) {
                    throw new InvalidImageException(dicom.file, "JPEG data is " + reader.getWidth(0) + " x "
                            + reader.getHeight(0) + "; the header says " + module.columns() + " x " + module.rows());
                }
                BufferedImage image = reader.read(0);
                raster = image.getRaster();
            } catch (InvalidImageException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new InvalidImageException(dicom.file, "corrupt JPEG Lossless data (" + e.getMessage() + ")", e);
            }
            if (raster.getWidth() != module.columns() || raster.getHeight() != module.rows()
                    || raster.getNumBands() != 1) {
                throw new InvalidImageException(dicom.file, "JPEG data is " + raster.getWidth() + " x "
                        + raster.getHeight() + " with " + raster.getNumBands() + " components; the header says "
                        + module.columns() + " x " + module.rows() + " gray");
            }
            int[] samples = raster.getSamples(0, 0, raster.getWidth(), raster.getHeight(), 0, (int[]) null);
            short[] gray = new short[samples.length];
            // the JPEG codestream holds the stored values themselves, right-aligned
            for (int i = 0; i < samples.length; i++) {
                gray[i] = (short) module.gray(samples[i], 0);
            }
            return gray;
        } finally {
            reader.dispose();
        }
    }

    /**
     * TwelveMonkeys' JPEG reader (its lossless decoder) made without the global ImageIO registry,
     * which an OSGi framework does not fill from bundles: its spi finds the JDK's JPEG reader, its
     * delegate for lossy files, in a registry of its own.
     */
    private static ImageReader jpegReader() throws IOException {
        ServiceRegistry registry = new ServiceRegistry(List.<Class<?>>of(ImageReaderSpi.class).iterator());
        Iterator<ImageReaderSpi> providers = IIORegistry.getDefaultInstance()
                .getServiceProviders(ImageReaderSpi.class, false);
        while (providers.hasNext()) {
            ImageReaderSpi provider = providers.next();
            if (provider.getClass().getName().equals("com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi")) {
                registry.registerServiceProvider(provider, ImageReaderSpi.class);
            }
        }
        JPEGImageReaderSpi spi = new JPEGImageReaderSpi();
        registry.registerServiceProvider(spi, ImageReaderSpi.class);
        return spi.createReaderInstance(null);
    }
}
