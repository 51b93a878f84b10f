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
    static final List<String> TILES = List.of("openCases", "overdueCases", "onTimeRate", "openOrders", "openPoints",
            "activeWarnings", "checkinsToday", "resumptionRate", "investmentCompletion", "averageScore", "visitors",
            "revenueYuan", "inProgramme", "modelTowns");

    private final Cockpit cockpit;
    private final CockpitFeed feed;
    private final ScopeProvider scopes;
    private final ObjectMapper json;
    private final Clock clock;
    private final String tiandituKey;

    CockpitPages(Cockpit cockpit, CockpitFeed feed, ScopeProvider scopes, ObjectMapper json, Clock clock,
            @Value("${townbrain.map.tianditu-key:}") String tiandituKey) {
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
        model.addAttribute("view", view);
        model.addAttribute("tiles", TILES.stream().filter(view.figures()::containsKey).toList());
        model.addAttribute("troubleKeys", view.trouble().stream().map(Cockpit.Reason::key).toList());
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("markers", view.markers());
        map.put("fit", "boundary");
        model.addAttribute("mapData", json.writeValueAsString(map));
        model.addAttribute("tiandituKey", tiandituKey);
        model.addAttribute("query", "level=" + view.level().name().toLowerCase() + "&id=" + view.id()
                + "&from=" + view.from() + "&to=" + view.to());
        return htmx != null ? "cockpit/page :: board" : "cockpit/page";
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
