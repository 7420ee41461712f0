package org.mammoflow.api.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Reads mammograms and masks from grayscale PNG files and from every registered {@link ImageFormat}
 * (DICOM with the DICOM bundle), and writes them as grayscale PNG. 16-bit samples are kept exactly;
 * 8-bit and lower depths are widened to 16 bits. A file that cannot be used gives an
 * {@link InvalidImageException} naming the file and the problem.
 */
@ProviderType
public interface ImageFiles {

    GrayImage read(Path file) throws IOException;

    /** The image and what its file says of it (patient, breast, view), reading the file once where the format allows. */
    default ScannedImage scan(Path file) throws IOException {
        return new ScannedImage(read(file), attributes(file));
    }

    /** The checked header of an image file: cheap, no pixel is decoded. */
    ImageHeader header(Path file) throws IOException;

    /** What the file says of patient, breast and view ({@link ImageAttributes#NONE} for a PNG). */
    ImageAttributes attributes(Path file) throws IOException;

    /**
     * The file's Study, Series and SOP Instance UIDs ({@link ImageIdentity#NONE} for a PNG).
     *
     * @since 1.3
     */
    ImageIdentity identity(Path file) throws IOException;

    /** Every file below the folder, sorted, that is in a format this service reads (PNG or registered). */
    List<Path> imagesIn(Path folder) throws IOException;

    /** Whether the file is in a format this service reads (PNG or a registered format), from its first bytes. */
    boolean readable(Path file) throws IOException;

    /** A binary mask: every non-zero pixel is inside. */
    Mask readMask(Path file) throws IOException;

    /** Writes a 16-bit grayscale PNG atomically (a reader never sees half a file). */
    void write(Path file, GrayImage image) throws IOException;

    /** Writes a mask as an 8-bit PNG (0 outside, 255 inside), atomically. */
    void writeMask(Path file, Mask mask) throws IOException;

    /** Writes a picture for people (a training curve, an ROC curve, a heatmap) as a PNG, atomically. */
    void writePicture(Path file, BufferedImage picture) throws IOException;
}
