package org.townbrain.checkin;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;

/**
 * The duty officer's trace page. Results are answered to the POST itself rather than through a
 * redirect, so that no number or venue ends up in a URL, a history or a server log.
 */
@Controller("checkinTracePages")
class TracePages {

    private final Traces traces;
    private final CheckinProperties properties;

    private final java.time.ZoneId countyZone;

    TracePages(Traces traces, CheckinProperties properties, java.time.ZoneId countyZone) {
        this.countyZone = countyZone;
        this.traces = traces;
        this.properties = properties;
    }

    @GetMapping("/checkin/trace")
    String form(HttpServletRequest request, Model model) {
        requireDuty(request);
        model.addAttribute("zone", countyZone);
        return "checkin/trace";
    }

    @PostMapping("/checkin/trace")
    String query(@RequestParam(defaultValue = "venue") String kind, @RequestParam(defaultValue = "") String venueCode,
            @RequestParam(defaultValue = "") String phone, @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to, @RequestParam(defaultValue = "") String reason,
            HttpServletRequest request, Model model) {
        requireDuty(request);
        model.addAttribute("zone", countyZone);
        model.addAttribute("kind", kind);
        model.addAttribute("venueCode", venueCode);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        try {
            Instant start = instant("from", from);
            Instant end = instant("to", to);
            List<Traces.Presence> rows = "phone".equals(kind) ? traces.ofPhone(phone, start, end, reason)
                    : traces.atVenue(venueCode.strip(), start, end, reason);
            model.addAttribute("rows", rows);
        } catch (RejectedException e) {
            model.addAttribute("error", e.getMessage());
        } catch (NotFoundException e) {
            model.addAttribute("error", "未找到该场所码 / no venue with this code");
        }
        return "checkin/trace";
    }

    private Instant instant(String field, String value) {
        try {
            return LocalDateTime.parse(value).atZone(countyZone).toInstant();
        } catch (DateTimeParseException e) {
            throw new RejectedException(field, "请填写时间 / enter a date and time");
        }
    }

    private static void requireDuty(HttpServletRequest request) {
        if (!request.isUserInRole("DUTY_OFFICER")) {
            throw new AccessDeniedException("trace queries are for duty officers");
        }
    }
}
