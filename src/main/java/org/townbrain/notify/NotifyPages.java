package org.townbrain.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/**
 * 值班与通知: the duty roster of the caller's towns (add, test, stop), the last day's delivery
 * tally and the delivery log with retry of failed messages.
 */
@Controller
@PreAuthorize(NotifyPages.WHO)
class NotifyPages {

    static final String WHO = "hasAnyRole('COUNTY_ADMIN', 'DUTY_OFFICER', 'TOWN_STAFF')";
    static final String TEST_TITLE = "【测试】镇脑值班通知";
    static final String TEST_TEXT = "这是一条测试消息：收到即说明本值班群／手机能收到镇脑的预警和督办通知。";

    private final DutyRoster roster;
    private final Notifications notifications;
    private final ScopeProvider scopes;
    private final Regions regions;
    private final Clock clock;

    NotifyPages(DutyRoster roster, Notifications notifications, ScopeProvider scopes, Regions regions, Clock clock) {
        this.roster = roster;
        this.notifications = notifications;
        this.scopes = scopes;
        this.regions = regions;
        this.clock = clock;
    }

    @ModelAttribute("townNames")
    Map<String, String> townNames() {
        return regions.towns().stream().collect(Collectors.toMap(Town::code, Town::name, (a, b) -> a));
    }

    @GetMapping("/notify")
    String page(@RequestParam(required = false) NotifyApi.DeliveryStatus status, Model model) {
        Scope scope = scopes.current();
        model.addAttribute("entries", roster.entries(scope));
        model.addAttribute("deliveries", roster.deliveries(scope, status == null ? null : status.name(), 100));
        model.addAttribute("tally", roster.tally(scope, clock.instant().minus(Duration.ofDays(1))));
        model.addAttribute("status", status);
        model.addAttribute("statuses", NotifyApi.DeliveryStatus.values());
        model.addAttribute("channels", ChannelKind.values());
        model.addAttribute("severities", List.of(0, 1, 2, 3, 4));
        model.addAttribute("wholeCounty", scope.wholeCounty());
        model.addAttribute("towns", regions.towns().stream().filter(t -> scope.coversTown(t.code())).toList());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new DutyRoster.NewEntry(null, "", ChannelKind.DINGTALK, "", "", 3));
        }
        return "notify/roster";
    }

    @PostMapping("/notify/roster")
    String add(@RequestParam(required = false) String townCode, @RequestParam String name,
            @RequestParam ChannelKind channel, @RequestParam String target, @RequestParam(required = false) String secret,
            @RequestParam(defaultValue = "0") int minSeverity, Model model, RedirectAttributes redirect) {
        DutyRoster.NewEntry entry = new DutyRoster.NewEntry(townCode, name, channel, target, secret, minSeverity);
        try {
            roster.add(entry, scopes.current());
        } catch (RejectedException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("form", new DutyRoster.NewEntry(townCode, name, channel, target, "", minSeverity));
            return page(null, model);
        }
        redirect.addFlashAttribute("message", "notify.added");
        return "redirect:/notify";
    }

    @PostMapping("/notify/roster/{id}/test")
    String test(@PathVariable long id, RedirectAttributes redirect) {
        roster.requireVisible(id, scopes.current());
        notifications.sendTest(id, TEST_TITLE, TEST_TEXT);
        redirect.addFlashAttribute("message", "notify.testQueued");
        return "redirect:/notify";
    }

    @PostMapping("/notify/roster/{id}/deactivate")
    String deactivate(@PathVariable long id, RedirectAttributes redirect) {
        roster.deactivate(id, scopes.current());
        redirect.addFlashAttribute("message", "notify.deactivated");
        return "redirect:/notify";
    }

    @PostMapping("/notify/deliveries/{id}/retry")
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        roster.retry(id, scopes.current());
        notifications.deliverSoon();
        redirect.addFlashAttribute("message", "notify.retried");
        return "redirect:/notify?status=PENDING";
    }
}
