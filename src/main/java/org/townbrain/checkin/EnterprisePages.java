package org.townbrain.checkin;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
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
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Regions;
import org.townbrain.region.Village;
import tools.jackson.databind.ObjectMapper;

/** ResumptionEnterprises, their daily reports, XLSX import and export, and the resumption overview. */
@Controller("checkinEnterprisePages")
class EnterprisePages {

    private final ResumptionEnterprises enterprises;
    private final EnterpriseSheets sheets;
    private final Resumption resumption;
    private final Regions regions;
    private final ScopeProvider scopes;
    private final Users users;
    private final ObjectMapper json;
    private final MessageSource messages;

    EnterprisePages(ResumptionEnterprises enterprises, EnterpriseSheets sheets, Resumption resumption, Regions regions,
            ScopeProvider scopes, Users users, ObjectMapper json, MessageSource messages) {
        this.enterprises = enterprises;
        this.sheets = sheets;
        this.resumption = resumption;
        this.regions = regions;
        this.scopes = scopes;
        this.users = users;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/checkin/enterprises")
    String list(Model model, HttpServletRequest request) {
        model.addAttribute("enterprises", enterprises.list());
        model.addAttribute("townNames", townNames());
        model.addAttribute("towns", regions.towns().stream().filter(t -> scopes.current().coversWholeTown(t.code())).toList());
        model.addAttribute("industries", Industry.values());
        model.addAttribute("sizes", Industry.Size.values());
        model.addAttribute("canEdit", canEdit(request));
        return "checkin/enterprises";
    }

    @PostMapping("/checkin/enterprises")
    String register(@RequestParam(defaultValue = "") String uscc, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String townCode, @RequestParam(required = false) String villageCode,
            @RequestParam(defaultValue = "") String industry, @RequestParam(defaultValue = "") String size,
            @RequestParam(required = false) Integer workers, HttpServletRequest request, Model model) {
        requireEdit(request);
        try {
            Enterprise e = enterprises.register(new ResumptionEnterprises.NewEnterprise(uscc, name, townCode, villageCode, industry,
                    size, workers), false);
            return "redirect:/checkin/enterprises/" + e.id();
        } catch (RejectedException e) {
            model.addAttribute("formError", e.getMessage());
            return list(model, request);
        }
    }

    @GetMapping("/checkin/enterprises/{id}")
    String enterprise(@PathVariable long id, Model model, HttpServletRequest request) {
        Enterprise enterprise = enterprises.scoped(id);
        model.addAttribute("enterprise", enterprise);
        model.addAttribute("townName", townNames().get(enterprise.townCode()));
        model.addAttribute("village", enterprise.villageCode() == null ? null
                : regions.village(enterprise.villageCode()).map(Village::name).orElse(null));
        model.addAttribute("reports", enterprises.reports(id, 30));
        model.addAttribute("today", enterprises.today());
        model.addAttribute("canEdit", canEdit(request));
        return "checkin/enterprise";
    }

    @PostMapping("/checkin/enterprises/{id}/reports")
    String report(@PathVariable long id, @RequestParam(defaultValue = "") String day,
            @RequestParam(defaultValue = "0") int workersExpected, @RequestParam(defaultValue = "0") int workersBack,
            @RequestParam(defaultValue = "0") int capacityPercent, @RequestParam(required = false) String needs,
            HttpServletRequest request, RedirectAttributes redirect) {
        requireEdit(request);
        try {
            enterprises.report(id, new ResumptionReport(id, date(day), workersExpected, workersBack, capacityPercent, needs,
                    null), users.current().orElseThrow().username());
        } catch (RejectedException e) {
            enterprises.scoped(id);
            redirect.addFlashAttribute("reportError", e.getMessage());
        }
        return "redirect:/checkin/enterprises/" + id;
    }

    @PostMapping("/checkin/enterprises/{id}/reports/{day}/case")
    String raiseNeed(@PathVariable long id, @PathVariable String day, HttpServletRequest request,
            RedirectAttributes redirect) {
        requireEdit(request);
        enterprises.raiseNeed(id, date(day));
        redirect.addFlashAttribute("caseRequested", true);
        return "redirect:/checkin/enterprises/" + id;
    }

    @GetMapping("/checkin/enterprises.xlsx")
    ResponseEntity<byte[]> export() {
        List<Enterprise> list = enterprises.list();
        Map<Long, List<ResumptionReport>> reports = new LinkedHashMap<>();
        list.forEach(e -> reports.put(e.id(), enterprises.reports(e.id(), 31)));
        return ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("enterprises-" + enterprises.today() + ".xlsx").build().toString())
                .body(sheets.export(list, reports));
    }

