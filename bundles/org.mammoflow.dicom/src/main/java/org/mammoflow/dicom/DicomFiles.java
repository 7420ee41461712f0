package org.mammoflow.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.ImageFormat;
import org.mammoflow.api.image.ImageHeader;
import org.mammoflow.api.image.ImageIdentity;
import org.mammoflow.api.image.InvalidImageException;
import org.mammoflow.api.image.ScannedImage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * DICOM Part 10 files (and bare data sets) as Mammoflow images: single-frame grayscale, in the
 * transfer syntaxes {@link TransferSyntax} lists. Stored values map exactly and linearly onto 16-bit
 * gray ({@link PixelModule#gray}); PatientID, laterality and view position come along.
 */
@Component(property = "format=DICOM")
@Designate(ocd = DicomFiles.Config.class)
public class DicomFiles implements ImageFormat {

    @ObjectClassDefinition(name = "Mammoflow DICOM files", description = "Reading DICOM mammograms")
    public @interface Config {
        @AttributeDefinition(description = "Largest image accepted, in megapixels (full-field mammograms are about 15); 1 to 1000",
                min = "1", max = "1000")
        int maxMegapixels() default 100;
    }

    /** Room in a data set beyond its pixels, for the other attributes (overlays, private and curve data). */
    private static final long OTHER_ATTRIBUTES_BYTES = 64L << 20;

    private final long maxPixels;
    /** The largest data set an image within the limit makes: 16-bit pixels and the other attributes. */
    private final long maxDataSetBytes;

    @Activate
    public DicomFiles(Config config) {
        if (config.maxMegapixels() < 1 || config.maxMegapixels() > 1000) {
            throw new IllegalArgumentException("maxMegapixels must be 1 to 1000, not " + config.maxMegapixels());
        }
        this.maxPixels = config.maxMegapixels() * 1_000_000L;
        this.maxDataSetBytes = 2 * maxPixels + OTHER_ATTRIBUTES_BYTES;
    }

    @Override
    public String name() {
        return "DICOM";
    }

    /** A .dcm or .dicom file, or any file that starts as DICOM does (CBIS-DDSM's are named 1-1.dcm). */
    @Override
    public boolean accepts(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".dcm") || name.endsWith(".dicom") || DicomFile.looksLikeDicom(file);
    }

    @Override
    public ScannedImage read(Path file) throws IOException {
        DicomFile dicom = DicomFile.parse(file, maxDataSetBytes);
        PixelModule module = checked(dicom);
        GrayImage image = PixelDecoder.decode(dicom, module);
        return new ScannedImage(image, dicom.attributes());
    }

    @Override
    public ImageHeader header(Path file) throws IOException {
        DicomFile dicom = DicomFile.parse(file, maxDataSetBytes);
        PixelModule module = checked(dicom);
        return new ImageHeader(module.columns(), module.rows(), module.bitsStored(), true);
    }

    @Override
    public ImageAttributes attributes(Path file) throws IOException {
        return DicomFile.parse(file, maxDataSetBytes).attributes();
    }

    @Override
    public ImageIdentity identity(Path file) throws IOException {
        DicomFile dicom = DicomFile.parse(file, maxDataSetBytes);
        return new ImageIdentity(dicom.string(DicomFile.STUDY_INSTANCE_UID), dicom.string(DicomFile.SERIES_INSTANCE_UID),
                dicom.string(DicomFile.SOP_INSTANCE_UID));
    }

    private PixelModule checked(DicomFile dicom) throws InvalidImageException {
        PixelModule module = PixelModule.of(dicom);
        if ((long) module.pixels() > maxPixels) {
            throw new InvalidImageException(dicom.file, "oversized: " + module.columns() + " x " + module.rows()
                    + " is more than the limit of " + maxPixels / 1_000_000 + " megapixels");
        }
        return module;
    }
}
