package org.mammoflow.evaluation;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Mammoflow evaluation", description = "How predictions are scored and reported.")
public @interface EvaluationConfig {

    @AttributeDefinition(description = "Bootstrap resamples for the AUC's confidence interval (the paper: 3000); 100 to 100000", min = "100", max = "100000")
    int resamples() default 3000;

    @AttributeDefinition(description = "Confidence level of the interval; 0.5 to 0.999", min = "0.5", max = "0.999")
    double confidence() default 0.95;

    @AttributeDefinition(description = "Malignant probability at or above which an image counts as malignant; 0 to 1", min = "0", max = "1")
    double threshold() default 0.5;

    @AttributeDefinition(description = "Seed of the bootstrap (the same seed gives the same interval)")
    long seed() default 1;
}
