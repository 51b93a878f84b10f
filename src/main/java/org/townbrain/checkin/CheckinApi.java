package org.townbrain.checkin;

import org.townbrain.platform.throttle.Throttle;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;

/**
 * The check-in JSON API: venues for town staff, the public check-in, live counts, and trace
 * queries for duty officers.
 */
@RestController("checkinApi")
@RequestMapping("/api/checkin")
class CheckinApi {

    private final Venues venues;
    private final Checkins checkins;
    private final Traces traces;
    private final Throttle limiter;
    private final ReturningCheckins returning;
    private final Posters posters;

    CheckinApi(Venues venues, Checkins checkins, ReturningCheckins returning, Traces traces, Throttle limiter,
            Posters posters) {
        this.returning = returning;
        this.venues = venues;
        this.checkins = checkins;
        this.traces = traces;
        this.limiter = limiter;
        this.posters = posters;
    }

    record NewVenueBody(String name, String townCode, String type, String villageCode, Double longitude, Double latitude,
            Integer capacity, String manager) {
    }

    record CheckinBody(String phone, Boolean consent) {
    }

    record TraceBody(String venueCode, String phone, Instant from, Instant to, String reason) {
    }

    @PostMapping("/venues")
    ResponseEntity<Map<String, Object>> register(@RequestBody NewVenueBody body, HttpServletRequest request) {
        requireStaff(request);
        VenueType type = VenueType.parse(body.type())
                .orElseThrow(() -> new RejectedException("type", "未知的场所类型 / unknown venue type"));
        Venue venue = venues.register(new Venues.NewVenue(body.name(), body.townCode(), body.villageCode(), type,
                body.longitude(), body.latitude(), body.capacity(), body.manager()), false);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("code", venue.code());
        answer.put("url", posters.url(venue, request));
        return ResponseEntity.created(URI.create("/api/checkin/venues/" + venue.code())).body(answer);
    }

    @GetMapping("/venues")
    List<Map<String, Object>> list() {
        return venues.list().stream().map(v -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("code", v.code());
            row.put("name", v.name());
            row.put("type", v.type());
            row.put("townCode", v.townCode());
            row.put("villageCode", v.villageCode());
            row.put("retired", v.retired());
            return row;
        }).toList();
    }

    @GetMapping("/venues/{code}/counts")
    Venues.Counts counts(@PathVariable String code) {
        return venues.counts(venues.scoped(code));
    }

    /** Public: a first check-in with phone and consent, or a returning visitor's with their token. */
    @PostMapping(path = "/{code}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> checkIn(@PathVariable String code, @RequestBody(required = false) CheckinBody body,
            @RequestHeader(name = "X-Visitor-Token", required = false) String token, HttpServletRequest request) {
        if (request.getAttribute(ReturningCheckinFilter.COUNTED) == null) {
            limiter.acquire(PublicCheckinSecurity.LIMIT, request.getRemoteAddr());
        }
        CheckinBody given = body == null ? new CheckinBody(null, null) : body;
        boolean noPhone = given.phone() == null || given.phone().isBlank();
        Map<String, Object> answer = new LinkedHashMap<>();
        if (token != null && noPhone) {
            VenueCode venueCode = VenueCode.parse(code).orElseThrow(() -> new NotFoundException("venue"));
            Checkins.Returning done = returning.checkIn(venueCode, token).orElseThrow(() -> {
                venues.open(code).orElseThrow(() -> new NotFoundException("venue"));
                return new RejectedException("X-Visitor-Token", "无效或已过期的访客令牌，请填写手机号码 / unknown or expired "
                        + "visitor token: send the phone number with consent");
            });
            answer.put("checkinId", done.checkinId());
            answer.put("visitorToken", token);
            answer.put("sameVisit", done.sameVisit());
            answer.put("venue", done.venueName());
            return ResponseEntity.status(HttpStatus.CREATED).body(answer);
        }
        Venue venue = venues.open(code).orElseThrow(() -> new NotFoundException("venue"));
        Checkins.Result result = checkins.checkIn(venue,
                new Checkins.Request(given.phone(), Boolean.TRUE.equals(given.consent()), token));
        answer.put("checkinId", result.checkinId());
        answer.put("visitorToken", result.newToken() != null ? result.newToken().value() : token);
        answer.put("sameVisit", result.sameVisit());
        answer.put("venue", venue.name());
        return ResponseEntity.status(HttpStatus.CREATED).body(answer);
    }

    @PostMapping("/trace/venue")
    List<Traces.Presence> traceVenue(@RequestBody TraceBody body) {
        return traces.atVenue(body.venueCode(), body.from(), body.to(), body.reason());
    }

    @PostMapping("/trace/phone")
    List<Traces.Presence> tracePhone(@RequestBody TraceBody body) {
        return traces.ofPhone(body.phone(), body.from(), body.to(), body.reason());
    }

    @ExceptionHandler(Throttle.Exceeded.class)
    ResponseEntity<ProblemDetail> flooded(Throttle.Exceeded e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "签到过于频繁，请稍后再试 / too many check-ins from this client, try again in a minute");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", String.valueOf(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static void requireStaff(HttpServletRequest request) {
        if (!(request.isUserInRole("TOWN_STAFF") || request.isUserInRole("COUNTY_ADMIN"))) {
            throw new AccessDeniedException("venues are registered by town staff");
        }
    }
}
