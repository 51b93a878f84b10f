package org.townbrain.notify;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.access.AccessDeniedException;

/** The duty roster and delivery log, for county administrators and duty officers. */
@RestController
@RequestMapping("/api/notify")
@Tag(name = "Notify", description = "Duty roster and delivery log")
class NotifyApi {

    private final DutyRoster roster;

    NotifyApi(DutyRoster roster) {
        this.roster = roster;
    }

    private static void requireDuty() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean allowed = auth != null && auth.getAuthorities().stream().anyMatch(a ->
                a.getAuthority().equals("ROLE_COUNTY_ADMIN") || a.getAuthority().equals("ROLE_DUTY_OFFICER"));
        if (!allowed) {
            throw new AccessDeniedException("duty roster");
        }
    }

    @GetMapping("/roster")
    List<DutyRoster.Entry> entries() {
        requireDuty();
        return roster.entries();
    }

    @PostMapping("/roster")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add who gets a town's messages (townCode empty = every town)")
    Map<String, Long> add(@RequestBody DutyRoster.NewEntry entry) {
        requireDuty();
        return Map.of("id", roster.add(entry));
    }

    @DeleteMapping("/roster/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deactivate(@PathVariable long id) {
        requireDuty();
        roster.deactivate(id);
    }

    @GetMapping("/deliveries")
    @Operation(summary = "The delivery log, newest first")
    List<DutyRoster.Delivery> deliveries(@RequestParam(defaultValue = "100") int limit) {
        requireDuty();
        return roster.deliveries(limit);
    }
}
