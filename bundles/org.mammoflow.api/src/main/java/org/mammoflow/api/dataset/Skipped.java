package org.mammoflow.api.dataset;

/** An input row or file that an import left out, and why. {@code where} names the file (and line). */
public record Skipped(String where, String problem) {

    @Override
    public String toString() {
        return where + ": " + problem;
    }
}
