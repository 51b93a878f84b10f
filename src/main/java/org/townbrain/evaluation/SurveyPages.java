package org.townbrain.evaluation;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.RejectedException;

/**
 * The public questionnaire on a phone. The browser gets a random token cookie on first view;
 * only a salted hash of it is stored with the answers.
 */
@Controller
class SurveyPages {

    static final String COOKIE = "tb_survey";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Surveys surveys;

    SurveyPages(Surveys surveys) {
        this.surveys = surveys;
    }

    @GetMapping("/survey/{year}/{code}")
    String form(@PathVariable int year, @PathVariable String code,
            @CookieValue(name = COOKIE, required = false) String token, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Surveys.Form form = surveys.form(code, year);
        if (token == null || !token.matches("[A-Za-z0-9_-]{20,100}")) {
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Cookie cookie = new Cookie(COOKIE, token);
            cookie.setHttpOnly(true);
            cookie.setPath("/survey");
            cookie.setMaxAge(400 * 24 * 3600);
            cookie.setSecure(request.isSecure());
            cookie.setAttribute("SameSite", "Lax");
            response.addCookie(cookie);
        }
        model.addAttribute("form", form);
        model.addAttribute("answered", surveys.answered(code, year, token));
        return "evaluation/survey";
    }

    @PostMapping("/survey/{year}/{code}")
    String answer(@PathVariable int year, @PathVariable String code,
            @CookieValue(name = COOKIE, required = false) String token, @RequestParam MultiValueMap<String, String> form,
            HttpServletResponse response, Model model) {
        Surveys.Form survey = surveys.form(code, year);
        int[] answers = new int[survey.questions().size()];
        for (int i = 0; i < answers.length; i++) {
            String a = form.getFirst("q" + (i + 1));
            answers[i] = a == null || !a.matches("[1-4]") ? 0 : Integer.parseInt(a);
        }
        try {
            surveys.answer(code, year, token, answers);
        } catch (RejectedException | ConflictException e) {
            model.addAttribute("form", survey);
            model.addAttribute("answered", e instanceof ConflictException);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("chosen", answers);
            response.setStatus(e instanceof ConflictException ? 409 : 422);
            return "evaluation/survey";
        }
        model.addAttribute("form", survey);
        return "evaluation/survey-thanks";
    }
}
