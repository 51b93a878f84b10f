package org.townbrain.sensing;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.townbrain.platform.scope.ScopeProvider;
import tools.jackson.databind.ObjectMapper;

/** The sensing pages: live map, sensor detail, alarm inbox, season report. */
@Controller
class SensingPages {


    private final Devices devices;
    private final Alarms alarms;
    private final SensorStream stream;
    private final SeasonReport report;
    private final ScopeProvider scopes;
    private final ObjectMapper json;
    private final Clock clock;
    private final org.townbrain.access.Users users;

    SensingPages(Devices devices, Alarms alarms, SensorStream stream, SeasonReport report, ScopeProvider scopes,
            ObjectMapper json, Clock clock, org.townbrain.access.Users users) {
        this.users = users;
        this.devices = devices;
        this.alarms = alarms;
        this.stream = stream;
        this.report = report;
        this.scopes = scopes;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping("/sensing")
    String map(Model model) {
        List<Device> list = devices.list();
        Map<String, String> levels = new HashMap<>();
        for (AlarmView a : alarms.list(true)) {
            levels.merge(a.sensorId(), a.level().word(),
                    (x, y) -> WarningLevel.ofWord(x).ordinal() >= WarningLevel.ofWord(y).ordinal() ? x : y);
        }
        List<Map<String, Object>> sensors = new ArrayList<>();
        for (Device d : list) {
            if (d.lat() == null || d.lon() == null) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("name", d.name());
            m.put("lat", d.lat());
            m.put("lon", d.lon());
            m.put("value", d.lastValue());
            m.put("unit", d.kind().unit());
            m.put("online", d.online());
            // how long ago it was seen, so the page can turn it offline by the same rule while it stays open
            m.put("seenAgoMs", d.lastSeenAt() == null ? null : java.time.Duration.between(d.lastSeenAt(), clock.instant()).toMillis());
            m.put("level", levels.get(d.id()));
            m.put("href", "/sensing/devices/" + d.id());
            sensors.add(m);
        }
        model.addAttribute("devices", list);
        model.addAttribute("levels", levels);
        model.addAttribute("sensorsJson", json.writeValueAsString(sensors));
        model.addAttribute("offlineAfterMs", devices.offlineAfter().toMillis());
        return "sensing/map";
    }

    @GetMapping(path = "/sensing/stream", produces = "text/event-stream")
    SseEmitter live() {
        return stream.subscribe(scopes.current());
    }

    @GetMapping("/sensing/devices/{id}")
    String device(@PathVariable String id, Model model) {
        Device d = devices.visible(id);
        model.addAttribute("device", d);
        model.addAttribute("alarms", alarms.list(false).stream().filter(a -> a.sensorId().equals(id)).limit(20).toList());
        model.addAttribute("canEdit", users.current().map(u -> Roles.MANAGE_SENSORS.contains(u.role())).orElse(false));
        model.addAttribute("gauges", devices.list().stream().filter(g -> g.kind() == SensorKind.RAIN_GAUGE).toList());
        return "sensing/device";
    }

    @PostMapping("/sensing/devices/{id}")
    String correct(@PathVariable String id, @org.springframework.web.bind.annotation.RequestParam int version,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String name,
            @org.springframework.web.bind.annotation.RequestParam(required = false) Double lat,
            @org.springframework.web.bind.annotation.RequestParam(required = false) Double lon,
            @org.springframework.web.bind.annotation.RequestParam(required = false) Double rimLevel,
            @org.springframework.web.bind.annotation.RequestParam(required = false) String gaugeId,
            @org.springframework.web.bind.annotation.RequestParam(required = false) Double thresholdHigh,
            @org.springframework.web.bind.annotation.RequestParam(required = false) Double rateOfRise,
            RedirectAttributes redirect) {
        try {
            devices.correct(id, new Devices.Correction(version, name, lat, lon, rimLevel, gaugeId, thresholdHigh, rateOfRise));
            redirect.addFlashAttribute("message", "sensing.device.saved");
        } catch (org.townbrain.platform.errors.RejectedException | org.townbrain.platform.errors.ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/sensing/devices/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
    }

    @GetMapping("/sensing/alarms")
    String inbox(@RequestParam(defaultValue = "false") boolean all, Model model) {
        model.addAttribute("alarms", alarms.list(!all));
        model.addAttribute("all", all);
        return "sensing/alarms";
    }

    @PostMapping("/sensing/alarms/{id}/acknowledge")
    String acknowledge(@PathVariable long id, @RequestParam int version, @RequestParam(required = false) String returnTo,
            RedirectAttributes redirect) {
        alarms.acknowledge(id, version);
        redirect.addFlashAttribute("message", "sensing.alarm.acknowledged");
        // the cockpit acknowledges too, and gets its page back (local cockpit paths only: no open redirect)
        if (returnTo != null && returnTo.matches("/cockpit(\\?[A-Za-z0-9=&%._-]*)?")) {
            return "redirect:" + returnTo;
        }
        return "redirect:/sensing/alarms";
    }

    @GetMapping("/sensing/report")
    String season(@RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate to,
            Model model) {
        LocalDate today = LocalDate.now(clock);
        LocalDate start = from == null ? LocalDate.of(today.getYear(), 5, 1) : from;
        LocalDate end = to == null ? today.plusDays(1) : to;
        Instant a = start.atStartOfDay(clock.getZone()).toInstant();
        Instant b = end.atStartOfDay(clock.getZone()).toInstant();
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("report", report.build(scopes.current(), a, b));
        return "sensing/report";
    }
}
