package org.mammoflow.pacs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonObject;

import org.mammoflow.api.dicom.DicomImage;
import org.mammoflow.api.dicom.DicomReports;
import org.mammoflow.api.dicom.ModelIdentity;
import org.mammoflow.api.dicom.ScreeningReport;
import org.mammoflow.api.dicom.StoredReport;
import org.mammoflow.api.evaluation.ModelCalibration;
import org.mammoflow.api.evaluation.OperatingPoint;
import org.mammoflow.api.evaluation.PredictionReport;
import org.mammoflow.api.evaluation.Predictor;
import org.mammoflow.api.image.InvalidImageException;
import org.mammoflow.api.pacs.ScreeningModel;
import org.mammoflow.api.pacs.StudyAnswer;
import org.mammoflow.api.pacs.StudyRefusedException;
import org.mammoflow.files.AtomicFiles;
import org.mammoflow.files.Digests;

/**
 * Answers one study: its mammograms retrieved into a private folder, described under the intake
 * rules, predicted on, the result written as a Structured Report and stored into the study; the
 * folder is deleted afterwards. Images FOR PROCESSING are left out (a study often holds them beside
 * the images for presentation); any other unusable image refuses the whole study, since a result over
 * part of an exam would mislead. Nothing is stored unless every step before succeeded.
 */
final class StudyScreening {

    private static final String MG = "MG";
    /** Pixels between the heatmap's patch positions: a quarter of the paper's 224-pixel patch. */
    private static final int HEATMAP_STRIDE = 56;

    private final Predictor predictor;
    private final DicomReports reports;
    private final String version;
    private final Path workFolder;

    StudyScreening(Predictor predictor, DicomReports reports, String version, Path workFolder) {
        this.predictor = predictor;
        this.reports = reports;
        this.version = version;
        this.workFolder = workFolder;
    }

    StudyAnswer answer(DicomWebClient pacs, ScreeningModel model, String study) throws IOException {
        Stopwatch transfer = new Stopwatch();
        Stopwatch inference = new Stopwatch();
        Optional<String> earlier = transfer.time(() -> reportSeries(pacs, study));
        if (earlier.isPresent()) {
            throw new StudyRefusedException(study, "already holds Mammoflow's report (series " + earlier.get()
                    + "); delete that series in the PACS to answer the study again");
        }
        Files.createDirectories(workFolder);
        Path folder = Files.createTempDirectory(workFolder, "study-");
        try {
            List<Path> files = transfer.time(() -> retrieve(pacs, study, folder));
            List<String> skipped = new ArrayList<>();
            List<DicomImage> images = inference.time(() -> describe(study, files, skipped));
            ScreeningReport report = inference.time(() -> predict(model, study, images));
            ModelIdentity identity = report.model();
            List<StoredReport> stored = new ArrayList<>();
            stored.add(inference.time(() -> reports.write(report, folder.resolve("report.dcm"))));
            if (model.heatmapCheckpoint().isPresent()) {
                stored.addAll(inference.time(() -> heatmaps(model.heatmapCheckpoint().get(), images, identity, folder)));
            }
            transfer.measure(() -> store(pacs, study, stored));
            return new StudyAnswer(study, report.exam(), stored.get(0).sopInstanceUid(), stored.size() - 1, images.size(),
                    skipped, transfer.seconds(), inference.seconds());
        } finally {
            AtomicFiles.deleteTree(folder);
        }
    }

    /** The exam's report: its images predicted on; an image that cannot be decoded refuses the study. */
    private ScreeningReport predict(ScreeningModel model, String study, List<DicomImage> images) throws IOException {
        PredictionReport prediction;
        try {
            prediction = predictor.predictImages(model.checkpoints(), images.stream().map(DicomImage::file).toList(),
                    false, model.views(), Optional.empty(), (done, all) -> { });
        } catch (InvalidImageException e) {
            throw new StudyRefusedException(study, "image " + identity(e.file()) + ": " + reason(e));
        }
        if (prediction.exams().size() != 1) {
            throw new StudyRefusedException(study, "its images name " + prediction.exams().size()
                    + " exams (patients): a report answers one");
        }
        ModelIdentity identity = new ModelIdentity("Mammoflow", version, checkpointDigests(model.checkpoints(), prediction));
        return new ScreeningReport(images.get(0).study(), images, prediction.images(), prediction.breasts(),
                prediction.exams().get(0), operatingPoints(prediction), identity);
    }

