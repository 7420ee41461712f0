package org.mammoflow.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.ImageFormat;
import org.mammoflow.api.image.ImageHeader;
import org.mammoflow.api.image.ImageIdentity;
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

        @AttributeDefinition(description = "Read images whose Presentation Intent Type is FOR PROCESSING (raw"
                + " detector data); off: they are refused, as the method was trained on images for presentation")
        boolean acceptForProcessing() default false;

        @AttributeDefinition(description = "Apply the file's VOI LUT or Window Center/Width (with its rescale) to"
                + " the stored values; off: stored values map exactly and linearly onto 16-bit gray")
        boolean applyVoiLut() default false;
    }

    private final IntakeRules rules;

    @Activate
    public DicomFiles(Config config) {
        this.rules = IntakeRules.of(config);
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
        DicomFile dicom = DicomFile.parse(file, rules.maxDataSetBytes());
        PixelModule module = rules.check(dicom);
        GrayImage image = PixelDecoder.decode(dicom, module);
        return new ScannedImage(image, dicom.attributes());
    }

    @Override
    public ImageHeader header(Path file) throws IOException {
        DicomFile dicom = DicomFile.parse(file, rules.maxDataSetBytes());
        PixelModule module = rules.check(dicom);
        return new ImageHeader(module.columns(), module.rows(), module.voi() == null ? module.bitsStored() : 16, true);
    }

    @Override
    public ImageAttributes attributes(Path file) throws IOException {
        return DicomFile.parse(file, rules.maxDataSetBytes()).attributes();
    }

    @Override
    public ImageIdentity identity(Path file) throws IOException {
        DicomFile dicom = DicomFile.parse(file, rules.maxDataSetBytes());
        return new ImageIdentity(dicom.string(DicomFile.STUDY_INSTANCE_UID), dicom.string(DicomFile.SERIES_INSTANCE_UID),
                dicom.string(DicomFile.SOP_INSTANCE_UID));
    }

}
