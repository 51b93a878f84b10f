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
    private final org.springframework.context.MessageSource messages;

    TourismPages(TourismFigures figures, Holidays holidays, TourismSites sites, TourismXlsx xlsx, Areas areas, Regions regions,
            Users users, ObjectMapper json, Clock clock, org.springframework.context.MessageSource messages) {
        this.messages = messages;
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
        List<TourismSites.Route> routes = sites.routes();
        Map<Long, TourismSites.Site> every = sites.sites(names.keySet()).stream()
                .collect(Collectors.toMap(TourismSites.Site::id, s -> s));
        List<TourismSites.Route> shownRoutes = routes.stream()
                .filter(r -> r.stops().stream().anyMatch(id -> every.containsKey(id)
                        && area.townCodes().contains(every.get(id).townCode()))).toList();
        model.addAttribute("routes", shownRoutes);
        model.addAttribute("stopNames", shownRoutes.stream().collect(Collectors.toMap(TourismSites.Route::id,
                r -> r.stops().stream().map(id -> every.containsKey(id) ? every.get(id).name() : "—")
                        .collect(Collectors.joining(" → ")))));
        List<TourismSites.Site> markets = siteList.stream().filter(s -> s.kind() == TourismSites.Kind.NIGHT_MARKET).toList();
        model.addAttribute("nightMarkets", markets);
        model.addAttribute("nightFigures", sites.nightFigures(markets.stream().map(TourismSites.Site::id).toList(),
                LocalDate.now(clock).minusDays(1)));
        model.addAttribute("mapData", json.writeValueAsString(mapData(siteList, shownRoutes, every)));
        model.addAttribute("townNames", names);
        model.addAttribute("clusters", regions.clusters());
        return "tourism/dashboard";
    }

    private static final Map<TourismSites.Kind, String> KIND_COLOURS = Map.of(TourismSites.Kind.SCENIC_SPOT, "#2b8a3e",
            TourismSites.Kind.PROJECT_POINT, "#1c7ed6", TourismSites.Kind.NIGHT_MARKET, "#e8590c");

    /** The places with positions as markers and each route as a line through its stops in order (map.js draws it). */
    private Map<String, Object> mapData(List<TourismSites.Site> shown, List<TourismSites.Route> routes,
            Map<Long, TourismSites.Site> every) {
        java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        List<Map<String, Object>> markers = new ArrayList<>();
        for (TourismSites.Site s : shown) {
            if (s.longitude() != null) {
                markers.add(Map.of("lat", s.latitude(), "lon", s.longitude(), "label", s.name(), "color", KIND_COLOURS.get(s.kind())));
            }
        }
        String[] palette = {"#5f3dc4", "#0b7285", "#c2255c", "#2f9e44", "#e67700", "#1864ab"};
        List<Map<String, Object>> lines = new ArrayList<>();
        for (TourismSites.Route r : routes) {
            List<double[]> points = r.stops().stream().map(every::get)
                    .filter(s -> s != null && s.longitude() != null).map(s -> new double[] {s.latitude(), s.longitude()}).toList();
            if (points.size() >= 2) {
                lines.add(Map.of("points", points, "label", r.name(), "color", palette[(int) (r.id() % palette.length)]));
            }
        }
        List<Map<String, Object>> legend = new ArrayList<>();
        for (TourismSites.Kind kind : TourismSites.Kind.values()) {
            legend.add(Map.of("name", messages.getMessage("tourism.kind." + kind.name(), null, kind.name(), locale),
                    "color", KIND_COLOURS.get(kind)));
        }
        legend.add(Map.of("name", messages.getMessage("tourism.routes", null, "routes", locale), "color", palette[0]));
        return Map.of("markers", markers, "lines", lines, "legend", legend, "fit", "markers");
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
