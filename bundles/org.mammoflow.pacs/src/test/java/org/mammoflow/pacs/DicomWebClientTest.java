package org.mammoflow.pacs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The DICOMweb client against a loopback HTTP server that answers as a misbehaving PACS would: every
 * failure is an IOException that names the server and what went wrong.
 */
class DicomWebClientTest {

    private static final byte[] DICOM = "DICM-bytes-of-one-instance".getBytes(StandardCharsets.US_ASCII);

    private HttpServer server;
    private DicomWebClient client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        client = new DicomWebClient("test", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/dicom-web"),
                Optional.of("Basic dGVzdDp0ZXN0"), Duration.ofSeconds(10), 1024);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void anInstanceComesOutOfItsMultipartAnswerWithTheCredentialsSent() throws IOException {
        Multipart.Body body = Multipart.of(List.of(DICOM), "application/dicom");
        String[] authorization = new String[1];
        answer("/dicom-web/studies/1/series/2/instances/3", exchange -> {
            authorization[0] = exchange.getRequestHeaders().getFirst("Authorization");
            send(exchange, 200, body.contentType(), body.bytes(), body.bytes().length);
        });
        assertArrayEquals(DICOM, client.retrieve("1", "2", "3"));
        assertEquals("Basic dGVzdDp0ZXN0", authorization[0]);
    }

    @Test
    void aBrokenMultipartAnswerIsNamed() {
        byte[] cut = "--b\r\nContent-Type: application/dicom\r\n\r\nDICM-and-no-end".getBytes(StandardCharsets.US_ASCII);
        answer("/dicom-web/studies/1/series/2/instances/3",
                exchange -> send(exchange, 200, "multipart/related; type=\"application/dicom\"; boundary=b", cut, cut.length));
        IOException e = assertThrows(IOException.class, () -> client.retrieve("1", "2", "3"));
        assertTrue(e.getMessage().startsWith("test: broken multipart answer from http://127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().endsWith("part 1 is cut off: no boundary after it"), e.getMessage());
    }

    @Test
    void aServerThatClosesMidTransferIsNamed() {
        Multipart.Body body = Multipart.of(List.of(DICOM), "application/dicom");
        answer("/dicom-web/studies/1/series/2/instances/3", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", body.contentType());
            exchange.sendResponseHeaders(200, body.bytes().length + 500L); // promises more than it sends
            exchange.getResponseBody().write(body.bytes());
            exchange.getResponseBody().flush();
            exchange.close();
        });
        IOException e = assertThrows(IOException.class, () -> client.retrieve("1", "2", "3"));
        assertTrue(e.getMessage().startsWith("test: the answer from http://127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().contains("broke off"), e.getMessage());
    }

    @Test
    void anAnswerOverTheLimitIsRefusedBeforeItIsRead() {
        byte[] big = new byte[4096];
        answer("/dicom-web/studies/1/series/2/instances/3",
                exchange -> send(exchange, 200, "multipart/related; boundary=b", big, big.length));
        IOException e = assertThrows(IOException.class, () -> client.retrieve("1", "2", "3"));
        assertTrue(e.getMessage().endsWith("answers 4096 bytes, more than the limit of 1024"), e.getMessage());
    }

    @Test
    void refusedCredentialsAndOtherErrorsSayWhatTheServerAnswered() {
        answer("/dicom-web/studies", exchange -> send(exchange, 401, "text/plain", new byte[0], -1));
        IOException denied = assertThrows(IOException.class, () -> client.search("studies", Map.of()));
        assertTrue(denied.getMessage().contains("test (http://127.0.0.1:") && denied.getMessage().contains(
                "refused the credentials (HTTP 401): set username and password, or token"), denied.getMessage());
        byte[] text = "database locked".getBytes(StandardCharsets.UTF_8);
        answer("/dicom-web/studies/9/series", exchange -> send(exchange, 500, "text/plain", text, text.length));
        IOException failed = assertThrows(IOException.class, () -> client.search("studies/9/series", Map.of()));
        assertTrue(failed.getMessage().endsWith("/dicom-web/studies/9/series answered HTTP 500 (database locked)"),
                failed.getMessage());
    }

    @Test
    void aServerThatIsDownIsNamed() throws IOException {
        int port = server.getAddress().getPort();
        server.stop(0);
        IOException e = assertThrows(IOException.class, () -> client.search("studies", Map.of()));
        assertTrue(e.getMessage().startsWith("test (http://127.0.0.1:" + port + "/dicom-web/) cannot be reached"),
                e.getMessage());
    }

    @Test
    void aStoreTheServerDidNotCompleteIsAnError() {
        byte[] failed = """
                [{"00081198": {"vr": "SQ", "Value": [{"00081155": {"vr": "UI", "Value": ["2.25.1"]}}]}}]"""
                .getBytes(StandardCharsets.UTF_8);
        answer("/dicom-web/studies/1", exchange -> send(exchange, 200, "application/dicom+json", failed, failed.length));
        IOException e = assertThrows(IOException.class, () -> client.store("1", List.of(DICOM), List.of("2.25.1")));
        assertEquals("test: the server refused to store 1 instance(s) into study 1 (Failed SOP Sequence)", e.getMessage());
    }

    @Test
    void multipartBodiesWrittenAreReadBack() throws IOException {
        Multipart.Body body = Multipart.of(List.of(DICOM, new byte[] {1, 2, 3}), "application/dicom");
        List<Multipart.Part> parts = Multipart.parse(body.bytes(), Multipart.boundary(body.contentType()));
        assertEquals(2, parts.size());
        assertArrayEquals(DICOM, parts.get(0).body());
        assertArrayEquals(new byte[] {1, 2, 3}, parts.get(1).body());
        assertEquals("application/dicom", parts.get(1).contentType());
        assertEquals("a b", Multipart.boundary("multipart/related; type=\"application/dicom\"; boundary=\"a b\""));
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void answer(String path, Handler handler) {
        server.createContext(path, exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                handler.handle(exchange);
            }
        });
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body, long length) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, length);
        if (length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
