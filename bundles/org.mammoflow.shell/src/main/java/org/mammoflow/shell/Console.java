package org.mammoflow.shell;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.mammoflow.api.sampling.PatchSampling;
import org.mammoflow.api.training.JobState;
import org.mammoflow.api.training.TrainingJob;
import org.mammoflow.api.training.TrainingScheduler;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The front door of the executable {@code mammoflow.jar}. Launched without arguments it reads gogo
 * command lines until end of input or {@code exit}: on a terminal with line editing, history and
 * completion ({@link TerminalConsole}), from a pipe as plain lines; with arguments it runs them
 * as one gogo command line (or, after {@code --script}, the gogo script in a file) and the process
 * exits with status 0 when the command succeeded, 1 when it failed and 2 when it could not start.
 * <p>
 * It owns the launcher's main thread: bnd's launcher calls a {@code Callable<Integer>} registered
 * with {@code main.thread=true} and exits with its result. Only a runtime that sets the framework
 * property {@value #ENABLE} gets one, so test frameworks keep their own main thread.
 */
@Component(service = {}) // registers itself as the main thread only when enabled
public class Console implements Callable<Integer> {

    static final String ENABLE = "mammoflow.console";
    static final String SCRIPT_OPTION = "--script";
    private static final String PROMPT = "mammo> ";
    private static final String DEPLOY_FOLDER = "felix.fileinstall.dir";
    /** Framework property: the console's history file (default {@value #DEFAULT_HISTORY} in the runtime's folder). */
    static final String HISTORY = "mammoflow.history";
    static final String DEFAULT_HISTORY = ".mammoflow_history";
    /** Bare names find Mammoflow's commands first: {@code help} is mammo:help, {@code log} mammo:log. */
    private static final String SCOPE = "mammo:*";

    private final Path history;

    private final CommandProcessor processor;
    private final List<String> arguments;
    private final ServiceRegistration<?> registration;
    /** Counted down when the framework has started its last start level. */
    private CountDownLatch started = new CountDownLatch(0);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TrainingScheduler scheduler;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PatchSampling sampling;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationAdmin configurations;

    private final BundleContext context;

    @Activate
    public Console(BundleContext context, @Reference CommandProcessor processor,
            @Reference(service = Object.class, target = "(launcher.arguments=*)") Map<String, Object> launcher) {
        this.context = context;
        this.processor = processor;
        this.arguments = List.of((String[]) launcher.get("launcher.arguments"));
        this.history = Path.of(Objects.requireNonNullElse(context.getProperty(HISTORY), DEFAULT_HISTORY));
        if (!Boolean.parseBoolean(context.getProperty(ENABLE))) {
            registration = null;
            return;
        }
        createDeployFolder(context.getProperty(DEPLOY_FOLDER));
        this.started = lastStartLevel(context);
        // The launcher reads the Callable's type argument from the registered class: not a lambda.
        Dictionary<String, Object> properties = new Hashtable<>(Map.of("main.thread", true));
        registration = context.registerService(Callable.class, this, properties);
    }

    /** A fresh checkout has no load/ folder yet; FileInstall starts watching it once it exists. */
    private static void createDeployFolder(String folder) {
        if (folder == null) {
            return;
        }
        try {
            Files.createDirectories(Path.of(folder));
        } catch (IOException e) {
            System.err.println("mammoflow: cannot create the deploy folder " + folder + ": " + e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
    }

    /**
     * With start levels, the launcher calls the console as soon as the shell's level is up, before the
     * bundles of later levels (and their commands) have started: the console waits for the framework's
     * event that its beginning start level is reached. The console activates within that last level,
     * so the event comes after this listener is added.
     */
    private static CountDownLatch lastStartLevel(BundleContext context) {
        CountDownLatch reached = new CountDownLatch(1);
        String beginning = context.getProperty(Constants.FRAMEWORK_BEGINNING_STARTLEVEL);
        FrameworkStartLevel framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkStartLevel.class);
        if (beginning == null || framework == null) {
            return new CountDownLatch(0);
        }
        int last = Integer.parseInt(beginning.strip());
        context.addFrameworkListener(new FrameworkListener() {
            @Override
            public void frameworkEvent(FrameworkEvent event) {
                if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED && framework.getStartLevel() >= last) {
                    reached.countDown();
                    context.removeFrameworkListener(this);
                }
            }
        });
        return reached;
    }

    @Override
    public Integer call() {
        try {
            started.await(60, TimeUnit.SECONDS);
            HttpEndpoint.problem(context, configurations, 3000).ifPresent(problem ->
                    new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8)
                            .println("mammoflow: " + problem));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The process's own streams: gogo replaces System.out by a per-thread multiplexer that a
        // session must not write into.
        InputStream in = new FileInputStream(FileDescriptor.in);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        if (arguments.isEmpty() && TerminalConsole.available()) {
            try {
                TerminalConsole.interact(processor, history, (command, option) ->
                        KnownValues.of(scheduler, sampling).of(command, option), err);
                return 0;
            } catch (IOException | RuntimeException e) {
                err.println("mammoflow: no line editing on this terminal (" + describe(e) + "); reading plain lines");
            }
        }
        int status = run(processor.createSession(in, out, err), new BufferedReader(new InputStreamReader(in,
                StandardCharsets.UTF_8)), err, arguments);
        return status == 0 && !arguments.isEmpty() ? awaitJobs(scheduler, out, err) : status;
    }

    /**
     * A job started by a command line would be cancelled when the process ends: the process waits for
     * every unfinished job instead, printing its progress, and exits with 1 unless all succeeded.
     */
    static int awaitJobs(TrainingScheduler jobs, PrintStream out, PrintStream err) {
        if (jobs == null) {
            return 0;
        }
        int status = 0;
        for (TrainingJob job : jobs.jobs()) {
            if (job.progress().state().finished()) {
                continue;
            }
            err.println("mammoflow: waiting for " + job.id() + " to finish (a job started from the command line runs"
                    + " to its end; use --wait to see it, or the interactive shell to leave it running)");
            try {
                TrainingCommands.watch(job, out, 10_000_000_000L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            }
            out.println(TrainingCommands.outcome(job));
            status = job.progress().state() == JobState.SUCCEEDED ? status : 1;
        }
        return status;
    }

    /** Runs the arguments, or the interactive loop when there are none; returns the exit status. */
    static int run(CommandSession session, BufferedReader input, PrintStream err, List<String> arguments) {
        try (session) {
            prepare(session);
            if (arguments.isEmpty()) {
                interact(session, input, err);
                return 0;
            }
            return execute(session, program(arguments), err) ? 0 : 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("mammoflow: " + describe(e));
            return 2;
        }
    }

    /** What every console session starts with. */
    static void prepare(CommandSession session) {
        session.put("SCOPE", SCOPE);
    }

    /** Reads and runs gogo command lines until end of input or {@code exit}. */
    static void interact(CommandSession session, BufferedReader input, PrintStream err) throws IOException {
        PrintStream out = session.getConsole();
        out.println("Mammoflow shell. 'help' lists commands, 'mammo:info' the services, 'exit' leaves.");
        while (true) {
            out.print(PROMPT);
            out.flush();
            String line = input.readLine();
            if (line == null || line.strip().equals("exit")) {
                return;
            }
            if (!line.isBlank()) {
                execute(session, line, err);
            }
        }
    }

    /**
     * The gogo program the arguments stand for: a script's text; one argument as a whole program
     * ({@code "mammo:info | grep djl"}); or a command and its arguments, each quoted where gogo would
     * otherwise split or expand it, so that a path with spaces arrives as given.
     */
    static String program(List<String> arguments) throws IOException {
        if (!arguments.get(0).equals(SCRIPT_OPTION)) {
            StringBuilder program = new StringBuilder(arguments.get(0));
            for (String argument : arguments.subList(1, arguments.size())) {
                program.append(' ').append(quoted(argument));
            }
            return program.toString();
        }
        if (arguments.size() != 2) {
            throw new IllegalArgumentException("usage: " + SCRIPT_OPTION + " FILE");
        }
        Path script = Path.of(arguments.get(1));
        try {
            return Files.readString(script, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(script.toAbsolutePath().toString(), null, "gogo script not found");
        }
    }

    /**
     * A word as gogo reads it back unchanged: bare when plain, else in single quotes; one with a
     * single quote in it has each ASCII sign escaped with a backslash instead (gogo's single quotes
     * escape nothing).
     */
    static String quoted(String word) {
        boolean plain = word.chars()
                .allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "-_.,/:=+@%".indexOf(c) >= 0));
        if (plain && !word.isEmpty()) {
            return word;
        }
        if (word.indexOf('\'') < 0) {
            return "'" + word + "'";
        }
        StringBuilder escaped = new StringBuilder();
        word.chars().forEach(c -> {
            if (c < 128 && !Character.isLetterOrDigit(c)) {
                escaped.append('\\');
            }
            escaped.append((char) c);
        });
        return escaped.toString();
    }

    /** Runs a gogo program, printing its result or its error; true when it succeeded. */
    static boolean execute(CommandSession session, String program, PrintStream err) {
        try {
            Object result = session.execute(program);
            if (result != null) {
                session.getConsole().println(session.format(result, Converter.INSPECT));
            }
            return true;
        } catch (Exception e) {
            session.getConsole().flush();
            err.println("mammoflow: " + program.strip() + ": " + describe(e));
            return false;
        }
    }

    static String describe(Throwable e) {
        if (e instanceof InvocationTargetException && e.getCause() != null) {
            return describe(e.getCause());
        }
        String message = e.getMessage();
        if (message == null) {
            return e instanceof InterruptedException ? "interrupted" : e.getClass().getName();
        }
        return message;
    }
}
