package org.townbrain.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.townbrain.access.Role;
import org.townbrain.platform.errors.RejectedException;

/** The JSON API of cases: report, list, inbox, detail, lifecycle actions and statistics. */
@RestController
@RequestMapping("/api/cases")
class CaseApi {

    /** Without {@code townCode} (and {@code villageCode}) they are derived from the location where the county has placed the seats. */
    record NewCase(String source, @NotBlank String categoryCode, String townCode, String villageCode,
            @NotNull Double longitude, @NotNull Double latitude, @Size(max = 200) String address,
            @NotBlank @Size(max = 2000) String description) {
    }

    record ActionRequest(@NotNull Integer version, @Size(max = 1000) String note, @Size(max = 80) String unit,
            Integer amount, String closingReason, Long target) {
    }

    private final CaseHandling handling;
    private final CaseViews views;
    private final CaseQueries queries;
    private final CaseStatistics statistics;
    private final Actors actors;
    private final org.townbrain.region.Regions regions;

    CaseApi(CaseHandling handling, CaseViews views, CaseQueries queries, CaseStatistics statistics, Actors actors,
            org.townbrain.region.Regions regions) {
        this.regions = regions;
        this.handling = handling;
        this.views = views;
        this.queries = queries;
        this.statistics = statistics;
        this.actors = actors;
    }

    /** Sources a person may name when reporting; machine sources come through {@link CaseRequested}. */
    static final java.util.Set<String> PERSON_SOURCES = java.util.Set.of("GRID_PATROL", "OPEN_INSPECTION",
            "COVERT_INSPECTION", "HOTLINE_12345", "STAFF_REPORT", "CITIZEN");

    @PostMapping
    ResponseEntity<CaseHandling.Reported> report(@Valid @RequestBody NewCase body) {
        Actor actor = actors.current();
        if (body.source() != null && !PERSON_SOURCES.contains(body.source())) {
            throw new RejectedException("source", "来源须为 " + PERSON_SOURCES + " / unknown source");
        }
        CaseHandling.Reported reported = handling.report(new CaseHandling.Report(
                body.source() == null ? defaultSource(actor.role()) : body.source(), body.categoryCode(), body.townCode(),
                body.villageCode(), body.longitude(), body.latitude(), body.address(), body.description(), null, null, null,
                null, null), actor, List.of());
        return ResponseEntity.created(URI.create("/api/cases/" + reported.id())).body(reported);
    }

    @GetMapping
    List<CaseQueries.Row> search(@RequestParam(required = false) CaseState state, @RequestParam(required = false) String town,
            @RequestParam(required = false) String category, @RequestParam(required = false) String q,
            @RequestParam(required = false) Boolean overdue, @RequestParam(required = false) String grid,
            @RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
        List<String> grids = null;
        if (grid != null && !grid.isBlank()) {
            Actor actor = actors.current();
            // grid=mine: the grids the caller works; a grid code: that grid
            grids = "mine".equals(grid) ? (actor.isUser() ? regions.gridCodesOf(actor.name()) : List.of()) : List.of(grid);
        }
        return queries.search(new CaseQueries.Filter(state, town, category, q, overdue, null, null, grids), actors.scope(),
                offset, limit);
    }

    @GetMapping("/inbox")
    List<CaseQueries.Row> inbox() {
        Actor actor = actors.current();
        return actor.role() == null ? List.of() : queries.inbox(actor.role(), actor.scope(), 200, myGridsIfWorker(actor));
    }

    private List<String> myGridsIfWorker(Actor actor) {
        return actor.role() == Role.GRID_WORKER ? regions.gridCodesOf(actor.name()) : null;
    }

    @GetMapping("/{id}")
    CaseView detail(@PathVariable long id) {
        return views.view(id, actors.current());
    }

    @PostMapping("/{id}/{action}")
    CaseView act(@PathVariable long id, @PathVariable String action, @Valid @RequestBody ActionRequest body) {
        Actor actor = actors.current();
        Case kase = handling.act(id, body.version(), CaseAction.ofSlug(action), new CaseHandling.Input(body.note(),
                body.unit(), body.amount(), closingReason(body.closingReason()), body.target()), actor, List.of());
        return views.of(kase, actor);
    }

    @GetMapping("/statistics")
    List<CaseFigures> statistics(@RequestParam LocalDate from, @RequestParam LocalDate to,
            @RequestParam(defaultValue = "TOWN") CaseStatistics.Dimension by) {
        if (to.isBefore(from) || from.plusYears(5).isBefore(to)) {
            throw new RejectedException("to", "统计期间无效 / the period is invalid (at most 5 years)");
        }
        return statistics.figures(by, from, to, actors.scope());
    }

    static ClosingReason closingReason(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ClosingReason.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new RejectedException("closingReason", "未知的结案原因 / unknown closing reason");
        }
    }

    static String defaultSource(Role role) {
        if (role == null) {
            return "CITIZEN";
        }
        return switch (role) {
            case GRID_WORKER -> "GRID_PATROL";
            case INSPECTOR -> "OPEN_INSPECTION";
            case DUTY_OFFICER -> "HOTLINE_12345";
            default -> "STAFF_REPORT";
        };
    }
}
