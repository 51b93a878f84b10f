package org.townbrain.projects;

import jakarta.validation.ConstraintViolationException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.RejectedException;

/** The forms on the firm page: register a firm, score one inspection, change the assessment weights. */
@Controller
class FirmForms {

    private final Enterprises enterprises;

    FirmForms(Enterprises enterprises) {
        this.enterprises = enterprises;
    }

    @PostMapping("/projects/firms")
    String register(@RequestParam String uscc, @RequestParam String name, @RequestParam EnterpriseKind kind,
            RedirectAttributes redirect) {
        return act(redirect, () -> enterprises.register(new Enterprises.NewEnterprise(uscc, name, kind)));
    }

    @PostMapping("/projects/firms/assessments")
    String assess(@RequestParam long enterpriseId, @RequestParam long projectId, @RequestParam LocalDate inspectedOn,
            @RequestParam BigDecimal quality, @RequestParam BigDecimal progress, @RequestParam BigDecimal civilised,
            @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return act(redirect, () -> enterprises.assess(new Enterprises.NewAssessment(enterpriseId, projectId, inspectedOn,
                quality, progress, civilised, note == null || note.isBlank() ? null : note.strip())));
    }

    @PostMapping("/projects/firms/weights")
    String weights(@RequestParam BigDecimal quality, @RequestParam BigDecimal progress, @RequestParam BigDecimal civilised,
            RedirectAttributes redirect) {
        Map<Criterion, BigDecimal> weights = new EnumMap<>(Criterion.class);
        weights.put(Criterion.QUALITY, quality);
        weights.put(Criterion.PROGRESS, progress);
        weights.put(Criterion.CIVILISED_CONSTRUCTION, civilised);
        return act(redirect, () -> enterprises.changeWeights(weights));
    }

    private static String act(RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("saved", true);
        } catch (RejectedException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        } catch (ConstraintViolationException e) {
            redirect.addFlashAttribute("error", "输入有误，请检查（评分 0–100） / please check the input (scores 0–100)");
        }
        return "redirect:/projects/firms";
    }
}
