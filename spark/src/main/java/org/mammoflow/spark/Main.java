package org.mammoflow.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.mammoflow.files.Digests;

/**
 * {@code mammoflow-spark.jar predict|preprocess ...}: Mammoflow's data-parallel steps as a Spark
 * application, run with {@code java -jar} (local mode, or a cluster's master URL) or with
 * {@code spark-submit}. Exit status 0 when the job succeeded, 1 when it failed (said on stderr), 2 for
 * a command line it does not understand.
 */
public final class Main {

    static final String USAGE = String.join("\n",
            "usage: java -jar mammoflow-spark.jar predict [--master URL] [--conf K=V]... [--flips] [--precision P] -o OUT"
                    + " CHECKPOINT.npz... IMAGES|FOLDERS|MANIFEST.csv|MANIFEST.parquet...",
            "       java -jar mammoflow-spark.jar preprocess [--master URL] [--conf K=V]... [--height H --width W]"
                    + " DATASET OUT",
            "  --master   local[N], local[*] (the default) or a cluster: spark://HOST:7077, k8s://...",
            "  --conf     any Spark setting; " + ProgressReport.PERIOD + "=N: a progress line every N seconds (5)",
            "  predict    writes OUT/images, breasts and exams, each as .csv and .parquet; --precision fp32 or bf16",
            "  preprocess writes OUT as mammo:preprocess does: 16-bit PNGs, masks, dataset.csv,"
                    + " preprocessing.properties");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || !List.of("predict", "preprocess").contains(args.get(0))) {
            err.println(USAGE);
            return 2;
        }
        String command = args.get(0);
        try {
            JobArguments arguments = JobArguments.parse(args.subList(1, args.size()));
            if (command.equals("predict")) {
                PredictOptions options = PredictOptions.parse(arguments);
                List<String> digests = new ArrayList<>();
                for (Path checkpoint : options.checkpoints()) {
                    digests.add(Digests.sha256(checkpoint));
                }
                try (SparkSession spark = session(command, arguments)) {
                    new PredictJob(spark, options).run(digests, out);
                }
            } else {
                PreprocessOptions options = PreprocessOptions.parse(arguments);
                try (SparkSession spark = session(command, arguments)) {
                    new PreprocessJob(spark, options).run(out);
                }
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("mammoflow-spark " + command + ": " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("mammoflow-spark " + command + " failed: " + describe(e));
            return 1;
        }
    }

    /** What failed, for a person: the message (a missing file named as such), else the kind of error. */
    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException missing) {
            return missing.getFile() + ": " + (missing.getReason() == null ? "no such file" : missing.getReason());
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /**
     * The session: the master given, else spark-submit's, else local[*]. Without a cluster it listens on
     * loopback alone and starts no web UI, unless the configuration given says otherwise; for a cluster
     * it ships this jar to the executors when spark-submit did not.
     */
    private static SparkSession session(String command, JobArguments arguments) throws IOException {
        SparkSession.Builder builder = SparkSession.builder().appName("mammoflow " + command);
        String master = arguments.master().orElse(System.getProperty("spark.master", "local[*]"));
        builder.master(master);
        if (master.startsWith("local")) {
            builder.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                    .config("spark.ui.enabled", "false");
        } else if (System.getProperty("spark.jars") == null) {
            builder.config("spark.jars", applicationJar());
        }
        arguments.conf().forEach(builder::config);
        return builder.getOrCreate();
    }

    private static String applicationJar() throws IOException {
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                throw new IOException("a cluster runs the job from mammoflow-spark.jar, not from " + jar);
            }
            return jar.toString();
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate mammoflow-spark.jar", e);
        }
    }
}
