package org.mammoflow.api.network;

import java.util.List;

/**
 * What a weights import did: the parameters it loaded, and those it left as they were, each with the
 * reason (missing from the file, or a different shape such as ImageNet's 1000-class {@code fc}).
 */
public record ImportedWeights(List<String> loaded, List<String> skipped) {

    public ImportedWeights {
        loaded = List.copyOf(loaded);
        skipped = List.copyOf(skipped);
    }
}
