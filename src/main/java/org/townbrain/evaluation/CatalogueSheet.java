package org.townbrain.evaluation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.townbrain.platform.errors.RejectedException;

/**
 * The catalogue as a spreadsheet: sheet "indicators" (one row per indicator, the columns of
 * {@link #COLUMNS}), sheet "settings" (title, bonus cap, pass lines) and sheet "questions" (the
 * satisfaction questionnaire). The demo catalogue uses the same columns as a CSV.
 */
final class CatalogueSheet {

    static final List<String> COLUMNS = List.of("code", "dimension", "category", "townTypes", "name", "unit", "kind",
            "direction", "target", "rule", "weight", "hard", "signature", "evidence");

    private CatalogueSheet() {
    }

    /** Reads one indicator row; {@code row} is the 1-based row number for messages. */
    static Indicator indicator(Map<String, String> cells, int row, int sort, Set<String> townTypes) {
        try {
            String code = required(cells, "code").toUpperCase(Locale.ROOT);
            Set<String> types = new LinkedHashSet<>();
            for (String t : cells.getOrDefault("townTypes", "").split("[|;,\\s]+")) {
                if (!t.isBlank()) {
                    if (!townTypes.contains(t.strip())) {
                        throw new IllegalArgumentException("unknown town type " + t.strip() + " (known: " + townTypes + ")");
                    }
                    types.add(t.strip());
                }
            }
            String kind = required(cells, "kind").toUpperCase(Locale.ROOT);
            return new Indicator(code, sort, required(cells, "name"), enumValue(Dimension.class, required(cells, "dimension")),
                    enumValue(Indicator.Category.class, required(cells, "category")), types, required(cells, "unit"),
                    enumValue(Indicator.Kind.class, kind), enumValue(Indicator.Direction.class, required(cells, "direction")),
                    number(required(cells, "target"), "target"), ScoringRule.parse(required(cells, "rule")),
                    number(required(cells, "weight"), "weight"), bool(cells.get("hard")), bool(cells.get("signature")),
                    cells.getOrDefault("evidence", "").strip(), true);
        } catch (IllegalArgumentException e) {
            throw new RejectedException("file", "第 " + row + " 行 / row " + row + ": " + e.getMessage());
        }
    }

    static List<String> cells(Indicator i) {
        return List.of(i.code(), i.dimension().name(), i.category().name(), String.join("|", i.townTypes().stream().sorted().toList()),
                i.name(), i.unit(), i.kind().name(), i.direction().name(), plain(i.target()), i.rule().text(),
                plain(i.weight()), Boolean.toString(i.hard()), Boolean.toString(i.signature()), i.evidence());
    }

