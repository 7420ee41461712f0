package org.mammoflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.ImageIdentity;

/** The job's command line and what is checked before anything is submitted. */
class JobArgumentsTest {

    @TempDir
    Path dir;

    @Test
    void optionsConfAndOperandsAsSparkSubmitAndMammoPredictTakeThem() {
        JobArguments a = JobArguments.parse(List.of("--master", "local[2]", "--conf", "spark.executor.cores=1",
                "--flips", "--precision", "bf16", "-o", "out", "a.npz", "images"));
        assertEquals(Optional.of("local[2]"), a.master());
        assertEquals(Optional.of("bf16"), a.option("--precision"));
        assertEquals(Map.of("spark.executor.cores", "1"), a.conf());
        assertTrue(a.flag("--flips"));
        assertEquals(Path.of("out").toAbsolutePath(), a.output());
        assertEquals(List.of("a.npz", "images"), a.operands());
    }

    @Test
    void aBadCommandLineSaysWhatIsWrong() {
        assertEquals("unknown option --flip", assertThrows(IllegalArgumentException.class,
                () -> JobArguments.parse(List.of("--flip", "a.npz"))).getMessage());
        assertEquals("--conf takes KEY=VALUE, not 'cores'", assertThrows(IllegalArgumentException.class,
                () -> JobArguments.parse(List.of("--conf", "cores"))).getMessage());
        assertEquals("--height takes a number of pixels, not 'tall'", assertThrows(IllegalArgumentException.class,
                () -> JobArguments.parse(List.of("--height", "tall")).number("--height")).getMessage());
    }

    @Test
    void theOutputIsNewAndOutsideEveryInput() throws Exception {
        Path images = Files.createDirectories(dir.resolve("images"));
        Path image = Files.createFile(images.resolve("a.png"));
        JobArguments.requireNewOutput(dir.resolve("out"), List.of(images, image));
        for (Path output : List.of(images, images.resolve("out"), dir)) {
            assertThrows(IllegalArgumentException.class, () -> JobArguments.requireNewOutput(output, List.of(images)),
                    output.toString());
        }
        Files.createDirectories(dir.resolve("taken"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> JobArguments.requireNewOutput(dir.resolve("taken"), List.of(images))).getMessage()
                .contains("exists already"));
    }

    @Test
    void libtorchThreadsAreTheExecutorsCores() {
        assertEquals(3, ExecutorRuntime.executorCores(new SparkConf(false).set("spark.executor.cores", "3")));
        assertEquals(2, ExecutorRuntime.executorCores(new SparkConf(false).set("spark.master", "local[2]")));
        assertEquals(Runtime.getRuntime().availableProcessors(),
                ExecutorRuntime.executorCores(new SparkConf(false).set("spark.master", "local[*]")));
    }

    @Test
    void imagesOfOneExamGoToOneTask() {
        ImageTask cc = ImageTask.listed("/a/cc.dcm", "P1", "2026-01", "L", "CC");
        ImageTask mlo = ImageTask.listed("/a/mlo.dcm", "P1", "2026-01", "L", "MLO");
        ImageTask later = ImageTask.listed("/a/later.dcm", "P1", "2027-01", "L", "CC");
        assertEquals(cc.examKey(), mlo.examKey());
        assertTrue(!cc.examKey().equals(later.examKey()));
        ImageTask unknown = ImageTask.named("/a/x.png", true);
        assertTrue(!unknown.examKey().equals(ImageTask.named("/a/y.png", true).examKey()), "an image alone");
        ImageAttributes p2 = new ImageAttributes("P2", "R", "CC");
        assertEquals("P2", ImageTask.named("/a/z.png", false).with(p2, ImageIdentity.NONE).exam(),
                "a folder's PNGs: one exam per patient");
        ImageIdentity study = new ImageIdentity("1.2.3", "1.2.3.4", "1.2.3.4.5");
        ImageTask dicom = ImageTask.named("/a/z.dcm", false).with(p2, study);
        assertEquals("1.2.3", dicom.exam(), "a DICOM file's exam is its study");
        assertEquals("1.2.3.4.5", dicom.instanceUid());
        assertEquals("P1", cc.with(p2, study).patient(), "a manifest's word stands over the file's");
    }

    @Test
    void theSystemBundleExportsTheApiWithoutUses() {
        assertEquals(List.of("a;version=\"1.0\"", "b;version=\"2.0\""),
                Clauses.split("a;uses:=\"x,y\";version=\"1.0\",b;version=\"2.0\";uses:=\"z\"").stream()
                        .map(Clauses::withoutUses).toList());
    }
}
