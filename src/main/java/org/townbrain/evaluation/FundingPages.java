package org.townbrain.evaluation;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/** The funding table (every yuan explained) and the policy editor for the county. */
@Controller
class FundingPages {

    private final Funding funding;
    private final Reports reports;
    private final Regions regions;
    private final ScopeProvider scopes;
    private final Assessments assessments;
    private final ObjectMapper json;

    FundingPages(Funding funding, Reports reports, Regions regions, ScopeProvider scopes, Assessments assessments,
            ObjectMapper json) {
        this.funding = funding;
        this.reports = reports;
        this.regions = regions;
        this.scopes = scopes;
        this.assessments = assessments;
        this.json = json;
    }

    @GetMapping("/evaluation/{year}/funding")
    String table(@PathVariable int year, Model model) {
        reports.standing(year);
        model.addAttribute("year", year);
        model.addAttribute("years", reports.years());
        model.addAttribute("county", scopes.current().wholeCounty());
        model.addAttribute("ranked", scopes.current().wholeCounty() || scopes.current().townCodes().size() > 1);
        model.addAttribute("canReview", assessments.canReview());
        model.addAttribute("townNames", regions.towns().stream().collect(Collectors.toMap(Town::code, Town::name)));
        var policy = funding.policy(year);
        model.addAttribute("policy", policy.orElse(null));
        if (policy.isPresent()) {
            Allocation all = funding.allocate(year);
            Scope scope = scopes.current();
            List<Allocation.TownAllocation> rows = all.towns().stream().filter(t -> scope.coversWholeTown(t.townCode())).toList();
            model.addAttribute("allocation", all);
            model.addAttribute("rows", rows);
            if (!model.containsAttribute("policyJson")) {
                model.addAttribute("policyJson", json.writerWithDefaultPrettyPrinter().writeValueAsString(policy.get()));
            }
        }
        return "evaluation/funding";
    }

    @PostMapping("/evaluation/{year}/funding/policy")
    String savePolicy(@PathVariable int year, @RequestParam String policy, Model model,
            jakarta.servlet.http.HttpServletResponse response) {
        if (!assessments.canReview()) {
            throw new AccessDeniedException("funding policy");
        }
        try {
            FundingPolicy parsed = json.readValue(policy, FundingPolicy.class);
            if (parsed.year() != year) {
                throw new RejectedException("year", "年份与页面不一致 / the policy's year differs from the page");
            }
            funding.save(parsed);
        } catch (JacksonException | RejectedException e) {
            model.addAttribute("policyError", e instanceof RejectedException ? e.getMessage()
                    : "JSON 格式有误，或缺少字段（year, pool, assumed, bases, rewards, towns） / not a valid funding policy: check every field is present");
            model.addAttribute("policyJson", policy);
            response.setStatus(422);
            return table(year, model);
        }
        return "redirect:/evaluation/" + year + "/funding";
    }

}
