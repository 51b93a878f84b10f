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
import org.townbrain.region.Tier;
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
            FundingPolicy shown = model.containsAttribute("formPolicy") ? (FundingPolicy) model.getAttribute("formPolicy")
                    : policy.get();
            model.addAttribute("formPolicy", shown);
            model.addAttribute("baseAmounts", shown.bases().stream()
                    .collect(Collectors.toMap(b -> b.townType() + "/" + b.tier(), FundingPolicy.Base::amount, (a, b) -> a)));
            model.addAttribute("townTypes", regions.townTypes());
            model.addAttribute("tiers", Tier.values());
            model.addAttribute("policyTowns", regions.towns());
        }
        return "evaluation/funding";
    }

    /**
     * The policy as a form: pool and cap, a base amount per type and tier, reward rules and
     * per-town policies as table rows (a row without code or town is left out). Validated as a
     * whole like the JSON; on an error the page comes back with what was typed and the reason.
     */
    @PostMapping("/evaluation/{year}/funding/policy-form")
    String savePolicyForm(@PathVariable int year, @RequestParam java.util.Map<String, String> form,
            @RequestParam(name = "rewardCode", required = false) List<String> rewardCodes,
            @RequestParam(name = "rewardName", required = false) List<String> rewardNames,
            @RequestParam(name = "rewardTrigger", required = false) List<String> rewardTriggers,
            @RequestParam(name = "rewardAmount", required = false) List<String> rewardAmounts,
            @RequestParam(name = "townCode", required = false) List<String> townCodes,
            @RequestParam(name = "townBase", required = false) List<String> townBases,
            @RequestParam(name = "townExtra", required = false) List<String> townExtras,
            @RequestParam(name = "townCap", required = false) List<String> townCaps,
            @RequestParam(name = "townNote", required = false) List<String> townNotes,
            Model model, jakarta.servlet.http.HttpServletResponse response) {
        if (!assessments.canReview()) {
            throw new AccessDeniedException("funding policy");
        }
        List<FundingPolicy.Base> bases = new java.util.ArrayList<>();
        List<FundingPolicy.Reward> rewards = new java.util.ArrayList<>();
        List<FundingPolicy.TownPolicy> towns = new java.util.ArrayList<>();
        FundingPolicy typed = null;
        try {
            for (var type : regions.townTypes()) {
                for (Tier tier : Tier.values()) {
                    Long amount = amount(form.get("base." + type.code() + "." + tier), "base");
                    if (amount != null) {
                        bases.add(new FundingPolicy.Base(type.code(), tier, amount));
                    }
                }
            }
            for (int i = 0; rewardCodes != null && i < rewardCodes.size(); i++) {
                if (!rewardCodes.get(i).isBlank()) {
                    Long amount = amount(at(rewardAmounts, i), "rewards");
                    rewards.add(new FundingPolicy.Reward(rewardCodes.get(i).strip(), at(rewardNames, i).strip(),
                            at(rewardTriggers, i).strip(), amount == null ? 0 : amount));
                }
            }
            for (int i = 0; townCodes != null && i < townCodes.size(); i++) {
                if (!townCodes.get(i).isBlank()) {
                    Long extra = amount(at(townExtras, i), "towns");
                    towns.add(new FundingPolicy.TownPolicy(townCodes.get(i), amount(at(townBases, i), "towns"),
                            extra == null ? 0 : extra, amount(at(townCaps, i), "towns"), at(townNotes, i).strip()));
                }
            }
            Long pool = amount(form.get("pool"), "pool");
            if (pool == null) {
                throw new RejectedException("pool", "请填写资金池 / enter the budget pool");
            }
            typed = new FundingPolicy(year, pool, amount(form.get("cap"), "townCap"),
                    form.containsKey("assumed"), bases, rewards, towns);
            funding.save(typed);
        } catch (RejectedException e) {
            model.addAttribute("policyError", e.getMessage());
            if (typed == null) {
                typed = new FundingPolicy(year, 0, null, form.containsKey("assumed"), bases, rewards, towns);
            }
            model.addAttribute("formPolicy", typed);
            response.setStatus(422);
            return table(year, model);
        }
        return "redirect:/evaluation/" + year + "/funding";
    }

    private static String at(List<String> values, int i) {
        return values == null || i >= values.size() || values.get(i) == null ? "" : values.get(i);
    }

    /** A whole number of yuan, or null when the field is empty; thousands separators allowed. */
    private static Long amount(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip().replace(",", "").replace("，", ""));
        } catch (NumberFormatException e) {
            throw new RejectedException(field, "金额须为整数（元） / amounts are whole yuan: " + text.strip());
        }
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