    /** Each image's heatmap under the patch classifier, as Secondary Capture images of one new series. */
    private List<StoredReport> heatmaps(Path patchCheckpoint, List<DicomImage> images, ModelIdentity identity,
            Path folder) throws IOException {
        List<Path> pictures = new ArrayList<>();
        for (DicomImage image : images) {
            Path picture = folder.resolve("heatmap-" + (pictures.size() + 1) + ".png");
            pictures.add(predictor.heatmap(patchCheckpoint, image.file(), picture, HEATMAP_STRIDE));
        }
        ModelIdentity withPatches = new ModelIdentity(identity.software(), identity.version(),
                List.of(Digests.sha256(patchCheckpoint)));
        return reports.writeHeatmaps(images, pictures, withPatches, folder);
    }

    /** The series of Mammoflow's report in the study, if it has one. */
    static Optional<String> reportSeries(DicomWebClient pacs, String study) throws IOException {
        return pacs.search("studies/" + study + "/series", Map.of("Modality", "SR", "includefield", "0008103E"))
                .stream().filter(s -> DicomJson.string(s, "0008103E").equals(DicomReports.REPORT_SERIES_DESCRIPTION))
                .map(s -> DicomJson.string(s, "0020000E")).findFirst();
    }

    private static List<Path> retrieve(DicomWebClient pacs, String study, Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        List<JsonObject> series = pacs.search("studies/" + study + "/series", Map.of("Modality", MG));
        for (JsonObject one : series) {
            String seriesUid = DicomJson.string(one, "0020000E");
            for (JsonObject instance : pacs.search("studies/" + study + "/series/" + seriesUid + "/instances", Map.of())) {
                String sop = DicomJson.string(instance, "00080018");
                byte[] bytes = pacs.retrieve(study, seriesUid, sop);
                String name = sop.matches("[0-9.]{1,64}") ? sop : String.format("instance-%04d", files.size() + 1);
                files.add(Files.write(folder.resolve(name + ".dcm"), bytes));
            }
        }
        if (files.isEmpty()) {
            throw new StudyRefusedException(study, "no mammogram: the study has no image of Modality MG");
        }
        return files;
    }

    private List<DicomImage> describe(String study, List<Path> files, List<String> skipped) throws IOException {
        List<DicomImage> images = new ArrayList<>();
        for (Path file : files) {
            try {
                DicomImage image = reports.describe(file);
                if (!image.study().studyInstanceUid().equals(study)) {
                    throw new StudyRefusedException(study, "the server sent an image of study "
                            + image.study().studyInstanceUid());
                }
                images.add(image);
            } catch (InvalidImageException e) {
                String reason = reason(e);
                if (!reason.startsWith("an image FOR PROCESSING")) {
                    throw new StudyRefusedException(study, "image " + identity(file) + ": " + reason);
                }
                skipped.add(identity(file) + ": " + reason);
            }
        }
        if (images.isEmpty()) {
            throw new StudyRefusedException(study, "no mammogram for presentation: " + String.join("; ", skipped));
        }
        return images;
    }

    /** What is wrong with the file: the exception's message without the file's path in front. */
    private static String reason(InvalidImageException e) {
        return e.getMessage().substring(e.getMessage().indexOf(": ") + 2);
    }

    /** An image as the PACS knows it: its SOP Instance UID, which names the retrieved file. */
    private static String identity(Path file) {
        return file.getFileName().toString().replaceFirst("\\.dcm$", "");
    }

    /** The report and its heatmaps in one STOW-RS request, unless a report arrived meanwhile. */
    private static void store(DicomWebClient pacs, String study, List<StoredReport> stored) throws IOException {
        Optional<String> raced = reportSeries(pacs, study);
        if (raced.isPresent()) {
            throw new StudyRefusedException(study, "another report (series " + raced.get()
                    + ") was stored while this one was computed; this one is not stored");
        }
        List<byte[]> instances = new ArrayList<>();
        for (StoredReport object : stored) {
            instances.add(Files.readAllBytes(object.file()));
        }
        pacs.store(study, instances, stored.stream().map(StoredReport::sopInstanceUid).toList());
    }

    private static List<OperatingPoint> operatingPoints(PredictionReport prediction) {
        return prediction.calibration().map(ModelCalibration::operatingPoints).orElse(List.of());
    }

    private static List<String> checkpointDigests(List<Path> checkpoints, PredictionReport prediction) throws IOException {
        if (prediction.calibration().isPresent()) {
            return prediction.calibration().get().checkpointSha256(); // checked against the weights as they were read
        }
        List<String> digests = new ArrayList<>();
        for (Path checkpoint : checkpoints) {
            digests.add(Digests.sha256(checkpoint));
        }
        return digests;
    }
}
