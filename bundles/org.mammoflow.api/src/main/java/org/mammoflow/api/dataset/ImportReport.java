package org.mammoflow.api.dataset;

import java.util.List;

/** What an import produced, and what it skipped. */
public record ImportReport(Dataset dataset, List<Skipped> skipped) {

    public ImportReport {
        skipped = List.copyOf(skipped);
    }
}
