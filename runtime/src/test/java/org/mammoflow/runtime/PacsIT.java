package org.mammoflow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mammoflow.runtime.MammoflowProcess.Run;

/**
 * Mammoflow against a real PACS: Orthanc with DICOMweb and authentication, loaded with the quick
 * demo's test mammograms as MG studies. Every report stored is checked through Orthanc's REST API,
 * dcmtk's dsrdump (content tree) and dicom3tools' dciodvfy (the IOD), its scores against mammo:predict.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PacsIT {

    private static final Pattern EXAM_SCORE = Pattern.compile("\\(MF001,99MAMMOFLOW,\"Exam malignancy score\"\\)=\"([0-9.]+)\"");

    @TempDir
    static Path work;
    private static Orthanc orthanc;
    private static Path checkpoint;
    private static List<DemoStudies.Study> studies;
    private static List<DemoStudies.Study> later;
    private static String forProcessing;
    private static String noLaterality;
    private static String computedTomography;

    @BeforeAll
    static void demoModelAndAPacsWithItsStudies() throws Exception {
        orthanc = Orthanc.start(Files.createDirectories(work.resolve("orthanc")));
        Run demo = MammoflowProcess.launch(work, "mammo:demo", "--quick", "-o", "demo");
        assertEquals(0, demo.status(), demo.err());
        checkpoint = work.resolve("demo/whole-run/best.npz");
        Path dicom = Files.createDirectories(work.resolve("dicom"));
        List<DemoStudies.Study> all = DemoStudies.write(work.resolve("demo/raw"), "test", 5, dicom);
        studies = all.subList(0, 3);
        later = all.subList(3, 5);
        Path png = work.resolve("demo/raw").resolve(Files.readAllLines(work.resolve("demo/raw/dataset.csv")).get(1).split(",")[1]);
        forProcessing = DemoStudies.uid();
        noLaterality = DemoStudies.uid();
        computedTomography = DemoStudies.uid();
        Path bad = Files.createDirectories(work.resolve("bad"));
        DemoStudies.mammogram(png, bad.resolve("raw.dcm"), "P_RAW", forProcessing, "L", "CC",
                d -> d.text(0x00080068, "CS", "FOR PROCESSING"));
        DemoStudies.mammogram(png, bad.resolve("nolat.dcm"), "P_NOLAT", noLaterality, "", "CC", d -> d);
        DemoStudies.mammogram(png, bad.resolve("ct.dcm"), "P_CT", computedTomography, "L", "CC",
                d -> d.text(0x00080060, "CS", "CT").text(0x00080016, "UI", "1.2.840.10008.5.1.4.1.1.2"));
        for (DemoStudies.Study study : studies) {
            for (Path file : study.files()) {
                orthanc.upload(file);
            }
        }
        try (var files = Files.list(bad)) {
            for (Path file : files.toList()) {
                orthanc.upload(file);
            }
        }
        configure(work, orthanc.dicomWeb(), Orthanc.PASSWORD);
    }

    @AfterAll
    static void stopThePacs() throws InterruptedException {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    @Test
    @Order(1)
    void pacsPredictStoresOneReportPerStudyWithMammoflowsScoresAndRefusesTheRestSayingWhy() throws Exception {
        Run run = MammoflowProcess.launch(work, "mammo:pacs-predict", "--since", "2026-01-01", "--heatmap",
                work.resolve("demo/patch-run/best.npz").toString(), "test", checkpoint.toString());

        assertEquals(0, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("answered 3 of 5 studies on test; 2 refused"), run.out());
        assertTrue(run.out().contains(" heatmaps stored"), run.out());
        assertTrue(run.out().contains("refused study " + forProcessing + ": no mammogram for presentation: "), run.out());
        assertTrue(run.out().contains("an image FOR PROCESSING"), run.out());
        assertTrue(run.out().contains("refused study " + noLaterality + ": image "), run.out());
        assertTrue(run.out().contains("no breast given"), run.out());
        assertEquals(List.of(), orthanc.instances(forProcessing, "SR"), "nothing stored for a refused study");
        assertEquals(List.of(), orthanc.instances(noLaterality, "SR"));
        Map<String, String> expected = examScores(studies);
        for (DemoStudies.Study study : studies) {
            String tree = onlyReport(study);
            Matcher score = EXAM_SCORE.matcher(tree);
            assertTrue(score.find(), tree);
            assertEquals(expected.get(study.uid()), score.group(1), "the report's exam score is mammo:predict's: " + study);
            for (Path file : study.files()) {
                String sop = sopInstanceUid(file);
                assertTrue(tree.contains(sop), "the report refers to " + file + " (" + sop + ")");
            }
            assertTrue(tree.contains("NOT FOR CLINICAL USE") && tree.contains("Demo^" + study.patient()), tree);
            List<String> heatmaps = orthanc.instances(study.uid(), "OT");
            assertEquals(study.files().size(), heatmaps.size(), "a heatmap per image, stored with the report");
            Path heatmap = orthanc.download(heatmaps.get(0), work.resolve("heatmap-" + study.patient() + ".dcm"));
            String validation = tool("dciodvfy", heatmap.toString());
            assertEquals(List.of(), validation.lines().filter(l -> l.startsWith("Error")).toList(), validation);
        }
    }

    @Test
    @Order(2)
    void aStudyAnsweredOrWithoutMammogramsIsRefusedByName() throws Exception {
        Run again = MammoflowProcess.launch(work, "mammo:pacs-predict", "--study", studies.get(0).uid(), "test", checkpoint.toString());
        assertEquals(1, again.status(), again.out());
        assertTrue(again.out().contains("already holds Mammoflow's report"), again.out());
        Run ct = MammoflowProcess.launch(work, "mammo:pacs-predict", "--study", computedTomography, "test", checkpoint.toString());
        assertEquals(1, ct.status(), ct.out());
        assertTrue(ct.out().contains("refused study " + computedTomography + ": no mammogram: the study has no image of Modality MG"),
                ct.out());
        assertEquals(1, orthanc.instances(studies.get(0).uid(), "SR").size(), "still one report");
    }

    /** A watch killed with SIGKILL and started again: every new study answered once, none twice, none missed. */
    @Test
    @Order(3)
    void aWatchKilledAndRestartedAnswersEveryNewStudyExactlyOnce() throws Exception {
        Files.writeString(work.resolve("load/org.mammoflow.pacs.cfg"), "pollSeconds = 1\n");
        for (DemoStudies.Study study : later) {
            for (Path file : study.files()) {
                orthanc.upload(file);
            }
        }
        Process first = MammoflowProcess.start(work, "watch1", "mammo:pacs-watch", "--wait", "test", checkpoint.toString());
        awaitOutput(work.resolve("watch1-out.txt"), " stored", 600);
        first.destroyForcibly().waitFor(); // SIGKILL: no clean-up
        Process second = MammoflowProcess.start(work, "watch2", "mammo:pacs-watch", "--wait", "test", checkpoint.toString());
        Path remembered = work.resolve("pacs-watch/test.answered");
        try {
            for (DemoStudies.Study study : later) {
                awaitOutput(remembered, study.uid() + " answered", 600);
            }
            awaitOutput(remembered, forProcessing + " refused", 600);
            awaitOutput(remembered, noLaterality + " refused", 600);
            Thread.sleep(3000); // three more polls: nothing more may be stored
        } finally {
            second.destroyForcibly().waitFor();
        }
        for (DemoStudies.Study study : concat(studies, later)) {
            assertEquals(1, orthanc.instances(study.uid(), "SR").size(), "one report in " + study);
        }
        assertEquals(List.of(), orthanc.instances(forProcessing, "SR"), "the refused study: nothing stored");
        String log = Files.readString(work.resolve("watch1-out.txt")) + Files.readString(work.resolve("watch2-out.txt"));
        String state = Files.readString(remembered);
        for (DemoStudies.Study study : studies) {
            assertTrue(state.contains(study.uid() + " answered"), "found answered in the PACS, remembered: " + state);
        }
        assertTrue(!log.contains("study " + studies.get(0).uid() + ": exam"), "answered before: not again: " + log);
    }

    @Test
    @Order(4)
    void wrongCredentialsAndAServerThatIsDownGetClearErrorsAndTheWatchRetriesLater() throws Exception {
        Path other = Files.createDirectories(work.resolve("other"));
        configure(other, orthanc.dicomWeb(), "wrong");
        Run refused = MammoflowProcess.launch(other, "mammo:pacs-studies", "test");
        assertEquals(1, refused.status(), refused.out());
        assertTrue(refused.err().contains("test (" + orthanc.dicomWeb() + "/) refused the credentials (HTTP 401)"), refused.err());

        Path down = Files.createDirectories(work.resolve("down"));
        configure(down, "http://127.0.0.1:" + Orthanc.freePort() + "/dicom-web", Orthanc.PASSWORD);
        Files.writeString(down.resolve("load/org.mammoflow.pacs.cfg"), "maxRetrySeconds = 4\n");
        Process watch = MammoflowProcess.start(down, "watch", "mammo:pacs-watch", "--wait", "test", checkpoint.toString());
        try {
            awaitOutput(down.resolve("watch-out.txt"), "trying again in 4 s", 120);
        } finally {
            watch.destroyForcibly().waitFor();
        }
        String log = Files.readString(down.resolve("watch-out.txt"));
        assertTrue(log.contains("cannot be reached") && log.contains("trying again in 1 s") && log.contains("trying again in 2 s"), log);

        Run session = MammoflowProcess.session(down, "mammo:pacs-watch test " + checkpoint + "\nmammo:jobs\nmammo:cancel watch-1\nexit\n");
        assertTrue(session.out().contains("watch-1 watches test (mammo:jobs, mammo:cancel watch-1)"), session.out());
        assertTrue(session.out().matches("(?s).*watch-1 +running .* PACS test: .*"), "mammo:jobs lists the watch: " + session.out());
        assertTrue(session.out().contains("stopping watch-1"), session.out());
    }

    /** The exam scores mammo:predict gives the same DICOM files, by study. */
    private static Map<String, String> examScores(List<DemoStudies.Study> studies) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("mammo:predict", "-o", "predict.csv", checkpoint.toString()));
        studies.forEach(s -> s.files().forEach(f -> arguments.add(f.toString())));
        Run predict = MammoflowProcess.launch(work, arguments.toArray(String[]::new));
        assertEquals(0, predict.status(), predict.err());
        List<String> rows = Files.readAllLines(work.resolve("predict.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        Map<String, String> scores = new HashMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            if (f[header.indexOf("kind")].equals("exam")) {
                scores.put(f[header.indexOf("exam")], f[header.indexOf("malignant")]);
            }
        }
        return scores;
    }

    /** The content tree of the study's one report, which dciodvfy finds valid. */
    private static String onlyReport(DemoStudies.Study study) throws Exception {
        List<String> reports = orthanc.instances(study.uid(), "SR");
        assertEquals(1, reports.size(), "one report in " + study);
        Path file = orthanc.download(reports.get(0), work.resolve("report-" + study.patient() + ".dcm"));
        String validation = tool("dciodvfy", file.toString());
        assertEquals(List.of(), validation.lines().filter(l -> l.startsWith("Error")).toList(), validation);
        return tool("dsrdump", "+Pl", "+Pu", "+Pc", file.toString());
    }

    private static String sopInstanceUid(Path file) throws Exception {
        String dump = tool("dcmdump", "+P", "0008,0018", file.toString());
        return dump.substring(dump.indexOf('[') + 1, dump.indexOf(']'));
    }

    private static void awaitOutput(Path file, String text, int seconds) throws Exception {
        for (int i = 0; i < seconds * 4; i++) {
            if (Files.exists(file) && Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no '" + text + "' within " + seconds + " s: " + (Files.exists(file) ? Files.readString(file) : ""));
    }

    private static void configure(Path folder, String url, String password) throws IOException {
        Files.createDirectories(folder.resolve("load"));
        Files.writeString(folder.resolve("load/org.mammoflow.pacs.server-test.cfg"), String.join("\n",
                "name = \"test\"", "url = \"" + url + "\"", "username = \"" + Orthanc.USER + "\"",
                "password = \"" + password + "\"", ""));
    }

    private static List<DemoStudies.Study> concat(List<DemoStudies.Study> a, List<DemoStudies.Study> b) {
        List<DemoStudies.Study> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String tool(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
