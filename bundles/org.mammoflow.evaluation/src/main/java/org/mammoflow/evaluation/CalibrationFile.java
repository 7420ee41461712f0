package org.mammoflow.evaluation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.mammoflow.api.evaluation.Calibration;
import org.mammoflow.api.evaluation.ModelCalibration;
import org.mammoflow.api.evaluation.OperatingPoint;
import org.mammoflow.api.evaluation.ViewCombination;
import org.mammoflow.files.AtomicFiles;

/**
 * A checkpoint's calibration as a properties file beside it ({@code best.npz}:
 * {@code best.calibration.properties}): plain text a user can read, numbers written exactly
 * (shortest round-trip form), every key checked on reading.
 */
final class CalibrationFile {

    static final String FORMAT = "mammoflow-calibration/1";
    private static final String POINT = "operating_point.";

    private CalibrationFile() {
    }

    static Path of(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        String stem = name.endsWith(".npz") ? name.substring(0, name.length() - 4) : name;
        return checkpoint.resolveSibling(stem + ".calibration.properties");
    }

    static Path write(Path file, ModelCalibration c) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("format", FORMAT);
        values.put("checkpoints_sha256", String.join(",", c.checkpointSha256()));
        values.put("views", c.views().name().toLowerCase(Locale.ROOT));
        values.put("method", c.calibration().method().name().toLowerCase(Locale.ROOT));
        if (c.calibration().method() == Calibration.Method.PLATT) {
            values.put("a", Double.toString(c.calibration().a()));
            values.put("b", Double.toString(c.calibration().b()));
        } else {
            values.put("x", numbers(c.calibration().x()));
            values.put("y", numbers(c.calibration().y()));
        }
        values.put("fitted_on", c.fittedOn().replaceAll("[\\r\\n\\\\]", "_")); // one line, no escapes: a description
        values.put("images", Integer.toString(c.images()));
        values.put("exams", Integer.toString(c.exams()));
        for (OperatingPoint p : c.operatingPoints()) {
            values.put(POINT + p.name(), p.target().criterion().label + ":" + p.target().value() + "@" + p.threshold());
        }
        return AtomicFiles.writeSettings(file, "Mammoflow calibration (mammo:calibrate)", values);
    }

    static Optional<ModelCalibration> read(Path file) throws IOException {
        Optional<Map<String, String>> read = AtomicFiles.readSettings(file);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> v = read.get();
        try {
            if (!FORMAT.equals(v.get("format"))) {
                throw new IllegalArgumentException("format is not " + FORMAT);
            }
            Calibration.Method method = Calibration.Method.parse(required(v, "method"));
            Calibration calibration = method == Calibration.Method.PLATT
                    ? Calibration.platt(Double.parseDouble(required(v, "a")), Double.parseDouble(required(v, "b")))
                    : Calibration.isotonic(numbers(required(v, "x")), numbers(required(v, "y")));
            List<OperatingPoint> points = new ArrayList<>();
            for (Map.Entry<String, String> e : v.entrySet()) {
                if (e.getKey().startsWith(POINT)) {
                    String[] parts = e.getValue().split("@", 2);
                    if (parts.length != 2) {
                        throw new IllegalArgumentException(e.getKey() + " is not CRITERION:VALUE@THRESHOLD");
                    }
                    points.add(new OperatingPoint(e.getKey().substring(POINT.length()),
                            OperatingPoint.Target.parse(parts[0]), Double.parseDouble(parts[1])));
                }
            }
            points.sort((p, q) -> p.name().compareTo(q.name()));
            return Optional.of(new ModelCalibration(Arrays.asList(required(v, "checkpoints_sha256").split(",")),
                    ViewCombination.parse(required(v, "views")), calibration, points, v.getOrDefault("fitted_on", ""),
                    Integer.parseInt(required(v, "images")), Integer.parseInt(required(v, "exams"))));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": not a readable calibration (" + e.getMessage() + "); run mammo:calibrate again",
                    e);
        }
    }

    private static String required(Map<String, String> values, String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no " + key);
        }
        return value;
    }

    private static String numbers(double[] values) {
        return String.join(" ", Arrays.stream(values).mapToObj(Double::toString).toList());
    }

    private static double[] numbers(String text) {
        return Arrays.stream(text.strip().split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    }
}
