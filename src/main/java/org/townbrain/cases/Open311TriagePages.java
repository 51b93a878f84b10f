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

/** The county dispatcher's triage inbox (待分派): Open311 reports whose town nobody could tell. */
@Controller
class Open311TriagePages {

    private final Open311Reports reports;
    private final Regions regions;
    private final Actors actors;

    Open311TriagePages(Open311Reports reports, Regions regions, Actors actors) {
        this.reports = reports;
        this.regions = regions;
        this.actors = actors;
    }

    @GetMapping("/cases/triage")
    String inbox(Model model) {
        requireDispatcher();
        model.addAttribute("waiting", reports.waiting(200));
        model.addAttribute("towns", regions.towns());
        return "cases/triage";
    }

    @PostMapping("/cases/triage/{id}/place")
    String place(@PathVariable long id, @RequestParam(required = false) String townCode,
            @RequestParam(required = false) String longitude, @RequestParam(required = false) String latitude) {
        long caseId = reports.place(id, townCode, CasePages.number(longitude), CasePages.number(latitude), requireDispatcher());
        return "redirect:/cases/" + caseId;
    }

    @PostMapping("/cases/triage/{id}/void")
    String dismiss(@PathVariable long id, @RequestParam(required = false) String note) {
        reports.dismiss(id, note, requireDispatcher());
        return "redirect:/cases/triage";
    }

    /** County-level dispatchers only: the county office and the duty officers. */
    private Actor requireDispatcher() {
        Actor actor = actors.current();
        if (!actor.isUser() || !actor.scope().wholeCounty()
                || (actor.role() != Role.COUNTY_ADMIN && actor.role() != Role.DUTY_OFFICER)) {
            throw new AccessDeniedException("open311 triage");
        }
        return actor;
    }
}
