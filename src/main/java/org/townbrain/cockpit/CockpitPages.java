package org.townbrain.cockpit;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.townbrain.platform.scope.ScopeProvider;
import tools.jackson.databind.ObjectMapper;

/** The cockpit page (wall screen and phone), its htmx board fragment and its live feed. */
@Controller
class CockpitPages {

    /** The headline tiles, in order; a tile shows when some module supplied its value. */
    static final List<String> TILES = List.of("reportedCases", "overdueCases", "onTimeRate", "openOrders", "openPoints",
            "activeWarnings", "checkinsToday", "resumptionRate", "investmentCompletion", "averageScore", "visitors",
            "revenueYuan", "inProgramme", "modelTowns");

    /** The wall's clock reads county time, whatever the server's zone. */
    private static final java.time.format.DateTimeFormatter WALL_TIME = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Cockpit cockpit;
    private final CockpitFeed feed;
    private final ScopeProvider scopes;
    private final ObjectMapper json;
    private final Clock clock;
    private final String tiandituKey;
    private final org.townbrain.village.VillageBrains villageBrains;

    CockpitPages(Cockpit cockpit, CockpitFeed feed, ScopeProvider scopes, ObjectMapper json, Clock clock,
            @Value("${townbrain.map.tianditu-key:}") String tiandituKey, org.townbrain.village.VillageBrains villageBrains) {
        this.villageBrains = villageBrains;
        this.cockpit = cockpit;
        this.feed = feed;
        this.scopes = scopes;
        this.json = json;
        this.clock = clock;
        this.tiandituKey = tiandituKey;
    }

    @GetMapping("/cockpit")
    String page(@RequestParam(required = false) String level, @RequestParam(required = false) String id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        Period period = Period.of(from, to, LocalDate.now(clock));
        Cockpit.View view = level == null && id == null ? cockpit.home(period, scopes.current())
                : cockpit.view(Level.parse(level), id, period, scopes.current());
        fill(model, view);
        return htmx != null ? "cockpit/page :: board" : "cockpit/page";
    }

    /**
     * The wall screen of a command centre: the same unit and figures, dark, one 16:9 screen that
     * never scrolls. {@code code} opens it at a cluster (its id), a town (9 digits) or a village (12).
     */
    @GetMapping("/cockpit/wall")
    String wall(@RequestParam(required = false) String code, @RequestParam(required = false) String level,
            @RequestParam(required = false) String id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        Period period = Period.of(from, to, LocalDate.now(clock));
        var scope = scopes.current();
        Cockpit.View view;
        if (code != null && !code.isBlank()) {
            view = cockpit.view(levelOf(code.strip()), code.strip(), period, scope);
        } else if (level == null && id == null) {
            view = cockpit.home(period, scope);
        } else {
            view = cockpit.view(Level.parse(level), id, period, scope);
        }
        fill(model, view);
        model.addAttribute("chartData", json.writeValueAsString(chart(view)));
        // the village level shows the village's small brain: figures and alarm counts only, no names
        model.addAttribute("brain", view.level() == Level.VILLAGE && villageBrains.visible(view.id())
                ? villageBrains.brain(view.id()) : null);
        return htmx != null ? "cockpit/wall :: board" : "cockpit/wall";
    }

    /** A code's level by its shape: 12 digits a village, 9 a town, 6 the county, else a cluster id. */
    private static Level levelOf(String code) {
        return switch (code.length()) {
            case 12 -> Level.VILLAGE;
            case 9 -> Level.TOWN;
            case 6 -> Level.COUNTY;
            default -> Level.CLUSTER;
        };
    }

    /** The wall's comparison chart: the children's open and overdue cases, those in trouble first. */
    private Map<String, Object> chart(Cockpit.View view) {
        List<Cockpit.ChildView> children = view.children().stream().limit(20).toList();
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("categories", children.stream().map(Cockpit.ChildView::name).toList());
        List<Map<String, Object>> series = new java.util.ArrayList<>();
        for (String key : List.of("reportedCases", "overdueCases")) {
            if (children.stream().anyMatch(c -> c.figures().containsKey(key))) {
                series.add(Map.of("key", key, "data", children.stream().map(c -> {
                    Object v = c.figures().get(key);
                    return v instanceof Number n ? n : 0;
                }).toList()));
            }
        }
        chart.put("series", series);
        return chart;
    }

    private void fill(Model model, Cockpit.View view) {
        model.addAttribute("view", view);
        model.addAttribute("openCrumbs", cockpit.openable(view, scopes.current()));
        model.addAttribute("tiles", TILES.stream().filter(view.figures()::containsKey).toList());
        model.addAttribute("troubleKeys", view.trouble().stream().map(Cockpit.Reason::key).toList());
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("markers", view.markers());
        map.put("fit", "boundary");
        model.addAttribute("mapData", json.writeValueAsString(map));
        model.addAttribute("tiandituKey", tiandituKey);
        model.addAttribute("updatedAt", WALL_TIME.withZone(clock.getZone()).format(view.generatedAt()));
        model.addAttribute("query", "level=" + view.level().name().toLowerCase() + "&id=" + view.id()
                + "&from=" + view.from() + "&to=" + view.to());
    }

    @GetMapping(value = "/cockpit/stream", produces = "text/event-stream")
    SseEmitter stream(@RequestParam(required = false) String level, @RequestParam(required = false) String id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Period period = Period.of(from, to, LocalDate.now(clock));
        var scope = scopes.current();
        Cockpit.View view = level == null && id == null ? cockpit.home(period, scope)
                : cockpit.view(Level.parse(level), id, period, scope);
        return feed.subscribe(view, from, to, scope);
    }
}
