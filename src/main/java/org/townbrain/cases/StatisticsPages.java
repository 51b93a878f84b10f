package org.townbrain.cases;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.region.Cluster;
import org.townbrain.region.Regions;
import tools.jackson.databind.ObjectMapper;

/** Statistics per town, cluster, category or month with charts, and their XLSX export. */
@Controller
class StatisticsPages {

    private final CaseStatistics statistics;
    private final CategoryCatalogue catalogue;
    private final Regions regions;
    private final Actors actors;
    private final ObjectMapper json;
    private final MessageSource messages;
    private final Clock clock;

    StatisticsPages(CaseStatistics statistics, CategoryCatalogue catalogue, Regions regions, Actors actors,
            ObjectMapper json, MessageSource messages, Clock clock) {
        this.statistics = statistics;
        this.catalogue = catalogue;
        this.regions = regions;
        this.actors = actors;
        this.json = json;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/case-statistics")
    String page(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(defaultValue = "TOWN") CaseStatistics.Dimension by, Model model) {
        LocalDate end = to == null ? LocalDate.now(clock) : to;
        LocalDate start = from == null ? end.withDayOfYear(1) : from;
        check(start, end);
        Scope scope = actors.scope();
        List<CaseFigures> rows = statistics.figures(by, start, end, scope);
        CaseFigures total = rows.stream().reduce(CaseFigures.empty("total"), (a, b) -> a.plus(b, "total"));
        Map<String, String> labels = labels(by);
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("by", by);
        model.addAttribute("dimensions", CaseStatistics.Dimension.values());
        model.addAttribute("rows", rows);
        model.addAttribute("total", total);
        model.addAttribute("labels", labels);
        model.addAttribute("clusters", by == CaseStatistics.Dimension.TOWN ? clusters(rows) : List.of());
        model.addAttribute("supervision", statistics.supervision(start, end, scope));
        model.addAttribute("townNames", CaseQueries.names(regions.towns()));
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("labels", rows.stream().map(r -> labels.getOrDefault(r.key(), r.key())).toList());
        chart.put("reported", rows.stream().map(CaseFigures::reported).toList());
        chart.put("closed", rows.stream().map(CaseFigures::closed).toList());
        chart.put("onTimeRate", rows.stream().map(r -> r.onTimeClosingRate() == null ? null : r.onTimeClosingRate()).toList());
        chart.put("names", Map.of("reported", text("stats.reported"), "closed", text("stats.closed"), "onTime",
                text("stats.onTimeRate")));
        model.addAttribute("chartData", json.writeValueAsString(chart));
        return "cases/statistics";
    }

    /** Streams the table as XLSX: rows are written as they come, memory stays flat. */
    @GetMapping("/case-statistics.xlsx")
    void export(@RequestParam LocalDate from, @RequestParam LocalDate to,
            @RequestParam(defaultValue = "TOWN") CaseStatistics.Dimension by, HttpServletResponse response) throws IOException {
        check(from, to);
        List<CaseFigures> base = statistics.figures(by, from, to, actors.scope());
        List<CaseFigures> rows = new java.util.ArrayList<>(base);
        if (by == CaseStatistics.Dimension.TOWN) {
            rows.addAll(clusters(base));
        }
        rows.add(base.stream().reduce(CaseFigures.empty("∑"), (a, b) -> a.plus(b, "∑")));
        Map<String, String> labels = labels(by);
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"case-statistics-" + from + "-" + to + ".xlsx\"");
        try (OutputStream out = response.getOutputStream()) {
            Workbook workbook = new Workbook(out, "TownBrain", "1.0");
            Worksheet sheet = workbook.newWorksheet(text("stats.title"));
            String[] head = {text("stats.by." + by), text("stats.reported"), text("stats.accepted"), text("stats.closed"),
                    text("stats.closedOnTime"), text("stats.dueToClose"), text("stats.rework"), text("stats.overdue"),
                    text("stats.closingRate"), text("stats.onTimeRate"), text("stats.handlingRate"), text("stats.reworkRate")};
            for (int c = 0; c < head.length; c++) {
                sheet.value(0, c, head[c]);
            }
            int r = 1;
            for (CaseFigures f : rows) {
                sheet.value(r, 0, labels.getOrDefault(f.key(), f.key()));
                long[] counts = {f.reported(), f.accepted(), f.closed(), f.closedOnTime(), f.dueToClose(), f.rework(), f.overdue()};
                for (int c = 0; c < counts.length; c++) {
                    sheet.value(r, c + 1, counts[c]);
                }
                BigDecimal[] rates = {f.closingRate(), f.onTimeClosingRate(), f.handlingRate(), f.reworkRate()};
                for (int c = 0; c < rates.length; c++) {
                    if (rates[c] != null) {
                        sheet.value(r, c + 8, rates[c]);
                    }
                }
                r++;
                if (r % 1000 == 0) {
                    sheet.flush();
                }
            }
            workbook.finish();
        }
    }

    private List<CaseFigures> clusters(List<CaseFigures> towns) {
        return regions.clusters().stream().map((Cluster c) -> towns.stream()
                .filter(t -> c.memberTownCodes().contains(t.key()))
                .reduce(CaseFigures.empty(c.name()), (a, b) -> a.plus(b, c.name()))).toList();
    }

    private Map<String, String> labels(CaseStatistics.Dimension by) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (by == CaseStatistics.Dimension.TOWN) {
            labels.putAll(CaseQueries.names(regions.towns()));
        } else if (by == CaseStatistics.Dimension.CATEGORY) {
            catalogue.all().forEach(c -> labels.put(c.code(), c.code() + " " + c.name()));
        }
        return labels;
    }

    private static void check(LocalDate from, LocalDate to) {
        if (to.isBefore(from) || from.plusYears(5).isBefore(to)) {
            throw new RejectedException("to", "统计期间无效 / the period is invalid (at most 5 years)");
        }
    }

    private String text(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }
}
