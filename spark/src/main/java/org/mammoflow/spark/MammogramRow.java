package org.mammoflow.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;

import org.mammoflow.api.dataset.Abnormality;
import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.image.LesionType;
import org.mammoflow.api.image.Pathology;

/** A dataset's {@link ImageRecord} in the form Spark sends between machines (paths as text). */
record MammogramRow(String imageId, String patientId, Split split, String image, List<Lesion> lesions)
        implements Serializable {

    record Lesion(LesionType type, Pathology pathology, String mask) implements Serializable {
    }

    static MammogramRow of(ImageRecord record) {
        return new MammogramRow(record.imageId(), record.patientId(), record.split(), record.image().toString(),
                record.abnormalities().stream()
                        .map(a -> new Lesion(a.type(), a.pathology(), a.mask().toString())).toList());
    }

    ImageRecord record() {
        return new ImageRecord(imageId, patientId, split, Path.of(image), lesions.stream()
                .map(l -> new Abnormality(l.type(), l.pathology(), Path.of(l.mask()))).toList());
    }
}
