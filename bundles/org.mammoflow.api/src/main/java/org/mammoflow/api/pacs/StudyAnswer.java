package org.mammoflow.api.pacs;

import java.util.List;
import java.util.Objects;

import org.mammoflow.api.evaluation.ExamPrediction;

/**
 * A study answered: the exam's prediction, the report stored into the study, the images used and those
 * left out with why, and where the time went.
 *
 * @param reportInstanceUid the SOP Instance UID of the Structured Report stored
 * @param heatmaps how many heatmaps were stored with it (Secondary Capture images)
 * @param skipped one line per image not used, naming it and the reason
 * @param transferSeconds retrieving the images and storing the report
 * @param inferenceSeconds reading, preprocessing and predicting
 */
public record StudyAnswer(String studyInstanceUid, ExamPrediction exam, String reportInstanceUid, int heatmaps, int images,
        List<String> skipped, double transferSeconds, double inferenceSeconds) {

    public StudyAnswer {
        Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
        Objects.requireNonNull(exam, "exam");
        Objects.requireNonNull(reportInstanceUid, "reportInstanceUid");
        skipped = List.copyOf(skipped);
    }
}
