package org.mammoflow.api.evaluation;

import java.util.Locale;
import java.util.Objects;

/**
 * A decision threshold on the exam's score (its raw, uncalibrated probability), chosen on validation
 * exams to reach a sensitivity or a specificity: an exam scoring at or above it is recalled.
 */
public record OperatingPoint(String name, Target target, double threshold) {

    /** What a threshold is chosen for: at least this sensitivity, or at least this specificity. */
    public record Target(Criterion criterion, double value) {

        public Target {
            Objects.requireNonNull(criterion, "criterion");
            if (!(value > 0 && value <= 1)) {
                throw new IllegalArgumentException(criterion.label + " " + value + " is not in (0, 1]");
            }
        }

        /** {@code sensitivity:0.9} or {@code specificity:0.95}. */
        public static Target parse(String text) {
            String[] parts = text.strip().split(":", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("'" + text + "' is not CRITERION:VALUE (sensitivity:0.9)");
            }
            Criterion criterion = switch (parts[0].strip().toLowerCase(Locale.ROOT)) {
                case "sensitivity" -> Criterion.SENSITIVITY;
                case "specificity" -> Criterion.SPECIFICITY;
                default -> throw new IllegalArgumentException("'" + parts[0] + "': sensitivity or specificity");
            };
            try {
                return new Target(criterion, Double.parseDouble(parts[1].strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[1] + "' is not a number", e);
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %.3f", criterion.label, value);
        }
    }

    public enum Criterion {
        SENSITIVITY("sensitivity"), SPECIFICITY("specificity");

        public final String label;

        Criterion(String label) {
            this.label = label;
        }
    }

    public OperatingPoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        if (!name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("operating point name '" + name + "': letters, digits, _, . and - only");
        }
    }

    /** Whether an exam with this score is recalled. */
    public boolean recalls(double examScore) {
        return examScore >= threshold;
    }
}
