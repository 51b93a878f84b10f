package org.townbrain.notify;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.townbrain.platform.scope.ScopeProvider;

/** The duty roster and delivery log, for the county office, duty officers and town staff, each in their jurisdiction. */
@RestController
@RequestMapping("/api/notify")
@PreAuthorize(NotifyPages.WHO)
@Tag(name = "Notify", description = "Duty roster and delivery log")
class NotifyApi {

    private final DutyRoster roster;
    private final Notifications notifications;
    private final ScopeProvider scopes;

    NotifyApi(DutyRoster roster, Notifications notifications, ScopeProvider scopes) {
        this.roster = roster;
        this.notifications = notifications;
        this.scopes = scopes;
    }

    @GetMapping("/roster")
    List<DutyRoster.Entry> entries() {
        return roster.entries(scopes.current());
    }

    @PostMapping("/roster")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add who gets a town's messages (townCode empty = every town, county only)")
    Map<String, Long> add(@RequestBody DutyRoster.NewEntry entry) {
        return Map.of("id", roster.add(entry, scopes.current()));
    }

    @DeleteMapping("/roster/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deactivate(@PathVariable long id) {
        roster.deactivate(id, scopes.current());
    }

    @PostMapping("/roster/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a test message to one entry; see the delivery log for the outcome")
    Map<String, Long> test(@PathVariable long id) {
        roster.requireVisible(id, scopes.current());
        return Map.of("deliveryId", notifications.sendTest(id, NotifyPages.TEST_TITLE, NotifyPages.TEST_TEXT));
    }

    @GetMapping("/deliveries")
    @Operation(summary = "The delivery log, newest first; status PENDING, SENT or FAILED to filter")
    List<DutyRoster.Delivery> deliveries(@RequestParam(required = false) DeliveryStatus status,
            @RequestParam(defaultValue = "100") int limit) {
        return roster.deliveries(scopes.current(), status == null ? null : status.name(), limit);
    }

    @PostMapping("/deliveries/{id}/retry")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a failed delivery again")
    void retry(@PathVariable long id) {
        roster.retry(id, scopes.current());
        notifications.deliverSoon();
    }

    enum DeliveryStatus { PENDING, SENT, FAILED }
}
