package org.mammoflow.sampling;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.EnumMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.mammoflow.api.dataset.DatasetImporter;
import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.ImportReport;
import org.mammoflow.api.dataset.Skipped;
import org.mammoflow.api.dataset.Split;
import org.mammoflow.api.image.Box;
import org.mammoflow.api.image.GrayImage;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.image.Mammogram;
import org.mammoflow.api.image.PreprocessingSettings;
import org.mammoflow.api.sampling.Patch;
import org.mammoflow.api.sampling.PatchClass;
import org.mammoflow.api.sampling.PatchSampler;
import org.mammoflow.api.sampling.PatchRecord;
import org.mammoflow.api.sampling.PatchSampling;
import org.mammoflow.api.sampling.SamplingReport;
import org.mammoflow.files.AtomicFiles;
import org.mammoflow.files.InOrder;
import org.mammoflow.files.SafeNames;
import org.mammoflow.files.CsvTable;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Writes patch datasets with whichever {@link PatchSampler} the configuration selects. The
 * sampler reference is dynamic and greedy: changing {@code sampler.target} (mammo:sampler, or a
 * {@code org.mammoflow.sampling.cfg} in load/) rebinds it without restarting anything.
 */
@Component(configurationPid = PatchSamplingJob.PID)
@Designate(ocd = PatchSamplingJob.Config.class)
public class PatchSamplingJob implements PatchSampling {

    static final String PID = "org.mammoflow.sampling";
    static final String SAMPLER_TARGET = "sampler.target";
    static final List<String> HEADER = List.of("file", "source_image", "patient", "split", "class", "class_name", "x",
            "y", "size", "overlap", "sampler");

    @ObjectClassDefinition(name = "Mammoflow patch sampling", description = "Which patch sampling strategy runs")
    public @interface Config {
        @AttributeDefinition(name = "sampler.target", description = "Filter on the sampler.name of the PatchSampler "
                + "to use, e.g. (sampler.name=s) or (sampler.name=s10)")
        String sampler_target() default "(sampler.name=s10)";
    }

    private final DatasetImporter datasets;
    private final ImageFiles files;
    private final ConfigurationAdmin configurations;
    private volatile String target;

