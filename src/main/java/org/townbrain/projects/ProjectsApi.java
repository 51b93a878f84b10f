package org.townbrain.projects;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.townbrain.projects.ProjectCommands.MonthlyInvestment;
import org.townbrain.projects.ProjectCommands.NewMilestone;
import org.townbrain.projects.ProjectCommands.NewProject;
import org.townbrain.projects.ProjectCommands.ProjectChange;
import org.townbrain.projects.ProjectCommands.ProjectDetails;
import org.townbrain.projects.StatsScope.Period;

/** The projects JSON API: ledger, firms and their assessment, checks, expert and planning services, figures. */
@RestController
@RequestMapping("/api/projects")
@Tag(name = "Projects", description = "Construction projects, firms, quality checks, expert and planning services")
class ProjectsApi {

    private final ProjectLedger ledger;
    private final ProjectPhotos photos;
    private final Enterprises enterprises;
    private final QualityChecks checks;
    private final ProjectFindings findings;
    private final ExpertServices experts;
    private final PlanningServices planning;
    private final ProjectStatistics statistics;
    private final StatsScope stats;
    private final Permissions permissions;

    ProjectsApi(ProjectLedger ledger, ProjectPhotos photos, Enterprises enterprises, QualityChecks checks,
            ProjectFindings findings, ExpertServices experts, PlanningServices planning, ProjectStatistics statistics,
            StatsScope stats, Permissions permissions) {
        this.ledger = ledger;
        this.photos = photos;
        this.enterprises = enterprises;
        this.checks = checks;
        this.findings = findings;
        this.experts = experts;
        this.planning = planning;
        this.statistics = statistics;
        this.stats = stats;
        this.permissions = permissions;
    }

    record Created(long id) {
    }

    // ---- figures

    @GetMapping("/stats")
    @Operation(summary = "Expert visits, checks, problems found and rectified, coverage, seminars, review rounds and "
            + "investment for the caller's area (or one town or cluster of it) in a period")
    ServiceFigures stats(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String town, @RequestParam(required = false) Long cluster) {
        Period period = stats.period(from, to);
        return statistics.figures(period.from(), period.to(), stats.towns(town, cluster));
    }

