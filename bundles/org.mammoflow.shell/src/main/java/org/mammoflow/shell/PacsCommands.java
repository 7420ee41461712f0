package org.mammoflow.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.mammoflow.api.evaluation.ViewCombination;
import org.mammoflow.api.pacs.PacsScreening;
import org.mammoflow.api.pacs.PacsStudy;
import org.mammoflow.api.pacs.PacsWatch;
import org.mammoflow.api.pacs.ScreeningModel;
import org.mammoflow.api.pacs.StudyAnswer;
import org.mammoflow.api.pacs.StudyRefusedException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** Screening in a PACS from the shell: list its mammography studies, answer them, watch for new ones. */
@Component(service = PacsCommands.class, immediate = true)
public class PacsCommands {

    private static final String ABSENT = "";
    private final PacsScreening pacs;
    private final HyphenatedCommands hyphenated;

    @Activate
    public PacsCommands(@Reference PacsScreening pacs, BundleContext context) {
        this.pacs = pacs;
        this.hyphenated = new HyphenatedCommands(context, this, "pacs-studies", "pacs-predict", "pacs-watch");
    }

    @Deactivate
    void deactivate() {
        hyphenated.close();
    }

    @Descriptor("list a PACS's mammography studies (Modality MG): date, patient, UID")
    public String pacs_studies(
            @Descriptor("only studies of this date (YYYY-MM-DD) or later") @Parameter(names = { "--since" }, absentValue = ABSENT) String since,
            @Descriptor("server: a configured name (load/org.mammoflow.pacs.server-NAME.cfg) or a DICOMweb URL") String server)
            throws IOException {
        List<PacsStudy> studies = pacs.find(server, date(since));
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-10s %-20s %s", "date", "patient", "study"));
        studies.forEach(s -> lines.add(String.format("%-10s %-20s %s", s.studyDate(), s.patientId(), s.studyInstanceUid())));
        lines.add(studies.size() + " mammography studies on " + server);
        return String.join("\n", lines);
    }

    @Descriptor("predict on a PACS's mammography studies and store each result into its study as a DICOM Structured Report")
    public String pacs_predict(
            @Descriptor("this study only (its Study Instance UID)") @Parameter(names = { "--study" }, absentValue = ABSENT) String study,
            @Descriptor("every study of this date (YYYY-MM-DD) or later not answered yet") @Parameter(names = { "--since" }, absentValue = ABSENT) String since,
            @Descriptor("how a breast's views combine: max (the paper's) or mean") @Parameter(names = { "--views" }, absentValue = "max") String views,
            @Descriptor("a patch classifier (.npz of mammo:train-patch): each image's heatmap is stored too, as a Secondary Capture image") @Parameter(names = { "--heatmap" }, absentValue = ABSENT) String heatmap,
            @Descriptor("server (a configured name or a DICOMweb URL), then whole-image checkpoints (.npz), averaged") String... arguments)
            throws IOException {
        String server = server(arguments);
        ScreeningModel model = model(arguments, views, heatmap);
        if (study.isEmpty() == since.isEmpty()) {
            throw new IllegalArgumentException("give either --study UID or --since YYYY-MM-DD");
        }
        List<String> uids = study.isEmpty() ? pacs.find(server, date(since)).stream().map(PacsStudy::studyInstanceUid).toList()
                : List.of(study);
        int answered = 0;
        List<String> refused = new ArrayList<>();
        for (String uid : uids) {
            try {
                System.out.println(line(pacs.answer(server, model, uid)));
                answered++;
            } catch (StudyRefusedException e) {
                System.out.println("refused " + e.getMessage());
                refused.add(uid);
            }
        }
        String summary = "answered " + answered + " of " + uids.size() + " studies on " + server
                + (refused.isEmpty() ? "" : "; " + refused.size() + " refused (said why above)");
        if (!study.isEmpty() && !refused.isEmpty()) {
            throw new IllegalStateException(summary);
        }
        return summary;
    }

    @Descriptor("watch a PACS for new mammography studies and answer each once, as a job (mammo:jobs, mammo:cancel)")
    public String pacs_watch(
            @Descriptor("how a breast's views combine: max (the paper's) or mean") @Parameter(names = { "--views" }, absentValue = "max") String views,
            @Descriptor("a patch classifier (.npz of mammo:train-patch): each image's heatmap is stored too, as a Secondary Capture image") @Parameter(names = { "--heatmap" }, absentValue = ABSENT) String heatmap,
            @Descriptor("stay and print what the watch does until it is cancelled (Ctrl-C stops following)") @Parameter(names = { "--wait" }, presentValue = "true", absentValue = "false") boolean wait,
            @Descriptor("server (a configured name or a DICOMweb URL), then whole-image checkpoints (.npz), averaged") String... arguments)
            throws IOException, InterruptedException {
        PacsWatch watch = pacs.watch(server(arguments), model(arguments, views, heatmap));
        if (!wait) {
            return watch.id() + " watches " + watch.server() + " (mammo:jobs, mammo:cancel " + watch.id() + ")";
        }
        int printed = 0;
        while (!watch.progress().state().finished()) {
            List<String> log = watch.log();
            log.subList(printed, log.size()).forEach(System.out::println);
            System.out.flush();
            printed = log.size();
            Thread.sleep(250);
        }
        return watch.id() + " " + watch.progress().state().name().toLowerCase(Locale.ROOT);
    }

    static String line(StudyAnswer answer) {
        String decisions = answer.exam().recall().isEmpty() ? "" : " " + answer.exam().recall();
        return String.format(Locale.ROOT, "study %s: exam %.3f%s (%d images%s), report %s%s stored; %.1f s transfer, %.1f s inference",
                answer.studyInstanceUid(), answer.exam().malignant(), decisions, answer.images(),
                answer.skipped().isEmpty() ? "" : ", " + answer.skipped().size() + " left out: " + answer.skipped(),
                answer.reportInstanceUid(), answer.heatmaps() == 0 ? "" : " and " + answer.heatmaps() + " heatmaps",
                answer.transferSeconds(), answer.inferenceSeconds());
    }

    private static String server(String[] arguments) {
        if (arguments.length < 2) {
            throw new IllegalArgumentException("give the server, then one or more whole-image checkpoints (.npz)");
        }
        return arguments[0];
    }

    private static ScreeningModel model(String[] arguments, String views, String heatmap) {
        List<Path> checkpoints = Arrays.stream(arguments).skip(1).map(Path::of).toList();
        checkpoints.stream().filter(p -> !p.toString().toLowerCase(Locale.ROOT).endsWith(".npz")).findFirst().ifPresent(p -> {
            throw new IllegalArgumentException(p + " is not a checkpoint (.npz)");
        });
        return new ScreeningModel(checkpoints, ViewCombination.parse(views),
                heatmap.isEmpty() ? Optional.empty() : Optional.of(Path.of(heatmap)));
    }

    private static Optional<LocalDate> date(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since " + text + ": not a date YYYY-MM-DD", e);
        }
    }
}
