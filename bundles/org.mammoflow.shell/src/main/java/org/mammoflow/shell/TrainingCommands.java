package org.mammoflow.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.jline.terminal.Terminal;
import org.mammoflow.api.network.Precision;
import org.mammoflow.api.pacs.PacsScreening;
import org.mammoflow.api.pacs.PacsWatch;
import org.mammoflow.api.training.JobProgress;
import org.mammoflow.api.training.JobState;
import org.mammoflow.api.training.PatchTraining;
import org.mammoflow.api.training.ScheduleChanges;
import org.mammoflow.api.training.Stage;
import org.mammoflow.api.training.TrainingJob;
import org.mammoflow.api.training.TrainingScheduler;
import org.mammoflow.api.training.WholeImageTraining;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Training jobs from the shell: start, list, follow, cancel and resume them. */
@Component(service = TrainingCommands.class, immediate = true, property = {
        "osgi.command.scope=mammo",
        "osgi.command.function=jobs",
        "osgi.command.function=cancel",
        "osgi.command.function=log",
        "osgi.command.function=resume" })
public class TrainingCommands {

    static final String ABSENT = "<default>";
    private final TrainingScheduler scheduler;
    private final HyphenatedCommands hyphenated;
    /** PACS watches are jobs too, when the PACS bundle is there. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PacsScreening pacs;

    @Activate
    public TrainingCommands(@Reference TrainingScheduler scheduler, BundleContext context) {
        this.scheduler = scheduler;
        this.hyphenated = new HyphenatedCommands(context, this, "train-patch", "train-whole");
    }

    @Deactivate
    void deactivate() {
        hyphenated.close();
    }

    @Descriptor("train the 5-class patch classifier in 3 stages (fc; layer4.2 + fc; all) as a background job")
    public String train_patch(CommandSession session,
            @Descriptor("architecture: resnet50 (the paper's) or resnet18 (small, for trials)") @Parameter(names = { "-a", "--architecture" }, absentValue = "resnet50") String architecture,
            @Descriptor("epochs per stage, e.g. 3,10,37 (default: the configured schedule)") @Parameter(names = { "-e", "--epochs" }, absentValue = ABSENT) String epochs,
            @Descriptor("patches per batch, or one per stage, e.g. 32 or 32,32,16 (default: the configured schedule's)") @Parameter(names = { "-b", "--batch" }, absentValue = ABSENT) String batch,
            @Descriptor("Adam learning rate per stage, e.g. 1e-3,1e-4,1e-5 (default: the configured schedule)") @Parameter(names = { "--lr" }, absentValue = ABSENT) String rates,
            @Descriptor("learning-rate decay within a stage: constant (the paper's), cosine (to 0 by the stage's end) or warmup-cosine (a rise over the first tenth first); one, or one per stage") @Parameter(names = { "--decay" }, absentValue = ABSENT) String decay,
            @Descriptor("patch side in pixels, as sampled") @Parameter(names = { "--size" }, absentValue = "224") int size,
            @Descriptor("initial weights: a torchvision state dict (.npz or .safetensors), e.g. ImageNet's") @Parameter(names = { "-w", "--weights" }, absentValue = ABSENT) String weights,
            @Descriptor("random seed") @Parameter(names = { "-s", "--seed" }, absentValue = "1") long seed,
            @Descriptor("what the network computes in: fp32 or bf16 (default: the backend's precision setting); kept by mammo:resume") @Parameter(names = { "--precision" }, absentValue = ABSENT) String precision,
            @Descriptor("wait for the job, printing its progress") @Parameter(names = { "--wait" }, presentValue = "true", absentValue = "false") boolean wait,
            @Descriptor("patch dataset folder (with patches.csv, from mammo:sample)") String patches,
            @Descriptor("run folder for checkpoints, metrics and curves") String run) throws IOException, InterruptedException {
        TrainingJob job = scheduler.submitPatch(new PatchTraining(Path.of(patches), Path.of(run), architecture, size,
                changes(epochs, rates, decay, batch), ABSENT.equals(weights) ? Optional.empty()
                        : Optional.of(Path.of(weights)), seed, precision(precision)));
        return wait ? follow(session, job) : job.id() + " started in " + job.runDir() + " (mammo:jobs, mammo:log " + job.id()
                + ", mammo:cancel " + job.id() + ")";
    }

    @Descriptor("train the whole-image classifier (benign/malignant) on a trained patch classifier, in 2 stages")
    public String train_whole(CommandSession session,
            @Descriptor("whole-image head: resnet or vgg (the paper's two), or one a bundle adds") @Parameter(names = { "--head" }, absentValue = "resnet") String head,
            @Descriptor("epochs per stage, e.g. 30,20 (default: the configured schedule)") @Parameter(names = { "-e", "--epochs" }, absentValue = ABSENT) String epochs,
            @Descriptor("images per batch, or one per stage, e.g. 16,4: stage 1 on cached features takes larger batches (default: the configured schedule's)") @Parameter(names = { "-b", "--batch" }, absentValue = ABSENT) String batch,
            @Descriptor("Adam learning rate per stage, e.g. 1e-4,1e-5 (default: the configured schedule)") @Parameter(names = { "--lr" }, absentValue = ABSENT) String rates,
            @Descriptor("learning-rate decay within a stage: constant (the paper's), cosine (to 0 by the stage's end) or warmup-cosine (a rise over the first tenth first); one, or one per stage") @Parameter(names = { "--decay" }, absentValue = ABSENT) String decay,
            @Descriptor("image height in pixels, as preprocessed") @Parameter(names = { "--height" }, absentValue = "1152") int height,
            @Descriptor("image width in pixels, as preprocessed") @Parameter(names = { "--width" }, absentValue = "896") int width,
            @Descriptor("random seed") @Parameter(names = { "-s", "--seed" }, absentValue = "1") long seed,
            @Descriptor("what the network computes in: fp32 or bf16 (default: the backend's precision setting); kept by mammo:resume") @Parameter(names = { "--precision" }, absentValue = ABSENT) String precision,
            @Descriptor("wait for the job, printing its progress") @Parameter(names = { "--wait" }, presentValue = "true", absentValue = "false") boolean wait,
            @Descriptor("patch classifier checkpoint, e.g. RUN/best.npz of mammo:train-patch") String patchCheckpoint,
            @Descriptor("preprocessed image dataset folder (with dataset.csv)") String images,
            @Descriptor("run folder for checkpoints, metrics and curves") String run) throws IOException, InterruptedException {
        TrainingJob job = scheduler.submitWholeImage(new WholeImageTraining(Path.of(patchCheckpoint), head,
                Path.of(images), Path.of(run), height, width, changes(epochs, rates, decay, batch), seed,
                precision(precision)));
        return wait ? follow(session, job) : job.id() + " started in " + job.runDir() + " (mammo:jobs, mammo:log " + job.id()
                + ")";
    }

    @Descriptor("list training jobs (stage, epoch, batch, loss, accuracy, images/s, time left) and PACS watches")
    public String jobs() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-7s %-9s %-7s %-9s %-9s %-8s %-8s %-7s %-9s %s", "job", "state", "stage", "epoch",
                "batch", "loss", "acc", "img/s", "left", "run"));
        for (TrainingJob job : scheduler.jobs()) {
            lines.add(line(job));
        }
        for (PacsWatch watch : watches()) {
            JobProgress p = watch.progress();
            lines.add(String.format(Locale.ROOT, "%-7s %-9s %-7s %-9s %-9s %-8s %-8s %-7s %-9s %s", p.jobId(),
                    p.state().name().toLowerCase(Locale.ROOT), "-", "-", p.batch() + "/" + p.batches(), "-", "-", "-", "-",
                    "PACS " + watch.server() + ": " + p.message()));
        }
        return String.join("\n", lines);
    }

    @Descriptor("cancel a training job at its next batch (resume it later with mammo:resume), or stop a PACS watch")
    public String cancel(@Descriptor("job id, e.g. job-1 or watch-1") String id) {
        Optional<PacsWatch> watch = watches().stream().filter(w -> w.id().equals(id)).findFirst();
        if (watch.isPresent()) {
            watch.get().cancel();
            return "stopping " + id;
        }
        TrainingJob job = scheduler.job(id).orElseThrow(() -> new IllegalArgumentException("no job " + id));
        job.cancel();
        return "cancelling " + id;
    }

    private List<PacsWatch> watches() {
        PacsScreening present = pacs;
        return present == null ? List.of() : present.watches();
    }

    @Descriptor("print a training job's log")
    public String log(@Descriptor("job id, e.g. job-1") String id) {
        return String.join("\n", scheduler.log(id));
    }

    @Descriptor("continue a killed or cancelled run from its last complete checkpoint")
    public String resume(CommandSession session,
            @Descriptor("wait for the job, printing its progress") @Parameter(names = { "--wait" }, presentValue = "true", absentValue = "false") boolean wait,
            @Descriptor("run folder") String run) throws IOException, InterruptedException {
        TrainingJob job = scheduler.resume(Path.of(run));
        return wait ? follow(session, job) : job.id() + " resumes " + job.runDir();
    }

    /**
     * Follows the job until it ends and returns how it ended: on a terminal, one progress line redrawn
     * in place and a line per finished epoch; elsewhere (logs, CI), a progress line at most every 5
     * seconds and the epochs' lines at the end. Interrupted (Ctrl-C), it stops following; the job runs on.
     */
    private String follow(CommandSession session, TrainingJob job) throws InterruptedException {
        if (session.get(TerminalConsole.TERMINAL) instanceof Terminal terminal) {
            LiveProgress.follow(job, () -> scheduler.log(job.id()), terminal.writer(), terminal::getWidth);
        } else {
            watch(job, System.out, 5_000_000_000L);
            scheduler.log(job.id()).stream().filter(l -> l.contains("validation loss")).forEach(System.out::println);
        }
        String outcome = outcome(job);
        if (job.progress().state() != JobState.SUCCEEDED) {
            throw new IllegalStateException(outcome); // the command fails, so scripts and exit statuses see it
        }
        return outcome;
    }

