package org.mammoflow.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.mammoflow.api.dataset.Skipped;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.sampling.PatchClass;
import org.mammoflow.api.sampling.PatchSampling;
import org.mammoflow.api.sampling.SamplingReport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code mammo:sampler} shows or swaps the sampling strategy; {@code mammo:sample} cuts a patch dataset. */
@Component(service = SamplingCommands.class, property = {
        "osgi.command.scope=mammo",
        "osgi.command.function=sampler",
        "osgi.command.function=sample" })
public class SamplingCommands {

    private final PatchSampling sampling;

    @Activate
    public SamplingCommands(@Reference PatchSampling sampling) {
        this.sampling = sampling;
    }

    @Descriptor("show the active patch sampler and the ones available")
    public String sampler() {
        return "active: " + sampling.activeSampler().orElse("none") + "\navailable: " + sampling.samplers();
    }

    @Descriptor("make NAME the patch sampler of the next sampling runs (through Configuration Admin)")
    public String sampler(@Descriptor("sampler name, e.g. s or s10") String name) throws IOException {
        boolean present = sampling.useSampler(name);
        return "sampler set to " + name + (present ? "" : " (no such sampler is running yet: sampling waits for one)");
    }

    @Descriptor("cut patches (the sampler's patchSize, 224 by default) from a preprocessed dataset with the active sampler")
    public String sample(
            @Descriptor("random seed: the same seed and sampler give the same patches") @Parameter(names = { "-s", "--seed" }, absentValue = "1") long seed,
            @Descriptor("preprocessed dataset folder (with dataset.csv)") String dataset,
            @Descriptor("folder for the patch dataset") String output) throws IOException {
        Progress progress = new Progress("sample", 0, System.out);
        SamplingReport report = sampling.sample(Path.of(dataset), Path.of(output), seed, (done, total) -> progress.step(total));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "sampler %s wrote %d patches to %s%n", report.sampler(), report.total(),
                report.manifest()));
        for (Split split : Split.values()) {
            Map<PatchClass, Integer> counts = report.counts().getOrDefault(split, Map.of());
            out.append(String.format(Locale.ROOT, "%-10s %s%n", split.name().toLowerCase(Locale.ROOT), new TreeMap<>(counts)));
        }
        out.append(report.skipped().isEmpty() ? "skipped nothing" : "skipped " + report.skipped().size() + ":");
        for (Skipped skipped : report.skipped()) {
            out.append("\n  ").append(skipped);
        }
        return out.toString();
    }
}
