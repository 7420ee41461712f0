package org.mammoflow.imaging;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.apache.commons.imaging.ImageFormats;
import org.apache.commons.imaging.ImageInfo;
import org.apache.commons.imaging.Imaging;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.image.ImageFormat;
import org.mammoflow.api.image.ImageHeader;
import org.mammoflow.api.image.ImageIdentity;
import org.mammoflow.api.image.InvalidImageException;
import org.mammoflow.api.image.Mask;
import org.mammoflow.api.image.ScannedImage;
import org.mammoflow.files.AtomicFiles;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Grayscale PNG files, and the files of every registered {@link ImageFormat} (DICOM): a file that
 * starts with PNG's signature is a PNG; any other goes to the first format that accepts it. Formats
 * come and go with their bundles. 8- and 16-bit grayscale files, the mammograms' own, are read and
 * written by {@link GrayPng}, which checks the header's size against the limit before inflating; for
 * any other PNG, Commons Imaging checks the header (format, size, colour) before javax.imageio decodes
 * it. Pictures are encoded by javax.imageio.
 */
@Component
@Designate(ocd = PngFiles.Config.class)
public class PngFiles implements ImageFiles {


    @ObjectClassDefinition(name = "Mammoflow PNG files", description = "Reading and writing grayscale PNG images")
    public @interface Config {
        @AttributeDefinition(description = "Largest image accepted, in megapixels (full-field mammograms are about 15); 1 to 1000", min = "1", max = "1000")
        int maxMegapixels() default 100;
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10};

    private final long maxPixels;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ImageFormat> formats = List.of();

    @Activate
    public PngFiles(Config config) {
        this.maxPixels = config.maxMegapixels() * 1_000_000L;
    }

    /** For a caller outside a framework (tests, benchmarks): these formats besides PNG. */
    PngFiles(Config config, List<ImageFormat> formats) {
        this(config);
        this.formats = List.copyOf(formats);
    }

    @Override
    public GrayImage read(Path file) throws IOException {
        ImageFormat format = formatOf(file);
        if (format != null) {
            return format.read(file).image();
        }
        GrayImage gray = GrayPng.read(file, maxPixels);
        if (gray != null) {
            return gray;
        }
        ImageInfo header = inspect(file);
        BufferedImage decoded = decode(file);
        return Grayscale.of(file, decoded, header.getBitsPerPixel());
    }

    /** A file of a registered format parsed once for both; a PNG says nothing of its patient. */
    @Override
    public ScannedImage scan(Path file) throws IOException {
        ImageFormat format = formatOf(file);
        return format != null ? format.read(file) : new ScannedImage(read(file), ImageAttributes.NONE);
    }

    @Override
    public ImageHeader header(Path file) throws IOException {
        ImageFormat format = formatOf(file);
        if (format != null) {
            return format.header(file);
        }
        ImageInfo info = inspect(file);
        return new ImageHeader(info.getWidth(), info.getHeight(), info.getBitsPerPixel(),
                info.getColorType() == ImageInfo.ColorType.GRAYSCALE || info.getColorType() == ImageInfo.ColorType.BW);
    }

    @Override
    public ImageAttributes attributes(Path file) throws IOException {
        return described(file, ImageFormat::attributes, ImageAttributes.NONE);
    }

    @Override
    public ImageIdentity identity(Path file) throws IOException {
        return described(file, ImageFormat::identity, ImageIdentity.NONE);
    }

    /** What the file's format says of it; a PNG, once checked, says nothing ({@code none}). */
    private <T> T described(Path file, FormatQuery<T> query, T none) throws IOException {
        ImageFormat format = formatOf(file);
        if (format != null) {
            return query.of(format, file);
        }
        inspect(file);
        return none;
    }

    private interface FormatQuery<T> {
        T of(ImageFormat format, Path file) throws IOException;
    }

    @Override
    public boolean readable(Path file) throws IOException {
        return Files.isRegularFile(file) && (isPng(file) || claimant(file) != null);
    }

