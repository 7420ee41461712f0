package org.mammoflow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.runtime.MammoflowProcess.Run;

/**
 * Studies per minute through {@code mammo:pacs-predict} against a local Orthanc (a benchmark, not part
 * of the suite): the quick demo's model, its 20 patients as 20 MG studies, three rounds on a fresh
 * PACS each; per study, the time in transfer (search, retrieve, store) and in inference (read,
 * preprocess, predict, write the report). The reference, in the same run: {@code mammo:predict} on the
 * same DICOM files from the local disk.
 *
 * <pre>
 * mvn -B -pl runtime verify -Dit.test=PacsBenchmark -Dfailsafe.failIfNoSpecifiedTests=false -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
class PacsBenchmark {

    private static final Pattern STUDY = Pattern.compile("study \\S+: exam .* stored; ([0-9.]+) s transfer, ([0-9.]+) s inference");
    private static final int ROUNDS = 3;

    @TempDir
    Path work;

    @Test
    void studiesPerMinute() throws Exception {
        assertEquals(0, MammoflowProcess.launch(work, "mammo:demo", "--quick", "-o", "demo").status());
        String checkpoint = work.resolve("demo/whole-run/best.npz").toString();
        List<DemoStudies.Study> studies = new ArrayList<>();
        for (String split : List.of("train", "validation", "test")) {
            studies.addAll(DemoStudies.write(work.resolve("demo/raw"), split, 100, Files.createDirectories(work.resolve("dicom"))));
        }
        int images = studies.stream().mapToInt(s -> s.files().size()).sum();
        System.out.printf(Locale.ROOT, "%d studies, %d images%n", studies.size(), images);
        System.out.println("round | pacs-predict wall s | studies/min (wall) | per study: transfer s | inference s | transfer share | mammo:predict wall s");
        for (int round = 1; round <= ROUNDS; round++) {
            Path folder = Files.createDirectories(work.resolve("round" + round));
            try (Orthanc orthanc = Orthanc.start(Files.createDirectories(folder.resolve("orthanc")))) {
                for (DemoStudies.Study study : studies) {
                    for (Path file : study.files()) {
                        orthanc.upload(file);
                    }
                }
                Files.createDirectories(folder.resolve("load"));
                Files.writeString(folder.resolve("load/org.mammoflow.pacs.server-test.cfg"), "name = \"test\"\nurl = \""
                        + orthanc.dicomWeb() + "\"\nusername = \"" + Orthanc.USER + "\"\npassword = \"" + Orthanc.PASSWORD + "\"\n");
                long start = System.nanoTime();
                Run pacs = MammoflowProcess.launch(folder, "mammo:pacs-predict", "--since", "2000-01-01", "test", checkpoint);
                double pacsWall = (System.nanoTime() - start) / 1e9;
                assertEquals(0, pacs.status(), pacs.err());
                double transfer = 0;
                double inference = 0;
                Matcher m = STUDY.matcher(pacs.out());
                int answered = 0;
                while (m.find()) {
                    transfer += Double.parseDouble(m.group(1));
                    inference += Double.parseDouble(m.group(2));
                    answered++;
                }
                assertEquals(studies.size(), answered, pacs.out());
                List<String> predict = new ArrayList<>(List.of("mammo:predict", checkpoint));
                studies.forEach(s -> s.files().forEach(f -> predict.add(f.toString())));
                start = System.nanoTime();
                assertEquals(0, MammoflowProcess.launch(folder, predict.toArray(String[]::new)).status());
                double predictWall = (System.nanoTime() - start) / 1e9;
                System.out.printf(Locale.ROOT, "%d | %.1f | %.1f | %.3f | %.3f | %.1f%% | %.1f%n", round, pacsWall,
                        60 * answered / pacsWall, transfer / answered, inference / answered,
                        100 * transfer / (transfer + inference), predictWall);
            }
        }
    }
}
