package org.townbrain.projects;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.townbrain.platform.errors.RejectedException;

/**
 * The forms on the checks-and-services page: a quality/safety check with its findings (one per
 * line, optionally "description, longitude, latitude"), an expert visit, a seminar, a review round.
 * Rejections come back as a message on the page; nothing is half-written.
 */
@Controller
class ServiceForms {

    private final QualityChecks checks;
    private final ExpertServices experts;
    private final PlanningServices planning;

    ServiceForms(QualityChecks checks, ExpertServices experts, PlanningServices planning) {
        this.checks = checks;
        this.experts = experts;
        this.planning = planning;
    }

    @PostMapping("/projects/services/checks")
    String check(@RequestParam QualityChecks.Kind kind, @RequestParam String title, @RequestParam String townCode,
            @RequestParam LocalDate checkedOn, @RequestParam String inspectors,
            @RequestParam(defaultValue = "") String findings, RedirectAttributes redirect) {
        return act(redirect, () -> checks.record(new QualityChecks.NewCheck(kind, required(title), townCode, null, checkedOn,
                required(inspectors), List.of(), parseFindings(findings))));
    }

    @PostMapping("/projects/services/visits")
    String visit(@RequestParam String expert, @RequestParam String townCode, @RequestParam String topic,
            @RequestParam LocalDate visitedOn, @RequestParam int personTimes, RedirectAttributes redirect) {
        return act(redirect, () -> {
            if (personTimes < 1 || personTimes > 500) {
                throw new RejectedException("personTimes", "人次须为 1–500 / person-times must be 1–500");
            }
            experts.record(new ExpertServices.NewVisit(required(expert), townCode, null, required(topic), visitedOn, personTimes));
        });
    }

    @PostMapping("/projects/services/seminars")
    String seminar(@RequestParam long plannerId, @RequestParam String townCode, @RequestParam LocalDate heldOn,
            @RequestParam String topic, @RequestParam String minutes, RedirectAttributes redirect) {
        return act(redirect, () -> planning.recordSeminar(new PlanningServices.NewSeminar(plannerId, townCode, heldOn,
                required(topic), required(minutes))));
    }

    @PostMapping("/projects/services/reviews")
    String review(@RequestParam String scheme, @RequestParam String townCode, @RequestParam LocalDate heldOn,
            @RequestParam String reviewers, @RequestParam String comments, @RequestParam PlanningServices.Decision decision,
            @RequestParam(required = false) LocalDate nextRoundOn, RedirectAttributes redirect) {
        return act(redirect, () -> planning.recordReview(new PlanningServices.NewReviewRound(required(scheme), townCode, null,
                heldOn, required(reviewers), required(comments), decision, nextRoundOn)));
    }

    @PostMapping("/projects/services/planners")
    String planner(@RequestParam String name, @RequestParam PlanningServices.PlannerRole role,
            @RequestParam(required = false) String organisation, @RequestParam List<String> townCodes,
            RedirectAttributes redirect) {
        return act(redirect, () -> planning.addPlanner(new PlanningServices.NewPlanner(required(name), role,
                organisation == null || organisation.isBlank() ? null : organisation.strip(), townCodes)));
    }

    /** One finding per line: "description" or "description, longitude, latitude". */
    static List<QualityChecks.NewFinding> parseFindings(String text) {
        List<QualityChecks.NewFinding> findings = new ArrayList<>();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split("\\s*[,，]\\s*");
            if (parts.length == 3 && isNumber(parts[1]) && isNumber(parts[2])) {
                double lon = Double.parseDouble(parts[1]);
                double lat = Double.parseDouble(parts[2]);
                if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
                    throw new RejectedException("findings", "经纬度超出范围 / longitude or latitude out of range");
                }
                findings.add(new QualityChecks.NewFinding(parts[0], lon, lat));
            } else {
                findings.add(new QualityChecks.NewFinding(trimmed, null, null));
            }
        }
        if (findings.size() > 500 || findings.stream().anyMatch(f -> f.description().length() > 1000)) {
            throw new RejectedException("findings", "问题条目过多或过长 / too many or too long findings");
        }
        return findings;
    }

    private static boolean isNumber(String s) {
        return s.matches("-?\\d+(\\.\\d+)?");
    }

    private static String required(String value) {
        if (value == null || value.isBlank()) {
            throw new RejectedException("必填项不得为空 / a required field is empty");
        }
        return value.length() > 20000 ? value.substring(0, 20000) : value;
    }

    private static String act(RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("saved", true);
        } catch (RejectedException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        } catch (jakarta.validation.ConstraintViolationException e) {
            redirect.addFlashAttribute("error", "输入有误，请检查 / please check the input");
        }
        return "redirect:/projects/services";
    }
}
