package org.mammoflow.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The training runs below the runs folder (folders holding {@code run.properties}) and the files the
 * dashboard may serve of each: a file is found by the key the listing gave it, never by a path taken
 * from a request, so no request reaches a file outside the runs listed.
 */
final class RunFolders {

    static final String RUN_PROPERTIES = "run.properties";
    static final int DEPTH = 3;
    /** Kinds of file a run shows: curves and metrics, evaluations, pictures, logs, checkpoints. */
    private static final List<String> SHOWN = List.of(".png", ".csv", ".json", ".md", ".log", ".properties", ".npz");
    /** The pictures (heatmaps) beside a run, in the folder of the experiment it belongs to. */
    static final String EXPERIMENT = "experiment/";

    /** A run: its name (its path below the runs folder, with '/'), its folder, and its files by key. */
    record Run(String name, Path folder, Map<String, Path> files) {
    }

    private final Path root;
    private final Path excluded;

    RunFolders(Path root, Path excluded) {
        this.root = root.toAbsolutePath().normalize();
        this.excluded = excluded.toAbsolutePath().normalize();
    }

    /** The runs of the dashboard's runs folder, its work folder left out. */
    static RunFolders of(DashboardSettings settings) {
        return new RunFolders(Path.of(settings.runsFolder()), Path.of(settings.workFolder()));
    }

    List<Run> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> found = Files.find(root, DEPTH + 1, (path, attributes) -> attributes.isRegularFile()
                && path.getFileName().toString().equals(RUN_PROPERTIES))) {
            return found.map(Path::getParent).filter(this::isRun).sorted().map(this::run).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the runs in " + root, e);
        }
    }

    /**
     * The run {@link #list} would list under {@code name}, looked up without walking the runs folder: the
     * name must lead, as written, to a run folder below it.
     */
    Optional<Run> run(String name) {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0) { // no path holds a NUL (%00)
            return Optional.empty();
        }
        Path folder = root.resolve(name).normalize();
        boolean listed = folder.startsWith(root) && nameOf(folder).equals(name) && noLinkBelowRoot(folder)
                && isRun(folder);
        return listed ? Optional.of(run(folder)) : Optional.empty();
    }

    /** The file of run {@code name} listed under {@code key}, if there is one. */
    Optional<Path> file(String name, String key) {
        return run(name).map(r -> r.files().get(key));
    }

    private Run run(Path folder) {
        Map<String, Path> files = new TreeMap<>();
        shown(folder).forEach(file -> files.put(file.getFileName().toString(), file));
        for (Path evaluation : children(folder).filter(Files::isDirectory)
                .filter(d -> d.getFileName().toString().startsWith("evaluation")).toList()) {
            shown(evaluation).forEach(file -> files.put(evaluation.getFileName() + "/" + file.getFileName(), file));
        }
        Path experiment = folder.getParent();
        if (!folder.equals(root) && experiment.startsWith(root)) {
            shown(experiment).filter(f -> f.toString().endsWith(".png"))
                    .forEach(file -> files.put(EXPERIMENT + file.getFileName(), file));
        }
        return new Run(nameOf(folder), folder, files);
    }

    private boolean isRun(Path folder) {
        return !folder.startsWith(excluded) && root.relativize(folder).getNameCount() <= DEPTH
                && Files.isRegularFile(folder.resolve(RUN_PROPERTIES));
    }

    /** The listing's walk does not follow links; neither does a look-up by name. */
    private boolean noLinkBelowRoot(Path folder) {
        for (Path p = folder; !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                return false;
            }
        }
        return true;
    }

    private String nameOf(Path folder) {
        return folder.equals(root) ? "." : root.relativize(folder).toString().replace('\\', '/');
    }

    private static Stream<Path> shown(Path folder) {
        return children(folder).filter(Files::isRegularFile)
                .filter(f -> SHOWN.stream().anyMatch(f.getFileName().toString().toLowerCase(Locale.ROOT)::endsWith));
    }

    private static Stream<Path> children(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }
}