    /** Prints the job's progress line when it changed, at most once per {@code everyNanos}, until it ends. */
    static void watch(TrainingJob job, PrintStream out, long everyNanos) throws InterruptedException {
        String last = "";
        long printed = 0;
        while (!job.progress().state().finished()) {
            Thread.sleep(250);
            String now = line(job);
            if (!now.equals(last) && System.nanoTime() - printed > everyNanos) {
                out.println(now);
                last = now;
                printed = System.nanoTime();
            }
        }
    }

    /** "job-1 succeeded: finished: RUN/best.npz" */
    static String outcome(TrainingJob job) {
        JobProgress end = job.progress();
        return job.id() + " " + end.state().name().toLowerCase(Locale.ROOT) + ": " + end.message();
    }

    static String line(TrainingJob job) {
        JobProgress p = job.progress();
        return String.format(Locale.ROOT, "%-7s %-9s %-7s %-9s %-9s %-8s %-8s %-7.1f %-9s %s", p.jobId(),
                p.state().name().toLowerCase(Locale.ROOT), p.stage() + "/" + p.stages(), p.epoch() + "/" + p.epochs(),
                p.batch() + "/" + p.batches(), LiveProgress.figure(p.loss(), "%.4f"), LiveProgress.figure(p.accuracy(), "%.3f"),
                p.imagesPerSecond(), LiveProgress.clock(p.remaining()), job.runDir());
    }

