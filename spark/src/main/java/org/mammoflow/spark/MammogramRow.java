package org.mammoflow.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.mammoflow.api.dataset.Abnormality;
import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.image.ImageAttributes;
import org.mammoflow.api.image.LesionType;
import org.mammoflow.api.image.Pathology;

/**
 * A dataset's {@link ImageRecord} in the form Spark sends between machines (paths as text, the exam,
 * breast and view as text, an image's own pathology as its name or empty).
 */
record MammogramRow(String imageId, String patientId, Split split, String image, List<Lesion> lesions, String exam,
        String laterality, String view, String imagePathology) implements Serializable {

    record Lesion(LesionType type, Pathology pathology, String mask) implements Serializable {
    }

    static MammogramRow of(ImageRecord record) {
        ImageAttributes a = record.attributes();
        return new MammogramRow(record.imageId(), record.patientId(), record.split(), record.image().toString(),
                record.abnormalities().stream()
                        .map(l -> new Lesion(l.type(), l.pathology(), l.mask().toString())).toList(),
                a.exam(), a.laterality(), a.view(), record.imagePathology().map(Pathology::name).orElse(""));
    }

    ImageRecord record() {
        return new ImageRecord(imageId, patientId, split, Path.of(image), lesions.stream()
                .map(l -> new Abnormality(l.type(), l.pathology(), Path.of(l.mask()))).toList(),
                new ImageAttributes(patientId, exam, laterality, view),
                imagePathology.isEmpty() ? Optional.empty() : Optional.of(Pathology.valueOf(imagePathology)));
    }
}
