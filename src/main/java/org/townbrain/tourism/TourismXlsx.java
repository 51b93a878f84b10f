package org.townbrain.tourism;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.springframework.stereotype.Component;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.Scope;

/** Daily figures to and from Excel: columns 镇街代码, 镇街, 日期, 游客人次, 旅游收入（元）, 来源. */
@Component
class TourismXlsx {

    static final int MAX_ROWS = 50_000;

    private final TourismFigures figures;

    TourismXlsx(TourismFigures figures) {
        this.figures = figures;
    }

    record ImportResult(int imported, List<String> rejected) {
    }

    void export(List<TourismFigures.DailyFigure> rows, Map<String, String> townNames, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "TownBrain", "1.0");
        Worksheet sheet = workbook.newWorksheet("旅游日报");
        String[] header = {"镇街代码", "镇街", "日期", "游客人次", "旅游收入（元）", "来源"};
        for (int c = 0; c < header.length; c++) {
            sheet.value(0, c, header[c]);
            sheet.style(0, c).bold().set();
        }
        int r = 1;
        for (TourismFigures.DailyFigure row : rows) {
            sheet.value(r, 0, row.townCode());
            sheet.value(r, 1, townNames.getOrDefault(row.townCode(), ""));
            sheet.value(r, 2, row.day());
            sheet.style(r, 2).format("yyyy-mm-dd").set();
            sheet.value(r, 3, row.visitors());
            sheet.value(r, 4, row.revenueYuan());
            sheet.value(r, 5, row.source());
            if (r % 1000 == 0) {
                sheet.flush();
            }
            r++;
        }
        workbook.finish();
    }

    /**
     * Imports rows of the exported layout. Rows with an error are reported and skipped; good rows
     * are kept (each row is its own fact, so a bad row never changes another).
     */
    ImportResult importFrom(InputStream in, Scope scope, String username, LocalDate today) throws IOException {
        int imported = 0;
        List<String> rejected = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(in)) {
            Sheet sheet = workbook.getFirstSheet();
            List<Row> rows = sheet.read();
            if (rows.size() > MAX_ROWS + 1) {
                throw new RejectedException("file", "一次最多导入 " + MAX_ROWS + " 行 / at most " + MAX_ROWS + " rows at once");
            }
            for (Row row : rows.subList(Math.min(1, rows.size()), rows.size())) {
                int line = row.getRowNum();
                try {
                    String town = row.getCellText(0).strip();
                    LocalDate day = date(row);
                    int visitors = new BigDecimal(row.getCellText(3).strip()).intValueExact();
                    BigDecimal revenue = new BigDecimal(row.getCellText(4).strip());
                    figures.record(scope, town, day, visitors, revenue, "IMPORTED", username, today);
                    imported++;
                } catch (RejectedException e) {
                    rejected.add("第 " + line + " 行 / row " + line + ": " + e.getMessage());
                } catch (RuntimeException e) {
                    rejected.add("第 " + line + " 行 / row " + line + ": 格式错误 / not a valid row");
                }
            }
        } catch (RejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new RejectedException("file", "不是有效的 XLSX 文件 / not a valid XLSX file");
        }
        return new ImportResult(imported, rejected);
    }

    private static LocalDate date(Row row) {
        var cell = row.getCell(2);
        if (cell != null && cell.getType() == org.dhatim.fastexcel.reader.CellType.NUMBER) {
            LocalDateTime dateTime = row.getCellAsDate(2).orElseThrow();
            return dateTime.toLocalDate();
        }
        return LocalDate.parse(row.getCellText(2).strip());
    }
}
