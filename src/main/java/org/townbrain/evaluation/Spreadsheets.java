package org.townbrain.evaluation;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** XLSX exports: a town's assessment for the provincial submission, and the funding allocation. */
final class Spreadsheets {

    private Spreadsheets() {
    }

    static void assessment(Standing.Entry entry, Assessment assessment, OutputStream out) {
        try {
            Workbook book = new Workbook(out, "TownBrain", "1.0");
            Worksheet summary = book.newWorksheet("summary");
            Scorecard card = entry.scorecard();
            Object[][] rows = {{"townCode", entry.town().code()}, {"town", entry.town().name()},
                    {"type", entry.town().type()}, {"year", assessment.year()}, {"status", assessment.status().name()},
                    {"score", card.score()}, {"commonScore", card.commonScore()}, {"bonusScore", card.bonusScore()},
                    {"satisfaction", card.satisfaction()}, {"tier", card.tier().name()}, {"rank", entry.rank()}};
            for (int i = 0; i < rows.length; i++) {
                summary.value(i, 0, (String) rows[i][0]);
                put(summary, i, 1, rows[i][1]);
            }
            Worksheet sheet = book.newWorksheet("indicators");
            List<String> header = List.of("code", "name", "dimension", "category", "unit", "target", "value", "weight",
                    "points", "met", "hard", "source", "sourceDetail", "note");
            for (int c = 0; c < header.size(); c++) {
                sheet.value(0, c, header.get(c));
                sheet.style(0, c).bold().set();
            }
            int r = 1;
            for (Scorecard.Line line : card.lines()) {
                Indicator i = line.indicator();
                Assessment.Value v = assessment.values().get(i.code());
                Object[] cells = {i.code(), i.name(), i.dimension().name(), i.category().name(), i.unit(), i.target(),
                        line.value(), i.weight(), Scoring.round(line.points()), line.met() ? "yes" : "no", i.hard() ? "yes" : "no",
                        v == null ? "" : v.source().name(), v == null ? "" : v.sourceDetail(), v == null ? "" : v.note()};
                for (int c = 0; c < cells.length; c++) {
                    put(sheet, r, c, cells[c]);
                }
                r++;
            }
            book.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The year's results of every town the caller sees: one row per town, gaps in one cell. */
    static void results(int year, List<Standing.Entry> entries, Map<String, String> indicatorNames, OutputStream out) {
        try {
            Workbook book = new Workbook(out, "TownBrain", "1.0");
            Worksheet sheet = book.newWorksheet("results " + year);
            List<String> header = List.of("rank", "townCode", "town", "type", "score", "commonScore", "bonusScore",
                    "satisfaction", "tier", "status", "gaps");
            for (int c = 0; c < header.size(); c++) {
                sheet.value(0, c, header.get(c));
                sheet.style(0, c).bold().set();
            }
            int r = 1;
            for (Standing.Entry e : entries) {
                Scorecard card = e.scorecard();
                StringBuilder gaps = new StringBuilder();
                for (TownResult.Gap g : card.gaps()) {
                    gaps.append(gaps.isEmpty() ? "" : "; ").append(indicatorNames.getOrDefault(g.indicator(), g.indicator()))
                            .append(' ').append(g.actual() == null ? "—" : g.actual()).append(" → ").append(g.needed());
                }
                Object[] cells = {e.rank(), e.town().code(), e.town().name(), e.town().type(), card.score(), card.commonScore(),
                        card.bonusScore(), card.satisfaction(), card.tier().name(), e.status() == null ? "" : e.status().name(),
                        gaps.toString()};
                for (int c = 0; c < cells.length; c++) {
                    put(sheet, r, c, cells[c]);
                }
                r++;
            }
            book.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void funding(Allocation allocation, Map<String, String> townNames, OutputStream out) {
        try {
            Workbook book = new Workbook(out, "TownBrain", "1.0");
            Worksheet sheet = book.newWorksheet("allocation " + allocation.year());
            List<String> header = List.of("townCode", "town", "base", "rewards", "total", "line", "amount");
            for (int c = 0; c < header.size(); c++) {
                sheet.value(0, c, header.get(c));
                sheet.style(0, c).bold().set();
            }
            int r = 1;
            for (Allocation.TownAllocation t : allocation.towns()) {
                sheet.value(r, 0, t.townCode());
                sheet.value(r, 1, townNames.getOrDefault(t.townCode(), ""));
                sheet.value(r, 2, t.base());
                sheet.value(r, 3, t.rewards());
                sheet.value(r, 4, t.total());
                for (Allocation.Item item : t.explanation()) {
                    sheet.value(r, 5, item.item());
                    sheet.value(r, 6, item.amount());
                    r++;
                }
                if (t.explanation().isEmpty()) {
                    r++;
                }
            }
            r++;
            sheet.value(r, 0, "pool");
            sheet.value(r, 4, allocation.pool());
            sheet.value(r + 1, 0, "allocated");
            sheet.value(r + 1, 4, allocation.allocated());
            book.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void put(Worksheet sheet, int r, int c, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Number n) {
            sheet.value(r, c, n);
        } else {
            sheet.value(r, c, value.toString());
        }
    }
}
