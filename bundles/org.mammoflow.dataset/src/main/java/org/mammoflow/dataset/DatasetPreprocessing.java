package org.mammoflow.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.mammoflow.api.dataset.Abnormality;
import org.mammoflow.api.dataset.Dataset;
import org.mammoflow.api.dataset.DatasetImporter;
import org.mammoflow.api.dataset.DatasetPreprocessor;
import org.mammoflow.api.dataset.DatasetWriter;
import org.mammoflow.api.dataset.ImageRecord;
import org.mammoflow.api.dataset.ImportOptions;
import org.mammoflow.api.dataset.ImportReport;
import org.mammoflow.api.dataset.Skipped;
import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.image.Mammogram;
import org.mammoflow.api.image.PreprocessingSettings;
import org.mammoflow.api.image.Preprocessor;
import org.mammoflow.api.image.Roi;
import org.mammoflow.files.AtomicFiles;
import org.mammoflow.files.InOrder;
import org.mammoflow.files.SafeNames;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link DatasetPreprocessor} over the plain folder form, the {@link Preprocessor} and {@link ImageFiles}.
 * Images are preprocessed in parallel, one per processor ({@link InOrder}).
 */
@Component
public class DatasetPreprocessing implements DatasetPreprocessor {

    private final ImageFiles files;
    private final Preprocessor preprocessor;
    private final DatasetImporter folders;
    private final DatasetWriter writer;

    @Activate
    public DatasetPreprocessing(@Reference ImageFiles files, @Reference Preprocessor preprocessor,
            @Reference(target = DatasetImporter.FOLDER) DatasetImporter folders, @Reference DatasetWriter writer) {
        this.files = files;
        this.preprocessor = preprocessor;
        this.folders = folders;
        this.writer = writer;
    }

    @Override
    public ImportReport preprocess(Path input, Path output, int height, int width,
            BiConsumer<Integer, Integer> progress) throws IOException {
        Path root = output.toAbsolutePath().normalize();
        Path from = input.toAbsolutePath().normalize();
        if (root.startsWith(from)) {
            throw new IllegalArgumentException("output folder " + root + (root.equals(from) ? " is" : " is inside")
                    + " the input dataset " + from + "; choose a folder outside it, so that nothing of the input is"
                    + " overwritten");
        }
        PreprocessingSettings settings = settings(height, width);
        ImportReport source = folders.importFrom(from, ImportOptions.defaults());
        List<Skipped> skipped = new ArrayList<>(source.skipped());
        List<ImageRecord> done = new ArrayList<>();
        List<ImageRecord> images = source.dataset().images();
        InOrder.run(images, record -> preprocessImage(record, root, settings), (i, record, ready, failure) -> {
            if (failure == null) {
                done.add(ready);
            } else {
                skipped.add(new Skipped(record.image().toString(), failure.getMessage()));
            }
            progress.accept(i + 1, images.size());
        });
        Dataset result = new Dataset(source.dataset().name() + "-preprocessed", root, done);
        finish(result, settings);
        return new ImportReport(result, skipped);
    }

    @Override
    public PreprocessingSettings settings(int height, int width) {
        return height > 0 && width > 0 ? preprocessor.settings().withSize(height, width) : preprocessor.settings();
    }

    @Override
    public void finish(Dataset preprocessed, PreprocessingSettings settings) throws IOException {
        writer.write(preprocessed);
        AtomicFiles.writeSettings(preprocessed.root().resolve(PreprocessingSettings.FILE),
                "how this dataset's images were made from raw mammograms (mammo:preprocess)", settings.toMap());
    }

    @Override
    public ImageRecord preprocessImage(ImageRecord record, Path root, PreprocessingSettings settings)
            throws IOException {
        Mammogram raw = record.read(files);
        Mammogram ready = preprocessor.preprocess(raw, settings);
        String name = SafeNames.of(record.imageId());
        Path image = root.resolve("images").resolve(name + ".png");
        files.write(image, ready.image());
        List<Abnormality> abnormalities = new ArrayList<>();
        for (int k = 0; k < ready.rois().size(); k++) {
            Roi roi = ready.rois().get(k);
            Path mask = root.resolve("masks").resolve(name + "_" + (k + 1) + ".png");
            files.writeMask(mask, roi.mask());
            abnormalities.add(new Abnormality(roi.type(), roi.pathology(), mask));
        }
        return new ImageRecord(record.imageId(), record.patientId(), record.split(), image, abnormalities,
                record.attributes(), record.imagePathology());
    }
}
