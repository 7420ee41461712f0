package org.mammoflow.evaluation;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Mammoflow evaluation", description = "How predictions are scored and reported.")
public @interface EvaluationConfig {

    @AttributeDefinition(description = "Bootstrap resamples for the AUC's confidence interval (the paper: 3000)")
    int resamples() default 3000;

    @AttributeDefinition(description = "Confidence level of the interval")
    double confidence() default 0.95;

    @AttributeDefinition(description = "Malignant probability at or above which an image counts as malignant")
    double threshold() default 0.5;

    @AttributeDefinition(description = "Seed of the bootstrap (the same seed gives the same interval)")
    long seed() default 1;
}
