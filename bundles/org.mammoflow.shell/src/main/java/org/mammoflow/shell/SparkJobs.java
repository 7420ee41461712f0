package org.mammoflow.shell;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.spark.launcher.SparkLauncher;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Mammoflow's Spark job ({@code mammoflow-spark.jar}) launched as a child process by Spark's own
 * launcher, through the Spark home's {@code bin/spark-submit}: the commands' {@code --spark MASTER}.
 * The child's output is copied to the command's as it comes (its progress lines included), and the
 * call returns its exit status.
 */
@Component(service = SparkJobs.class, configurationPid = SparkJobs.PID)
@Designate(ocd = SparkJobs.Config.class)
public class SparkJobs {

    static final String PID = "org.mammoflow.shell.spark";
    private static final String MAIN_CLASS = "org.mammoflow.spark.Main";

    @ObjectClassDefinition(name = "Mammoflow on Spark",
            description = "Where commands run with --spark MASTER find Spark and Mammoflow's Spark job.")
    public @interface Config {
        @AttributeDefinition(description = "Spark home whose bin/spark-submit launches the job; empty: $SPARK_HOME,"
                + " else the Spark home this build makes (spark/target, beside the runtime's folder)")
        String sparkHome() default "";

        @AttributeDefinition(description = "The Spark job's jar; empty: this build's spark/target/mammoflow-spark.jar")
        String applicationJar() default "";
    }

    private final Config config;

    @Activate
    public SparkJobs(Config config) {
        this.config = config;
    }

    /**
     * Runs {@code mammoflow-spark.jar ARGUMENTS} on the master, its output copied to {@code out} and
     * {@code err}; fails when the job did. Interrupted (Ctrl-C), it stops the job.
     */
    public void run(String master, List<String> arguments, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        int status = launch(master, arguments, out, err);
        if (status != 0) {
            throw new IOException("the Spark job failed (exit status " + status + "); it said why above");
        }
    }

    private int launch(String master, List<String> arguments, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        Path home = sparkHome();
        Path jar = applicationJar();
        Process job = new SparkLauncher().setSparkHome(home.toString()).setAppResource(jar.toString())
                .setMainClass(MAIN_CLASS).setMaster(master).addAppArgs(arguments.toArray(String[]::new)).launch();
        List<Thread> copies = List.of(copying(job.getInputStream(), out, "stdout"),
                copying(job.getErrorStream(), err, "stderr"));
        try {
            return job.waitFor(); // interruptible: Ctrl-C in the console ends the wait, and the job below
        } finally {
            if (job.isAlive()) {
                job.descendants().forEach(ProcessHandle::destroy);
                job.destroy();
            }
            for (Thread copy : copies) {
                copy.join(); // the job's output ends with it
            }
        }
    }

    /** A thread of this call's that copies the job's output, line by line, until it ends. */
    private static Thread copying(InputStream from, PrintStream to, String name) {
        Thread thread = new Thread(() -> copy(from, to), "mammoflow-spark-job-" + name);
        thread.start();
        return thread;
    }

    private Path sparkHome() throws NoSuchFileException {
        Path home = Optional.of(config.sparkHome()).filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(System.getenv("SPARK_HOME"))).map(Path::of)
                .orElseGet(() -> thisBuild().resolve("target"));
        if (!Files.isExecutable(home.resolve("bin/spark-submit"))) {
            throw new NoSuchFileException(home.resolve("bin/spark-submit").toString(), null,
                    "no spark-submit: set sparkHome (mammo:config " + PID + ") or SPARK_HOME, or build with mvn package");
        }
        return home;
    }

    private Path applicationJar() throws NoSuchFileException {
        Path jar = config.applicationJar().isBlank() ? thisBuild().resolve("target/mammoflow-spark.jar")
                : Path.of(config.applicationJar());
        if (!Files.isRegularFile(jar)) {
            throw new NoSuchFileException(jar.toString(), null,
                    "no Spark job jar: build it with mvn package, or set applicationJar (mammo:config " + PID + ")");
        }
        return jar;
    }

    /**
     * The build's spark/ folder: beside runtime/, whose target/ holds the runtime's jar
     * (runtime/target/mammoflow.jar); the working folder's spark/ when the runtime runs from elsewhere.
     */
    private static Path thisBuild() {
        Path runtimeJar = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0]);
        Path target = runtimeJar.toAbsolutePath().getParent();
        Path build = target == null || target.getParent() == null ? null : target.getParent().getParent();
        return build == null ? Path.of("spark").toAbsolutePath() : build.resolve("spark");
    }

    private static void copy(InputStream from, PrintStream to) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null;) {
                to.println(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
