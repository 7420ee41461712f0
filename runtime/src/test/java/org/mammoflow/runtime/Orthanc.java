package org.mammoflow.runtime;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;

/**
 * A real PACS for the tests: Debian's Orthanc with its DICOMweb plugin, started on a free loopback
 * port with a generated configuration (authentication on, storage in a temporary folder), and its
 * REST API to load images and to check what Mammoflow stored.
 */
final class Orthanc implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/Orthanc");
    static final Path DICOMWEB_PLUGIN = Path.of("/usr/share/orthanc/plugins/libOrthancDicomWeb.so");
    static final String USER = "mammoflow";
    static final String PASSWORD = "s3cret-for-tests";
    private static final Pattern ID = Pattern.compile("\"([0-9a-f]{8}(?:-[0-9a-f]{8}){4})\"");

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private Orthanc(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts Orthanc; skips the calling test where Orthanc is not installed, except under CI. */
    static Orthanc start(Path folder) throws IOException, InterruptedException {
        if (System.getenv("CI") == null) {
            Assumptions.assumeTrue(Files.isExecutable(BINARY) && Files.exists(DICOMWEB_PLUGIN),
                    "Orthanc is not installed (apt-get install orthanc orthanc-dicomweb)");
        }
        int port = freePort();
        Path configuration = Files.writeString(folder.resolve("orthanc.json"), """
                { "Name": "mammoflow-test", "HttpPort": %d, "DicomServerEnabled": false, "RemoteAccessAllowed": false,
                  "StorageDirectory": "%s", "IndexDirectory": "%s",
                  "AuthenticationEnabled": true, "RegisteredUsers": { "%s": "%s" },
                  "Plugins": [ "%s" ], "DicomWeb": { "Enable": true, "Root": "/dicom-web/" } }
                """.formatted(port, folder.resolve("storage"), folder.resolve("storage"), USER, PASSWORD, DICOMWEB_PLUGIN));
        Process process = new ProcessBuilder(BINARY.toString(), configuration.toString()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("orthanc.log").toFile()).start();
        Orthanc orthanc = new Orthanc(process, port);
        for (int i = 0; i < 200; i++) {
            try {
                if (orthanc.get("/system").contains("mammoflow-test")) {
                    return orthanc;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        orthanc.close();
        throw new AssertionError("Orthanc did not start: " + Files.readString(folder.resolve("orthanc.log")));
    }

    String dicomWeb() {
        return "http://127.0.0.1:" + port + "/dicom-web";
    }

    int port() {
        return port;
    }

    void upload(Path dicom) throws IOException, InterruptedException {
        HttpRequest upload = request("/instances").POST(HttpRequest.BodyPublishers.ofFile(dicom)).build();
        HttpResponse<String> response = send(upload, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("Orthanc refused " + dicom + ": " + response.body());
        }
    }

    /** Orthanc's ids of the study's instances of this modality (its REST API's own search, not DICOMweb). */
    List<String> instances(String studyUid, String modality) throws IOException, InterruptedException {
        String query = """
                {"Level": "Instance", "Query": {"StudyInstanceUID": "%s", "Modality": "%s"}}""".formatted(studyUid, modality);
        HttpResponse<String> response = send(request("/tools/find")
                .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
        List<String> ids = new ArrayList<>();
        Matcher matcher = ID.matcher(response.body());
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    Path download(String instanceId, Path file) throws IOException, InterruptedException {
        send(request("/instances/" + instanceId + "/file").GET().build(), HttpResponse.BodyHandlers.ofFile(file));
        return file;
    }

    String get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Sent once more when the first try fails: a kept-alive connection Orthanc closed after its idle second. */
    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        try {
            return http.send(request, body);
        } catch (IOException closed) {
            return http.send(request, body);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