    @Override
    public List<Path> imagesIn(Path folder) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(folder)) {
            all = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> images = new ArrayList<>();
        for (Path file : all) {
            if (readable(file)) {
                images.add(file);
            }
        }
        return images;
    }

    /** The format that reads this file, or null for a PNG (or a file no format claims). */
    private ImageFormat formatOf(Path file) throws IOException {
        return !Files.isRegularFile(file) || isPng(file) ? null : claimant(file);
    }

    /** The first registered format that accepts the file, or null. */
    private ImageFormat claimant(Path file) throws IOException {
        for (ImageFormat format : formats) {
            if (format.accepts(file)) {
                return format;
            }
        }
        return null;
    }

    private static boolean isPng(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(PNG_SIGNATURE.length), PNG_SIGNATURE);
        }
    }

    @Override
    public Mask readMask(Path file) throws IOException {
        GrayImage image = read(file);
        short[] samples = image.samples();
        boolean[] inside = new boolean[samples.length];
        for (int i = 0; i < samples.length; i++) {
            inside[i] = samples[i] != 0;
        }
        return new Mask(image.width(), image.height(), inside);
    }

    @Override
    public void write(Path file, GrayImage image) throws IOException {
        AtomicFiles.write(file, out -> GrayPng.write16(out, image));
    }

    @Override
    public void writeMask(Path file, Mask mask) throws IOException {
        AtomicFiles.write(file, out -> GrayPng.write8(out, mask.width(), mask.height(), mask.inside()));
    }

    @Override
    public void writePicture(Path file, BufferedImage picture) throws IOException {
        writeAtomically(file, picture);
    }

    /** The header, checked: a PNG of acceptable size. */
    ImageInfo inspect(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InvalidImageException(file, Files.exists(file) ? "not a regular file" : "file not found");
        }
        long length = length(file);
        if (length == 0) {
            throw new InvalidImageException(file, "empty file (0 bytes)");
        }
        checkedPng(file);
        ImageInfo header;
        try {
            header = Imaging.getImageInfo(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new InvalidImageException(file, "not a readable image (" + reason(e) + "); expected "
                    + readableFormats(), e);
        }
        if (header.getFormat() != ImageFormats.PNG) {
            throw new InvalidImageException(file, "is a " + header.getFormat().getName() + " image; expected "
                    + readableFormats());
        }
        long pixels = (long) header.getWidth() * header.getHeight();
        if (pixels > maxPixels) {
            throw new InvalidImageException(file, "oversized: " + header.getWidth() + " x " + header.getHeight()
                    + " is more than the limit of " + maxPixels / 1_000_000 + " megapixels");
        }
        return header;
    }

    /**
     * A file that starts with PNG's signature and whose chunks lie within it: only such a file reaches
     * Commons Imaging's parsers, which allocate what a header declares. Another format is named from
     * its first bytes alone.
     */
    private void checkedPng(Path file) throws IOException {
        if (!isPng(file)) {
            org.apache.commons.imaging.ImageFormat guessed = guessedFormat(file);
            // Commons Imaging guesses from the name too: a .png without the signature is no PNG
            throw new InvalidImageException(file, guessed == ImageFormats.UNKNOWN || guessed == ImageFormats.PNG
                    ? "not a readable image (no PNG signature); expected " + readableFormats()
                    : "is a " + guessed.getName() + " image; expected " + readableFormats());
        }
        GrayPng.checkChunks(file);
    }

    /** The format a file's first bytes suggest; unknown where they are too few (Commons Imaging then throws). */
    private static org.apache.commons.imaging.ImageFormat guessedFormat(Path file) {
        try {
            return Imaging.guessFormat(file.toFile());
        } catch (IOException | RuntimeException e) {
            return ImageFormats.UNKNOWN;
        }
    }

    private String readableFormats() {
        StringBuilder names = new StringBuilder("PNG");
        formats.forEach(format -> names.append(" or ").append(format.name()));
        return names.toString();
    }

    private static BufferedImage decode(Path file) throws InvalidImageException {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new InvalidImageException(file, "no PNG decoder accepted the file");
            }
            return image;
        } catch (IOException | RuntimeException e) {
            throw new InvalidImageException(file, "corrupt or truncated PNG data (" + reason(e) + ")", e);
        }
    }

    /** Through {@link AtomicFiles}: readers never see half a file. */
    private static void writeAtomically(Path file, BufferedImage png) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(png, "png", out)) {
                throw new IOException(file + ": no PNG encoder available");
            }
        });
    }

    private static long length(Path file) throws InvalidImageException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new InvalidImageException(file, "cannot be read (" + reason(e) + ")", e);
        }
    }

    static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
