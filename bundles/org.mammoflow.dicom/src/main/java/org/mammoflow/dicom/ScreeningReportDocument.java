package org.mammoflow.dicom;

import static org.mammoflow.dicom.ContentItem.*;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.mammoflow.api.dicom.DicomImage;
import org.mammoflow.api.dicom.DicomStudy;
import org.mammoflow.api.dicom.ScreeningReport;
import org.mammoflow.api.evaluation.BreastPrediction;
import org.mammoflow.api.evaluation.ImagePrediction;
import org.mammoflow.api.evaluation.OperatingPoint;
import org.mammoflow.dicom.ContentItem.Code;

/**
 * A screening result as a Comprehensive SR document (SOP class 1.2.840.10008.5.1.4.1.1.88.33): the
 * study's patient and study modules copied from its images, a new SR series, the evidence (every image
 * used), and the content tree docs/guide.md "Results in the PACS" draws. Concepts without a standard
 * code use the private coding scheme 99MAMMOFLOW, declared in the Coding Scheme Identification Sequence.
 */
final class ScreeningReportDocument {

    static final String COMPREHENSIVE_SR = "1.2.840.10008.5.1.4.1.1.88.33";
    static final String SCHEME = "99MAMMOFLOW";
    static final String SERIES_NUMBER = "9001";
    static final String NOT_FOR_CLINICAL_USE = "NOT FOR CLINICAL USE. A research result of Mammoflow's whole-image"
            + " classifier (the method of Shen et al. 2019); it is not a diagnosis.";

    static final Code MAMMOGRAPHY_CAD_REPORT = new Code("111036", "DCM", "Mammography CAD Report");
    static final Code LANGUAGE = new Code("121049", "DCM", "Language of Content Item and Descendants");
    static final Code ENGLISH = new Code("en", "RFC5646", "English");
    static final Code COMMENT = new Code("121106", "DCM", "Comment");
    static final Code ALGORITHM_NAME = new Code("111001", "DCM", "Algorithm Name");
    static final Code ALGORITHM_VERSION = new Code("111003", "DCM", "Algorithm Version");
    static final Code ALGORITHM_PARAMETERS = new Code("111002", "DCM", "Algorithm Parameters");
    static final Code SOURCE = new Code("121112", "DCM", "Source of Measurement");
    static final Code LATERALITY = new Code("272741003", "SCT", "Laterality");
    static final Code LEFT = new Code("7771000", "SCT", "Left");
    static final Code RIGHT = new Code("24028007", "SCT", "Right");
    static final Code YES = new Code("373066001", "SCT", "Yes");
    static final Code NO = new Code("373067005", "SCT", "No");
    static final Code NO_UNITS = new Code("1", "UCUM", "no units");
    static final Code EXAM_SCORE = new Code("MF001", SCHEME, "Exam malignancy score");
    static final Code CALIBRATED = new Code("MF002", SCHEME, "Calibrated probability of malignancy");
    static final Code RECALL = new Code("MF003", SCHEME, "Recall at operating point");
    static final Code OPERATING_POINT = new Code("MF004", SCHEME, "Operating point");
    static final Code BREAST = new Code("MF010", SCHEME, "Breast");
    static final Code BREAST_SCORE = new Code("MF011", SCHEME, "Breast malignancy score");
    static final Code IMAGE_SCORE = new Code("MF012", SCHEME, "Image malignancy score");

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss");

    private ScreeningReportDocument() {
    }

    /** The whole SR data set, given its new series and instance UIDs and its content date and time. */
    static DataSet of(ScreeningReport report, String seriesUid, String instanceUid, LocalDateTime now) {
        DicomStudy study = report.study();
        DataSet sr = new DataSet()
                .text(DicomFile.SPECIFIC_CHARACTER_SET, "CS", "ISO_IR 192")
                .text(0x00080012, "DA", DATE.format(now)).text(0x00080013, "TM", TIME.format(now))
                .text(DicomFile.SOP_CLASS_UID, "UI", COMPREHENSIVE_SR).text(DicomFile.SOP_INSTANCE_UID, "UI", instanceUid)
                .text(DicomFile.STUDY_DATE, "DA", study.studyDate()).text(0x00080023, "DA", DATE.format(now))
                .text(DicomFile.STUDY_TIME, "TM", study.studyTime()).text(0x00080033, "TM", TIME.format(now))
                .text(DicomFile.ACCESSION_NUMBER, "SH", study.accessionNumber()).text(DicomFile.MODALITY, "CS", "SR")
                .text(0x00080070, "LO", "Mammoflow").text(DicomFile.REFERRING_PHYSICIAN_NAME, "PN",
                        study.referringPhysicianName())
                .sequence(0x00080110, List.of(new DataSet().text(CODING_SCHEME_DESIGNATOR, "SH", SCHEME)
                        .text(0x00080115, "ST", "Mammoflow result concepts").text(0x00080116, "ST", "Mammoflow")))
                .text(0x0008103E, "LO", org.mammoflow.api.dicom.DicomReports.REPORT_SERIES_DESCRIPTION)
                .text(0x00081090, "LO", report.model().software())
                .sequence(0x00081111, List.of())
                .text(DicomFile.PATIENT_NAME, "PN", study.patientName()).text(DicomFile.PATIENT_ID, "LO", study.patientId())
                .text(DicomFile.PATIENT_BIRTH_DATE, "DA", study.patientBirthDate())
                .text(DicomFile.PATIENT_SEX, "CS", study.patientSex())
                .text(0x00181020, "LO", report.model().software() + " " + report.model().version())
                .text(DicomFile.STUDY_INSTANCE_UID, "UI", study.studyInstanceUid())
                .text(DicomFile.SERIES_INSTANCE_UID, "UI", seriesUid).text(DicomFile.STUDY_ID, "SH", study.studyId())
                .text(0x00200011, "IS", SERIES_NUMBER).text(0x00200013, "IS", "1")
                .sequence(0x0040A372, List.of())
                .sequence(0x0040A375, List.of(evidence(study, report.images())))
                .text(0x0040A491, "CS", "COMPLETE").text(0x0040A493, "CS", "UNVERIFIED");
        ContentItem.root(sr, MAMMOGRAPHY_CAD_REPORT, content(report));
        return sr;
    }

