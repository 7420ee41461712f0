package org.mammoflow.dashboard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

/** How the dashboard answers: JSON, an error as JSON with its status, or a file with its type. */
final class Responses {

    private static final Map<String, String> TYPES = Map.of("png", "image/png", "csv", "text/csv; charset=utf-8",
            "json", "application/json", "md", "text/markdown; charset=utf-8", "log", "text/plain; charset=utf-8",
            "properties", "text/plain; charset=utf-8");

    private Responses() {
    }

    static void json(HttpServletResponse response, Object value) throws IOException {
        send(response, HttpServletResponse.SC_OK, Json.of(value));
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        send(response, status, Json.of(Map.of("error", message)));
    }

    static void file(HttpServletResponse response, Path file) throws IOException {
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        response.setContentType(TYPES.getOrDefault(extension, "application/octet-stream"));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLengthLong(Files.size(file));
        try (OutputStream out = response.getOutputStream()) {
            Files.copy(file, out);
        }
    }

    private static void send(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