    /**
     * Reads a catalogue workbook.
     *
     * @param previous the year's current catalogue, whose settings and questions stay when the file has none
     */
    static Catalogue read(InputStream in, int year, Set<String> townTypes, Optional<Catalogue> previous) {
        try (ReadableWorkbook book = new ReadableWorkbook(in)) {
            Sheet sheet = book.findSheet("indicators").orElse(book.getFirstSheet());
            List<Row> rows = sheet.read();
            if (rows.isEmpty()) {
                throw new RejectedException("file", "表格为空 / the sheet is empty");
            }
            List<String> header = texts(rows.get(0));
            if (!header.containsAll(List.of("code", "name", "category", "rule", "weight"))) {
                throw new RejectedException("file", "第一行应为列名 / the first row must name the columns: " + COLUMNS);
            }
            List<Indicator> indicators = new ArrayList<>();
            for (int r = 1; r < rows.size(); r++) {
                List<String> values = texts(rows.get(r));
                if (values.stream().allMatch(String::isBlank)) {
                    continue;
                }
                Map<String, String> cells = new HashMap<>();
                for (int c = 0; c < header.size() && c < values.size(); c++) {
                    cells.put(header.get(c), values.get(c));
                }
                indicators.add(indicator(cells, r + 1, indicators.size() + 1, townTypes));
            }
            Map<String, String> settings = new HashMap<>();
            Optional<Sheet> settingsSheet = book.findSheet("settings");
            if (settingsSheet.isPresent()) {
                for (Row row : settingsSheet.get().read()) {
                    List<String> kv = texts(row);
                    if (kv.size() >= 2) {
                        settings.put(kv.get(0), kv.get(1));
                    }
                }
            }
            List<String> questions = previous.map(Catalogue::questions).orElse(List.of());
            Optional<Sheet> questionSheet = book.findSheet("questions");
            if (questionSheet.isPresent()) {
                questions = questionSheet.get().read().stream().map(CatalogueSheet::texts)
                        .map(t -> t.isEmpty() ? "" : t.get(t.size() - 1)).filter(q -> !q.isBlank()).toList();
            }
            PassLines fallback = previous.map(Catalogue::passLines).orElse(PassLines.ASSUMED_DEFAULTS);
            try {
                PassLines pass = new PassLines(
                        setting(settings, "baselineCommonMin", fallback.baselineCommonMin()),
                        setting(settings, "modelTotalMin", fallback.modelTotalMin()),
                        setting(settings, "modelSatisfactionMin", fallback.modelSatisfactionMin()));
                return new Catalogue(year, settings.getOrDefault("title", previous.map(Catalogue::title).orElse(year + " 美丽城镇评价指标体系")),
                        setting(settings, "bonusCap", previous.map(Catalogue::bonusCap).orElse(10.0)), pass,
                        (int) setting(settings, "surveyMinResponses", previous.map(Catalogue::surveyMinResponses).orElse(30)),
                        Boolean.parseBoolean(settings.getOrDefault("assumed", "true")), indicators, questions);
            } catch (IllegalArgumentException e) {
                throw new RejectedException("file", e.getMessage());
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // LinkageError: a zip entry packed with a method whose codec is not on the class path (zstd)
            if (e instanceof RejectedException rejected) {
                throw rejected;
            }
            throw new RejectedException("file", "不是有效的 XLSX 文件 / not a readable XLSX file");
        }
    }

    static void write(Catalogue c, OutputStream out) {
        try {
            Workbook book = new Workbook(out, "TownBrain", "1.0");
            Worksheet sheet = book.newWorksheet("indicators");
            for (int col = 0; col < COLUMNS.size(); col++) {
                sheet.value(0, col, COLUMNS.get(col));
                sheet.style(0, col).bold().set();
            }
            int r = 1;
            for (Indicator i : c.indicators()) {
                List<String> cells = cells(i);
                for (int col = 0; col < cells.size(); col++) {
                    sheet.value(r, col, cells.get(col));
                }
                r++;
            }
            Worksheet settings = book.newWorksheet("settings");
            Object[][] rows = {{"title", c.title()}, {"bonusCap", c.bonusCap()},
                    {"baselineCommonMin", c.passLines().baselineCommonMin()}, {"modelTotalMin", c.passLines().modelTotalMin()},
                    {"modelSatisfactionMin", c.passLines().modelSatisfactionMin()},
                    {"surveyMinResponses", c.surveyMinResponses()}, {"assumed", Boolean.toString(c.assumed())}};
            for (int i = 0; i < rows.length; i++) {
                settings.value(i, 0, (String) rows[i][0]);
                settings.value(i, 1, String.valueOf(rows[i][1]));
            }
            Worksheet questions = book.newWorksheet("questions");
            for (int i = 0; i < c.questions().size(); i++) {
                questions.value(i, 0, i + 1);
                questions.value(i, 1, c.questions().get(i));
            }
            book.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Splits a CSV line, honouring double quotes. */
    static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                if (quoted && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (ch == ',' && !quoted) {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        out.add(cell.toString());
        return out;
    }

    private static List<String> texts(Row row) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < row.getCellCount(); c++) {
            out.add(row.getCellText(c) == null ? "" : row.getCellText(c).strip());
        }
        return out;
    }

    private static double setting(Map<String, String> settings, String key, double fallback) {
        String v = settings.get(key);
        return v == null || v.isBlank() ? fallback : number(v, key);
    }

    private static String required(Map<String, String> cells, String column) {
        String v = cells.get(column);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("column " + column + " is empty");
        }
        return v.strip();
    }

    private static double number(String text, String column) {
        try {
            return new BigDecimal(text.strip()).doubleValue();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " \"" + text + "\" is not a number");
        }
    }

    private static boolean bool(String text) {
        return text != null && Set.of("true", "yes", "1", "是", "y").contains(text.strip().toLowerCase(Locale.ROOT));
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
