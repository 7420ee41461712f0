package org.mammoflow.imaging;

import java.util.List;

import org.mammoflow.api.image.Box;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.Mammogram;
import org.mammoflow.api.image.Mask;
import org.mammoflow.api.image.PreprocessingSettings;
import org.mammoflow.api.image.PreprocessingSettings.Fit;
import org.mammoflow.api.image.Preprocessor;
import org.mammoflow.api.image.Roi;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The paper's preprocessing (METHOD.md): breast segmentation removing labels and markers, optional
 * crop to the breast, resize to 1152 x 896. The ROI masks get exactly the image's geometry.
 */
@Component(configurationPid = BreastPreprocessor.PID)
@Designate(ocd = BreastPreprocessor.Config.class)
public class BreastPreprocessor implements Preprocessor {

    static final String PID = "org.mammoflow.imaging.preprocessor";

    @ObjectClassDefinition(name = "Mammoflow preprocessing", description = "Segmentation and resizing of mammograms")
    public @interface Config {
        @AttributeDefinition(description = "Output height in pixels (paper: 1152); 32 to 8192", min = "32", max = "8192")
        int height() default 1152;

        @AttributeDefinition(description = "Output width in pixels (paper: 896); 32 to 8192", min = "32", max = "8192")
        int width() default 896;

        @AttributeDefinition(description = "STRETCH scales each axis (Keras code); KEEP_ASPECT scales to the height "
                + "and pads or centre-crops the width (PyTorch code)")
        Fit fit() default Fit.STRETCH;

        @AttributeDefinition(description = "Keep only the largest bright region (the breast), removing labels and markers")
        boolean segment() default true;

        @AttributeDefinition(description = "Segmentation threshold as a fraction of the image maximum (paper: 0.05); 0.001 to 0.999", min = "0.001", max = "0.999")
        double threshold() default 0.05;

        @AttributeDefinition(description = "Crop to the breast's bounding box before resizing (needs segment)")
        boolean cropToBreast() default false;
    }

    private volatile Config config;

    @Activate
    public BreastPreprocessor(Config config) {
        this.config = config;
    }

    @Modified
    void modified(Config newConfig) {
        this.config = newConfig;
    }

    @Override
    public Mammogram preprocess(Mammogram raw) {
        return preprocess(raw, settings());
    }

    @Override
    public Mammogram preprocess(Mammogram raw, int height, int width) {
        return preprocess(raw, settings().withSize(height, width));
    }

    @Override
    public PreprocessingSettings settings() {
        Config c = config;
        return new PreprocessingSettings(c.height(), c.width(), c.fit(), c.segment(), c.threshold(), c.cropToBreast());
    }

    @Override
    public Mammogram preprocess(Mammogram raw, PreprocessingSettings settings) {
        GrayImage image = raw.image();
        Box window = new Box(0, 0, image.width(), image.height());
        if (settings.segment()) {
            BreastSegmentation.Region breast = BreastSegmentation.of(image, settings.threshold());
            image = keepInside(image, breast.mask());
            if (settings.cropToBreast()) {
                window = breast.bounds();
            }
        }
        Resampling geometry = geometry(window, settings.fit(), settings.height(), settings.width());
        List<Roi> rois = raw.rois().stream()
                .map(roi -> new Roi(roi.type(), roi.pathology(), geometry.apply(roi.mask())))
                .toList();
        return raw.with(geometry.apply(image), rois);
    }

    static Resampling geometry(Box window, Fit fit, int height, int width) {
        double scaleY = height / (double) window.height();
        if (fit == Fit.STRETCH) {
            return new Resampling(window.x(), window.y(), width / (double) window.width(), scaleY, width, height);
        }
        // Same scale on both axes; centre the window's width in the output (pad or crop).
        double x0 = window.x() + (window.width() - width / scaleY) / 2;
        return new Resampling(x0, window.y(), scaleY, scaleY, width, height);
    }

    /** The image with every pixel outside the mask set to black. */
    static GrayImage keepInside(GrayImage image, Mask mask) {
        short[] samples = image.samples().clone();
        boolean[] inside = mask.inside();
        for (int i = 0; i < samples.length; i++) {
            if (!inside[i]) {
                samples[i] = 0;
            }
        }
        return new GrayImage(image.width(), image.height(), samples);
    }
}
