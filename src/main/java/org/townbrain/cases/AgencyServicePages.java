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

/** Agency-service pages for agents and town staff, and the resident's public tracking page. */
@Controller
class AgencyServicePages {

    private final AgencyServices services;
    private final Regions regions;
    private final Actors actors;

    AgencyServicePages(AgencyServices services, Regions regions, Actors actors) {
        this.services = services;
        this.regions = regions;
        this.actors = actors;
    }

    @GetMapping("/services")
    String list(Model model) {
        Actor actor = requireAgent();
        model.addAttribute("requests", services.list(actor.scope()));
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
        model.addAttribute("r", services.visible(id, actor.scope()));
        model.addAttribute("townNames", CaseQueries.names(regions.towns()));
        return "cases/service";
    }

    @PostMapping("/services/{id}/advance")
    String advance(@PathVariable long id, @RequestParam int version, @RequestParam(required = false) String note) {
        Actor actor = requireAgent();
        services.advance(id, version, note, actor.name(), actor.scope());
        return "redirect:/services/" + id;
    }

    @GetMapping("/track/service/{code}")
    String track(@PathVariable String code, Model model) {
        model.addAttribute("r", services.byCode(code));
        return "cases/service-track";
    }

    private Actor requireAgent() {
        Actor actor = actors.current();
        if (actor.role() != Role.AGENT && actor.role() != Role.TOWN_STAFF && actor.role() != Role.COUNTY_ADMIN) {
            throw new AccessDeniedException("agency services");
        }
        return actor;
    }
}
