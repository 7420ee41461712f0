package org.mammoflow.api.pacs;

import java.util.List;

import org.mammoflow.api.training.JobProgress;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A running watch of one PACS: it polls for new mammography studies and answers each once; studies
 * answered are remembered across restarts. Its progress counts studies (batch: answered or refused,
 * batches: seen).
 */
@ProviderType
public interface PacsWatch {

    String id();

    String server();

    JobProgress progress();

    /** What it did, one line per study answered or refused, and each failure to reach the server. */
    List<String> log();

    /** Stops polling; a study being answered is finished first or left unanswered, never half-stored. */
    void cancel();
}