    @PostMapping("/checkin/enterprises/import")
    String importSheet(@RequestParam("file") MultipartFile file, HttpServletRequest request, RedirectAttributes redirect)
            throws IOException {
        requireEdit(request);
        try {
            EnterpriseSheets.Imported imported = sheets.importFrom(file.getInputStream(),
                    users.current().orElseThrow().username());
            redirect.addFlashAttribute("imported", imported);
        } catch (RejectedException e) {
            redirect.addFlashAttribute("importError", e.getMessage());
        }
        return "redirect:/checkin/enterprises";
    }

    @GetMapping("/checkin/resumption")
    String overview(@RequestParam(required = false) String day, @RequestParam(required = false) String town, Model model) {
        LocalDate today = enterprises.today();
        LocalDate shown = day == null || day.isBlank() ? resumption.latestDay(today).orElse(today) : date(day);
        List<Enterprise> all = enterprises.list();
        Map<String, String> townNames = townNames();
        List<Resumption.Group> byTown = resumption.by(shown, Enterprise::townCode, all);
        List<Resumption.Group> byIndustry = resumption.by(shown, e -> e.industry().name(), all);
        String villageTown = town != null && scopes.current().coversTown(town) ? town
                : all.stream().map(Enterprise::townCode).findFirst().orElse(null);
        Map<String, String> villageNames = new LinkedHashMap<>();
        List<Resumption.Group> byVillage = List.of();
        if (villageTown != null) {
            regions.villages(villageTown).forEach(v -> villageNames.put(v.code(), v.name()));
            byVillage = resumption.by(shown, e -> e.villageCode() == null ? "" : e.villageCode(),
                    all.stream().filter(e -> e.townCode().equals(villageTown)).toList());
        }
        Map<String, String> industryNames = new LinkedHashMap<>();
        for (Industry i : Industry.values()) {
            industryNames.put(i.name(), messages.getMessage("industry." + i, null, LocaleContextHolder.getLocale()));
        }
        Resumption.Group total = resumption.by(shown, e -> "all", all).stream().findFirst()
                .orElse(new Resumption.Group("all", 0, 0, 0, 0, null, null));
        model.addAttribute("day", shown);
        model.addAttribute("total", total);
        model.addAttribute("byTown", byTown);
        model.addAttribute("byIndustry", byIndustry);
        model.addAttribute("byVillage", byVillage);
        model.addAttribute("villageTown", villageTown);
        model.addAttribute("townNames", townNames);
        model.addAttribute("villageNames", villageNames);
        model.addAttribute("industryNames", industryNames);
        model.addAttribute("towns", all.stream().map(Enterprise::townCode).distinct().toList());
        model.addAttribute("needs", resumption.day(shown).stream().filter(l -> l.report().needs() != null).toList());
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("towns", chartSeries(byTown, townNames));
        chart.put("industries", chartSeries(byIndustry, industryNames));
        Map<LocalDate, Double> trend = resumption.trend(shown.minusDays(13), shown);
        chart.put("trend", Map.of("days", trend.keySet().stream().map(LocalDate::toString).toList(), "rates", trend.values()));
        chart.put("rateLabel", messages.getMessage("resumption.rate", null, LocaleContextHolder.getLocale()));
        model.addAttribute("chartData", json.writeValueAsString(chart));
        return "checkin/resumption";
    }

    private static Map<String, Object> chartSeries(List<Resumption.Group> groups, Map<String, String> names) {
        return Map.of("names", groups.stream().map(g -> names.getOrDefault(g.key(), g.key())).toList(),
                "rates", groups.stream().map(g -> g.rate() == null ? 0 : g.rate()).toList());
    }

    private Map<String, String> townNames() {
        Map<String, String> names = new LinkedHashMap<>();
        regions.towns().forEach(t -> names.put(t.code(), t.name()));
        return names;
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new RejectedException("day", "日期格式应为 2026-11-27 / dates look like 2026-11-27");
        }
    }

    static boolean canEdit(HttpServletRequest request) {
        return request.isUserInRole("TOWN_STAFF") || request.isUserInRole("COUNTY_ADMIN") || request.isUserInRole("ENTERPRISE");
    }

    private static void requireEdit(HttpServletRequest request) {
        if (!canEdit(request)) {
            throw new AccessDeniedException("enterprise reports are entered by town staff");
        }
    }
}
