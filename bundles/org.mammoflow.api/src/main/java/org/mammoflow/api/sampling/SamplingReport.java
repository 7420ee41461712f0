package org.mammoflow.api.sampling;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.mammoflow.api.dataset.Skipped;
import org.mammoflow.api.dataset.Split;

/**
 * What a sampling run wrote: the patch manifest, the strategy that sampled, the patch counts per
 * split and class, and the images it skipped.
 */
public record SamplingReport(Path manifest, String sampler, Map<Split, Map<PatchClass, Integer>> counts,
        List<Skipped> skipped) {

    public SamplingReport {
        counts = Map.copyOf(counts);
        skipped = List.copyOf(skipped);
    }

    public int total() {
        return counts.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
    }
}
