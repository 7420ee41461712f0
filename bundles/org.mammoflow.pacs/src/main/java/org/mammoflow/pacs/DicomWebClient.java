package org.mammoflow.pacs;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * One DICOMweb server over HTTP (the JDK's client; TLS when the URL is https): QIDO-RS searches in
 * DICOM JSON, WADO-RS retrieval of single instances, STOW-RS storage. Every error names the server
 * and what failed; an answer larger than the limit is refused before it is read.
 */
final class DicomWebClient {

    static final String DICOM = "application/dicom";

    private final String name;
    private final URI base;
    private final Optional<String> authorization;
    private final Duration timeout;
    private final long maxInstanceBytes;
    private final HttpClient http;

    DicomWebClient(String name, URI base, Optional<String> authorization, Duration timeout, long maxInstanceBytes) {
        this.name = name;
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.authorization = authorization;
        this.timeout = timeout;
        this.maxInstanceBytes = maxInstanceBytes;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    String name() {
        return name;
    }

    URI base() {
        return base;
    }

    /** A QIDO-RS search: {@code path} below the root (studies, studies/UID/series, ...), the query's matching keys. */
    List<JsonObject> search(String path, Map<String, String> query) throws IOException {
        String parameters = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = base.resolve(path + (parameters.isEmpty() ? "" : "?" + parameters));
        HttpResponse<InputStream> response = send(request(uri).header("Accept", "application/dicom+json").GET().build());
        if (response.statusCode() == 204) {
            response.body().close();
            return List.of(); // no match
        }
        JsonElement json = json(uri, read(uri, response, 64L << 20));
        if (!json.isJsonArray()) {
            throw new IOException(name + ": " + uri + " did not answer a JSON array");
        }
        List<JsonObject> results = new ArrayList<>();
        for (JsonElement element : json.getAsJsonArray()) {
            results.add(element.getAsJsonObject());
        }
        return results;
    }

    /** WADO-RS: one instance as a DICOM Part 10 file's bytes. */
    byte[] retrieve(String study, String series, String instance) throws IOException {
        URI uri = base.resolve("studies/" + study + "/series/" + series + "/instances/" + instance);
        HttpResponse<InputStream> response = send(request(uri)
                .header("Accept", "multipart/related; type=\"" + DICOM + "\"").GET().build());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        byte[] body = read(uri, response, maxInstanceBytes);
        List<Multipart.Part> parts;
        try {
            parts = Multipart.parse(body, Multipart.boundary(contentType));
        } catch (IOException e) {
            throw new IOException(name + ": broken multipart answer from " + uri + ": " + e.getMessage(), e);
        }
        if (parts.size() != 1 || !parts.get(0).contentType().startsWith(DICOM)) {
            throw new IOException(name + ": " + uri + " answered " + parts.size() + " part(s) where one DICOM instance was asked for");
        }
        return parts.get(0).body();
    }

    /** STOW-RS into a study; the server's answer must list every instance as stored and none as failed. */
    void store(String study, List<byte[]> instances, List<String> sopInstanceUids) throws IOException {
        URI uri = base.resolve("studies/" + study);
        Multipart.Body body = Multipart.of(instances, DICOM);
        HttpResponse<InputStream> response = send(request(uri).header("Content-Type", body.contentType())
                .header("Accept", "application/dicom+json").POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes())).build());
        JsonElement answer = json(uri, read(uri, response, 64L << 20));
        JsonObject result = answer.isJsonArray() && answer.getAsJsonArray().size() > 0
                ? answer.getAsJsonArray().get(0).getAsJsonObject() : answer.getAsJsonObject();
        if (result.has("00081198") && DicomJson.items(result, "00081198").size() > 0) {
            throw new IOException(name + ": the server refused to store " + DicomJson.items(result, "00081198").size()
                    + " instance(s) into study " + study + " (Failed SOP Sequence)");
        }
        List<String> stored = DicomJson.items(result, "00081199").stream().map(item -> DicomJson.string(item, "00081155")).toList();
        if (!stored.containsAll(sopInstanceUids)) {
            throw new IOException(name + ": the server's answer to storing into study " + study + " does not list "
                    + sopInstanceUids + " as stored");
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    private HttpResponse<InputStream> send(HttpRequest request) throws IOException {
        HttpResponse<InputStream> response;
        try {
            response = sendOnce(request);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new IOException(name + " (" + base + ") cannot be reached: " + reason(e), e);
        } catch (HttpTimeoutException e) {
            throw new IOException(name + ": no answer from " + request.uri() + " within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(name + ": interrupted while asking " + request.uri());
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            response.body().close();
            throw new IOException(name + " (" + base + ") refused the credentials (HTTP " + status + "): set username and"
                    + " password, or token, in its configuration (load/org.mammoflow.pacs.server-" + name + ".cfg)");
        }
        if (status / 100 != 2) {
            String text;
            try (InputStream body = response.body()) {
                text = new String(body.readNBytes(300), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
            }
            throw new IOException(name + ": " + request.method() + " " + request.uri() + " answered HTTP " + status
                    + (text.isEmpty() ? "" : " (" + text + ")"));
        }
        return response;
    }

    /**
     * Sends; once more when the server closed a kept-alive connection just as the request went out
     * (Orthanc closes idle ones after a second). Every request here may be repeated: searches and
     * retrievals read, and storing an instance again stores the same SOP Instance.
     */
    private HttpResponse<InputStream> sendOnce(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpTimeoutException e) {
            throw e;
        } catch (IOException closed) {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        }
    }

    /** The answer's bytes, refused before reading when its declared length is over the limit, and while reading past it. */
    private byte[] read(URI uri, HttpResponse<InputStream> response, long limit) throws IOException {
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (InputStream body = response.body()) {
            if (declared > limit) {
                throw new IOException(name + ": " + uri + " answers " + declared + " bytes, more than the limit of " + limit);
            }
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new IOException(name + ": " + uri + " answers more than the limit of " + limit + " bytes");
            }
            if (declared >= 0 && bytes.length != declared) {
                throw new IOException(name + ": the answer from " + uri + " broke off after " + bytes.length + " of "
                        + declared + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(name + ":")) {
                throw e;
            }
            throw new IOException(name + ": the answer from " + uri + " broke off (" + reason(e) + ")", e);
        }
    }

    private JsonElement json(URI uri, byte[] bytes) throws IOException {
        try {
            return JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonParseException | IllegalStateException e) {
            throw new IOException(name + ": " + uri + " answered no valid JSON (" + e.getMessage() + ")", e);
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
