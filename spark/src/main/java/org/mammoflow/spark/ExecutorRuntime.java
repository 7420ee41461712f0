package org.mammoflow.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.felix.framework.FrameworkFactory;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.mammoflow.files.AtomicFiles;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Mammoflow's own bundles in an embedded Felix framework, one per JVM (the driver's in local mode,
 * each executor's on a cluster), so that a Spark task calls the very services the runtime does:
 * the same preprocessing, image reading and inference, wired by Declarative Services. The job and the
 * bundles share only Mammoflow's API (and Configuration Admin's), which the framework's system bundle
 * exports from the application's class path. libtorch loads once per JVM, so the framework is started
 * on first use and kept until the JVM ends; every task of the executor uses it.
 */
final class ExecutorRuntime {

    /** The bundles each executor starts, under this folder of the application jar. */
    private static final String BUNDLES = "bundles/";
    private static final String API_MANIFEST = "org/mammoflow/spark/api/META-INF/MANIFEST.MF";
    private static final String CM_PACKAGE = "org.osgi.service.cm;version=\"1.6.1\"";
    private static final String BACKEND_PID = "org.mammoflow.djl";
    private static final long SERVICE_WAIT_SECONDS = 300;

    /** The JVM's framework: an executor has no other place for state that outlives a task. */
    private static ExecutorRuntime inThisJvm;

    private final Framework framework;
    private final Path storage;
    private final Map<String, ServiceTracker<?, ?>> trackers = new ConcurrentHashMap<>();

    private ExecutorRuntime(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
    }

    /**
     * This JVM's framework, started on the first call with libtorch computing on as many threads as
     * the executor has cores; later calls return the same one.
     */
    static synchronized ExecutorRuntime inThisJvm() {
        if (inThisJvm == null) {
            try {
                inThisJvm = start(executorCores(SparkEnv.get().conf()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (BundleException | InterruptedException e) {
                throw new IllegalStateException("Mammoflow's bundles did not start in this JVM: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(inThisJvm::stop, "mammoflow-framework-stop"));
        }
        return inThisJvm;
    }

    /**
     * The cores of this executor: {@code spark.executor.cores} where set, N in local[N] (the machine's
     * in local[*]), else the machine's (a standalone executor takes its worker's cores by default).
     */
    static int executorCores(SparkConf conf) {
        int cores = conf.getInt("spark.executor.cores", 0);
        if (cores > 0) {
            return cores;
        }
        Matcher local = Pattern.compile("local\\[(\\d+|\\*)(,\\d+)?\\]").matcher(conf.get("spark.master", ""));
        if (local.matches() && !local.group(1).equals("*")) {
            return Integer.parseInt(local.group(1));
        }
        return Runtime.getRuntime().availableProcessors();
    }

    /** The service of that type, waiting while the bundles start (libtorch unpacks on a node's first run). */
    <T> T service(Class<T> type) {
        return service(type, null);
    }

    /**
     * The service of that type whose properties match the filter (null: any). One tracker per service
     * asked for, opened once and kept for the JVM's life: every task of the executor gets the same
     * service, and a delayed component (the models it keeps open) stays active between tasks.
     */
    @SuppressWarnings("unchecked")
    <T> T service(Class<T> type, String filter) {
        String objectClass = "(" + Constants.OBJECTCLASS + "=" + type.getName() + ")";
        ServiceTracker<T, T> tracker = (ServiceTracker<T, T>) trackers.computeIfAbsent(
                filter == null ? objectClass : "(&" + objectClass + filter + ")", this::openTracker);
        try {
            T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(SERVICE_WAIT_SECONDS));
            if (service == null) {
                throw new IllegalStateException("no " + type.getSimpleName() + " service started within "
                        + SERVICE_WAIT_SECONDS + " s in " + storage + " (see the executor's log)");
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + type.getSimpleName(), e);
        }
    }

    private ServiceTracker<?, ?> openTracker(String filter) {
        BundleContext context = framework.getBundleContext();
        try {
            ServiceTracker<?, ?> tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
            tracker.open();
            return tracker;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("not a service filter: " + filter, e);
        }
    }

    private static ExecutorRuntime start(int threads) throws IOException, BundleException, InterruptedException {
        Path storage = Files.createTempDirectory("mammoflow-framework");
        Framework framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, apiPackages() + "," + CM_PACKAGE,
                // the JVM's URL handler factory is Spark's (Hadoop's file systems), not the framework's
                "felix.service.urlhandlers", "false"));
        framework.start();
        BundleContext context = framework.getBundleContext();
        List<Bundle> bundles = new ArrayList<>();
        for (String name : bundleNames()) {
            try (InputStream in = ExecutorRuntime.class.getClassLoader().getResourceAsStream(BUNDLES + name)) {
                bundles.add(context.installBundle("mammoflow-spark:" + name, in));
            }
        }
        startFirst(bundles, "org.apache.felix.configadmin");
        configureBackend(context, threads);
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                bundle.start();
            }
        }
        return new ExecutorRuntime(framework, storage);
    }

    private static void startFirst(List<Bundle> bundles, String symbolicName) throws BundleException {
        for (Bundle bundle : bundles) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                bundle.start();
                return;
            }
        }
        throw new IllegalStateException("the application jar holds no bundle " + symbolicName);
    }

    /** libtorch's threads: the executor's cores, not the machine's (other executors may share it). */
    private static void configureBackend(BundleContext context, int threads) throws IOException, InterruptedException {
        ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> tracker = new ServiceTracker<>(context,
                ConfigurationAdmin.class, null);
        tracker.open();
        try {
            ConfigurationAdmin admin = tracker.waitForService(TimeUnit.SECONDS.toMillis(SERVICE_WAIT_SECONDS));
            if (admin == null) {
                throw new IllegalStateException("Configuration Admin did not start");
            }
            Configuration backend = admin.getConfiguration(BACKEND_PID, "?");
            Dictionary<String, Object> settings = new Hashtable<>();
            settings.put("threads", threads);
            backend.update(settings);
        } finally {
            tracker.close();
        }
    }

    /** The jars under bundles/ of the application jar (or of the classes folder, in a build). */
    private static List<String> bundleNames() throws IOException {
        Path source;
        try {
            source = Path.of(ExecutorRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the application jar", e);
        }
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.list(source.resolve(BUNDLES))) {
                return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
            }
        }
        try (JarFile jar = new JarFile(source.toFile())) {
            return jar.stream().map(e -> e.getName())
                    .filter(n -> n.startsWith(BUNDLES) && n.endsWith(".jar") && n.indexOf('/', BUNDLES.length()) < 0)
                    .map(n -> n.substring(BUNDLES.length())).sorted().toList();
        }
    }

    /** The API bundle's Export-Package, without its uses directives: what the system bundle exports. */
    static String apiPackages() throws IOException {
        try (InputStream in = ExecutorRuntime.class.getClassLoader().getResourceAsStream(API_MANIFEST)) {
            if (in == null) {
                throw new IOException(API_MANIFEST + " is not in the application jar (build it with mvn package)");
            }
            String exports = new Manifest(in).getMainAttributes().getValue(Constants.EXPORT_PACKAGE);
            return String.join(",", Clauses.split(exports).stream().map(Clauses::withoutUses).toList());
        }
    }

    private void stop() {
        try {
            framework.stop();
            framework.waitForStop(TimeUnit.SECONDS.toMillis(30));
            AtomicFiles.deleteTree(storage);
        } catch (BundleException | IOException e) {
            System.err.println("mammoflow-spark: stopping the embedded framework: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
