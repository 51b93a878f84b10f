package org.townbrain.region;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.townbrain.platform.errors.RejectedException;

/**
 * Changes people make on the region pages: positions (town staff for their own town), grids,
 * and the programme set-up (county admins only). Every form carries the version it was drawn
 * from, so a stale form gets 409 instead of overwriting someone else's change.
 */
@Controller
class RegionEditing {

    private final RegionPages pages;
    private final RegionAdministration administration;

    RegionEditing(RegionPages pages, RegionAdministration administration) {
        this.pages = pages;
        this.administration = administration;
    }

    @PostMapping("/towns/{code}/position")
    @PreAuthorize("hasAnyRole('COUNTY_ADMIN', 'TOWN_STAFF')")
    String locateTown(@PathVariable String code, @RequestParam int version, @RequestParam String longitude,
            @RequestParam String latitude, jakarta.servlet.http.HttpServletRequest request) {
        pages.scopedTown(code);
        administration.locateTown(code, version, number("longitude", longitude), number("latitude", latitude),
                request.isUserInRole("COUNTY_ADMIN") ? "COUNTY_ADMIN" : "TOWN_STAFF", request.getRemoteUser());
        return "redirect:/towns/" + code;
    }

    @PostMapping("/towns/{code}/programme")
    @PreAuthorize("hasRole('COUNTY_ADMIN')")
    String setProgramme(@PathVariable String code, @RequestParam int version,
            @RequestParam(required = false) String type, @RequestParam(defaultValue = "false") boolean inProgramme,
            @RequestParam(required = false) Long clusterId) {
        pages.scopedTown(code);
        administration.setProgramme(code, version, blankToNull(type), inProgramme, clusterId);
        return "redirect:/towns/" + code;
    }

    @PostMapping("/towns/{code}/tiers")
    @PreAuthorize("hasRole('COUNTY_ADMIN')")
    String setTier(@PathVariable String code, @RequestParam int year, @RequestParam Tier tier) {
        pages.scopedTown(code);
        administration.setTier(code, year, tier);
        return "redirect:/towns/" + code;
    }

    @PostMapping("/clusters/{id}")
    @PreAuthorize("hasRole('COUNTY_ADMIN')")
    String updateCluster(@PathVariable long id, @RequestParam int version, @RequestParam String name,
            @RequestParam(required = false) String leadTownCode, @RequestParam(required = false) String personInCharge) {
        administration.updateCluster(id, version, name, blankToNull(leadTownCode), personInCharge);
        return "redirect:/clusters/" + id;
    }

    @PostMapping("/villages/{code}/position")
    @PreAuthorize("hasAnyRole('COUNTY_ADMIN', 'TOWN_STAFF')")
    String locateVillage(@PathVariable String code, @RequestParam int version, @RequestParam String longitude,
            @RequestParam String latitude, jakarta.servlet.http.HttpServletRequest request) {
        pages.scopedVillage(code);
        administration.locateVillage(code, version, number("longitude", longitude), number("latitude", latitude),
                request.isUserInRole("COUNTY_ADMIN") ? "COUNTY_ADMIN" : "TOWN_STAFF", request.getRemoteUser());
        return "redirect:/villages/" + code;
    }

    /** Adds a grid; an htmx request gets the grid list fragment back, a plain form a redirect. */
    @PostMapping("/villages/{code}/grids")
    @PreAuthorize("hasAnyRole('COUNTY_ADMIN', 'TOWN_STAFF')")
    String addGrid(@PathVariable String code, @RequestParam(defaultValue = "") String name,
            @RequestHeader(value = "HX-Request", required = false) String htmx, Model model,
            jakarta.servlet.http.HttpServletRequest request) {
        pages.scopedVillage(code);
        String error = null;
        try {
            administration.addGrid(code, name);
        } catch (RejectedException e) {
            error = e.getMessage();
        }
        if (htmx == null && error == null) {
            return "redirect:/villages/" + code;
        }
        pages.village(code, model, request);
        model.addAttribute("gridError", error);
        return htmx != null ? "region/village :: grids" : "region/village";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static double number(String field, String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new RejectedException(field, "请输入数字 / enter a number");
        }
    }
}
