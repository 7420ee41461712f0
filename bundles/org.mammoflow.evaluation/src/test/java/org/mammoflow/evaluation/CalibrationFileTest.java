package org.mammoflow.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.evaluation.Calibration;
import org.mammoflow.api.evaluation.ModelCalibration;
import org.mammoflow.api.evaluation.OperatingPoint;
import org.mammoflow.api.evaluation.ViewCombination;
import org.mammoflow.files.Digests;

class CalibrationFileTest {

    @TempDir
    Path dir;

    private final ModelCalibrator calibrator = new ModelCalibrator();

    @Test
    void aStoredCalibrationReadsBackExactlyForItsWeightsOnly() throws IOException {
        Path checkpoint = Files.write(dir.resolve("best.npz"), new byte[] { 1, 2, 3 });
        Calibration isotonic = Calibration.isotonic(new double[] { 0.1, 0.3333333333333333 }, new double[] { 0, 0.7 });
        ModelCalibration stored = new ModelCalibration(List.of(Digests.sha256(checkpoint)), ViewCombination.MEAN,
                isotonic, List.of(new OperatingPoint("screen", OperatingPoint.Target.parse("sensitivity:0.9"),
                        0.5323629379272461)), "/data/a\nb", 12, 9);
        Path file = calibrator.store(List.of(checkpoint), stored);
        assertEquals(dir.resolve("best.calibration.properties"), file);
        ModelCalibration read = calibrator.read(List.of(checkpoint)).orElseThrow();
        assertArrayEquals(isotonic.x(), read.calibration().x(), 0);
        assertArrayEquals(isotonic.y(), read.calibration().y(), 0);
        assertEquals(stored.operatingPoints(), read.operatingPoints(), "thresholds to the last bit");
        assertEquals(ViewCombination.MEAN, read.views());
        assertEquals("/data/a_b", read.fittedOn(), "a line break cannot make a key of its own");

        Files.write(checkpoint, new byte[] { 4 }); // retrained in place
        IOException e = assertThrows(IOException.class, () -> calibrator.read(List.of(checkpoint)));
        assertTrue(e.getMessage().contains("was fitted for other weights") && e.getMessage().contains("run mammo:calibrate"),
                e.getMessage());
        assertEquals(Optional.empty(), calibrator.read(List.of(dir.resolve("other.npz"))), "no calibration stored");
    }

    @Test
    void aDamagedCalibrationIsNamed() throws IOException {
        Path checkpoint = Files.write(dir.resolve("best.npz"), new byte[] { 1 });
        Files.writeString(dir.resolve("best.calibration.properties"), "format=mammoflow-calibration/1\nmethod=platt\n");
        IOException e = assertThrows(IOException.class, () -> calibrator.read(List.of(checkpoint)));
        assertEquals(dir.resolve("best.calibration.properties") + ": not a readable calibration (no a); run"
                + " mammo:calibrate again", e.getMessage());
    }
}
