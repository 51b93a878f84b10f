package org.townbrain.tourism;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.townbrain.access.Users;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;
import tools.jackson.databind.ObjectMapper;

/** Tourism pages: the dashboard, holiday reports, data entry and import, sites and routes, the holiday calendar. */
@Controller
class TourismPages {

    private final TourismFigures figures;
    private final Holidays holidays;
    private final TourismSites sites;
    private final TourismXlsx xlsx;
    private final Areas areas;
    private final Regions regions;
    private final Users users;
    private final ObjectMapper json;
    private final Clock clock;

    TourismPages(TourismFigures figures, Holidays holidays, TourismSites sites, TourismXlsx xlsx, Areas areas, Regions regions,
            Users users, ObjectMapper json, Clock clock) {
        this.figures = figures;
        this.holidays = holidays;
        this.sites = sites;
        this.xlsx = xlsx;
        this.areas = areas;
        this.regions = regions;
        this.users = users;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/tourism")
    String dashboard(@RequestParam(required = false) Integer year, @RequestParam(required = false) String town,
            @RequestParam(required = false) Long cluster, Model model) {
        int shownYear = year != null ? year : LocalDate.now(clock).getYear();
        Areas.Area area = areas.resolve(town, cluster);
        Map<String, String> names = townNames();
        List<HolidayReport> reports = holidays.ofYear(shownYear).stream()
                .map(h -> figures.holidayReport(shownYear, h.code(), area.label(), area.townCodes())).toList();
        Map<String, TourismStatistics.Totals> totals = new LinkedHashMap<>();
        long visitors = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        LocalDate from = LocalDate.of(shownYear, 1, 1);
        LocalDate to = LocalDate.of(shownYear, 12, 31);
        List<Object[]> monthly = figures.monthly(area.townCodes(), from, to);
        Map<String, long[]> byTown = new LinkedHashMap<>();
        TreeSet<String> months = new TreeSet<>();
        for (Object[] row : monthly) {
            months.add((String) row[1]);
            visitors += (Long) row[2];
            revenue = revenue.add((BigDecimal) row[3]);
        }
        List<String> monthList = new ArrayList<>(months);
        for (Object[] row : monthly) {
            byTown.computeIfAbsent((String) row[0], k -> new long[monthList.size()])[monthList.indexOf((String) row[1])] = (Long) row[2];
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("months", monthList);
        chart.put("series", byTown.entrySet().stream()
                .sorted((a, b) -> Long.compare(java.util.Arrays.stream(b.getValue()).sum(), java.util.Arrays.stream(a.getValue()).sum()))
                .map(e -> Map.of("name", names.getOrDefault(e.getKey(), e.getKey()), "data", e.getValue())).toList());
        List<TourismSites.Site> siteList = sites.sites(area.townCodes());
        model.addAttribute("year", shownYear);
        model.addAttribute("years", holidays.years());
        model.addAttribute("area", area);
        model.addAttribute("town", town);
        model.addAttribute("cluster", cluster);
        model.addAttribute("reports", reports);
        model.addAttribute("visitors", visitors);
        model.addAttribute("revenue", revenue);
        model.addAttribute("chartData", json.writeValueAsString(chart));
        model.addAttribute("siteCounts", siteList.stream().collect(Collectors.groupingBy(s -> s.kind().name(), Collectors.counting())));
        model.addAttribute("sites", siteList);
        model.addAttribute("routes", sites.routes());
        model.addAttribute("townNames", names);
        model.addAttribute("clusters", regions.clusters());
        return "tourism/dashboard";
    }

    @GetMapping("/tourism/holidays/{year}/{code}")
    String holiday(@PathVariable int year, @PathVariable String code, Model model) {
        Areas.Area all = areas.resolve(null, null);
        HolidayReport total = figures.holidayReport(year, code, all.label(), all.townCodes());
        List<HolidayReport> perTown = all.townCodes().stream()
                .map(t -> figures.holidayReport(year, code, townNames().get(t), java.util.Set.of(t)))
                .filter(r -> r.visitors() > 0)
                .sorted((a, b) -> Long.compare(b.visitors(), a.visitors())).toList();
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("days", total.daily().stream().map(d -> d.date().toString()).toList());
        chart.put("visitors", total.daily().stream().map(HolidayReport.Day::visitors).toList());
        chart.put("revenue", total.daily().stream().map(d -> d.revenueYuan().divide(BigDecimal.valueOf(10000), 1,
                java.math.RoundingMode.HALF_UP)).toList());
        model.addAttribute("total", total);
        model.addAttribute("perTown", perTown);
        model.addAttribute("chartData", json.writeValueAsString(chart));
        return "tourism/holiday";
    }

    @GetMapping("/tourism/entry")
    @PreAuthorize("hasAnyRole('COUNTY_ADMIN', 'TOWN_STAFF')")
    String entry(Model model) {
        Areas.Area area = areas.resolve(null, null);
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("towns", regions.towns().stream().filter(t -> area.townCodes().contains(t.code())).toList());
        model.addAttribute("today", today);
        model.addAttribute("recent", figures.daily(areas.scope(), area.townCodes(), today.minusDays(13), today).reversed());
        model.addAttribute("townNames", townNames());
        return "tourism/entry";
    }

    @PostMapping("/tourism/entry")
    @PreAuthorize("hasAnyRole('COUNTY_ADMIN', 'TOWN_STAFF')")
    String record(@RequestParam String townCode, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            @RequestParam String visitors, @RequestParam String revenueYuan, Model model, RedirectAttributes redirect) {
        try {
            figures.record(areas.scope(), townCode, day, integer(visitors), amount(revenueYuan), "ENTERED", username(),
                    LocalDate.now(clock));
        } catch (RejectedException e) {
            model.addAttribute("error", e.getMessage());
            return entry(model);
        }
        redirect.addFlashAttribute("saved", true);
        return "redirect:/tourism/entry";
    }

    @GetMapping("/tourism/daily.xlsx")
    void export(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String town, @RequestParam(required = false) Long cluster,
            HttpServletResponse response) throws IOException {
        Areas.Area area = areas.resolve(town, cluster);
        List<TourismFigures.DailyFigure> rows = figures.daily(areas.scope(), area.townCodes(), from, to);
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"tourism-" + from + "-" + to + ".xlsx\"");
        xlsx.export(rows, townNames(), response.getOutputStream());
    }

    @PostMapping("/tourism/daily.xlsx")
    @PreAuthorize("hasAnyRole('COUNTY_ADMIN', 'TOWN_STAFF')")
    String importXlsx(@RequestParam MultipartFile file, Model model) throws IOException {
        try {
            model.addAttribute("importResult", xlsx.importFrom(file.getInputStream(), areas.scope(), username(), LocalDate.now(clock)));
        } catch (RejectedException e) {
            model.addAttribute("error", e.getMessage());
        }
        return entry(model);
    }

    @GetMapping("/tourism/calendar")
    String calendar(@RequestParam(required = false) Integer year, Model model) {
        int shown = year != null ? year : LocalDate.now(clock).getYear();
        model.addAttribute("year", shown);
        model.addAttribute("holidays", holidays.ofYear(shown));
        model.addAttribute("years", holidays.years());
        return "tourism/calendar";
    }

    @PostMapping("/tourism/calendar")
    @PreAuthorize("hasRole('COUNTY_ADMIN')")
    String saveHoliday(@RequestParam int year, @RequestParam String code, @RequestParam String nameZh,
            @RequestParam(required = false) String nameEn, @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        holidays.save(year, code.strip(), nameZh, nameEn, from, to);
        return "redirect:/tourism/calendar?year=" + year;
    }

    @PostMapping("/tourism/sites")
    @PreAuthorize("hasAnyRole('COUNTY_ADMIN', 'TOWN_STAFF')")
    String addSite(@RequestParam String townCode, @RequestParam TourismSites.Kind kind, @RequestParam String name,
            @RequestParam(required = false) String description, @RequestParam(required = false) String brand,
            @RequestParam(required = false) String openingHours, @RequestParam(required = false) Double longitude,
            @RequestParam(required = false) Double latitude) {
        figures.checkTown(areas.scope(), townCode);
        sites.addSite(townCode, kind, name, description, brand, openingHours, longitude, latitude);
        return "redirect:/tourism?town=" + townCode + "#sites";
    }

    private Map<String, String> townNames() {
        return regions.towns().stream().collect(Collectors.toMap(Town::code, Town::name));
    }

    private String username() {
        return users.current().map(u -> u.username()).orElse(null);
    }

    private static int integer(String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new RejectedException("visitors", "游客人次须为整数 / visitors must be a whole number");
        }
    }

    private static BigDecimal amount(String value) {
        try {
            return new BigDecimal(value.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            throw new RejectedException("revenueYuan", "收入须为金额 / revenue must be an amount");
        }
    }
}