    @Reference(service = PatchSampler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    private volatile List<Map<String, Object>> present;

    @Reference(name = "sampler", target = "(sampler.name=s10)", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Map.Entry<Map<String, Object>, PatchSampler> sampler;

    @Activate
    public PatchSamplingJob(@Reference(target = DatasetImporter.FOLDER) DatasetImporter datasets,
            @Reference ImageFiles files, @Reference ConfigurationAdmin configurations, Config config) {
        this.datasets = datasets;
        this.files = files;
        this.configurations = configurations;
        this.target = config.sampler_target();
    }

    @Modified
    void modified(Config config) {
        this.target = config.sampler_target();
    }

    @Override
    public Optional<String> activeSampler() {
        Map.Entry<Map<String, Object>, PatchSampler> bound = sampler;
        return bound == null ? Optional.empty() : Optional.of(String.valueOf(bound.getKey().get(PatchSampler.NAME)));
    }

    @Override
    public List<String> samplers() {
        return present.stream().map(p -> String.valueOf(p.get(PatchSampler.NAME))).sorted().toList();
    }

    @Override
    public boolean useSampler(String name) throws IOException {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("not a sampler name: '" + name + "'");
        }
        Configuration configuration = configurations.getConfiguration(PID, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put(SAMPLER_TARGET, "(" + PatchSampler.NAME + "=" + name + ")");
        configuration.update(properties);
        return samplers().contains(name);
    }

    @Override
    public SamplingReport sample(Path dataset, Path output, long seed, Progress progress) throws IOException {
        Map.Entry<Map<String, Object>, PatchSampler> bound = sampler; // this run keeps the sampler it started with
        if (bound == null) {
            throw new IOException("no patch sampler available for " + target
                    + ": start or deploy a sampler bundle, or pick another with mammo:sampler");
        }
        String name = String.valueOf(bound.getKey().get(PatchSampler.NAME));
        ImportReport source = datasets.importFrom(dataset, ImportOptions.defaults());
        Path root = output.toAbsolutePath();
        List<Skipped> skipped = new ArrayList<>(source.skipped());
        Map<Split, Map<PatchClass, Integer>> counts = new EnumMap<>(Split.class);
        List<List<String>> rows = new ArrayList<>();
        List<ImageRecord> images = source.dataset().images();
        // each image draws from its own generator (seed and image id): the same patches in any order
        InOrder.run(images, record -> sampleImage(record, bound.getValue(), name, root, seed), (i, record, sampled,
                failure) -> {
            if (failure == null) {
                rows.addAll(sampled.rows());
                Map<PatchClass, Integer> perClass = counts.computeIfAbsent(record.split(),
                        s -> new EnumMap<>(PatchClass.class));
                sampled.labels().forEach(label -> perClass.merge(label, 1, Integer::sum));
            } else {
                skipped.add(new Skipped(record.image().toString(), failure.getMessage()));
            }
            progress.update(i + 1, images.size());
        });
        Path manifest = root.resolve(MANIFEST);
        CsvTable.write(manifest, HEADER, rows);
        // the patch classifier's checkpoints carry this on, so that its heatmaps take raw mammograms
        Path recorded = dataset.resolve(PreprocessingSettings.FILE);
        if (Files.isRegularFile(recorded)) {
            AtomicFiles.write(root.resolve(PreprocessingSettings.FILE), out -> Files.copy(recorded, out));
        }
        return new SamplingReport(manifest, name, counts, skipped);
    }

    /** An image's patches: their manifest rows and their classes. */
    private record Sampled(List<List<String>> rows, List<PatchClass> labels) {
    }

    private Sampled sampleImage(ImageRecord record, PatchSampler strategy, String name, Path root, long seed)
            throws IOException {
        if (record.abnormalities().isEmpty() && record.imagePathology().isPresent()) {
            throw new IOException("labelled " + record.imagePathology().get().name().toLowerCase(Locale.ROOT)
                    + " as a whole, without ROI masks: patches are sampled around annotated lesions, so it gives none");
        }
        Mammogram mammogram = record.read(files);
        List<Patch> patches = strategy.sample(mammogram, new Random(seed * 1_000_003L + record.imageId().hashCode()));
        String split = record.split().name().toLowerCase(Locale.ROOT);
        String safeId = SafeNames.of(record.imageId());
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < patches.size(); k++) {
            Patch patch = patches.get(k);
            String className = patch.label().name().toLowerCase(Locale.ROOT);
            Path file = root.resolve(split).resolve(className).resolve(safeId + "_" + k + ".png");
            files.write(file, crop(mammogram.image(), patch.box()));
            rows.add(List.of(root.relativize(file).toString().replace('\\', '/'), record.image().toString(),
                    record.patientId(), split, String.valueOf(patch.label().index()), className,
                    String.valueOf(patch.box().x()), String.valueOf(patch.box().y()),
                    String.valueOf(patch.box().width()), String.format(Locale.ROOT, "%.4f", patch.overlap()), name));
        }
        return new Sampled(rows, patches.stream().map(Patch::label).toList());
    }

    static GrayImage crop(GrayImage image, Box box) {
        short[] samples = new short[box.area()];
        for (int y = 0; y < box.height(); y++) {
            System.arraycopy(image.samples(), (box.y() + y) * image.width() + box.x(), samples, y * box.width(),
                    box.width());
        }
        return new GrayImage(box.width(), box.height(), samples);
    }

    @Override
    public List<PatchRecord> read(Path folder) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        CsvTable table = CsvTable.read(root.resolve(MANIFEST));
        table.require(List.of(List.of("file"), List.of("patient"), List.of("split"), List.of("class")));
        List<PatchRecord> patches = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            String where = table.file() + ":" + row.line() + ": ";
            Path file = root.resolve(row.get("file")).normalize();
            if (!file.startsWith(root)) {
                throw new IOException(where + "file " + row.get("file") + " lies outside " + root);
            }
            try {
                Split split = Split.valueOf(row.get("split").toUpperCase(Locale.ROOT));
                PatchClass label = PatchClass.ofIndex(Integer.parseInt(row.get("class")));
                patches.add(new PatchRecord(file, row.get("patient"), split, label));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + "bad split '" + row.get("split") + "' or class '" + row.get("class")
                        + "' (" + e.getMessage() + ")", e);
            }
        }
        return patches;
    }
}
