package org.mammoflow.files;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A CSV file (RFC 4180: quoted fields may hold commas, quotes and line breaks) read as a header and
 * rows. Column names are matched without regard to case or surrounding blanks.
 */
public final class CsvTable {

    /** One data row with its 1-based line number in the file. */
    public record Row(int line, Map<String, String> values) {
        public String get(String column) {
            String value = values.get(key(column));
            return value == null ? "" : value.strip();
        }
    }

    private final Path file;
    private final List<String> header;
    private final List<Row> rows;

    public Path file() {
        return file;
    }

    public List<String> header() {
        return header;
    }

    public List<Row> rows() {
        return rows;
    }

    private CsvTable(Path file, List<String> header, List<Row> rows) {
        this.file = file;
        this.header = header;
        this.rows = rows;
    }

    public static CsvTable read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text (" + e.getMessage() + "); save the CSV file as UTF-8", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        parse(text, records, lines);
        if (records.isEmpty()) {
            throw new IOException(file + ": empty CSV file (no header line)");
        }
        List<String> header = records.get(0).stream().map(String::strip).toList();
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> fields = records.get(r);
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue;
            }
            Map<String, String> values = new HashMap<>();
            for (int c = 0; c < header.size() && c < fields.size(); c++) {
                values.put(key(header.get(c)), fields.get(c));
            }
            rows.add(new Row(lines.get(r), values));
        }
        return new CsvTable(file, header, rows);
    }

    /** The first of {@code spellings} that the header has, or null. */
    public String column(String... spellings) {
        for (String spelling : spellings) {
            for (String name : header) {
                if (key(name).equals(key(spelling))) {
                    return spelling;
                }
            }
        }
        return null;
    }

    /** Fails naming the file and every required column that is absent. */
    public void require(List<List<String>> required) throws IOException {
        Set<String> missing = new LinkedHashSet<>();
        for (List<String> spellings : required) {
            if (column(spellings.toArray(String[]::new)) == null) {
                missing.add(String.join(" or ", spellings.stream().map(s -> "'" + s + "'").toList()));
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(file + ": missing column" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing) + " (header: " + String.join(", ", header) + ")");
        }
    }

    /** A probability as every Mammoflow CSV writes it: six decimals; empty when there is none (NaN). */
    public static String probability(double p) {
        return Double.isNaN(p) ? "" : String.format(Locale.ROOT, "%.6f", p);
    }

    /** Writes rows as CSV atomically, quoting fields that need it. */
    public static void write(Path file, List<String> header, List<List<String>> rows) throws IOException {
        AtomicFiles.writeText(file, out -> {
            out.write(line(header));
            for (List<String> row : rows) {
                out.write(line(row));
            }
        });
    }

    private static String line(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String field = fields.get(i);
            if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
                out.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                out.append(field);
            }
        }
        return out.append('\n').toString();
    }

    private static void parse(String text, List<List<String>> records, List<Integer> lines) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int line = 1;
        int recordLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    continue;
                }
                fields.add(field.toString());
                field.setLength(0);
                records.add(fields);
                lines.add(recordLine);
                fields = new ArrayList<>();
                recordLine = line;
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !fields.isEmpty()) {
            fields.add(field.toString());
            records.add(fields);
            lines.add(recordLine);
        }
    }

    private static String key(String column) {
        return column.strip().toLowerCase(Locale.ROOT);
    }
}
