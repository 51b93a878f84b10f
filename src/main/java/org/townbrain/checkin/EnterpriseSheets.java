package org.townbrain.checkin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.RejectedException;

/**
 * XLSX import and export of enterprises and their daily reports, in the shape town offices
 * already keep in Excel: sheet 企业 (enterprises) and sheet 日报 (daily reports). An import is
 * all or nothing: one bad row and nothing is stored, with every bad row named.
 */
@Component("checkinEnterpriseSheets")
class EnterpriseSheets {

    static final String ENTERPRISES = "企业";
    static final String REPORTS = "日报";
    static final List<String> ENTERPRISE_HEADER = List.of("统一社会信用代码", "企业名称", "镇街代码", "村社代码", "行业", "规模", "职工人数");
    static final List<String> REPORT_HEADER = List.of("统一社会信用代码", "日期", "应返岗人数", "已返岗人数", "产能利用率%", "需求");

    private final ResumptionEnterprises enterprises;

    EnterpriseSheets(ResumptionEnterprises enterprises) {
        this.enterprises = enterprises;
    }

    /** How many rows an import stored; shown once after the redirect, so it travels in the session. */
    record Imported(int enterprises, int reports) implements java.io.Serializable {
    }

    byte[] export(List<Enterprise> list, Map<Long, List<ResumptionReport>> reports) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Workbook workbook = new Workbook(out, "TownBrain", "1.0");
            Worksheet sheet = workbook.newWorksheet(ENTERPRISES);
            header(sheet, ENTERPRISE_HEADER);
            int r = 1;
            for (Enterprise e : list) {
                sheet.value(r, 0, e.uscc());
                sheet.value(r, 1, e.name());
                sheet.value(r, 2, e.townCode());
                sheet.value(r, 3, e.villageCode() == null ? "" : e.villageCode());
                sheet.value(r, 4, e.industry().chinese());
                sheet.value(r, 5, e.size().chinese());
                sheet.value(r, 6, e.workers());
                r++;
            }
            Worksheet daily = workbook.newWorksheet(REPORTS);
            header(daily, REPORT_HEADER);
            r = 1;
            for (Enterprise e : list) {
                for (ResumptionReport report : reports.getOrDefault(e.id(), List.of())) {
                    daily.value(r, 0, e.uscc());
                    daily.value(r, 1, report.day().toString());
                    daily.value(r, 2, report.workersExpected());
                    daily.value(r, 3, report.workersBack());
                    daily.value(r, 4, report.capacityPercent());
                    daily.value(r, 5, report.needs() == null ? "" : report.needs());
                    r++;
                }
            }
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Transactional
    Imported importFrom(InputStream input, String reportedBy) {
        List<String> errors = new ArrayList<>();
        int added = 0;
        int saved = 0;
        try (ReadableWorkbook workbook = new ReadableWorkbook(input)) {
            Optional<Sheet> enterpriseSheet = workbook.findSheet(ENTERPRISES);
            Optional<Sheet> reportSheet = workbook.findSheet(REPORTS);
            if (enterpriseSheet.isEmpty() && reportSheet.isEmpty()) {
                throw new RejectedException("file", "表格中没有“企业”或“日报”工作表 / no sheet named 企业 or 日报");
            }
            if (enterpriseSheet.isPresent()) {
                for (Row row : dataRows(enterpriseSheet.get())) {
                    try {
                        String uscc = text(row, 0).toUpperCase(java.util.Locale.ROOT);
                        if (enterprises.byUscc(uscc).isPresent()) {
                            continue; // already registered: an exported sheet imports back without duplicates
                        }
                        enterprises.register(new ResumptionEnterprises.NewEnterprise(uscc, text(row, 1), text(row, 2), text(row, 3),
                                text(row, 4), text(row, 5), integer(row, 6, "职工人数")), false);
                        added++;
                    } catch (RejectedException | org.townbrain.platform.scope.OutOfScopeException e) {
                        errors.add(ENTERPRISES + " 第" + row.getRowNum() + "行: " + e.getMessage());
                    }
                }
            }
            if (reportSheet.isPresent()) {
                for (Row row : dataRows(reportSheet.get())) {
                    try {
                        String uscc = text(row, 0).toUpperCase(java.util.Locale.ROOT);
                        Enterprise enterprise = enterprises.byUscc(uscc).orElseThrow(
                                () -> new RejectedException("uscc", "未登记的企业 / unknown enterprise " + uscc));
                        enterprises.report(enterprise.id(), new ResumptionReport(enterprise.id(), date(row, 1),
                                integer(row, 2, "应返岗人数"), integer(row, 3, "已返岗人数"), integer(row, 4, "产能利用率"),
                                text(row, 5), null), reportedBy);
                        saved++;
                    } catch (RejectedException | org.townbrain.platform.scope.OutOfScopeException e) {
                        errors.add(REPORTS + " 第" + row.getRowNum() + "行: " + e.getMessage());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof RejectedException rejected) {
                throw rejected;
            }
            throw new RejectedException("file", "无法读取该文件，请上传 .xlsx 表格 / not a readable .xlsx file");
        }
        if (!errors.isEmpty()) {
            int more = errors.size() - 10;
            throw new RejectedException("file", String.join("；", errors.subList(0, Math.min(10, errors.size())))
                    + (more > 0 ? "；另有 " + more + " 行有误" : "") + "。未导入任何数据 / nothing was imported");
        }
        return new Imported(added, saved);
    }

    private static List<Row> dataRows(Sheet sheet) throws IOException {
        return sheet.read().stream().skip(1).filter(r -> r.getCellCount() > 0 && !text(r, 0).isEmpty()).toList();
    }

    private static void header(Worksheet sheet, List<String> names) {
        for (int c = 0; c < names.size(); c++) {
            sheet.value(0, c, names.get(c));
            sheet.style(0, c).bold().set();
        }
    }

    private static String text(Row row, int column) {
        if (!row.hasCell(column)) {
            return "";
        }
        String text = row.getCellText(column);
        return text == null ? "" : text.strip();
    }

    private static Integer integer(Row row, int column, String name) {
        String text = text(row, column);
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return new BigDecimal(text).intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new RejectedException(name, name + "须为整数 / must be a whole number: " + text);
        }
    }

    private static LocalDate date(Row row, int column) {
        String text = text(row, column);
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            try {
                // a real Excel date cell: days since 1899-12-30
                return LocalDate.of(1899, 12, 30).plusDays(new BigDecimal(text).longValue());
            } catch (NumberFormatException notANumber) {
                throw new RejectedException("day", "日期格式应为 2026-11-27 / dates look like 2026-11-27: " + text);
            }
        }
    }
}
