package org.mammoflow.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.evaluation.Prediction;
import org.mammoflow.api.evaluation.PredictionReport;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.image.Mammogram;
import org.mammoflow.api.image.Mask;
import org.mammoflow.api.image.PreprocessingSettings;
import org.mammoflow.api.network.Checkpoint;
import org.mammoflow.api.network.Network;
import org.mammoflow.api.network.NetworkSpec;
import org.mammoflow.api.training.JobState;
import org.mammoflow.api.training.Schedule;
import org.mammoflow.api.training.TrainingJob;
import org.mammoflow.api.training.TrainingRequest;
import org.mammoflow.dataset.FolderDataset;
import org.mammoflow.djl.BackendConfig;
import org.mammoflow.djl.ResNetBackend;
import org.mammoflow.files.AtomicFiles;
import org.mammoflow.imaging.BreastPreprocessor;
import org.mammoflow.imaging.PngFiles;
import org.mammoflow.inference.ModelInference;
import org.mammoflow.sampling.PatchSamplingJob;
import org.mammoflow.training.TrainingFixtures.RecordingBackend;

/** The whole-image classifier's 2-stage training, prediction and heatmaps on tiny synthetic images. */
class WholeImageTest {

    private static final ImageFiles PNG = new PngFiles(TrainingFixtures.config(PngFiles.Config.class, Map.of()));
    private static final NetworkSpec PATCH = new NetworkSpec("resnet18", 5, 32, 32);
    private static final BreastPreprocessor PREPROCESSOR = new BreastPreprocessor(
            TrainingFixtures.config(BreastPreprocessor.Config.class, Map.of()));
    private static final PreprocessingSettings SETTINGS = new PreprocessingSettings(64, 64,
            PreprocessingSettings.Fit.STRETCH, true, 0.05, false);
    private static ResNetBackend real;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        real = new ResNetBackend(TrainingFixtures.config(BackendConfig.class, Map.of("device", "cpu")));
    }

    @AfterAll
    static void stop() {
        real.close();
    }

    @Test
    void twoStagesTrainTheHeadThenEverythingFromThePatchCheckpoint() throws Exception {
        Path images = imageSet(dir.resolve("images"));
        AtomicFiles.writeSettings(images.resolve(PreprocessingSettings.FILE), "test", SETTINGS.toMap());
        Path patch = patchCheckpoint();
        RecordingBackend backend = new RecordingBackend(real);
        FolderDataset folders = new FolderDataset();
        TrainingJobs scheduler = new TrainingJobs(PNG,
                TrainingFixtures.config(TrainingConfig.class, Map.of("patience", 0)), backend,
                new PatchSamplingJob(folders, PNG, null, TrainingFixtures.config(PatchSamplingJob.Config.class, Map.of())));
        scheduler.bindImages(folders);
        try {
            Schedule schedule = new Schedule("whole", List.of(
                    Schedule.wholeImage(List.of("layer5", "layer6", "fc")).stages().get(0).withEpochs(1).withBatchSize(4),
                    Schedule.wholeImage(List.of()).stages().get(1).withEpochs(1).withBatchSize(4)));
            NetworkSpec whole = new NetworkSpec("resnet18+resnet-head", 2, 64, 64);
            TrainingJob job = scheduler.submit(new TrainingRequest(images, dir.resolve("run"), whole, schedule,
                    Optional.of(patch), 2));
            scheduler.await(job.id());
            String log = String.join("\n", scheduler.log(job.id()));
            assertEquals(JobState.SUCCEEDED, job.progress().state(), log);
            assertTrue(log.contains("imported 100 tensors"), log);
            assertEquals(List.of("create", "trainable [layer5, layer6, fc]", "optimizer 1.0E-4 1.0E-4",
                    "trainable []", "optimizer 1.0E-5 1.0E-4"),
                    backend.calls.stream().filter(call -> !call.equals("frozen features")).toList());
            // stage 1 on the feature cache: (8 training images x 4 variants, the flips, + 4 validation images) / batch 4
            assertEquals(9, java.util.Collections.frequency(backend.calls, "frozen features"), backend.calls.toString());

            assertEquals(Optional.of(SETTINGS), real.describe(dir.resolve("run/best.npz")).preprocessing(),
                    "the dataset's preprocessing travels into the checkpoint's sidecar");
            ModelInference inference = new ModelInference(PNG, PREPROCESSOR, real, null, folders);
            List<Prediction> test = inference.predict(dir.resolve("run/best.npz"), images, Split.TEST, true);
            assertEquals(4, test.size());
            Path stage1 = dir.resolve("untrained/best.npz");
            try (Network network = real.create(whole, 7)) {
                network.save(new Checkpoint(stage1, whole, 1, 1, Map.of()));
            }
            List<Prediction> ensemble = inference.predict(List.of(dir.resolve("run/best.npz"), stage1), images,
                    Split.TEST, true);
            List<Prediction> alone = inference.predict(stage1, images, Split.TEST, true);
            for (int i = 0; i < 4; i++) {
                assertEquals((test.get(i).probabilities()[1] + alone.get(i).probabilities()[1]) / 2,
                        ensemble.get(i).probabilities()[1], 1e-6, "an ensemble averages its members");
            }
            assertEquals(1f, test.get(0).probabilities()[0] + test.get(0).probabilities()[1], 1e-5);
            float[] one = inference.predict(dir.resolve("run/best.npz"), List.of(images.resolve("m0.png")), false).get(0);
            assertEquals(2, one.length);
        } finally {
            scheduler.stop();
        }
    }

    @Test
    void heatmapIsAnRgbPngOfTheImagesSize() throws Exception {
        Path images = imageSet(dir.resolve("images"));
        ModelInference inference = new ModelInference(PNG, PREPROCESSOR, real, null, null);
        Path out = inference.heatmap(patchCheckpoint(), images.resolve("m0.png"), dir.resolve("heat.png"), 8);
        BufferedImage heatmap = ImageIO.read(out.toFile());
        assertEquals(64, heatmap.getWidth());
        assertEquals(64, heatmap.getHeight());
        assertEquals(3, heatmap.getColorModel().getNumColorComponents());
    }

    /** A raw image of another size is preprocessed with the checkpoint's settings: as if done by hand. */
    @Test
    void aRawImageIsPreprocessedWithTheCheckpointsSettingsAndEnsemblesAverage() throws Exception {
        NetworkSpec spec = new NetworkSpec("resnet18+resnet-head", 2, 64, 64);
        Path checkpoint = dir.resolve("whole/best.npz");
        Path other = dir.resolve("other/best.npz");
        try (Network network = real.create(spec, 1)) {
            network.save(new Checkpoint(checkpoint, spec, 1, 1, Map.of(), Optional.of(SETTINGS)));
        }
        try (Network network = real.create(spec, 2)) {
            network.save(new Checkpoint(other, spec, 1, 1, Map.of(), Optional.of(SETTINGS)));
        }
        Path images = imageSet(dir.resolve("images"));
        GrayImage small = PNG.read(images.resolve("m0.png"));
        short[] big = new short[192 * 160]; // the same picture at 160 x 192, with a bright label in a corner
        for (int y = 0; y < 192; y++) {
            for (int x = 0; x < 160; x++) {
                big[y * 160 + x] = (short) small.sample(x * 64 / 160, y * 64 / 192);
            }
        }
        for (int y = 180; y < 188; y++) {
            java.util.Arrays.fill(big, y * 160 + 150, y * 160 + 158, (short) 0xFFFF);
        }
        Path raw = dir.resolve("raw/m0-raw.png");
        PNG.write(raw, new GrayImage(160, 192, big));
        Path byHand = dir.resolve("raw/m0-by-hand.png");
        PNG.write(byHand, PREPROCESSOR.preprocess(new Mammogram("m0", "", PNG.read(raw), List.of()), SETTINGS).image());

        ModelInference inference = new ModelInference(PNG, PREPROCESSOR, real, null, null);
        List<float[]> p = inference.predict(checkpoint, List.of(raw, byHand), false);
        assertArrayEquals(p.get(1), p.get(0), "raw and hand-preprocessed give the same probabilities");

        Path csv = dir.resolve("predictions.csv");
        List<int[]> steps = new ArrayList<>();
        PredictionReport report = inference.predictImages(List.of(checkpoint, other), List.of(dir.resolve("raw")),
                false, Optional.of(csv), (done, total) -> steps.add(new int[] {done, total}));
        assertEquals(2, report.images().size());
        float q = inference.predict(other, List.of(raw), false).get(0)[1];
        assertEquals((p.get(0)[1] + q) / 2, report.images().get(0).malignant(), 1e-6, "the ensemble averages");
        assertEquals(List.of(), report.breasts(), "PNGs name no patient or breast");
        assertEquals(2, steps.size());
        assertEquals(List.of("kind,file,patient,exam,laterality,view,images,missing_views,malignant,probability"),
                Files.readAllLines(csv).subList(0, 1));
        assertEquals(3, Files.readAllLines(csv).size());

        Path patch = dir.resolve("patch-with-settings/best.npz");
        try (Network network = real.create(PATCH, 1)) {
            network.save(new Checkpoint(patch, PATCH, 3, 1, Map.of(), Optional.of(SETTINGS)));
        }
        BufferedImage heatmap = ImageIO.read(inference.heatmap(patch, raw, dir.resolve("raw-heat.png"), 8).toFile());
        assertEquals(64, heatmap.getWidth(), "drawn over the raw image preprocessed to the training size");
        assertEquals(64, heatmap.getHeight());

        Path unrecorded = dir.resolve("plain/best.npz");
        try (Network network = real.create(spec, 1)) {
            network.save(new Checkpoint(unrecorded, spec, 1, 1, Map.of()));
        }
        IOException e = assertThrows(IOException.class, () -> inference.predict(unrecorded, List.of(raw), false));
        assertTrue(e.getMessage().contains("records no preprocessing"), e.getMessage());
    }

    private Path patchCheckpoint() throws Exception {
        return patchCheckpoint(real, dir);
    }

    /** A patch classifier's checkpoint, as mammo:train-patch leaves it (untrained weights will do). */
    static Path patchCheckpoint(ResNetBackend backend, Path dir) throws Exception {
        Path file = dir.resolve("patch/best.npz");
        try (Network network = backend.create(PATCH, 1)) {
            network.save(new Checkpoint(file, PATCH, 3, 1, Map.of()));
        }
        return file;
    }

    /** 64 x 64 mammograms: malignant ones with a bright spot, benign ones with a faint one. */
    static Path imageSet(Path root) throws Exception {
        List<String> rows = new ArrayList<>(List.of("image_id,image,mask,lesion_type,pathology,patient,split"));
        int n = 0;
        for (String split : List.of("train", "validation", "test")) {
            int count = split.equals("train") ? 8 : split.equals("validation") ? 4 : 4;
            for (int i = 0; i < count; i++, n++) {
                boolean malignant = i % 2 == 0;
                short[] samples = new short[64 * 64];
                boolean[] inside = new boolean[64 * 64];
                int cx = 16 + (n * 7) % 32;
                int cy = 16 + (n * 11) % 32;
                for (int p = 0; p < samples.length; p++) {
                    int dx = p % 64 - cx;
                    int dy = p / 64 - cy;
                    inside[p] = dx * dx + dy * dy < 36;
                    samples[p] = (short) (inside[p] ? (malignant ? 60000 : 30000) : 20000);
                }
                String name = (malignant ? "m" : "b") + n;
                PNG.write(root.resolve(name + ".png"), new GrayImage(64, 64, samples));
                PNG.writeMask(root.resolve(name + "_mask.png"), new Mask(64, 64, inside));
                rows.add(String.join(",", name, name + ".png", name + "_mask.png", "mass",
                        malignant ? "MALIGNANT" : "BENIGN", "P" + n, split));
            }
        }
        Files.write(root.resolve("dataset.csv"), rows);
        return root;
    }
}
