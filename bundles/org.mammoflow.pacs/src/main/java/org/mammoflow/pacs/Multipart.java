package org.mammoflow.pacs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * multipart/related bodies (RFC 2387) as DICOMweb uses them: WADO-RS answers one DICOM object per
 * part, STOW-RS takes one per part. Parsing is strict: a body that does not close its last part is
 * broken, not short.
 */
final class Multipart {

    /** One part: its Content-Type (empty when the part has none) and its bytes. */
    record Part(String contentType, byte[] body) {
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    private Multipart() {
    }

    /** The boundary parameter of a multipart Content-Type header, unquoted. */
    static String boundary(String contentType) throws IOException {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().toLowerCase(Locale.ROOT).equals("boundary")) {
                String value = pair[1].strip();
                return value.startsWith("\"") && value.endsWith("\"") && value.length() > 1
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        throw new IOException("no boundary in Content-Type '" + contentType + "'");
    }

    static List<Part> parse(byte[] body, String boundary) throws IOException {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw new IOException("no part starts (boundary " + boundary + " not found)");
        }
        List<Part> parts = new ArrayList<>();
        while (true) {
            int after = at + delimiter.length;
            if (after + 2 <= body.length && body[after] == '-' && body[after + 1] == '-') {
                return parts; // the close delimiter
            }
            int headersStart = indexOf(body, CRLF, after);
            int headersEnd = headersStart < 0 ? -1 : indexOf(body, HEADER_END, headersStart);
            if (headersStart < 0 || headersEnd < 0) {
                throw new IOException("part " + (parts.size() + 1) + " ends inside its headers");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1);
            int bodyStart = headersEnd + HEADER_END.length;
            byte[] next = concat(CRLF, delimiter);
            int bodyEnd = indexOf(body, next, bodyStart);
            if (bodyEnd < 0) {
                throw new IOException("part " + (parts.size() + 1) + " is cut off: no boundary after it");
            }
            parts.add(new Part(header(headers, "content-type"), Arrays.copyOfRange(body, bodyStart, bodyEnd)));
            at = bodyEnd + CRLF.length;
        }
    }

    /** A multipart/related body of DICOM objects, and the Content-Type header that names its boundary. */
    record Body(String contentType, byte[] bytes) {
    }

    static Body of(List<byte[]> objects, String type) {
        String boundary = "mammoflow-" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] object : objects) {
            out.writeBytes(("--" + boundary + "\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(object);
            out.writeBytes(CRLF);
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return new Body("multipart/related; type=\"" + type + "\"; boundary=" + boundary, out.toByteArray());
    }

    private static String header(String headers, String name) {
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return "";
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
