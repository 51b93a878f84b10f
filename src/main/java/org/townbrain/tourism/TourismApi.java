package org.townbrain.tourism;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.townbrain.access.Users;

/** Tourism JSON API: holiday reports, daily figures, sites and routes. */
@RestController
@RequestMapping("/api/tourism")
@Tag(name = "Tourism", description = "Visitors, revenue, holidays, sites and routes")
class TourismApi {

    private final TourismFigures figures;
    private final Holidays holidays;
    private final TourismSites sites;
    private final Areas areas;
    private final Users users;
    private final Clock clock;

    TourismApi(TourismFigures figures, Holidays holidays, TourismSites sites, Areas areas, Users users, Clock clock) {
        this.figures = figures;
        this.holidays = holidays;
        this.sites = sites;
        this.areas = areas;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/holidays/{year}/{holiday}")
    @Operation(summary = "One holiday's visitors, revenue, daily average and record flag for a town, a cluster or the caller's area")
    HolidayReport holiday(@PathVariable int year, @PathVariable String holiday, @RequestParam(required = false) String town,
            @RequestParam(required = false) Long cluster) {
        Areas.Area area = areas.resolve(town, cluster);
        return figures.holidayReport(year, holiday, area.label(), area.townCodes());
    }

    @GetMapping("/holidays/{year}")
    @Operation(summary = "The holidays of a year (data, editable by the county office)")
    List<Holidays.Holiday> holidays(@PathVariable int year) {
        return holidays.ofYear(year);
    }

    @GetMapping("/daily")
    @Operation(summary = "Daily figures of a town, a cluster or the caller's area over at most 400 days")
    List<TourismFigures.DailyFigure> daily(@RequestParam(required = false) String town, @RequestParam(required = false) Long cluster,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return figures.daily(areas.scope(), areas.resolve(town, cluster).townCodes(), from, to);
    }

    /** A day's figures as entered by town staff. */
    record DayFigures(@NotNull @Min(0) @Max(5_000_000) Integer visitors, @NotNull BigDecimal revenueYuan) {
    }

    @PutMapping("/daily/{town}/{day}")
    @Operation(summary = "Record or correct a town's visitors and revenue for a day")
    ResponseEntity<Void> record(@PathVariable String town, @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day,
            @Valid @RequestBody DayFigures body) {
        figures.record(areas.scope(), town, day, body.visitors(), body.revenueYuan(), "ENTERED",
                users.current().map(u -> u.username()).orElse(null), LocalDate.now(clock));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/sites")
    @Operation(summary = "Scenic spots, culture-tourism project points and night markets of the caller's area")
    List<TourismSites.Site> sites(@RequestParam(required = false) String town, @RequestParam(required = false) Long cluster) {
        return sites.sites(areas.resolve(town, cluster).townCodes());
    }

    @GetMapping("/routes")
    @Operation(summary = "Routes across towns, with their brand and stops")
    List<TourismSites.Route> routes() {
        return sites.routes();
    }
}
