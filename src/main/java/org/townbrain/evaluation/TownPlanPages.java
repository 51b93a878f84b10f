package org.townbrain.evaluation;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.townbrain.access.Users;
import org.townbrain.platform.scope.ScopeProvider;

/** The 一镇一策 documents: the list of towns for a year, a town's document (printable), and the county's editor. */
@Controller
class TownPlanPages {

    private final TownPlans plans;
    private final Reports reports;
    private final ScopeProvider scopes;
    private final Users users;
    private final java.time.Clock clock;

    TownPlanPages(TownPlans plans, Reports reports, ScopeProvider scopes, Users users, java.time.Clock clock) {
        this.plans = plans;
        this.reports = reports;
        this.scopes = scopes;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("/evaluation/{year}/plans")
    String list(@PathVariable int year, Model model) {
        var towns = plans.towns();
        if (towns.size() == 1) {
            return "redirect:/evaluation/" + year + "/plans/" + towns.getFirst().code();
        }
        model.addAttribute("year", year);
        model.addAttribute("years", reports.years());
        model.addAttribute("towns", towns);
        return "evaluation/plans";
    }

    @GetMapping("/evaluation/{year}/plans/{town}")
    String document(@PathVariable int year, @PathVariable String town, Model model) {
        model.addAttribute("plan", plans.plan(town, year));
        model.addAttribute("versions", plans.versions(town, year));
        model.addAttribute("canEdit", scopes.current().wholeCounty());
        model.addAttribute("zone", clock.getZone());
        return "evaluation/plan";
    }

    @GetMapping("/evaluation/{year}/plans/{town}/edit")
    String edit(@PathVariable int year, @PathVariable String town, Model model) {
        requireCounty();
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", plans.plan(town, year).written());
        }
        model.addAttribute("plan", plans.plan(town, year));
        return "evaluation/plan-edit";
    }

    @PostMapping("/evaluation/{year}/plans/{town}")
    String save(@PathVariable int year, @PathVariable String town, @RequestParam int version, @RequestParam String tasks,
            @RequestParam String units, @RequestParam String milestones, @RequestParam(required = false) String conditions,
            RedirectAttributes redirect) {
        requireCounty();
        String by = users.current().map(u -> u.username()).orElse("county");
        try {
            plans.save(town, year, version, tasks, units, milestones, conditions, by);
        } catch (org.townbrain.platform.errors.RejectedException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            redirect.addFlashAttribute("form", new TownPlans.Written(tasks, units, milestones, conditions, version, null, null));
            return "redirect:/evaluation/" + year + "/plans/" + town + "/edit";
        }
        redirect.addFlashAttribute("message", "evaluation.plan.saved");
        return "redirect:/evaluation/" + year + "/plans/" + town;
    }

    private void requireCounty() {
        if (!scopes.current().wholeCounty()) {
            throw new org.springframework.security.access.AccessDeniedException("the county writes the 一镇一策");
        }
    }
}
