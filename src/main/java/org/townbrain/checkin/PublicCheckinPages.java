package org.townbrain.checkin;

import org.townbrain.platform.throttle.Throttle;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;

/**
 * The pages a visitor's camera opens: {@code /c/{code}} (and the poster's upper-case
 * {@code /C/{code}}). Plain HTML forms, no script, no fonts, no map: a few kilobytes that work
 * on any phone. The visitor cookie holds only a random token.
 */
@Controller("checkinPublicCheckinPages")
class PublicCheckinPages {

    static final String COOKIE = "tb_visitor";
    private static final Duration COOKIE_LIFE = Duration.ofDays(400);

    private final Venues venues;
    private final Checkins checkins;
    private final Throttle limiter;
    private final ReturningCheckins returning;
    private final CheckinProperties properties;

    private final java.time.ZoneId countyZone;

    PublicCheckinPages(Venues venues, Checkins checkins, ReturningCheckins returning, Throttle limiter,
            CheckinProperties properties, java.time.ZoneId countyZone) {
        this.countyZone = countyZone;
        this.venues = venues;
        this.returning = returning;
        this.checkins = checkins;
        this.limiter = limiter;
        this.properties = properties;
    }

    @GetMapping({"/c/{code}", "/C/{code}"})
    String venue(@PathVariable String code, @CookieValue(name = COOKIE, required = false) String token, Model model) {
        Venue venue = open(code);
        model.addAttribute("venue", venue);
        Optional<Checkins.Visitor> visitor = checkins.visitor(token);
        if (visitor.isPresent()) {
            model.addAttribute("visitor", visitor.get());
            model.addAttribute("state", "returning");
        } else {
            model.addAttribute("state", "first");
        }
        consentFacts(model);
        return "checkin/public";
    }

    @PostMapping("/c/{code}")
    String checkIn(@PathVariable String code, @RequestParam(required = false) String phone,
            @RequestParam(required = false) String consent, @CookieValue(name = COOKIE, required = false) String token,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        limiter.acquire(PublicCheckinSecurity.LIMIT, request.getRemoteAddr());
        if ((phone == null || phone.isBlank()) && token != null) {
            Optional<Checkins.Returning> done = VenueCode.parse(code).flatMap(c -> returning.checkIn(c, token));
            if (done.isPresent()) {
                return "redirect:/c/" + done.get().venueCode() + "/ok/" + done.get().checkinId();
            }
        }
        Venue venue = open(code);
        try {
            Checkins.Result result = checkins.checkIn(venue, new Checkins.Request(phone, consent != null, token));
            if (result.newToken() != null) {
                response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, result.newToken().value())
                        .maxAge(COOKIE_LIFE).path("/").httpOnly(true).secure(request.isSecure()).sameSite("Lax").build()
                        .toString());
            }
            return "redirect:/c/" + venue.code() + "/ok/" + result.checkinId();
        } catch (RejectedException e) {
            if (token != null && checkins.visitor(token).isEmpty()) {
                forgetCookie(request, response); // a token from before the purge: start afresh
            }
            model.addAttribute("venue", venue);
            model.addAttribute("state", "first");
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.field());
            model.addAttribute("consentTicked", false);
            consentFacts(model);
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "checkin/public";
        }
    }

    @GetMapping("/c/{code}/ok/{id}")
    String done(@PathVariable String code, @PathVariable long id, @CookieValue(name = COOKIE, required = false) String token,
            Model model) {
        Venue venue = open(code);
        Checkins.Visitor visitor = checkins.visitor(token).orElseThrow(() -> new NotFoundException("check-in"));
        model.addAttribute("venue", venue);
        model.addAttribute("visitor", visitor);
        model.addAttribute("checkin", checkins.own(id, visitor.id()));
        model.addAttribute("zone", countyZone);
        model.addAttribute("state", "done");
        return "checkin/public";
    }

    @PostMapping("/c/{code}/out")
    String checkOut(@PathVariable String code, @CookieValue(name = COOKIE, required = false) String token,
            HttpServletRequest request, Model model) {
        limiter.acquire(PublicCheckinSecurity.LIMIT, request.getRemoteAddr());
        Venue venue = open(code);
        Checkins.Visitor visitor = checkins.visitor(token).orElseThrow(() -> new NotFoundException("check-in"));
        model.addAttribute("venue", venue);
        model.addAttribute("state", checkins.checkOut(venue, visitor.id()) ? "out" : "notIn");
        return "checkin/public";
    }

    /** "Not me": forgets the visitor on this phone (the profile itself ages out with the retention). */
    @PostMapping("/c/{code}/forget")
    String forget(@PathVariable String code, HttpServletRequest request, HttpServletResponse response) {
        Venue venue = open(code);
        forgetCookie(request, response);
        return "redirect:/c/" + venue.code();
    }

    private static void forgetCookie(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(COOKIE, "").maxAge(0).path("/").httpOnly(true)
                .secure(request.isSecure()).sameSite("Lax").build().toString());
    }

    @ExceptionHandler(NotFoundException.class)
    ModelAndView missing() {
        ModelAndView page = new ModelAndView("checkin/public", HttpStatus.NOT_FOUND);
        page.addObject("state", "missing");
        return page;
    }

    @ExceptionHandler(Throttle.Exceeded.class)
    ModelAndView flooded(Throttle.Exceeded e, HttpServletResponse response) {
        response.setHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
        ModelAndView page = new ModelAndView("checkin/public", HttpStatus.TOO_MANY_REQUESTS);
        page.addObject("state", "flooded");
        return page;
    }

    private Venue open(String code) {
        return venues.open(code).orElseThrow(() -> new NotFoundException("venue"));
    }

    private void consentFacts(Model model) {
        model.addAttribute("retentionDays", properties.retention().toDays());
        model.addAttribute("consentVersion", properties.consentVersion());
        model.addAttribute("stayHours", properties.autoCheckoutAfter().toHours());
    }
}
