package org.mammoflow.api.evaluation;

/**
 * Discrimination at one level ({@code image}, {@code breast} or {@code exam}): cases, cancers among
 * them, AUROC and AUPRC (the area under the precision-recall curve by the trapezoid rule, as the NYU
 * meta-repository's scorer computes it), each with a bootstrap interval.
 */
public record LevelMetrics(String level, int cases, int positives, double auroc, Interval aurocInterval,
        double auprc, Interval auprcInterval) {
}
