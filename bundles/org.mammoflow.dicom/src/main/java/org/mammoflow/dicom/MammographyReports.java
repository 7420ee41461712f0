package org.mammoflow.dicom;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.mammoflow.api.dicom.DicomImage;
import org.mammoflow.api.dicom.DicomReports;
import org.mammoflow.api.dicom.DicomStudy;
import org.mammoflow.api.dicom.ModelIdentity;
import org.mammoflow.api.dicom.ScreeningReport;
import org.mammoflow.api.dicom.StoredReport;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.InvalidImageException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * DICOM in and out for a PACS, with the DICOM files' settings (the same configuration PID): images
 * described under the same intake rules as they are read, results written as Structured Reports.
 */
@Component(configurationPid = "org.mammoflow.dicom.DicomFiles")
public class MammographyReports implements DicomReports {

    private final IntakeRules rules;

    @Activate
    public MammographyReports(DicomFiles.Config config) {
        this.rules = IntakeRules.of(config);
    }

    @Override
    public DicomImage describe(Path file) throws IOException {
        DicomFile dicom = DicomFile.parse(file, rules.maxDataSetBytes());
        rules.check(dicom);
        ImageAttributes attributes = dicom.attributes();
        if (attributes.laterality().isEmpty()) {
            throw new InvalidImageException(file, "no breast given: neither Image Laterality (0020,0062) nor"
                    + " Laterality (0020,0060) says L or R");
        }
        String sopInstance = dicom.string(DicomFile.SOP_INSTANCE_UID);
        String study = dicom.string(DicomFile.STUDY_INSTANCE_UID);
        if (sopInstance.isEmpty() || study.isEmpty()) {
            throw new InvalidImageException(file, "no SOP Instance UID or Study Instance UID: a result could not refer to it");
        }
        return new DicomImage(file, dicom.string(DicomFile.SOP_CLASS_UID), sopInstance,
                dicom.string(DicomFile.SERIES_INSTANCE_UID), study(dicom), attributes);
    }

    @Override
    public StoredReport write(ScreeningReport report, Path file) throws IOException {
        String series = Uids.create();
        String instance = Uids.create();
        ScreeningReportDocument.of(report, series, instance, LocalDateTime.now()).write(file);
        return new StoredReport(file, report.study().studyInstanceUid(), series, instance);
    }

    @Override
    public List<StoredReport> writeHeatmaps(List<DicomImage> sources, List<Path> pictures, ModelIdentity model,
            Path folder) throws IOException {
        if (sources.size() != pictures.size()) {
            throw new IllegalArgumentException(sources.size() + " images but " + pictures.size() + " heatmaps");
        }
        String series = Uids.create();
        LocalDateTime now = LocalDateTime.now();
        List<StoredReport> written = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            String instance = Uids.create();
            Path file = folder.resolve("heatmap-" + (i + 1) + ".dcm");
            HeatmapDocument.of(sources.get(i), pictures.get(i), model, series, instance, i + 1, now).write(file);
            written.add(new StoredReport(file, sources.get(i).study().studyInstanceUid(), series, instance));
        }
        return written;
    }

    private static DicomStudy study(DicomFile dicom) {
        return new DicomStudy(dicom.string(DicomFile.STUDY_INSTANCE_UID), dicom.string(DicomFile.PATIENT_NAME),
                dicom.string(DicomFile.PATIENT_ID), dicom.string(DicomFile.PATIENT_BIRTH_DATE),
                dicom.string(DicomFile.PATIENT_SEX), dicom.string(DicomFile.STUDY_DATE), dicom.string(DicomFile.STUDY_TIME),
                dicom.string(DicomFile.STUDY_ID), dicom.string(DicomFile.ACCESSION_NUMBER),
                dicom.string(DicomFile.REFERRING_PHYSICIAN_NAME));
    }
}
