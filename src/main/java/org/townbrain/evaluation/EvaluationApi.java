package org.townbrain.evaluation;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/**
 * The evaluation JSON API: results, scorecards, values and the review workflow, catalogues,
 * and the funding allocation. Rows are limited to the caller's scope.
 */
@RestController
class EvaluationApi {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Reports reports;
    private final Assessments assessments;
    private final CatalogueRepository catalogues;
    private final Funding funding;
    private final Regions regions;
    private final ScopeProvider scopes;
    private final CatalogueImport catalogueImport;

    EvaluationApi(Reports reports, Assessments assessments, CatalogueRepository catalogues, Funding funding, Regions regions,
            ScopeProvider scopes, CatalogueImport catalogueImport) {
        this.catalogueImport = catalogueImport;
        this.reports = reports;
        this.assessments = assessments;
        this.catalogues = catalogues;
        this.funding = funding;
        this.regions = regions;
        this.scopes = scopes;
    }

    record ValuesRequest(Integer version, List<Assessments.ValueInput> values) {
    }

    record ReviewRequest(Integer version, String comment) {
    }

    @GetMapping("/api/evaluation/{year}/towns")
    List<TownResult> towns(@PathVariable int year) {
        return reports.visible(reports.standing(year)).stream().map(e -> e.scorecard().result()).toList();
    }

    @GetMapping("/api/evaluation/{year}/towns/{code}")
    Map<String, Object> scorecard(@PathVariable int year, @PathVariable String code) {
        Standing.Entry entry = reports.entry(year, code);
        Optional<Assessment> assessment = assessments.find(code, year);
        Scorecard card = entry.scorecard();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", card.result());
        body.put("rank", entry.rank());
        body.put("status", entry.status());
        body.put("version", assessment.map(Assessment::version).orElse(null));
        body.put("reviewComment", assessment.map(Assessment::reviewComment).orElse(null));
        body.put("surveyResponses", entry.responses());
        body.put("dimensions", card.dimensionPercent());
        body.put("lines", card.lines().stream().map(line -> {
            Indicator i = line.indicator();
            Assessment.Value v = assessment.map(a -> a.values().get(i.code())).orElse(null);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("indicator", i.code());
            m.put("name", i.name());
            m.put("dimension", i.dimension());
            m.put("category", i.category());
            m.put("unit", i.unit());
            m.put("target", i.target());
            m.put("value", line.value());
            m.put("weight", i.weight());
            m.put("points", Scoring.round(line.points()));
            m.put("met", line.met());
            m.put("hard", i.hard());
            m.put("source", v == null ? null : v.source());
            m.put("sourceDetail", v == null ? null : v.sourceDetail());
            return m;
        }).toList());
        return body;
    }

    @PutMapping("/api/evaluation/{year}/towns/{code}/values")
    Map<String, Object> enter(@PathVariable int year, @PathVariable String code, @RequestBody ValuesRequest request) {
        assessments.enter(code, year, request.values(), request.version());
        return scorecard(year, code);
    }

    @PostMapping("/api/evaluation/{year}/towns/{code}/compute")
    Map<String, Object> compute(@PathVariable int year, @PathVariable String code) {
        assessments.refreshComputed(code, year);
        return scorecard(year, code);
    }

    @PostMapping("/api/evaluation/{year}/towns/{code}/submit")
    Map<String, Object> submit(@PathVariable int year, @PathVariable String code, @RequestBody(required = false) ReviewRequest r) {
        assessments.submit(code, year, r == null ? null : r.version());
        return scorecard(year, code);
    }

    @PostMapping("/api/evaluation/{year}/towns/{code}/accept")
    Map<String, Object> accept(@PathVariable int year, @PathVariable String code, @RequestBody(required = false) ReviewRequest r) {
        assessments.accept(code, year, r == null ? null : r.comment(), r == null ? null : r.version());
        return scorecard(year, code);
    }

    @PostMapping("/api/evaluation/{year}/towns/{code}/return")
    Map<String, Object> giveBack(@PathVariable int year, @PathVariable String code, @RequestBody ReviewRequest r) {
        assessments.returnForRework(code, year, r.comment(), r.version());
        return scorecard(year, code);
    }

    @PostMapping("/api/evaluation/{year}/towns/{code}/lock")
    Map<String, Object> lock(@PathVariable int year, @PathVariable String code, @RequestBody(required = false) ReviewRequest r) {
        assessments.lock(code, year, r == null ? null : r.version());
        return scorecard(year, code);
    }

