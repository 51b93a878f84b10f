package org.townbrain.cockpit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.townbrain.platform.scope.ScopeProvider;

/** The cockpit's figures as JSON: exactly what the page shows. */
@RestController
@Tag(name = "Cockpit", description = "County, cluster, town and village figures over every module")
class CockpitApi {

    private final Cockpit cockpit;
    private final ScopeProvider scopes;
    private final Clock clock;

    CockpitApi(Cockpit cockpit, ScopeProvider scopes, Clock clock) {
        this.cockpit = cockpit;
        this.scopes = scopes;
        this.clock = clock;
    }

    @GetMapping("/api/cockpit")
    @Operation(summary = "Figures of a unit (level county|cluster|town|village, id) over a period; the caller's own unit by default")
    Cockpit.View figures(@RequestParam(required = false) String level, @RequestParam(required = false) String id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Period period = Period.of(from, to, LocalDate.now(clock));
        if (level == null && id == null) {
            return cockpit.home(period, scopes.current());
        }
        return cockpit.view(Level.parse(level), id, period, scopes.current());
    }
}
