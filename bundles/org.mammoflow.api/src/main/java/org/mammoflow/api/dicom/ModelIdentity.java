package org.mammoflow.api.dicom;

import java.util.List;
import java.util.Objects;

/** What produced a result: the software's name and version and the SHA-256 of each checkpoint averaged. */
public record ModelIdentity(String software, String version, List<String> checkpointSha256) {

    public ModelIdentity {
        Objects.requireNonNull(software, "software");
        Objects.requireNonNull(version, "version");
        checkpointSha256 = List.copyOf(checkpointSha256);
    }
}