    @PostMapping("/api/evaluation/{year}/towns/{code}/evidence")
    Map<String, Object> evidence(@PathVariable int year, @PathVariable String code, @RequestParam String indicator,
            @RequestParam("file") MultipartFile file) throws IOException {
        long id = assessments.addEvidence(code, year, indicator, file.getOriginalFilename(), file.getContentType(),
                file.getBytes());
        return Map.of("id", id, "indicator", indicator, "size", file.getSize());
    }

    @GetMapping("/api/evaluation/{year}/towns/{code}/assessment.xlsx")
    void exportAssessment(@PathVariable int year, @PathVariable String code, HttpServletResponse response) throws IOException {
        Standing.Entry entry = reports.entry(year, code);
        Assessment assessment = assessments.find(code, year).orElseThrow(() -> new NotFoundException("assessment"));
        if (assessment.status() != Assessment.Status.LOCKED && assessment.status() != Assessment.Status.ACCEPTED) {
            throw new ConflictException("只能导出已审核通过或锁定的评价 / only accepted or locked assessments are exported");
        }
        download(response, "assessment-" + code + "-" + year + ".xlsx");
        Spreadsheets.assessment(entry, assessment, response.getOutputStream());
    }

    @GetMapping("/api/evaluation/{year}/results.xlsx")
    void exportResults(@PathVariable int year, HttpServletResponse response) throws IOException {
        Standing standing = reports.standing(year);
        Map<String, String> names = new LinkedHashMap<>();
        standing.catalogue().indicators().forEach(i -> names.put(i.code(), i.name()));
        download(response, "results-" + year + ".xlsx");
        Spreadsheets.results(year, reports.visible(standing), names, response.getOutputStream());
    }

    @GetMapping("/api/evaluation/towns/{code}/trend")
    List<Reports.TrendPoint> trend(@PathVariable String code) {
        return reports.trend(code);
    }

    @GetMapping("/api/evaluation/{year}/clusters")
    List<Reports.ClusterRow> clusters(@PathVariable int year) {
        return reports.clusters(reports.standing(year));
    }

    @GetMapping("/api/evaluation/{year}/catalogue")
    Catalogue catalogue(@PathVariable int year) {
        return catalogues.find(year).orElseThrow(() -> new NotFoundException("catalogue " + year));
    }

    @GetMapping("/api/evaluation/{year}/catalogue.xlsx")
    void exportCatalogue(@PathVariable int year, HttpServletResponse response) throws IOException {
        Catalogue catalogue = catalogue(year);
        download(response, "catalogue-" + year + ".xlsx");
        CatalogueSheet.write(catalogue, response.getOutputStream());
    }

    @PostMapping("/api/evaluation/{year}/catalogue")
    Map<String, Object> importCatalogue(@PathVariable int year, @RequestParam("file") MultipartFile file) throws IOException {
        Catalogue catalogue = catalogueImport.replace(year, file.getInputStream());
        return Map.of("year", catalogue.year(), "indicators", catalogue.indicators().size(), "questions",
                catalogue.questions().size());
    }

    @GetMapping("/api/funding/{year}")
    Allocation funding(@PathVariable int year) {
        Allocation all = funding.allocate(year);
        var scope = scopes.current();
        return new Allocation(all.year(), all.pool(), all.allocated(),
                all.towns().stream().filter(t -> scope.coversWholeTown(t.townCode())).toList());
    }

    @GetMapping("/api/funding/{year}/policy")
    FundingPolicy policy(@PathVariable int year) {
        return funding.policy(year).orElseThrow(() -> new NotFoundException("funding policy " + year));
    }

    @PutMapping("/api/funding/{year}/policy")
    Allocation savePolicy(@PathVariable int year, @RequestBody FundingPolicy policy) {
        if (policy.year() != year) {
            throw new RejectedException("year", "年份与地址不一致 / the policy's year differs from the address");
        }
        funding.save(policy);
        return funding(year);
    }

    @GetMapping("/api/funding/{year}/allocation.xlsx")
    void exportFunding(@PathVariable int year, HttpServletResponse response) throws IOException {
        if (!scopes.current().wholeCounty()) {
            throw new AccessDeniedException("funding export");
        }
        Allocation allocation = funding.allocate(year);
        download(response, "funding-" + year + ".xlsx");
        Spreadsheets.funding(allocation, regions.towns().stream().collect(Collectors.toMap(Town::code, Town::name)),
                response.getOutputStream());
    }

    static void download(HttpServletResponse response, String filename) {
        response.setContentType(XLSX);
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + filename + "\"");
    }
}
