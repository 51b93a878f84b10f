package org.townbrain.checkin;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.townbrain.access.Users;

/** ResumptionEnterprises and work resumption as JSON, for reporting apps and the cockpit. */
@RestController("checkinEnterpriseApi")
@RequestMapping("/api/checkin")
class EnterpriseApi {

    private final ResumptionEnterprises enterprises;
    private final Resumption resumption;
    private final Users users;

    EnterpriseApi(ResumptionEnterprises enterprises, Resumption resumption, Users users) {
        this.enterprises = enterprises;
        this.resumption = resumption;
        this.users = users;
    }

    record ReportBody(LocalDate day, int workersExpected, int workersBack, int capacityPercent, String needs) {
    }

    @GetMapping("/enterprises")
    List<Enterprise> list() {
        return enterprises.list();
    }

    @PostMapping("/enterprises")
    ResponseEntity<Enterprise> register(@RequestBody ResumptionEnterprises.NewEnterprise body, HttpServletRequest request) {
        requireEdit(request);
        Enterprise created = enterprises.register(body, false);
        return ResponseEntity.created(URI.create("/api/checkin/enterprises/" + created.id())).body(created);
    }

    @GetMapping("/enterprises/{id}/reports")
    List<ResumptionReport> reports(@PathVariable long id) {
        enterprises.scoped(id);
        return enterprises.reports(id, 60);
    }

    @PostMapping("/enterprises/{id}/reports")
    ResponseEntity<Void> report(@PathVariable long id, @RequestBody ReportBody body, HttpServletRequest request) {
        requireEdit(request);
        enterprises.report(id, new ResumptionReport(id, body.day(), body.workersExpected(), body.workersBack(),
                body.capacityPercent(), body.needs(), null), users.current().orElseThrow().username());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/enterprises/{id}/reports/{day}/case")
    ResponseEntity<EnterpriseNeedRaised> raiseNeed(@PathVariable long id,
            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day, HttpServletRequest request) {
        requireEdit(request);
        return ResponseEntity.accepted().body(enterprises.raiseNeed(id, day));
    }

    @GetMapping("/resumption")
    Map<String, Object> resumption(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day) {
        LocalDate shown = day != null ? day : resumption.latestDay(enterprises.today()).orElse(enterprises.today());
        List<Enterprise> all = enterprises.list();
        return Map.of("day", shown,
                "total", resumption.by(shown, e -> "all", all),
                "byTown", resumption.by(shown, Enterprise::townCode, all),
                "byVillage", resumption.by(shown, e -> e.villageCode() == null ? "" : e.villageCode(), all),
                "byIndustry", resumption.by(shown, e -> e.industry().name(), all));
    }

    private static void requireEdit(HttpServletRequest request) {
        if (!EnterprisePages.canEdit(request)) {
            throw new AccessDeniedException("enterprise reports are entered by town staff or the enterprise");
        }
    }
}
