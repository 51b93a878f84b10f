package org.townbrain.evaluation;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/**
 * The public questionnaire on a phone, opened from the link (or QR code) on a survey card, which
 * carries the one-time code; and the county office's page that issues the cards.
 */
@Controller
class SurveyPages {

    private final Surveys surveys;
    private final SurveyRepository repository;
    private final Assessments assessments;
    private final Regions regions;

    SurveyPages(Surveys surveys, SurveyRepository repository, Assessments assessments, Regions regions) {
        this.surveys = surveys;
        this.repository = repository;
        this.assessments = assessments;
        this.regions = regions;
    }

    @GetMapping("/survey/{year}/{town}")
    String form(@PathVariable int year, @PathVariable String town, @RequestParam(name = "c", required = false) String code,
            Model model) {
        Surveys.Form form = surveys.form(town, year);
        model.addAttribute("form", form);
        model.addAttribute("code", Surveys.normalise(code));
        model.addAttribute("closed", !surveys.open(town, year));
        model.addAttribute("answered", surveys.answered(town, year, code));
        return "evaluation/survey";
    }

    @PostMapping("/survey/{year}/{town}")
    String answer(@PathVariable int year, @PathVariable String town, @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response, Model model) {
        Surveys.Form survey = surveys.form(town, year);
        int[] answers = new int[survey.questions().size()];
        for (int i = 0; i < answers.length; i++) {
            String a = form.getFirst("q" + (i + 1));
            answers[i] = a == null || !a.matches("[1-4]") ? 0 : Integer.parseInt(a);
        }
        String code = form.getFirst("code");
        try {
            surveys.answer(town, year, code, answers);
        } catch (RejectedException | ConflictException e) {
            model.addAttribute("form", survey);
            model.addAttribute("code", Surveys.normalise(code));
            model.addAttribute("closed", !surveys.open(town, year));
            model.addAttribute("answered", e instanceof ConflictException && surveys.open(town, year));
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e instanceof RejectedException r ? r.field() : null);
            model.addAttribute("chosen", answers);
            response.setStatus(e instanceof ConflictException ? 409 : 422);
            return "evaluation/survey";
        }
        model.addAttribute("form", survey);
        return "evaluation/survey-thanks";
    }

    /** The county office's record of survey cards issued and used, per town. */
    @GetMapping("/evaluation/{year}/survey-codes")
    String codes(@PathVariable int year, Model model) {
        requireCounty();
        model.addAttribute("year", year);
        model.addAttribute("towns", regions.towns().stream().filter(Town::inProgramme).toList());
        model.addAttribute("counts", repository.codeCounts(year).stream()
                .collect(Collectors.toMap(SurveyRepository.CodeCount::townCode, c -> c)));
        model.addAttribute("max", Surveys.MAX_CODES_PER_ISSUE);
        return "evaluation/survey-codes";
    }

    /** Issues a batch of cards and shows them once, to print. */
    @PostMapping("/evaluation/{year}/survey-codes")
    String issue(@PathVariable int year, @RequestParam String town, @RequestParam(defaultValue = "0") int count,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        requireCounty();
        try {
            List<String> codes = surveys.issue(town, year, count);
            String base = ServletUriComponentsBuilder.fromContextPath(request).path("/survey/{y}/{t}").buildAndExpand(year, town)
                    .toUriString();
            model.addAttribute("form", surveys.form(town, year));
            model.addAttribute("cards", codes.stream().map(c -> Map.of("code", c.substring(0, 5) + "-" + c.substring(5),
                    "url", base + "?c=" + c)).toList());
            return "evaluation/survey-cards";
        } catch (RejectedException | ConflictException e) {
            model.addAttribute("error", e.getMessage());
            response.setStatus(e instanceof ConflictException ? 409 : 422);
            return codes(year, model);
        }
    }

    private void requireCounty() {
        if (!assessments.canReview()) {
            throw new AccessDeniedException("survey codes are issued by the county office");
        }
    }
}
