package org.townbrain.cases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;
import tools.jackson.databind.ObjectMapper;

/** Inbox, search, report form, case detail with its allowed actions, photos. */
@Controller
class CasePages {

    private final CaseHandling handling;
    private final CaseViews views;
    private final CaseQueries queries;
    private final CategoryCatalogue catalogue;
    private final PhotoStore photos;
    private final Regions regions;
    private final Actors actors;
    private final ObjectMapper json;
    private final CaseExport export;
    private final SupervisionOrders orders;
    private final org.springframework.context.MessageSource messages;

    CasePages(CaseHandling handling, CaseViews views, CaseQueries queries, CategoryCatalogue catalogue, PhotoStore photos,
            Regions regions, Actors actors, ObjectMapper json, CaseExport export,
            org.springframework.context.MessageSource messages, SupervisionOrders orders) {
        this.orders = orders;
        this.export = export;
        this.messages = messages;
        this.handling = handling;
        this.views = views;
        this.queries = queries;
        this.catalogue = catalogue;
        this.photos = photos;
        this.regions = regions;
        this.actors = actors;
        this.json = json;
    }

    @GetMapping("/cases")
    String inbox(@RequestParam(required = false) CaseState state, @RequestParam(required = false) String town,
            @RequestParam(required = false) String q, @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) String grid,
            @org.springframework.web.bind.annotation.RequestHeader(name = "HX-Request", required = false) String htmx,
            jakarta.servlet.http.HttpServletResponse response, Model model) {
        Actor actor = actors.current();
        response.addHeader("Vary", "HX-Request");
        boolean fragment = "true".equals(htmx);
        model.addAttribute("inbox", actor.role() == null || fragment ? List.of() : queries.inbox(actor.role(), actor.scope(), 100,
                actor.role() == org.townbrain.access.Role.GRID_WORKER ? regions.gridCodesOf(actor.name()) : null));
        boolean mine = "mine".equals(grid);
        boolean searching = state != null || (town != null && !town.isBlank()) || (q != null && !q.isBlank()) || overdue != null
                || mine;
        model.addAttribute("searching", searching);
        model.addAttribute("results", searching
                ? queries.search(new CaseQueries.Filter(state, town, null, q, overdue, null, null, myGrids(mine, actor)),
                        actor.scope(), 0, 200)
                : List.of());
        model.addAttribute("grid", mine ? "mine" : null);
        model.addAttribute("myGridCount", actor.isUser() ? regions.gridCodesOf(actor.name()).size() : 0);
        model.addAttribute("states", CaseState.values());
        model.addAttribute("state", state);
        model.addAttribute("town", town);
        model.addAttribute("q", q);
        model.addAttribute("overdue", overdue);
        common(model);
        // htmx asks for the results only, as the filters change
        return fragment ? "cases/inbox :: results" : "cases/inbox";
    }

    /** With {@code grid=mine}, the unit grids the user works (none for a user without grids); else no grid filter. */
    private List<String> myGrids(boolean mine, Actor actor) {
        return !mine ? null : actor.isUser() ? regions.gridCodesOf(actor.name()) : List.of();
    }

    /** The search as XLSX, streamed (see {@link CaseExport}). */
    @GetMapping("/cases/export.xlsx")
    void export(@RequestParam(required = false) CaseState state, @RequestParam(required = false) String town,
            @RequestParam(required = false) String q, @RequestParam(required = false) Boolean overdue,
            jakarta.servlet.http.HttpServletResponse response) throws IOException {
        // the filter is checked (400 for a bad one) before the download begins
        CaseQueries.Filter filter = new CaseQueries.Filter(state, town, null, q, overdue, null, null);
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader("Content-Disposition", "attachment; filename=\"cases.xlsx\"");
        Map<String, String> header = new java.util.LinkedHashMap<>();
        for (String key : List.of("cases.ref", "cases.source", "cases.state", "cases.category", "cases.category",
                "cases.town", "cases.unit", "cases.description", "cases.reportedAt", "cases.deadline", "stats.closed",
                "cases.closingReason", "stats.closedOnTime", "cases.rework")) {
            header.put(key + header.size(), messages.getMessage(key, null, key,
                    org.springframework.context.i18n.LocaleContextHolder.getLocale()));
        }
        try (var out = response.getOutputStream()) {
            export.write(filter, actors.scope(), header, out);
        }
    }

    @GetMapping("/cases/new")
    String form(@RequestParam(required = false) Long inspection, Model model) {
        model.addAttribute("inspection", inspection);
        common(model);
        if (inspection != null) {
            // a finding of an inspection: its town is the inspected one, nothing to choose
            SupervisionOrders.Inspection found = orders.inspection(inspection, actors.scope());
            model.addAttribute("inspectionView", found);
            model.addAttribute("towns", regions.town(found.townCode()).stream().toList());
            model.addAttribute("villages", regions.villages(found.townCode()).stream()
                    .filter(v -> actors.scope().coversVillage(v.townCode(), v.code())).toList());
        }
        model.addAttribute("mapData", "{\"markers\":[],\"fit\":\"boundary\"}");
        return "cases/new";
    }

    @PostMapping("/cases/new")
    String report(@RequestParam String categoryCode, @RequestParam(required = false) String townCode,
            @RequestParam(required = false) String villageCode, @RequestParam(required = false) String longitude,
            @RequestParam(required = false) String latitude, @RequestParam(required = false) String address,
            @RequestParam String description, @RequestParam(required = false) Long inspection,
            @RequestParam(name = "photo", required = false) List<MultipartFile> photoFiles) {
        Actor actor = actors.current();
        String source = CaseApi.defaultSource(actor.role());
        String town = townCode;
        if (inspection != null) {
            // a finding of an inspection belongs to the inspected town
            SupervisionOrders.Inspection found = orders.inspection(inspection, actors.scope());
            town = townCode == null || townCode.isBlank() ? found.townCode() : townCode;
            source = inspectionSource(found, town);
        }
        CaseHandling.Reported reported = handling.report(new CaseHandling.Report(source, categoryCode, town, villageCode,
                number(longitude), number(latitude), address, description, null, null, null, null, inspection), actor,
                bytes(photoFiles));
        // an inspector records one finding after another: back to the inspection, the new one listed
        return inspection != null ? "redirect:/inspections/" + inspection + "?added=" + reported.ref()
                : "redirect:/cases/" + reported.id();
    }

    @GetMapping("/cases/{id}")
    String detail(@PathVariable long id, Model model) {
        CaseView view = views.view(id, actors.current());
        model.addAttribute("c", view);
        model.addAttribute("reasons", ClosingReason.values());
        model.addAttribute("townName", regions.town(view.townCode()).map(Town::name).orElse(view.townCode()));
        model.addAttribute("villageName", view.villageCode() == null ? null
                : regions.village(view.villageCode()).map(v -> v.name()).orElse(null));
        model.addAttribute("gridName", view.grid() == null ? null : regions.grids(view.townCode()).stream()
                .filter(g -> g.code().equals(view.grid())).map(org.townbrain.region.UnitGrid::name).findFirst().orElse(null));
        // a report with only an address stands at a stand-in position: no marker for it
        model.addAttribute("mapData", json.writeValueAsString(view.positionEstimated()
                ? Map.of("fit", "boundary", "markers", List.of())
                : Map.of("fit", "markers", "markers", List.of(Map.of(
                        "label", view.ref(), "lat", view.latitude(), "lon", view.longitude(), "color", "#c92a2a")))));
        return "cases/detail";
    }

    @PostMapping("/cases/{id}/act")
    String act(@PathVariable long id, @RequestParam String action, @RequestParam int version,
            @RequestParam(required = false) String note, @RequestParam(required = false) String unit,
            @RequestParam(required = false) Integer amount, @RequestParam(required = false) String closingReason,
            @RequestParam(required = false) Long target,
            @RequestParam(name = "photo", required = false) List<MultipartFile> photoFiles) {
        handling.act(id, version, CaseAction.ofSlug(action), new CaseHandling.Input(note, unit, amount,
                CaseApi.closingReason(closingReason), target), actors.current(), bytes(photoFiles));
        return "redirect:/cases/" + id;
    }

    @GetMapping("/cases/{id}/photos/{photoId}")
    ResponseEntity<FileSystemResource> photo(@PathVariable long id, @PathVariable long photoId) {
        handling.visible(id, actors.current());
        var file = photos.file(id, photoId).orElseThrow(() -> new NotFoundException("photo"));
        var answer = ResponseEntity.ok().contentType(MediaType.parseMediaType(file.mediaType()))
                .cacheControl(CacheControl.noCache().cachePrivate());
        if (PhotoStore.PDF.equals(file.mediaType())) {
            // opened by the reader, never rendered as part of our pages
            answer.header("Content-Disposition", org.springframework.http.ContentDisposition.attachment()
                    .filename("evidence-" + id + "-" + photoId + ".pdf").build().toString());
        }
        return answer.body(new FileSystemResource(file.path()));
    }

    private static String inspectionSource(SupervisionOrders.Inspection found, String townCode) {
        if (!found.townCode().equals(townCode)) {
            throw new RejectedException("townCode", "问题须在督查所在镇街 / a finding belongs to the inspected town");
        }
        return found.mode() == SupervisionOrders.Mode.COVERT ? "COVERT_INSPECTION" : "OPEN_INSPECTION";
    }

    private void common(Model model) {
        var scope = actors.scope();
        List<Town> towns = regions.towns().stream().filter(t -> scope.coversTown(t.code())).toList();
        model.addAttribute("towns", towns);
        model.addAttribute("canLocate", regions.canLocate());
        model.addAttribute("townNames", CaseQueries.names(regions.towns()));
        model.addAttribute("categories", catalogue.active());
        if (towns.size() == 1) {
            model.addAttribute("villages", regions.villages(towns.getFirst().code()).stream()
                    .filter(v -> scope.coversVillage(v.townCode(), v.code())).toList());
        }
    }

    static Double number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new RejectedException("location", "经纬度须为数字 / enter numbers");
        }
    }

    static List<byte[]> bytes(List<MultipartFile> files) {
        List<byte[]> out = new ArrayList<>();
        if (files == null) {
            return out;
        }
        for (MultipartFile f : files) {
            if (f != null && !f.isEmpty()) {
                try {
                    out.add(f.getBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return out;
    }
}
