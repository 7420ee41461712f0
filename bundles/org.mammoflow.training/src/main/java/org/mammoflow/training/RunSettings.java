package org.mammoflow.training;

import java.util.Map;
import java.util.Properties;

/**
 * The settings of {@link TrainingConfig} that change a run's numbers, as they were when the run began.
 * They are written to run.properties with the request and read from there when the run resumes, so a
 * changed configuration (load/org.mammoflow.training.cfg, mammo:config) between a stop and a resume
 * trains the run that was begun. The schedule's epochs, learning rates, batch sizes and weight decay are
 * in the request; prefetch and keepCheckpoints change no number and stay live.
 */
record RunSettings(boolean augment, Augmentation.Kind wholeImageAugmentation, int featureCacheVariants, int patience) {

    private static final String PREFIX = "setting.";

    static RunSettings of(TrainingConfig config) {
        return new RunSettings(config.augment(), config.wholeImageAugmentation(), config.featureCacheVariants(),
                config.patience());
    }

    void writeTo(Properties p) {
        p.setProperty(PREFIX + "augment", String.valueOf(augment));
        p.setProperty(PREFIX + "wholeImageAugmentation", wholeImageAugmentation.name());
        p.setProperty(PREFIX + "featureCacheVariants", String.valueOf(featureCacheVariants));
        p.setProperty(PREFIX + "patience", String.valueOf(patience));
    }

    /**
     * The settings a run folder's properties record. A run begun before they were recorded has none:
     * it takes {@code unrecorded} (the live configuration), as it did then.
     */
    static RunSettings readFrom(Map<String, String> p, RunSettings unrecorded) {
        if (p.get(PREFIX + "augment") == null) {
            return unrecorded;
        }
        String augment = p.get(PREFIX + "augment");
        if (!augment.equals("true") && !augment.equals("false")) {
            throw new IllegalArgumentException(PREFIX + "augment is " + augment + ", not true or false");
        }
        return new RunSettings(Boolean.parseBoolean(augment),
                Augmentation.Kind.valueOf(p.get(PREFIX + "wholeImageAugmentation")),
                Integer.parseInt(p.get(PREFIX + "featureCacheVariants")),
                Integer.parseInt(p.get(PREFIX + "patience")));
    }

    /** The augmentation of this run's training inputs: none, or whole images' (configured) or patches' (the paper's). */
    Augmentation.Kind augmentation(boolean wholeImage) {
        if (!augment) {
            return Augmentation.Kind.NONE;
        }
        return wholeImage ? wholeImageAugmentation : Augmentation.Kind.PAPER;
    }
}
