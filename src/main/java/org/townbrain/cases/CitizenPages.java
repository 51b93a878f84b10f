package org.townbrain.cases;

import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.region.Regions;

/** The public pages: a resident reports a problem without an account and follows it by a code. */
@Controller
class CitizenPages {

    private final CaseHandling handling;
    private final CaseRepository cases;
    private final CaseViews views;
    private final CategoryCatalogue catalogue;
    private final Regions regions;

    CitizenPages(CaseHandling handling, CaseRepository cases, CaseViews views, CategoryCatalogue catalogue, Regions regions) {
        this.handling = handling;
        this.views = views;
        this.cases = cases;
        this.catalogue = catalogue;
        this.regions = regions;
    }

    @GetMapping("/report")
    String form(Model model) {
        model.addAttribute("categories", catalogue.active());
        model.addAttribute("towns", regions.towns());
        model.addAttribute("mapData", "{\"markers\":[],\"fit\":\"boundary\"}");
        return "cases/public-report";
    }

    @PostMapping("/report")
    String report(@RequestParam String categoryCode, @RequestParam(required = false) String townCode,
            @RequestParam(required = false) String longitude, @RequestParam(required = false) String latitude,
            @RequestParam(required = false) String address, @RequestParam String description,
            @RequestParam(required = false) String name, @RequestParam(required = false) String contact,
            @RequestParam(name = "photo", required = false) List<MultipartFile> photos) {
        CaseHandling.Reported reported = handling.report(new CaseHandling.Report("CITIZEN", categoryCode, townCode, null,
                CasePages.number(longitude), CasePages.number(latitude), address, description, name, contact, null, null,
                null), Actor.citizen(), CasePages.bytes(photos));
        return "redirect:/track/" + reported.token() + "?new";
    }

    @GetMapping("/track/{token}")
    String track(@PathVariable String token, Model model) {
        long id = cases.idByToken(token).orElseThrow(() -> new NotFoundException("case"));
        CaseView view = views.of(cases.find(id).orElseThrow(), Actor.citizen());
        model.addAttribute("token", token);
        model.addAttribute("c", view);
        model.addAttribute("canReopen", view.allowedActions().contains(CaseAction.REOPEN.slug()));
        return "cases/track";
    }

    @PostMapping("/track/{token}/reopen")
    String reopen(@PathVariable String token, @RequestParam int version, @RequestParam String note) {
        long id = cases.idByToken(token).orElseThrow(() -> new NotFoundException("case"));
        handling.act(id, version, CaseAction.REOPEN, CaseHandling.Input.note(note), Actor.citizen(), List.of());
        return "redirect:/track/" + token;
    }
}
