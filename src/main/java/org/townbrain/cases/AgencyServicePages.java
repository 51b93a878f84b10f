package org.townbrain.cases;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.townbrain.access.Role;
import org.townbrain.region.Regions;

/** Agency-service pages for agents and town staff: the list, a new request, assignment, steps ({@link AgencyTrackPage} is the resident's). */
@Controller
class AgencyServicePages {

    private final AgencyServices services;
    private final Regions regions;
    private final Actors actors;
    private final java.time.Clock clock;

    AgencyServicePages(AgencyServices services, Regions regions, Actors actors, java.time.Clock clock) {
        this.services = services;
        this.regions = regions;
        this.actors = actors;
        this.clock = clock;
    }

    @GetMapping("/services")
    String list(Model model) {
        Actor actor = requireAgent();
        model.addAttribute("requests", services.list(actor.scope()));
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("now", clock.instant());
        model.addAttribute("types", services.types());
        model.addAttribute("towns", regions.towns().stream().filter(t -> actor.scope().coversTown(t.code())).toList());
        model.addAttribute("townNames", CaseQueries.names(regions.towns()));
        return "cases/services";
    }

    @PostMapping("/services")
    String open(@RequestParam String type, @RequestParam String townCode, @RequestParam String summary,
            @RequestParam(required = false) String applicantName, @RequestParam(required = false) String applicantContact) {
        Actor actor = requireAgent();
        AgencyServices.Request request = services.open(type, townCode, summary, applicantName, applicantContact,
                actor.name(), actor.scope());
        return "redirect:/services/" + request.id();
    }

    @GetMapping("/services/{id}")
    String detail(@PathVariable long id, Model model) {
        Actor actor = requireAgent();
        AgencyServices.Request request = services.visible(id, actor.scope());
        model.addAttribute("r", request);
        model.addAttribute("townNames", CaseQueries.names(regions.towns()));
        model.addAttribute("agents", actor.role() == Role.AGENT ? java.util.List.of() : services.agentsFor(request.townCode()));
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("now", clock.instant());
        return "cases/service";
    }

    @PostMapping("/services/{id}/advance")
    String advance(@PathVariable long id, @RequestParam int version, @RequestParam(required = false) String note) {
        Actor actor = requireAgent();
        services.advance(id, version, note, actor.name(), actor.scope());
        return "redirect:/services/" + id;
    }

    @PostMapping("/services/{id}/assign")
    String assign(@PathVariable long id, @RequestParam int version, @RequestParam String assignee) {
        Actor actor = requireAgent();
        if (actor.role() == Role.AGENT) {
            throw new AccessDeniedException("assignment is for town staff and the county");
        }
        services.assign(id, version, assignee, actor.scope());
        return "redirect:/services/" + id;
    }

    private Actor requireAgent() {
        Actor actor = actors.current();
        if (actor.role() != Role.AGENT && actor.role() != Role.TOWN_STAFF && actor.role() != Role.COUNTY_ADMIN) {
            throw new AccessDeniedException("agency services");
        }
        return actor;
    }
}
