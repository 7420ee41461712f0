package org.mammoflow.dicom;

import org.mammoflow.api.image.InvalidImageException;

/**
 * What a DICOM file must be for Mammoflow to read it, from the DICOM files' settings: a mammogram
 * (Modality MG, where the file names one), for presentation unless the user accepts images for
 * processing, within the size limit, which is checked before any pixel memory is taken.
 */
record IntakeRules(long maxPixels, boolean acceptForProcessing, boolean applyVoiLut) {

    /** Room in a data set beyond its pixels, for the other attributes (overlays, private and curve data). */
    private static final long OTHER_ATTRIBUTES_BYTES = 64L << 20;

    static IntakeRules of(DicomFiles.Config config) {
        if (config.maxMegapixels() < 1 || config.maxMegapixels() > 1000) {
            throw new IllegalArgumentException("maxMegapixels must be 1 to 1000, not " + config.maxMegapixels());
        }
        return new IntakeRules(config.maxMegapixels() * 1_000_000L, config.acceptForProcessing(), config.applyVoiLut());
    }

    /** The largest data set an image within the limit makes: 16-bit pixels and the other attributes. */
    long maxDataSetBytes() {
        return 2 * maxPixels + OTHER_ATTRIBUTES_BYTES;
    }

    /** The file's pixel module once the file passes every rule; the reason it does not otherwise. */
    PixelModule check(DicomFile dicom) throws InvalidImageException {
        String modality = dicom.string(DicomFile.MODALITY);
        if (!modality.isEmpty() && !modality.equals("MG")) {
            throw new InvalidImageException(dicom.file, "Modality " + modality
                    + " is not a mammogram (MG); Mammoflow reads mammograms only");
        }
        if (dicom.string(DicomFile.PRESENTATION_INTENT_TYPE).equals("FOR PROCESSING") && !acceptForProcessing) {
            throw new InvalidImageException(dicom.file, "an image FOR PROCESSING (raw detector data, not meant for"
                    + " display): the method was trained on images for presentation; set acceptForProcessing"
                    + " (org.mammoflow.dicom.DicomFiles) to read it anyway");
        }
        PixelModule module = PixelModule.of(dicom, applyVoiLut);
        if ((long) module.pixels() > maxPixels) {
            throw new InvalidImageException(dicom.file, "oversized: " + module.columns() + " x " + module.rows()
                    + " is more than the limit of " + maxPixels / 1_000_000 + " megapixels");
        }
        return module;
    }
}
