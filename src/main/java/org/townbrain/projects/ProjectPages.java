package org.townbrain.projects;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.projects.ProjectCommands.MonthlyInvestment;
import org.townbrain.projects.ProjectCommands.NewMilestone;
import org.townbrain.projects.ProjectCommands.NewProject;
import org.townbrain.projects.ProjectCommands.ProjectChange;
import org.townbrain.projects.ProjectCommands.ProjectDetails;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;
import tools.jackson.databind.ObjectMapper;

/**
 * The project ledger pages for town staff and the county: the list (scoped to the caller's
 * towns), a project with its monthly investment, milestones, photos and map, and the forms that
 * change them. Rejected input comes back to the page as a message; nothing is half-written.
 */
@Controller
class ProjectPages {

    private final ProjectLedger ledger;
    private final ProjectPhotos photos;
    private final Enterprises enterprises;
    private final Regions regions;
    private final Permissions permissions;
    private final ObjectMapper json;
    private final java.time.Clock clock;

    ProjectPages(ProjectLedger ledger, ProjectPhotos photos, Enterprises enterprises, Regions regions,
            Permissions permissions, ObjectMapper json, java.time.Clock clock) {
        this.clock = clock;
        this.ledger = ledger;
        this.photos = photos;
        this.enterprises = enterprises;
        this.regions = regions;
        this.permissions = permissions;
        this.json = json;
    }

    @GetMapping("/projects")
    String list(@RequestParam(required = false) String town, @RequestParam(required = false) Long cluster,
            @RequestParam(required = false) Dimension dimension, @RequestParam(required = false) ProjectStatus status,
            Model model) {
        String townCode = town == null || town.isBlank() ? null : town;
        List<Project> projects = ledger.list(new ProjectLedger.Filter(townCode, cluster, dimension, status));
        BigDecimal budget = sum(projects, Project::budget);
        BigDecimal planned = sum(projects, Project::plannedTotal);
        BigDecimal actual = sum(projects, Project::actualTotal);
        model.addAttribute("projects", projects);
        model.addAttribute("kpiBudget", wan(budget));
        model.addAttribute("kpiPlanned", wan(planned));
        model.addAttribute("kpiActual", wan(actual));
        model.addAttribute("kpiCompletion", planned.signum() == 0 ? 0
                : actual.multiply(BigDecimal.valueOf(100)).divide(planned, 0, RoundingMode.HALF_UP));
        model.addAttribute("towns", visibleTowns());
        Map<String, String> names = townNames();
        model.addAttribute("townLabels", projects.stream().collect(Collectors.toMap(Project::id, p -> label(p, names))));
        model.addAttribute("clusters", permissions.scope().wholeCounty() ? regions.clusters() : List.of());
        model.addAttribute("dimensions", Dimension.values());
        model.addAttribute("statuses", ProjectStatus.values());
        model.addAttribute("dimensions", Dimension.values());
        model.addAttribute("firms", enterprises.all());
        model.addAttribute("selectedTown", townCode);
        model.addAttribute("selectedCluster", cluster);
        model.addAttribute("selectedDimension", dimension);
        model.addAttribute("selectedStatus", status);
        model.addAttribute("canCreate", permissions.may(Permissions.LEDGER));
        return "projects/list";
    }

    @GetMapping("/projects/new")
    String newProject(Model model) {
        if (!permissions.may(Permissions.LEDGER)) {
            throw new NotFoundException("page");
        }
        model.addAttribute("towns", visibleTowns());
        model.addAttribute("dimensions", Dimension.values());
        model.addAttribute("firms", enterprises.all());
        return "projects/new";
    }

    @PostMapping("/projects")
    String create(@RequestParam String name, @RequestParam Dimension dimension, @RequestParam String category,
            @RequestParam BigDecimal budget, @RequestParam LocalDate startDate, @RequestParam LocalDate endDate,
            @RequestParam List<String> townCodes, @RequestParam(required = false) Double longitude,
            @RequestParam(required = false) Double latitude, @RequestParam(required = false) Long constructionFirmId,
            @RequestParam(required = false) Long supervisionFirmId, RedirectAttributes redirect) {
        NewProject command = new NewProject(name, dimension, category, budget, startDate, endDate, townCodes, longitude,
                latitude, constructionFirmId, supervisionFirmId);
        if (name.isBlank() || category.isBlank() || budget.signum() < 0) {
            redirect.addFlashAttribute("error", "名称、类别必填，预算不得为负 / name and category are required, the budget may not be negative");
            return "redirect:/projects/new";
        }
        try {
            return "redirect:/projects/" + ledger.create(command);
        } catch (RejectedException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/projects/new";
        } catch (jakarta.validation.ConstraintViolationException e) {
            redirect.addFlashAttribute("error", "输入有误，请检查 / please check the input");
            return "redirect:/projects/new";
        }
    }

