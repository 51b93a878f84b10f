package org.townbrain.projects;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/** Writes the construction figures of a period as an XLSX workbook: the summary, per town, per firm. */
final class FiguresWorkbook {

    record Row(String name, ServiceFigures figures, InvestmentFigures investment) {
    }

    private FiguresWorkbook() {
    }

    static void write(OutputStream out, String title, ServiceFigures total, List<Row> towns,
            List<Enterprises.FirmRating> firms, Map<String, String> headers) throws IOException {
        Workbook workbook = new Workbook(out, "TownBrain", "1.0");
        Worksheet summary = workbook.newWorksheet(headers.get("summary"));
        summary.value(0, 0, title);
        String[] keys = {"expertVisits", "qualityChecks", "problemsFound", "problemsRectified", "coverage", "seminars",
                "reviewRounds", "investmentPlanned", "investmentActual"};
        Object[] values = {total.expertVisits(), total.qualityChecks(), total.problemsFound(), total.problemsRectified(),
                total.coverage(), total.seminars(), total.reviewRounds(), total.investmentPlanned(), total.investmentActual()};
        for (int i = 0; i < keys.length; i++) {
            summary.value(i + 2, 0, headers.get(keys[i]));
            put(summary, i + 2, 1, values[i]);
        }
        summary.width(0, 28);

        Worksheet byTown = workbook.newWorksheet(headers.get("byTown"));
        byTown.value(0, 0, headers.get("town"));
        for (int i = 0; i < keys.length; i++) {
            byTown.value(0, i + 1, headers.get(keys[i]));
        }
        byTown.value(0, keys.length + 1, headers.get("completion"));
        int r = 1;
        for (Row row : towns) {
            ServiceFigures f = row.figures();
            Object[] v = {f.expertVisits(), f.qualityChecks(), f.problemsFound(), f.problemsRectified(), f.coverage(),
                    f.seminars(), f.reviewRounds(), row.investment().planned(), row.investment().actual(),
                    row.investment().completion()};
            byTown.value(r, 0, row.name());
            for (int i = 0; i < v.length; i++) {
                put(byTown, r, i + 1, v[i]);
            }
            r++;
        }
        byTown.width(0, 14);

        Worksheet ranking = workbook.newWorksheet(headers.get("firms"));
        String[] firmHeaders = {headers.get("rank"), headers.get("firm"), headers.get("uscc"), headers.get("kind"),
                headers.get("rating"), headers.get("inspections"), headers.get("watch")};
        for (int i = 0; i < firmHeaders.length; i++) {
            ranking.value(0, i, firmHeaders[i]);
        }
        r = 1;
        for (Enterprises.FirmRating firm : firms) {
            if (firm.rank() != null) {
                ranking.value(r, 0, firm.rank());
            }
            ranking.value(r, 1, firm.enterprise().name());
            ranking.value(r, 2, firm.enterprise().uscc());
            ranking.value(r, 3, firm.enterprise().kind().name());
            if (firm.rating() != null) {
                ranking.value(r, 4, firm.rating());
            }
            ranking.value(r, 5, firm.inspections());
            ranking.value(r, 6, firm.watched() ? "✓" : "");
            r++;
        }
        ranking.width(1, 36);
        ranking.width(2, 22);
        workbook.finish();
    }

    private static void put(Worksheet sheet, int row, int column, Object value) {
        if (value instanceof Number n) {
            sheet.value(row, column, n instanceof BigDecimal b ? b : n);
        } else {
            sheet.value(row, column, String.valueOf(value));
        }
    }
}
