package org.townbrain.evaluation;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.Scope;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Regions;
import tools.jackson.databind.ObjectMapper;

/**
 * The county ranking with gaps, a town's scorecard with its review workflow, and the catalogue.
 * A town user lands on their own scorecard; ranking across towns is for county-level users.
 */
@Controller
class EvaluationPages {

    private final Reports reports;
    private final Assessments assessments;
    private final AssessmentRepository repository;
    private final CatalogueImport catalogueImport;
    private final CatalogueRepository catalogues;
    private final Regions regions;
    private final ScopeProvider scopes;
    private final ObjectMapper json;
    private final MessageSource messages;
    private final Clock clock;

    EvaluationPages(Reports reports, Assessments assessments, AssessmentRepository repository, CatalogueImport catalogueImport,
            CatalogueRepository catalogues, Regions regions, ScopeProvider scopes, ObjectMapper json, MessageSource messages,
            Clock clock) {
        this.catalogues = catalogues;
        this.reports = reports;
        this.assessments = assessments;
        this.repository = repository;
        this.catalogueImport = catalogueImport;
        this.regions = regions;
        this.scopes = scopes;
        this.json = json;
        this.messages = messages;
        this.clock = clock;
    }

    @GetMapping("/evaluation")
    String start() {
        List<Integer> years = reports.years();
        if (years.isEmpty()) {
            return "redirect:/evaluation/" + Year.now(clock).getValue() + "/catalogue";
        }
        int year = years.stream().filter(y -> y <= Year.now(clock).getValue()).reduce((a, b) -> b).orElse(years.get(0));
        Scope scope = scopes.current();
        if (!scope.wholeCounty() && scope.townCodes().size() == 1) {
            return "redirect:/evaluation/" + year + "/towns/" + scope.townCodes().iterator().next();
        }
        return "redirect:/evaluation/" + year;
    }

    @GetMapping("/evaluation/{year}")
    String ranking(@PathVariable int year, Model model) {
        Standing standing = reports.standing(year);
        List<Standing.Entry> entries = reports.visible(standing);
        Scope scope = scopes.current();
        if (!scope.wholeCounty() && entries.size() == 1) {
            return "redirect:/evaluation/" + year + "/towns/" + entries.get(0).town().code();
        }
        common(model, year, standing.catalogue());
        model.addAttribute("entries", entries);
        model.addAttribute("clusters", reports.clusters(standing));
        model.addAttribute("tierCounts", reports.tierCounts(entries));
        model.addAttribute("average", Scoring.round(entries.stream().mapToDouble(e -> e.scorecard().score()).average().orElse(0)));
        model.addAttribute("names", indicatorNames(standing.catalogue()));
        model.addAttribute("canReview", assessments.canReview());
        Map<String, Double> previous = new LinkedHashMap<>();
        if (reports.years().contains(year - 1)) {
            reports.standing(year - 1).entries().stream().filter(e -> e.status() != null)
                    .forEach(e -> previous.put(e.town().code(), e.scorecard().score()));
        }
        model.addAttribute("previous", previous);
        return "evaluation/ranking";
    }

    @GetMapping("/evaluation/{year}/towns/{code}")
    String scorecard(@PathVariable int year, @PathVariable String code, Model model) {
        Standing.Entry entry = reports.entry(year, code);
        Standing standing = reports.standing(year);
        Optional<Assessment> assessment = repository.find(code, year);
        common(model, year, standing.catalogue());
        model.addAttribute("entry", entry);
        model.addAttribute("card", entry.scorecard());
        model.addAttribute("assessment", assessment.orElse(null));
        model.addAttribute("evidence", assessment.map(a -> repository.evidence(a.id())).orElse(List.of()).stream()
                .collect(Collectors.groupingBy(AssessmentRepository.Evidence::indicator)));
        model.addAttribute("names", indicatorNames(standing.catalogue()));
        model.addAttribute("signature", entry.scorecard().lines().stream().filter(l -> l.indicator().signature()).toList());
        boolean editable = assessments.canEdit(code) && assessment.map(Assessment::editable).orElse(true);
        model.addAttribute("editable", editable);
        model.addAttribute("canReview", assessments.canReview());
        model.addAttribute("typeName", typeName(entry.town().type()));
        model.addAttribute("radar", radar(entry.scorecard()));
        model.addAttribute("trend", json.writeValueAsString(reports.trend(code)));
        model.addAttribute("evidenceTypes", String.join(",", Assessments.EVIDENCE_TYPES));
        return "evaluation/scorecard";
    }

    @PostMapping("/evaluation/{year}/towns/{code}/values")
    String enter(@PathVariable int year, @PathVariable String code, @RequestParam int version,
            @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect) {
        List<Assessments.ValueInput> inputs = new ArrayList<>();
        for (Scorecard.Line line : reports.entry(year, code).scorecard().lines()) {
            String text = form.getFirst("v_" + line.indicator().code());
            if (text == null || text.isBlank()) {
                continue;
            }
            Double value;
            try {
                value = Double.parseDouble(text.strip());
            } catch (NumberFormatException e) {
                throw new RejectedException(line.indicator().code(), line.indicator().code() + ": 请输入数字 / enter a number");
            }
            if (line.value() != null && line.value().equals(value)) {
                continue;
            }
            inputs.add(new Assessments.ValueInput(line.indicator().code(), value, null, null));
        }
        if (!inputs.isEmpty()) {
            assessments.enter(code, year, inputs, version);
        }
        redirect.addFlashAttribute("saved", inputs.size());
        return back(year, code);
    }