    @GetMapping("/projects/{id}")
    String project(@PathVariable long id, Model model) {
        Project project = ledger.get(id);
        List<ProjectLedger.Investment> investments = ledger.investments(id);
        Map<Long, String> firmNames = enterprises.all().stream()
                .collect(Collectors.toMap(Enterprises.Enterprise::id, Enterprises.Enterprise::name));
        model.addAttribute("project", project);
        model.addAttribute("townLabel", label(project, townNames()));
        model.addAttribute("towns", visibleTowns());
        model.addAttribute("firmNames", firmNames);
        model.addAttribute("investments", investments);
        model.addAttribute("milestones", ledger.milestones(id));
        model.addAttribute("photos", photos.of(id));
        model.addAttribute("statuses", ProjectStatus.values());
        model.addAttribute("canEdit", permissions.may(Permissions.LEDGER)
                && project.townCodes().stream().allMatch(permissions.scope()::coversTown));
        model.addAttribute("thisMonth", YearMonth.now(clock));
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("chartData", json.writeValueAsString(investmentChart(investments)));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("markers", project.longitude() == null ? List.of()
                : List.of(Map.of("label", project.name(), "lat", project.latitude(), "lon", project.longitude(), "color", "#d9480f")));
        map.put("fit", project.longitude() == null ? "boundary" : "markers");
        model.addAttribute("mapData", json.writeValueAsString(map));
        return "projects/project";
    }

    @PostMapping("/projects/{id}/status")
    String change(@PathVariable long id, @RequestParam int version, @RequestParam ProjectStatus status,
            @RequestParam BigDecimal budget, @RequestParam LocalDate endDate, RedirectAttributes redirect) {
        return act(id, redirect, () -> ledger.change(id, new ProjectChange(version, status, budget, endDate)), budget.signum() < 0);
    }

    @PostMapping("/projects/{id}/details")
    String edit(@PathVariable long id, @RequestParam int version, @RequestParam String name, @RequestParam Dimension dimension,
            @RequestParam String category, @RequestParam LocalDate startDate, @RequestParam(required = false) Double longitude,
            @RequestParam(required = false) Double latitude, @RequestParam(required = false) Long constructionFirmId,
            @RequestParam(required = false) Long supervisionFirmId, @RequestParam(required = false) List<String> townCodes,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> ledger.edit(id, new ProjectDetails(version, name, dimension, category, startDate,
                longitude, latitude, constructionFirmId, supervisionFirmId, townCodes)),
                name.isBlank() || category.isBlank());
    }

    @PostMapping("/projects/{id}/investment")
    String investment(@PathVariable long id, @RequestParam int version, @RequestParam YearMonth month,
            @RequestParam BigDecimal planned, @RequestParam BigDecimal actual, RedirectAttributes redirect) {
        return act(id, redirect, () -> ledger.recordInvestment(id, new MonthlyInvestment(version, month, planned, actual)),
                planned.signum() < 0 || actual.signum() < 0);
    }

    @PostMapping("/projects/{id}/milestones")
    String milestone(@PathVariable long id, @RequestParam String name, @RequestParam LocalDate dueDate,
            @RequestParam(required = false) LocalDate doneDate, RedirectAttributes redirect) {
        return act(id, redirect, () -> ledger.addMilestone(id, new NewMilestone(name, dueDate, doneDate)), name.isBlank());
    }

    @PostMapping("/projects/{id}/milestones/{milestoneId}/done")
    String completeMilestone(@PathVariable long id, @PathVariable long milestoneId, @RequestParam LocalDate doneDate,
            RedirectAttributes redirect) {
        return act(id, redirect, () -> ledger.completeMilestone(id, milestoneId, doneDate), false);
    }

    @PostMapping("/projects/{id}/photos")
    String photo(@PathVariable long id, @RequestParam("photo") MultipartFile photo, RedirectAttributes redirect)
            throws IOException {
        byte[] bytes = photo.getBytes();
        return act(id, redirect, () -> photos.add(id, bytes), false);
    }

    @GetMapping("/projects/{id}/photos/{photoId}")
    ResponseEntity<byte[]> photoFile(@PathVariable long id, @PathVariable long photoId) {
        ProjectPhotos.Photo photo = photos.find(id, photoId).orElseThrow(() -> new NotFoundException("photo"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(photo.contentType()))
                .cacheControl(CacheControl.noCache().cachePrivate()).body(photos.read(photo));
    }

    private String act(long id, RedirectAttributes redirect, Runnable action, boolean negative) {
        if (negative) {
            redirect.addFlashAttribute("error", "金额不得为负，必填项不得为空 / amounts may not be negative, required fields may not be empty");
            return "redirect:/projects/" + id;
        }
        try {
            action.run();
        } catch (RejectedException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        } catch (jakarta.validation.ConstraintViolationException e) {
            redirect.addFlashAttribute("error", "输入有误，请检查 / please check the input");
        }
        return "redirect:/projects/" + id;
    }

    private Map<String, Object> investmentChart(List<ProjectLedger.Investment> investments) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("categories", investments.stream().map(i -> i.month().toString()).toList());
        List<Map<String, Object>> series = new ArrayList<>();
        series.add(Map.of("key", "planned", "data", investments.stream().map(i -> wan(i.planned())).toList()));
        series.add(Map.of("key", "actual", "data", investments.stream().map(i -> wan(i.actual())).toList()));
        chart.put("series", series);
        return chart;
    }

    private List<Town> visibleTowns() {
        return regions.towns().stream().filter(t -> permissions.scope().coversTown(t.code())).toList();
    }

    private Map<String, String> townNames() {
        return regions.towns().stream().collect(Collectors.toMap(Town::code, Town::name));
    }

    private static String label(Project project, Map<String, String> names) {
        return project.townCodes().stream().map(c -> names.getOrDefault(c, c)).collect(Collectors.joining("、"));
    }

    static BigDecimal wan(BigDecimal yuan) {
        return yuan.divide(BigDecimal.valueOf(10_000), 1, RoundingMode.HALF_UP);
    }

    private static BigDecimal sum(List<Project> projects, java.util.function.Function<Project, BigDecimal> amount) {
        return projects.stream().map(amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
