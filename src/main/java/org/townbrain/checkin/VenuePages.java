package org.townbrain.checkin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.townbrain.access.Users;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Regions;

/** Staff pages: the venue list, one venue with live counts and posters, registering a person. */
@Controller("checkinVenuePages")
class VenuePages {

    private final Venues venues;
    private final Checkins checkins;
    private final Posters posters;
    private final Regions regions;
    private final ScopeProvider scopes;
    private final Users users;
    private final CheckinProperties properties;

    private final java.time.ZoneId countyZone;

    VenuePages(Venues venues, Checkins checkins, Posters posters, Regions regions, ScopeProvider scopes, Users users,
            CheckinProperties properties, java.time.ZoneId countyZone) {
        this.countyZone = countyZone;
        this.venues = venues;
        this.checkins = checkins;
        this.posters = posters;
        this.regions = regions;
        this.scopes = scopes;
        this.users = users;
        this.properties = properties;
    }

    @GetMapping("/checkin")
    String list(Model model, HttpServletRequest request) {
        List<Venue> list = venues.list();
        Map<Long, Venues.Counts> live = venues.counts(list);
        Map<Long, Venues.Counts> counts = new LinkedHashMap<>();
        list.stream().filter(v -> !v.retired()).forEach(v -> counts.put(v.id(), live.getOrDefault(v.id(), new Venues.Counts(0, 0))));
        model.addAttribute("venues", list);
        model.addAttribute("counts", counts);
        model.addAttribute("today", counts.values().stream().mapToLong(Venues.Counts::today).sum());
        model.addAttribute("present", counts.values().stream().mapToLong(Venues.Counts::present).sum());
        model.addAttribute("townNames", townNames());
        model.addAttribute("towns", regions.towns().stream().filter(t -> scopes.current().coversWholeTown(t.code())).toList());
        model.addAttribute("types", VenueType.values());
        model.addAttribute("canRegister", canRegister(request));
        return "checkin/venues";
    }

    @PostMapping("/checkin/venues")
    String register(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String townCode,
            @RequestParam(defaultValue = "") String type, @RequestParam(required = false) Integer capacity,
            @RequestParam(required = false) String manager, @RequestParam(required = false) String villageCode,
            @RequestParam(required = false) Double longitude, @RequestParam(required = false) Double latitude,
            HttpServletRequest request, Model model) {
        if (!canRegister(request)) {
            throw new AccessDeniedException("venues are registered by town staff");
        }
        try {
            VenueType venueType = VenueType.parse(type)
                    .orElseThrow(() -> new RejectedException("type", "请选择场所类型 / choose a venue type"));
            Venue venue = venues.register(new Venues.NewVenue(name, townCode, villageCode, venueType, longitude, latitude,
                    capacity, manager), false);
            return "redirect:/checkin/venues/" + venue.code();
        } catch (RejectedException e) {
            model.addAttribute("formError", e.getMessage());
            return list(model, request);
        }
    }

    @GetMapping("/checkin/venues/{code}")
    String venue(@PathVariable String code, Model model, HttpServletRequest request) {
        Venue venue = venues.scoped(code);
        model.addAttribute("venue", venue);
        model.addAttribute("counts", venues.counts(venue));
        model.addAttribute("daily", venues.daily(venue, 14));
        model.addAttribute("recent", checkins.recent(venue, 30));
        model.addAttribute("url", posters.url(venue, request));
        model.addAttribute("townName", townNames().get(venue.townCode()));
        model.addAttribute("village", venue.villageCode() == null ? null : regions.village(venue.villageCode()).orElse(null));
        model.addAttribute("canRegister", canRegister(request));
        model.addAttribute("zone", countyZone);
        model.addAttribute("retentionDays", properties.retention().toDays());
        return "checkin/venue";
    }

    /** The live-count fragment, polled by htmx every few seconds. */
    @GetMapping("/checkin/venues/{code}/counts")
    String counts(@PathVariable String code, Model model) {
        Venue venue = venues.scoped(code);
        model.addAttribute("venue", venue);
        model.addAttribute("counts", venues.counts(venue));
        return "checkin/venue :: counts";
    }

    @PostMapping("/checkin/venues/{code}/register")
    String registerPerson(@PathVariable String code, @RequestParam(defaultValue = "") String name,
            @RequestParam(required = false) String phone, @RequestParam(required = false) String consent,
            HttpServletRequest request, RedirectAttributes redirect) {
        Venue venue = venues.scoped(code);
        if (!canRegister(request)) {
            throw new AccessDeniedException("register a person");
        }
        if (venue.retired()) {
            throw new RejectedException("该场所已停用 / the venue is retired");
        }
        if (consent == null) {
            redirect.addFlashAttribute("registerError", "请确认当事人已口头同意 / confirm the person agreed");
            return "redirect:/checkin/venues/" + venue.code();
        }
        try {
            checkins.registerByStaff(venue, name, phone, users.current().orElseThrow().username());
            redirect.addFlashAttribute("registered", true);
        } catch (RejectedException e) {
            redirect.addFlashAttribute("registerError", e.getMessage());
        }
        return "redirect:/checkin/venues/" + venue.code();
    }

    @PostMapping("/checkin/venues/{code}/retire")
    String retire(@PathVariable String code, @RequestParam int version, HttpServletRequest request) {
        if (!canRegister(request)) {
            throw new AccessDeniedException("retire a venue");
        }
        venues.retire(code, version);
        return "redirect:/checkin/venues/" + code;
    }

    @GetMapping("/checkin/venues/{code}/poster.png")
    ResponseEntity<byte[]> posterPng(@PathVariable String code, HttpServletRequest request) {
        Venue venue = venues.scoped(code);
        return download(posters.png(venue, posters.url(venue, request)), MediaType.IMAGE_PNG, venue.code() + ".png");
    }

    @GetMapping("/checkin/venues/{code}/poster.pdf")
    ResponseEntity<byte[]> posterPdf(@PathVariable String code, HttpServletRequest request) {
        Venue venue = venues.scoped(code);
        return download(posters.pdf(venue, posters.url(venue, request)), MediaType.APPLICATION_PDF, venue.code() + ".pdf");
    }

    private static ResponseEntity<byte[]> download(byte[] body, MediaType type, String filename) {
        return ResponseEntity.ok().contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(filename).build().toString())
                .body(body);
    }

    private Map<String, String> townNames() {
        Map<String, String> names = new LinkedHashMap<>();
        regions.towns().forEach(t -> names.put(t.code(), t.name()));
        return names;
    }

    static boolean canRegister(HttpServletRequest request) {
        return request.isUserInRole("TOWN_STAFF") || request.isUserInRole("COUNTY_ADMIN");
    }

}