    @PostMapping("/evaluation/{year}/towns/{code}/evidence")
    String evidence(@PathVariable int year, @PathVariable String code, @RequestParam String indicator,
            @RequestParam("file") MultipartFile file) throws IOException {
        assessments.addEvidence(code, year, indicator, file.getOriginalFilename(), file.getContentType(), file.getBytes());
        return back(year, code);
    }

    @GetMapping("/evaluation/{year}/towns/{code}/evidence/{id}")
    void downloadEvidence(@PathVariable int year, @PathVariable String code, @PathVariable long id,
            HttpServletResponse response) throws IOException {
        reports.entry(year, code);
        Assessment assessment = repository.find(code, year).orElseThrow(() -> new NotFoundException("assessment"));
        AssessmentRepository.Evidence meta = repository.evidence(assessment.id()).stream().filter(e -> e.id() == id)
                .findFirst().orElseThrow(() -> new NotFoundException("evidence"));
        byte[] content = repository.evidenceContent(assessment.id(), id).orElseThrow(() -> new NotFoundException("evidence"));
        response.setContentType(meta.contentType());
        response.setHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + java.net.URLEncoder.encode(meta.filename(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getOutputStream().write(content);
    }

    @PostMapping("/evaluation/{year}/towns/{code}/workflow")
    String workflow(@PathVariable int year, @PathVariable String code, @RequestParam String action,
            @RequestParam int version, @RequestParam(required = false) String comment) {
        switch (action) {
            case "compute" -> assessments.refreshComputed(code, year);
            case "submit" -> assessments.submit(code, year, version);
            case "accept" -> assessments.accept(code, year, comment, version);
            case "return" -> assessments.returnForRework(code, year, comment, version);
            case "lock" -> assessments.lock(code, year, version);
            default -> throw new RejectedException("action", "unknown action");
        }
        return back(year, code);
    }

    @GetMapping("/evaluation/{year}/catalogue")
    String catalogue(@PathVariable int year, Model model) {
        Optional<Catalogue> catalogue = catalogues.find(year);
        if (catalogue.isEmpty() && !assessments.canReview()) {
            throw new NotFoundException("catalogue " + year);
        }
        common(model, year, catalogue.orElse(null));
        model.addAttribute("canReview", assessments.canReview());
        Map<String, String> types = new LinkedHashMap<>();
        regions.townTypes().forEach(t -> types.put(t.code(), typeName(t.code())));
        model.addAttribute("typeNames", types);
        return "evaluation/catalogue";
    }

    @PostMapping("/evaluation/{year}/catalogue")
    String importCatalogue(@PathVariable int year, @RequestParam("file") MultipartFile file, RedirectAttributes redirect)
            throws IOException {
        Catalogue catalogue = catalogueImport.replace(year, file.getInputStream());
        redirect.addFlashAttribute("imported", catalogue.indicators().size());
        return "redirect:/evaluation/" + year + "/catalogue";
    }

    @PostMapping("/evaluation/{year}/catalogue/copy")
    String copyCatalogue(@PathVariable int year, @RequestParam int to, RedirectAttributes redirect) {
        Catalogue copy = catalogueImport.copy(year, to);
        redirect.addFlashAttribute("imported", copy.indicators().size());
        return "redirect:/evaluation/" + to + "/catalogue";
    }

    private void common(Model model, int year, Catalogue catalogue) {
        model.addAttribute("year", year);
        model.addAttribute("years", reports.years());
        model.addAttribute("catalogue", catalogue);
        Scope scope = scopes.current();
        model.addAttribute("county", scope.wholeCounty());
        model.addAttribute("ranked", scope.wholeCounty() || scope.townCodes().size() > 1);
    }

    private static Map<String, String> indicatorNames(Catalogue catalogue) {
        Map<String, String> names = new LinkedHashMap<>();
        catalogue.indicators().forEach(i -> names.put(i.code(), i.name()));
        names.put(Scoring.COMMON_SCORE, "共性指标得分 / common score");
        names.put(Scoring.TOTAL_SCORE, "总分 / total score");
        names.put(Scoring.SATISFACTION, "群众满意度 / satisfaction %");
        return names;
    }

    private String radar(Scorecard card) {
        List<Map<String, Object>> indicators = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            indicators.add(Map.of("name", messages.getMessage("dimension." + d, null, d.name(), LocaleContextHolder.getLocale()),
                    "max", 100));
            values.add(card.dimensionPercent().getOrDefault(d, 0.0));
        }
        return json.writeValueAsString(Map.of("indicators", indicators, "values", values,
                "name", messages.getMessage("scorecard.radar", null, "", LocaleContextHolder.getLocale())));
    }

    private String typeName(String code) {
        boolean english = "en".equals(LocaleContextHolder.getLocale().getLanguage());
        return regions.townTypes().stream().filter(t -> t.code().equals(code)).findFirst()
                .map(t -> english ? t.nameEn() : t.nameZh()).orElse(code == null ? "—" : code);
    }

    private static String back(int year, String code) {
        return "redirect:/evaluation/" + year + "/towns/" + code;
    }
}
