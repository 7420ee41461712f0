package org.mammoflow.imaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.mammoflow.api.image.ImageFiles;
import org.mammoflow.api.image.PngConverter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link PngConverter} over {@link ImageFiles}: whatever it reads, written as 16-bit PNG. */
@Component
public class ImageConversion implements PngConverter {

    private final ImageFiles files;

    @Activate
    public ImageConversion(@Reference ImageFiles files) {
        this.files = files;
    }

    @Override
    public List<Conversion> convert(List<Path> inputs, Path outputFolder, Consumer<Conversion> each)
            throws IOException {
        Map<Path, Path> targets = targets(inputs, outputFolder);
        Map<Path, Path> claimed = new HashMap<>();
        List<Conversion> done = new ArrayList<>();
        for (Map.Entry<Path, Path> entry : targets.entrySet()) {
            Conversion conversion = convert(entry.getKey(), entry.getValue(), claimed);
            done.add(conversion);
            each.accept(conversion);
        }
        return done;
    }

    private Conversion convert(Path source, Path target, Map<Path, Path> claimed) {
        Path earlier = claimed.putIfAbsent(target, source);
        if (earlier != null) {
            return new Conversion(source, null, "its PNG " + target + " is already converted from " + earlier);
        }
        try {
            files.write(target, files.read(source));
            return new Conversion(source, target, null);
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Conversion(source, null, message.replace(source + ": ", ""));
        }
    }

    /** Each source file and its PNG, in the order given (a folder's files sorted). */
    private Map<Path, Path> targets(List<Path> inputs, Path outputFolder) throws IOException {
        Map<Path, Path> targets = new LinkedHashMap<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                for (Path file : imagesBelow(input)) {
                    Path folder = outputFolder == null ? file.getParent()
                            : outputFolder.resolve(input.relativize(file.getParent()).toString());
                    targets.put(file, folder.resolve(stem(file) + ".png"));
                }
            } else if (Files.isRegularFile(input)) {
                Path folder = outputFolder == null ? input.toAbsolutePath().getParent() : outputFolder;
                targets.put(input, folder.resolve(stem(input) + ".png"));
            } else {
                throw new NoSuchFileException(input.toString(), null, "no such file or folder");
            }
        }
        return targets;
    }

    /** Every image below the folder that is not already a PNG. */
    private List<Path> imagesBelow(Path folder) throws IOException {
        return files.imagesIn(folder).stream()
                .filter(file -> !file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")).toList();
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
