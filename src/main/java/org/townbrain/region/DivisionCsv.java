package org.townbrain.region;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.io.BufferedInputStream;

/**
 * Reads the National Bureau of Statistics division CSVs as republished by {@code china-division}:
 * a header line naming the columns, then one division per line, names in double quotes.
 */
final class DivisionCsv {

    /** One data row: its line number and its cells by column name. */
    record Row(long line, Map<String, String> cells) {
        String get(String column) {
            String value = cells.get(column);
            return value == null ? "" : value.strip();
        }
    }

    /** A row that could not be split into the header's columns. */
    record Malformed(long line, String reason) {
    }

    record Sheet(List<String> header, List<Row> rows, List<Malformed> malformed) {
        boolean hasColumns(String... columns) {
            return header.containsAll(List.of(columns));
        }
    }

    private DivisionCsv() {
    }

    /** Reads a CSV, gunzipping it when it starts with the gzip magic bytes. */
    static Sheet read(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        InputStream source = (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(in) : in;
        BufferedReader reader = new BufferedReader(new InputStreamReader(source, StandardCharsets.UTF_8));
        String headerLine = reader.readLine();
        if (headerLine == null) {
            return new Sheet(List.of(), List.of(), List.of());
        }
        if (headerLine.startsWith("\uFEFF")) {
            headerLine = headerLine.substring(1);
        }
        List<String> headerCells = split(headerLine);
        if (headerCells == null) { // a quote left open in the header: no columns to read the rows by
            return new Sheet(List.of(), List.of(), List.of(new Malformed(1, "unclosed quote in the header")));
        }
        List<String> header = headerCells.stream().map(String::strip).toList();
        List<Row> rows = new ArrayList<>();
        List<Malformed> malformed = new ArrayList<>();
        String line;
        long number = 1;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line);
            if (cells == null || cells.size() != header.size()) {
                malformed.add(new Malformed(number, "expected " + header.size() + " columns"));
                continue;
            }
            Map<String, String> byName = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                byName.put(header.get(i), cells.get(i));
            }
            rows.add(new Row(number, byName));
        }
        return new Sheet(header, rows, malformed);
    }

    /** Splits one CSV line (RFC 4180 quoting); null when a quote is left open. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        cells.add(cell.toString());
        return cells;
    }
}
