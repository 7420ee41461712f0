package org.mammoflow.training;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Mammoflow training",
        description = "How training jobs run: augmentation, early stopping, data pipeline, and the default patch schedule"
                + " (Shen et al. 2019: fc, then layer4.2 + fc, then all layers).")
public @interface TrainingConfig {

    @AttributeDefinition(description = "Epochs of the three patch-classifier stages; 0 to 1000", min = "0", max = "1000")
    int[] patchEpochs() default {3, 10, 37};

    @AttributeDefinition(description = "Adam learning rates of the three patch-classifier stages; 1e-7 to 1", min = "1e-7", max = "1")
    double[] patchLearningRates() default {1e-3, 1e-4, 1e-5};

    @AttributeDefinition(description = "Epochs of the two whole-image stages (new layers, then all); 0 to 1000", min = "0", max = "1000")
    int[] wholeEpochs() default {30, 20};

    @AttributeDefinition(description = "Adam learning rates of the two whole-image stages; 1e-7 to 1", min = "1e-7", max = "1")
    double[] wholeLearningRates() default {1e-4, 1e-5};

    @AttributeDefinition(description = "Whole images per batch (the paper: 12 on a GPU; a 1152 x 896 image takes about"
            + " 5 GB through ResNet50 on the CPU); 1 to 1024", min = "1", max = "1024")
    int wholeBatchSize() default 2;

    @AttributeDefinition(description = "L2 weight decay of every stage; 0 to 1", min = "0", max = "1")
    double weightDecay() default 1e-4;

    @AttributeDefinition(description = "Patches per batch; 1 to 4096", min = "1", max = "4096")
    int batchSize() default 32;

    @AttributeDefinition(description = "Random flips, rotation +-25 deg, shear +-0.2 rad, zoom 0.8-1.2 and intensity"
            + " shift +-20% on training images")
    boolean augment() default true;

    @AttributeDefinition(description = "A stage ends early after this many epochs without a lower validation loss"
            + " (0: never); 0 to 1000", min = "0", max = "1000")
    int patience() default 5;

    @AttributeDefinition(description = "Batches decoded and augmented ahead of the network (bounded memory); 1 to 64", min = "1", max = "64")
    int prefetch() default 3;

    @AttributeDefinition(min = "0", max = "64", description = "Whole-image stage 1 trains the new layers on the frozen"
            + " patch network's output, computed once per training image in this many augmentation variants (the first"
            + " the image as it is; float16 in the run folder's feature-cache/, removed when the stage ends);"
            + " 0: no cache, every epoch runs the whole network on freshly augmented images")
    int featureCacheVariants() default 4;

    @AttributeDefinition(description = "Augmentation of whole images: FLIPS (horizontal and vertical, so at most 4"
            + " distinct cached variants) or PAPER (also rotation, shear, zoom and intensity shift, which move the frozen"
            + " patch network's features far more than the classes differ); patches always get PAPER")
    Augmentation.Kind wholeImageAugmentation() default Augmentation.Kind.FLIPS;

    @AttributeDefinition(min = "1", max = "1000", description = "Epoch checkpoints a run keeps besides best.npz: the"
            + " latest ones (resume starts after the latest complete one)")
    int keepCheckpoints() default 1;
}
