package org.townbrain.projects;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.townbrain.projects.StatsScope.Period;
import org.townbrain.region.Cluster;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;
import tools.jackson.databind.ObjectMapper;

/**
 * The county's (or a town's own) view of construction: service figures, investment completion by
 * town, cluster and dimension, the XLSX export, the firm ranking and watch list, and the recent
 * checks and services. Everything is limited to the caller's towns.
 */
@Controller
class ProjectReportPages {

    private final ProjectStatistics statistics;
    private final StatsScope stats;
    private final Enterprises enterprises;
    private final QualityChecks checks;
    private final ExpertServices experts;
    private final PlanningServices planning;
    private final Regions regions;
    private final ProjectsProperties properties;
    private final MessageSource messages;
    private final ObjectMapper json;
    private final Permissions permissions;
    private final java.time.Clock clock;
    private final ProjectLedger ledger;

    ProjectReportPages(ProjectStatistics statistics, StatsScope stats, Enterprises enterprises, QualityChecks checks,
            ExpertServices experts, PlanningServices planning, Regions regions, ProjectsProperties properties,
            MessageSource messages, ObjectMapper json, Permissions permissions, java.time.Clock clock, ProjectLedger ledger) {
        this.ledger = ledger;
        this.permissions = permissions;
        this.clock = clock;
        this.statistics = statistics;
        this.stats = stats;
        this.enterprises = enterprises;
        this.checks = checks;
        this.experts = experts;
        this.planning = planning;
        this.regions = regions;
        this.properties = properties;
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/projects/overview")
    String overview(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long cluster, Model model) {
        Period period = stats.period(from, to);
        Set<String> towns = stats.towns(null, cluster);
        ServiceFigures total = statistics.figures(period.from(), period.to(), towns);
        Map<String, InvestmentFigures> investment = statistics.investmentByTown(period.from(), period.to());
        List<Town> shown = regions.towns().stream().filter(t -> towns.contains(t.code())).toList();
        Map<String, ServiceFigures> byTown = statistics.figuresByTown(period.from(), period.to(), towns);
        model.addAttribute("period", period);
        model.addAttribute("total", total);
        model.addAttribute("towns", shown);
        model.addAttribute("byTown", byTown);
        model.addAttribute("investment", investment);
        model.addAttribute("clusters", regions.clusters());
        model.addAttribute("selectedCluster", cluster);
        model.addAttribute("wholeCounty", towns.size() > 1);
        model.addAttribute("townChart", json.writeValueAsString(chart(shown.stream().map(Town::name).toList(),
                shown.stream().map(t -> investment.getOrDefault(t.code(), zero(t.code()))).toList())));
        List<Cluster> clusters = regions.clusters();
        List<InvestmentFigures> byCluster = statistics.investmentByCluster(period.from(), period.to());
        model.addAttribute("clusterChart", json.writeValueAsString(chart(clusters.stream().map(Cluster::name).toList(), byCluster)));
        model.addAttribute("showClusters", towns.size() == regions.towns().size());
        List<InvestmentFigures> byDimension = statistics.investmentByDimension(period.from(), period.to(), towns);
        model.addAttribute("dimensionChart", json.writeValueAsString(chart(byDimension.stream()
                .map(d -> text("dimension." + d.key())).toList(), byDimension)));
        return "projects/overview";
    }

    @GetMapping("/projects/overview.xlsx")
    void export(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long cluster, HttpServletResponse response) throws IOException {
        Period period = stats.period(from, to);
        Set<String> towns = stats.towns(null, cluster);
        ServiceFigures total = statistics.figures(period.from(), period.to(), towns);
        Map<String, InvestmentFigures> investment = statistics.investmentByTown(period.from(), period.to());
        Map<String, ServiceFigures> byTown = statistics.figuresByTown(period.from(), period.to(), towns);
        List<FiguresWorkbook.Row> rows = new ArrayList<>();
        for (Town t : regions.towns()) {
            if (byTown.containsKey(t.code())) {
                rows.add(new FiguresWorkbook.Row(t.name(), byTown.get(t.code()), investment.getOrDefault(t.code(), zero(t.code()))));
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String key : List.of("expertVisits", "qualityChecks", "problemsFound", "problemsRectified", "coverage",
                "seminars", "reviewRounds")) {
            headers.put(key, text("projects.stats." + key));
        }
        headers.put("investmentPlanned", text("project.planned") + " (元)");
        headers.put("investmentActual", text("project.actual") + " (元)");
        headers.put("summary", text("projects.stats.title"));
        headers.put("byTown", text("projects.stats.byTown"));
        headers.put("town", text("projects.stats.town"));
        headers.put("completion", text("project.completion"));
        headers.put("firms", text("firms.title"));
        headers.put("rank", text("firms.rank"));
        headers.put("firm", text("firms.name"));
        headers.put("uscc", text("firms.uscc"));
        headers.put("kind", text("firms.kind"));
        headers.put("rating", text("firms.rating"));
        headers.put("inspections", text("firms.inspections"));
        headers.put("watch", text("firms.watch"));
        String name = "projects-" + period.from() + "-" + period.to() + ".xlsx";
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        FiguresWorkbook.write(response.getOutputStream(), text("projects.stats.title") + " " + period.from() + " ~ " + period.to(),
                total, rows, enterprises.ranking(), headers);
    }

    @GetMapping("/projects/firms")
    String firms(Model model) {
        List<Enterprises.FirmRating> ranking = enterprises.ranking();
        model.addAttribute("ranking", ranking);
        model.addAttribute("watchList", ranking.stream().filter(Enterprises.FirmRating::watched).toList());
        Map<String, BigDecimal> weights = new LinkedHashMap<>();
        enterprises.policy().weights().forEach((criterion, weight) -> weights.put(criterion.name(), weight));
        model.addAttribute("weights", weights);
        model.addAttribute("windowMonths", properties.ratingWindowMonths());
        model.addAttribute("threshold", properties.watchThreshold());
        model.addAttribute("canAdmin", permissions.may(Permissions.COUNTY));
        model.addAttribute("canAssess", permissions.may(Permissions.CHECKS));
        model.addAttribute("firms", enterprises.all());
        model.addAttribute("projects", permissions.may(Permissions.CHECKS)
                ? ledger.list(ProjectLedger.Filter.none()) : List.of());
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("kinds", EnterpriseKind.values());
        return "projects/firms";
    }

    @GetMapping("/projects/services")
    String services(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
        Period period = stats.period(from, to);
        model.addAttribute("period", period);
        model.addAttribute("townNames", regions.towns().stream().collect(Collectors.toMap(Town::code, Town::name)));
        model.addAttribute("checks", checks.checks(period.from(), period.to(), 100));
        model.addAttribute("visits", experts.visits(period.from(), period.to(), 100));
        model.addAttribute("seminars", planning.seminars(period.from(), period.to(), 100));
        model.addAttribute("reviews", planning.reviews(period.from(), period.to(), 100));
        List<PlanningServices.Planner> planners = planning.planners();
        Map<String, String> names = regions.towns().stream().collect(Collectors.toMap(Town::code, Town::name));
        model.addAttribute("planners", planners);
        model.addAttribute("towns", regions.towns().stream().filter(t -> permissions.scope().coversTown(t.code())).toList());
        model.addAttribute("canCheck", permissions.may(Permissions.CHECKS));
        model.addAttribute("canServe", permissions.may(Permissions.SERVICES));
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("kinds", QualityChecks.Kind.values());
        model.addAttribute("decisions", PlanningServices.Decision.values());
        model.addAttribute("canAdmin", permissions.may(Permissions.COUNTY));
        model.addAttribute("plannerRoles", PlanningServices.PlannerRole.values());
        model.addAttribute("plannerTowns", planners.stream().collect(Collectors.toMap(PlanningServices.Planner::id,
                p -> p.townCodes().size() == names.size() - 1 || p.townCodes().size() > 5 ? text("projects.services.allTowns")
                        : p.townCodes().stream().map(c -> names.getOrDefault(c, c)).collect(Collectors.joining("、")))));
        return "projects/services";
    }

    private static InvestmentFigures zero(String key) {
        return InvestmentFigures.of(key, BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }

    private static Map<String, Object> chart(List<String> categories, List<InvestmentFigures> figures) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("categories", categories);
        chart.put("series", List.of(
                Map.of("key", "planned", "data", figures.stream().map(f -> ProjectPages.wan(f.planned())).toList()),
                Map.of("key", "actual", "data", figures.stream().map(f -> ProjectPages.wan(f.actual())).toList())));
        return chart;
    }

    private String text(String key) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(key, null, key, locale);
    }

    static BigDecimal percent(double ratio) {
        return BigDecimal.valueOf(ratio * 100).setScale(0, RoundingMode.HALF_UP);
    }
}
