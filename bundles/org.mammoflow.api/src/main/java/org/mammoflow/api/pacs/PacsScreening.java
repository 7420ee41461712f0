package org.mammoflow.api.pacs;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Screening mammograms where they are kept: a DICOMweb server (a configured name, or its URL). Every
 * study answered gets one Structured Report per exam, stored into the same study.
 */
@ProviderType
public interface PacsScreening {

    /** Names of the configured servers. */
    List<String> servers();

    /** Studies with mammograms (Modality MG) on the server, from {@code since} on when given. */
    List<PacsStudy> find(String server, Optional<LocalDate> since) throws IOException;

    /**
     * Retrieves the study's mammograms, predicts with the model, and stores the result into the study
     * as a Structured Report (with the model's heatmaps, when it has a patch classifier, as Secondary
     * Capture images, in the same request); a study that already holds Mammoflow's report is not
     * answered again.
     *
     * @throws StudyRefusedException naming the study and why it cannot be answered; nothing is stored
     * @throws IOException when the server cannot be reached or answers wrongly; nothing is stored
     */
    StudyAnswer answer(String server, ScreeningModel model, String studyInstanceUid) throws IOException;

    /** Starts watching the server for new mammography studies, answering each once; returns at once. */
    PacsWatch watch(String server, ScreeningModel model) throws IOException;

    List<PacsWatch> watches();
}
