package org.mammoflow.pacs;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.mammoflow.api.dicom.DicomReports;
import org.mammoflow.api.evaluation.Predictor;
import org.mammoflow.api.pacs.PacsScreening;
import org.mammoflow.api.pacs.PacsStudy;
import org.mammoflow.api.pacs.PacsWatch;
import org.mammoflow.api.pacs.ScreeningModel;
import org.mammoflow.api.pacs.StudyAnswer;
import org.mammoflow.files.SafeNames;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Screening over DICOMweb: the configured servers (or one given by URL), their mammography studies,
 * answered one by one or watched for. The watches run on this component's own threads and stop with it.
 */
@Component(configurationPid = DicomWebScreening.PID)
@Designate(ocd = DicomWebScreening.Config.class)
public class DicomWebScreening implements PacsScreening {

    static final String PID = "org.mammoflow.pacs";

    @ObjectClassDefinition(name = "Mammoflow PACS screening", description = "Answering and watching mammography"
            + " studies on DICOMweb servers (each configured as org.mammoflow.pacs.server)")
    public @interface Config {
        @AttributeDefinition(description = "Folder for a study's images while it is answered (deleted after);"
                + " empty: the system's temporary folder")
        String workFolder() default "";

        @AttributeDefinition(description = "Folder where each watch remembers the studies it answered, one file per server")
        String stateFolder() default "pacs-watch";

        @AttributeDefinition(description = "Seconds between a watch's polls for new studies; 1 to 86400", min = "1", max = "86400")
        int pollSeconds() default 60;

        @AttributeDefinition(description = "Longest wait, in seconds, between a watch's tries to reach a server that"
                + " failed (the wait doubles from 1 s up to it); 1 to 86400", min = "1", max = "86400")
        int maxRetrySeconds() default 300;
    }

    private static final DateTimeFormatter DICOM_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final StudyScreening screening;
    private final Config config;
    private final Logger logger;
    private final Map<String, PacsServer> servers = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<StudyWatch> watches = new CopyOnWriteArrayList<>();
    private final AtomicInteger watchNumbers = new AtomicInteger();
    private final ExecutorService watchThreads;

    @Activate
    public DicomWebScreening(@Reference Predictor predictor, @Reference DicomReports reports,
            @Reference(service = LoggerFactory.class) Logger logger, BundleContext context, Config config) {
        if (config.pollSeconds() < 1 || config.pollSeconds() > 86400 || config.maxRetrySeconds() < 1
                || config.maxRetrySeconds() > 86400) {
            throw new IllegalArgumentException(PID + ": pollSeconds and maxRetrySeconds must be 1 to 86400");
        }
        Path work = config.workFolder().isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "mammoflow-pacs")
                : Path.of(config.workFolder());
        this.screening = new StudyScreening(predictor, reports, context.getBundle().getVersion().toString(), work);
        this.config = config;
        this.logger = logger;
        AtomicInteger threads = new AtomicInteger();
        this.watchThreads = Executors.newCachedThreadPool(r -> new Thread(r, "mammoflow-pacs-watch-" + threads.incrementAndGet()));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addServer(PacsServer server) {
        servers.put(server.name(), server);
    }

    void removeServer(PacsServer server) {
        servers.remove(server.name(), server);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        watches.forEach(StudyWatch::cancel);
        watchThreads.shutdown();
        watchThreads.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Override
    public List<String> servers() {
        return new TreeMap<>(servers).keySet().stream().toList();
    }

    @Override
    public List<PacsStudy> find(String server, Optional<LocalDate> since) throws IOException {
        DicomWebClient pacs = client(server);
        Map<String, String> query = new TreeMap<>(Map.of("ModalitiesInStudy", "MG", "includefield", "00080020,00100020,00080061"));
        since.ifPresent(date -> query.put("StudyDate", DICOM_DATE.format(date) + "-"));
        return pacs.search("studies", query).stream()
                .map(s -> new PacsStudy(DicomJson.string(s, "0020000D"), DicomJson.string(s, "00100020"),
                        DicomJson.string(s, "00080020"), DicomJson.strings(s, "00080061")))
                .filter(s -> !s.studyInstanceUid().isEmpty())
                .sorted(Comparator.comparing(PacsStudy::studyDate).thenComparing(PacsStudy::studyInstanceUid))
                .toList();
    }

    @Override
    public StudyAnswer answer(String server, ScreeningModel model, String study) throws IOException {
        return screening.answer(client(server), model, study);
    }

    @Override
    public PacsWatch watch(String server, ScreeningModel model) throws IOException {
        DicomWebClient pacs = client(server);
        AnsweredStudies done = new AnsweredStudies(Path.of(config.stateFolder())
                .resolve(SafeNames.of(pacs.name()) + ".answered"));
        StudyWatch.Pacs access = new StudyWatch.Pacs() {
            @Override
            public List<PacsStudy> find() throws IOException {
                return DicomWebScreening.this.find(server, Optional.empty());
            }

            @Override
            public boolean holdsReport(String study) throws IOException {
                return StudyScreening.reportSeries(pacs, study).isPresent();
            }

            @Override
            public StudyAnswer answer(String study) throws IOException {
                return screening.answer(pacs, model, study);
            }
        };
        StudyWatch watch = new StudyWatch("watch-" + watchNumbers.incrementAndGet(), pacs.name(), access, done,
                Duration.ofSeconds(config.pollSeconds()), Duration.ofSeconds(config.maxRetrySeconds()), logger);
        watches.add(watch);
        watchThreads.execute(watch);
        return watch;
    }

    @Override
    public List<PacsWatch> watches() {
        return List.copyOf(watches);
    }

    /** A configured server by name, or an unconfigured one by its URL. */
    private DicomWebClient client(String server) {
        if (server.startsWith("http://") || server.startsWith("https://")) {
            return PacsServer.unconfigured(server);
        }
        PacsServer configured = servers.get(server);
        if (configured == null) {
            throw new IllegalArgumentException("no PACS server '" + server + "'; configured: "
                    + (servers.isEmpty() ? "none (add load/org.mammoflow.pacs.server-NAME.cfg, docs/guide.md)" : servers()));
        }
        return configured.client();
    }
}
