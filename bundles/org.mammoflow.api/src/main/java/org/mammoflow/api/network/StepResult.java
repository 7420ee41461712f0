package org.mammoflow.api.network;

/** The outcome of one training step: mean weighted loss and how many samples were right. */
public record StepResult(double loss, int correct, int size) {
}
