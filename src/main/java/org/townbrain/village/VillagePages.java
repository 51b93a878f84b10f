package org.townbrain.village;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.townbrain.access.Users;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Regions;
import org.townbrain.region.Village;

/** The small brain pages: the list of villages with one, and one village's brain (phone and desk). */
@Controller
class VillagePages {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private final VillageBrains brains;
    private final VillageWork work;
    private final Regions regions;
    private final ScopeProvider scopes;
    private final Users users;
    private final VillageProperties properties;
    private final Clock clock;

    VillagePages(VillageBrains brains, VillageWork work, Regions regions, ScopeProvider scopes, Users users,
            VillageProperties properties, Clock clock) {
        this.brains = brains;
        this.work = work;
        this.regions = regions;
        this.scopes = scopes;
        this.users = users;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/village-brains")
    String list(@RequestParam(required = false) String town, Model model) {
        List<VillageBrain.Summary> list = town == null || town.isBlank() ? brains.list() : brains.ofTown(town.strip());
        model.addAttribute("brains", list);
        return "village/list";
    }

    @GetMapping("/villages/{code}/brain")
    String brain(@PathVariable String code, Model model) {
        Village village = regions.village(code).orElseThrow(() -> new OutOfScopeException("village " + code));
        if (!scopes.current().coversVillage(village.townCode(), village.code())) {
            throw new OutOfScopeException("village " + code);
        }
        model.addAttribute("village", village);
        model.addAttribute("townName", regions.town(village.townCode()).map(t -> t.name()).orElse(village.townCode()));
        model.addAttribute("canManage", users.current().map(u -> VillageBrains.MANAGE.contains(u.role())).orElse(false));
        model.addAttribute("canWork", users.current().map(u -> VillageWork.FIELD.contains(u.role())).orElse(false));
        model.addAttribute("limits", properties.irrigation());
        if (!brains.visible(code)) {
            model.addAttribute("brain", null);
            return "village/brain";
        }
        VillageBrain brain = brains.brain(code);
        model.addAttribute("brain", brain);
        model.addAttribute("groups", Map.of("production", local(brain.production()), "life", local(brain.life()),
                "ecology", local(brain.ecology())));
        return "village/brain";
    }

    @PostMapping("/villages/{code}/brain")
    String enable(@PathVariable String code, RedirectAttributes redirect) {
        try {
            brains.enable(code);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/villages/" + code + "/brain";
    }

    @PostMapping("/villages/{code}/brain/reports")
    String report(@PathVariable String code, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String description, RedirectAttributes redirect) {
        try {
            work.report(code, new VillageWork.Report(kind, description));
            redirect.addFlashAttribute("message", "village.report.sent");
        } catch (RejectedException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/villages/" + code + "/brain#reports";
    }

    @PostMapping("/villages/{code}/brain/waste-checks")
    String wasteCheck(@PathVariable String code, @RequestParam(required = false) String groupName,
            @RequestParam(required = false) Integer households, @RequestParam(required = false) Integer sortedHouseholds,
            RedirectAttributes redirect) {
        try {
            work.wasteCheck(code, new VillageWork.WasteCheck(groupName, households, sortedHouseholds));
            redirect.addFlashAttribute("message", "village.wasteCheck.sent");
        } catch (RejectedException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/villages/" + code + "/brain#waste";
    }

    @PostMapping("/villages/{code}/brain/elders/{id}/check-in")
    String checkIn(@PathVariable String code, @PathVariable long id, @RequestParam int version, RedirectAttributes redirect) {
        try {
            work.checkIn(code, id, version);
            redirect.addFlashAttribute("message", "village.checkin.sent");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/villages/" + code + "/brain#elderly";
    }

    /** The scenarios with their times as a person reads them: in the county's zone. */
    private List<VillageBrain.Scenario> local(List<VillageBrain.Scenario> scenarios) {
        return scenarios.stream().map(s -> new VillageBrain.Scenario(s.key(), s.figures(), s.items().stream().map(item -> {
            Map<String, Object> copy = new LinkedHashMap<>(item);
            copy.replaceAll((k, v) -> v instanceof Instant i ? LOCAL.withZone(clock.getZone()).format(i) : v);
            return (Map<String, Object>) copy;
        }).toList(), s.alarms())).toList();
    }
}