    private static List<DataSet> content(ScreeningReport report) {
        List<DataSet> items = new ArrayList<>();
        items.add(code("HAS CONCEPT MOD", LANGUAGE, ENGLISH, List.of()));
        items.add(text("CONTAINS", COMMENT, NOT_FOR_CLINICAL_USE));
        items.add(text("CONTAINS", ALGORITHM_NAME, report.model().software()));
        items.add(text("CONTAINS", ALGORITHM_VERSION, report.model().version()));
        items.add(text("CONTAINS", ALGORITHM_PARAMETERS, "checkpoint SHA-256: "
                + String.join(", ", report.model().checkpointSha256())));
        items.add(number("CONTAINS", EXAM_SCORE, report.exam().malignant(), NO_UNITS, List.of()));
        if (!Double.isNaN(report.exam().calibrated())) {
            items.add(number("CONTAINS", CALIBRATED, report.exam().calibrated(), NO_UNITS, List.of()));
        }
        for (OperatingPoint point : report.operatingPoints()) {
            Boolean recall = report.exam().recall().get(point.name());
            if (recall != null) {
                items.add(code("CONTAINS", RECALL, recall ? YES : NO, List.of(text("HAS PROPERTIES", OPERATING_POINT,
                        String.format(Locale.ROOT, "%s: %s on validation exams, exam score threshold %.6f",
                                point.name(), point.target(), point.threshold())))));
            }
        }
        Map<String, ImagePrediction> scores = report.scores().stream()
                .collect(Collectors.toMap(p -> p.file().toString(), Function.identity(), (a, b) -> a, LinkedHashMap::new));
        for (BreastPrediction breast : report.breasts()) {
            items.add(breast(breast, report.images(), scores));
        }
        return items;
    }

    private static DataSet breast(BreastPrediction breast, List<DicomImage> images, Map<String, ImagePrediction> scores) {
        List<DataSet> items = new ArrayList<>();
        items.add(code("HAS CONCEPT MOD", LATERALITY, breast.laterality().equals("L") ? LEFT : RIGHT, List.of()));
        items.add(number("CONTAINS", BREAST_SCORE, breast.malignant(), NO_UNITS, List.of()));
        if (!Double.isNaN(breast.calibrated())) {
            items.add(number("CONTAINS", CALIBRATED, breast.calibrated(), NO_UNITS, List.of()));
        }
        for (DicomImage image : images) {
            ImagePrediction score = scores.get(image.file().toString());
            if (score != null && image.attributes().laterality().equals(breast.laterality())) {
                items.add(number("CONTAINS", IMAGE_SCORE, score.malignant(), NO_UNITS, List.of(
                        ContentItem.image("INFERRED FROM", SOURCE, image.sopClassUid(), image.sopInstanceUid()))));
            }
        }
        return container("CONTAINS", BREAST, items);
    }

    /** Current Requested Procedure Evidence: the study, each series, each image in it. */
    private static DataSet evidence(DicomStudy study, List<DicomImage> images) {
        Map<String, List<DataSet>> bySeries = new LinkedHashMap<>();
        for (DicomImage image : images) {
            bySeries.computeIfAbsent(image.seriesInstanceUid(), s -> new ArrayList<>()).add(new DataSet()
                    .text(REFERENCED_SOP_CLASS_UID, "UI", image.sopClassUid())
                    .text(REFERENCED_SOP_INSTANCE_UID, "UI", image.sopInstanceUid()));
        }
        List<DataSet> series = new ArrayList<>();
        bySeries.forEach((uid, sops) -> series.add(new DataSet().text(DicomFile.SERIES_INSTANCE_UID, "UI", uid)
                .sequence(REFERENCED_SOP_SEQUENCE, sops)));
        return new DataSet().text(DicomFile.STUDY_INSTANCE_UID, "UI", study.studyInstanceUid())
                .sequence(0x00081115, series);
    }
}