    @GetMapping("/stats/towns")
    @Operation(summary = "The same figures per town of the caller's area")
    Map<String, ServiceFigures> statsByTown(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) Long cluster) {
        Period period = stats.period(from, to);
        return statistics.figuresByTown(period.from(), period.to(), stats.towns(null, cluster));
    }

    // ---- ledger

    @GetMapping
    @Operation(summary = "Projects touching the caller's towns, optionally by town, cluster, dimension, status")
    List<Project> projects(@RequestParam(required = false) String town, @RequestParam(required = false) Long cluster,
            @RequestParam(required = false) Dimension dimension, @RequestParam(required = false) ProjectStatus status) {
        return ledger.list(new ProjectLedger.Filter(blankToNull(town), cluster, dimension, status));
    }

    @GetMapping("/{id}")
    Project project(@PathVariable long id) {
        return ledger.get(id);
    }

    @PostMapping
    @Operation(summary = "Create a project of one town or several (a cluster project)")
    ResponseEntity<Created> create(@Valid @RequestBody NewProject command) {
        long id = ledger.create(command);
        return ResponseEntity.created(URI.create("/api/projects/" + id)).body(new Created(id));
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change status, budget and end date (optimistic lock: send the version you read; 409 if stale)")
    Project change(@PathVariable long id, @Valid @RequestBody ProjectChange change) {
        ledger.change(id, change);
        return ledger.get(id);
    }

    @PutMapping("/{id}/details")
    @Operation(summary = "Correct name, dimension, category, start date, location and firms (send the version you read; 409 if stale)")
    Project edit(@PathVariable long id, @Valid @RequestBody ProjectDetails details) {
        ledger.edit(id, details);
        return ledger.get(id);
    }

    @GetMapping("/{id}/investment")
    List<ProjectLedger.Investment> investment(@PathVariable long id) {
        return ledger.investments(id);
    }

    @PutMapping("/{id}/investment")
    @Operation(summary = "Set one month's planned and actual investment (optimistic lock on the project's version)")
    Project recordInvestment(@PathVariable long id, @Valid @RequestBody MonthlyInvestment investment) {
        ledger.recordInvestment(id, investment);
        return ledger.get(id);
    }

    @GetMapping("/{id}/milestones")
    List<ProjectLedger.Milestone> milestones(@PathVariable long id) {
        return ledger.milestones(id);
    }

    @PostMapping("/{id}/milestones")
    Created addMilestone(@PathVariable long id, @Valid @RequestBody NewMilestone milestone) {
        return new Created(ledger.addMilestone(id, milestone));
    }

    @PutMapping("/{id}/milestones/{milestoneId}/done")
    @Operation(summary = "Record the date a milestone was reached")
    ResponseEntity<Void> completeMilestone(@PathVariable long id, @PathVariable long milestoneId,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate doneDate) {
        ledger.completeMilestone(id, milestoneId, doneDate);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/photos")
    List<ProjectPhotos.Photo> photos(@PathVariable long id) {
        return photos.of(id);
    }

    @PostMapping(value = "/{id}/photos", consumes = "multipart/form-data")
    @Operation(summary = "Upload a JPEG or PNG photo; it is re-encoded without metadata")
    Created addPhoto(@PathVariable long id, @RequestPart("photo") MultipartFile photo) throws IOException {
        return new Created(photos.add(id, photo.getBytes()));
    }

    // ---- firms

    @GetMapping("/enterprises")
    List<Enterprises.Enterprise> enterprises() {
        return enterprises.all();
    }

    @PostMapping("/enterprises")
    @Operation(summary = "Register a construction or supervision firm by its unified social credit code")
    ResponseEntity<Created> register(@Valid @RequestBody Enterprises.NewEnterprise command) {
        return ResponseEntity.status(201).body(new Created(enterprises.register(command)));
    }

    @GetMapping("/enterprises/ranking")
    @Operation(summary = "Firms by rolling rating, best first, with the watch list flag")
    List<Enterprises.FirmRating> ranking() {
        return enterprises.ranking();
    }

    @PostMapping("/assessments")
    @Operation(summary = "Score a firm on one inspection: quality, progress, civilised construction (0-100 each)")
    ResponseEntity<Created> assess(@Valid @RequestBody Enterprises.NewAssessment command) {
        return ResponseEntity.status(201).body(new Created(enterprises.assess(command)));
    }

    @GetMapping("/assessment-weights")
    Map<Criterion, BigDecimal> weights() {
        return enterprises.policy().weights();
    }

    @PutMapping("/assessment-weights")
    @Operation(summary = "Change the criterion weights of the assessment rules (county only)")
    Map<Criterion, BigDecimal> changeWeights(@RequestBody Map<Criterion, BigDecimal> weights) {
        enterprises.changeWeights(weights);
        return enterprises.policy().weights();
    }

    // ---- checks

    @PostMapping("/checks")
    @Operation(summary = "Record a quality/safety check with its checklist and findings; each finding becomes a case")
    ResponseEntity<QualityChecks.Recorded> check(@Valid @RequestBody QualityChecks.NewCheck command) {
        return ResponseEntity.status(201).body(checks.record(command));
    }

    @GetMapping("/checks")
    List<QualityChecks.Check> checks(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Period period = stats.period(from, to);
        return checks.checks(period.from(), period.to(), 1000);
    }

    @GetMapping("/checks/{id}/findings")
    List<QualityChecks.Finding> findings(@PathVariable long id) {
        return checks.findings(id);
    }

    @PostMapping("/findings/{id}/rectified")
    @Operation(summary = "Mark a finding rectified by hand (normally done when its case is closed)")
    ResponseEntity<Void> rectified(@PathVariable long id) {
        permissions.require(Permissions.CHECKS, List.of());
        findings.markRectified(id);
        return ResponseEntity.noContent().build();
    }

    // ---- expert and planning services

    @PostMapping("/expert-visits")
    ResponseEntity<Created> visit(@Valid @RequestBody ExpertServices.NewVisit visit) {
        return ResponseEntity.status(201).body(new Created(experts.record(visit)));
    }

    @GetMapping("/expert-visits")
    List<ExpertServices.Visit> visits(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Period period = stats.period(from, to);
        return experts.visits(period.from(), period.to(), 1000);
    }

    @GetMapping("/planners")
    List<PlanningServices.Planner> planners() {
        return planning.planners();
    }

    @PostMapping("/planners")
    ResponseEntity<Created> planner(@Valid @RequestBody PlanningServices.NewPlanner planner) {
        return ResponseEntity.status(201).body(new Created(planning.addPlanner(planner)));
    }

    @PostMapping("/seminars")
    ResponseEntity<Created> seminar(@Valid @RequestBody PlanningServices.NewSeminar seminar) {
        return ResponseEntity.status(201).body(new Created(planning.recordSeminar(seminar)));
    }

    @GetMapping("/seminars")
    List<PlanningServices.Seminar> seminars(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Period period = stats.period(from, to);
        return planning.seminars(period.from(), period.to(), 1000);
    }

    @PostMapping("/review-rounds")
    ResponseEntity<Created> review(@Valid @RequestBody PlanningServices.NewReviewRound review) {
        return ResponseEntity.status(201).body(new Created(planning.recordReview(review)));
    }

    @GetMapping("/review-rounds")
    List<PlanningServices.ReviewRound> reviews(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        Period period = stats.period(from, to);
        return planning.reviews(period.from(), period.to(), 1000);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