    /** The precision an option names; empty when absent (the backend's setting). */
    static Optional<Precision> precision(String option) {
        return ABSENT.equals(option) ? Optional.empty() : Optional.of(Precision.parse(option));
    }

    /** The options as schedule changes: comma-separated lists; an error names the option. */
    static ScheduleChanges changes(String epochs, String rates, String decay, String batch) {
        return new ScheduleChanges(values("--epochs", epochs, Integer::valueOf), values("--lr", rates, Double::valueOf),
                values("--decay", decay, TrainingCommands::decay), values("--batch", batch, Integer::valueOf));
    }

    private static Stage.Decay decay(String value) {
        return Arrays.stream(Stage.Decay.values()).filter(d -> d.name().equalsIgnoreCase(value.replace('-', '_'))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("constant, cosine or warmup-cosine, not " + value));
    }

    private static <T> List<T> values(String option, String text, Function<String, T> parse) {
        if (ABSENT.equals(text)) {
            return List.of();
        }
        List<T> values = new ArrayList<>();
        for (String value : text.split(",")) {
            try {
                values.add(parse.apply(value.trim()));
            } catch (IllegalArgumentException e) { // NumberFormatException too
                throw new IllegalArgumentException(option + " " + text + ": " + value.trim() + " is not valid ("
                        + e.getMessage() + ")", e);
            }
        }
        return values;
    }
}
