package org.townbrain.cases;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.throttle.Throttle;

/**
 * The resident's page for a 全程代办 request, without login, made for a phone: enter the tracking
 * code, see the steps, each step's deadline and the status; never the applicant, the summary or
 * the agent. Every look-up takes a token of the {@code service-track} limit, so codes cannot be
 * tried at speed; past it the page says to wait (429).
 */
@Controller
class AgencyTrackPage {

    static final String LIMIT = "service-track";

    private final AgencyServices services;
    private final Throttle throttle;
    private final Clock clock;

    AgencyTrackPage(AgencyServices services, Throttle throttle, Clock clock) {
        this.services = services;
        this.throttle = throttle;
        this.clock = clock;
    }

    @GetMapping("/track/service")
    String lookup(@RequestParam(required = false) String code, HttpServletRequest request, Model model) {
        if (code == null || code.isBlank()) {
            model.addAttribute("state", "ask");
            return "cases/service-track";
        }
        return show(code, request, model);
    }

    @GetMapping("/track/service/{code}")
    String show(@PathVariable String code, HttpServletRequest request, Model model) {
        throttle.acquire(LIMIT, request.getRemoteAddr());
        model.addAttribute("state", "found");
        model.addAttribute("r", services.byCode(code));
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("now", clock.instant());
        return "cases/service-track";
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView missing() {
        ModelAndView page = new ModelAndView("cases/service-track", HttpStatus.NOT_FOUND);
        page.addObject("state", "missing");
        return page;
    }

    @ExceptionHandler(Throttle.Exceeded.class)
    ModelAndView flooded(Throttle.Exceeded e, HttpServletResponse response) {
        response.setHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
        ModelAndView page = new ModelAndView("cases/service-track", HttpStatus.TOO_MANY_REQUESTS);
        page.addObject("state", "flooded");
        return page;
    }
}
