package org.townbrain.evaluation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.access.AuditLog;
import org.townbrain.access.CurrentUser;
import org.townbrain.access.Role;
import org.townbrain.access.Users;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.platform.scope.ScopeProvider;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/**
 * The assessment workflow: town staff (or the county) enter values and evidence and submit;
 * the county accepts or returns with comments, and locks accepted assessments. Every call is
 * checked against the caller's scope and role; a refused call changes nothing.
 */
@Service
@Transactional
class Assessments {

    static final Set<String> EVIDENCE_TYPES = Set.of("application/pdf", "image/jpeg", "image/png", "image/webp",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    static final int MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

    /** A value as entered: the unit is optional and, when given, must be the catalogue's. */
    record ValueInput(String indicator, Double value, String unit, String note) {
    }

    private final AssessmentRepository repository;
    private final CatalogueRepository catalogues;
    private final Regions regions;
    private final ScopeProvider scopes;
    private final Users users;
    private final List<IndicatorSource> sources;
    private final Clock clock;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Standings standings;

    Assessments(AssessmentRepository repository, CatalogueRepository catalogues, Regions regions, ScopeProvider scopes,
            Users users, List<IndicatorSource> sources, Clock clock, AuditLog audit, ApplicationEventPublisher events,
            Standings standings) {
        this.audit = audit;
        this.events = events;
        this.standings = standings;
        this.repository = repository;
        this.catalogues = catalogues;
        this.regions = regions;
        this.scopes = scopes;
        this.users = users;
        this.sources = List.copyOf(sources);
        this.clock = clock;
    }

    /** The town's assessment, created as a draft on first use. */
    Assessment open(String townCode, int year) {
        town(townCode);
        catalogue(year);
        return repository.find(townCode, year).orElseGet(() -> repository.create(townCode, year));
    }

    @Transactional(readOnly = true)
    Optional<Assessment> find(String townCode, int year) {
        town(townCode);
        return repository.find(townCode, year);
    }

    Assessment enter(String townCode, int year, List<ValueInput> inputs, Integer version) {
        Town town = town(townCode);
        requireEditor(townCode);
        Catalogue catalogue = catalogue(year);
        Assessment assessment = open(townCode, year);
        assessment.checkEditable();
        if (inputs == null || inputs.isEmpty()) {
            throw new RejectedException("values", "没有要保存的值 / no values given");
        }
        List<Assessment.Value> checked = new ArrayList<>();
        String by = user();
        for (ValueInput input : inputs) {
            String code = input.indicator() == null ? "" : input.indicator().strip().toUpperCase(Locale.ROOT);
            Indicator indicator = catalogue.indicator(code).orElseThrow(() -> new RejectedException("indicator",
                    "指标 " + code + " 不在 " + year + " 年指标体系中 / indicator " + code + " is not in the " + year + " catalogue"));
            if (!indicator.appliesTo(town.type())) {
                throw new RejectedException("indicator", "指标 " + code + " 不适用于本镇类型 / does not apply to town type " + town.type());
            }
            if (input.value() == null) {
                throw new RejectedException(code, code + ": 缺少数值 / value missing");
            }
            String refusal = indicator.refusal(input.value(), input.unit());
            if (refusal != null) {
                throw new RejectedException(code, refusal);
            }
            checked.add(new Assessment.Value(code, input.value(), Assessment.Source.MANUAL, "填报 / entered by " + by,
                    input.note() == null ? "" : input.note().strip(), by, clock.instant()));
        }
        repository.touch(assessment, version);
        checked.forEach(v -> repository.putValue(assessment.id(), v));
        return repository.find(townCode, year).orElseThrow();
    }

    long addEvidence(String townCode, int year, String indicator, String filename, String contentType, byte[] content) {
        requireEditor(townCode);
        Catalogue catalogue = catalogue(year);
        Assessment assessment = open(townCode, year);
        assessment.checkEditable();
        if (catalogue.indicator(indicator).isEmpty()) {
            throw new RejectedException("indicator", "指标 " + indicator + " 不在指标体系中 / not in the catalogue");
        }
        if (content == null || content.length == 0) {
            throw new RejectedException("file", "文件为空 / the file is empty");
        }
        if (content.length > MAX_EVIDENCE_BYTES) {
            throw new RejectedException("file", "文件超过 10 MB / the file is larger than 10 MB");
        }
        if (contentType == null || !EVIDENCE_TYPES.contains(contentType)) {
            throw new RejectedException("file", "只接受 PDF、图片、XLSX、DOCX / only PDF, images, XLSX or DOCX");
        }
        String name = filename == null || filename.isBlank() ? "evidence" : filename.replaceAll("[\\\\/\\r\\n]", "_");
        return repository.addEvidence(assessment.id(), indicator, name, contentType, content, user(), clock.instant());
    }

    /** Asks every indicator source in the catalogue for this town's value and stores the answers. */
    int refreshComputed(String townCode, int year) {
        requireEditor(townCode);
        Town town = town(townCode);
        Catalogue catalogue = catalogue(year);
        Assessment assessment = open(townCode, year);
        assessment.checkEditable();
        int stored = 0;
        for (IndicatorSource source : sources) {
            Optional<Indicator> indicator = catalogue.indicator(source.indicatorCode());
            if (indicator.isEmpty() || !indicator.get().appliesTo(town.type())) {
                continue;
            }
            Optional<ComputedValue> computed = source.compute(townCode, year);
            if (computed.isPresent() && indicator.get().refusal(computed.get().value(), null) == null) {
                repository.putValue(assessment.id(), new Assessment.Value(indicator.get().code(), computed.get().value(),
                        Assessment.Source.COMPUTED, computed.get().source(), "", null, clock.instant()));
                stored++;
            }
        }
        return stored;
    }

    Assessment submit(String townCode, int year, Integer version) {
        requireEditor(townCode);
        Assessment assessment = current(townCode, year, version);
        Assessment.Status next = assessment.submit();
        refreshComputed(townCode, year);
        repository.changeStatus(assessment, next, null, user(), clock.instant());
        return repository.find(townCode, year).orElseThrow();
    }

    Assessment accept(String townCode, int year, String comment, Integer version) {
        requireCounty();
        Assessment assessment = current(townCode, year, version);
        repository.changeStatus(assessment, assessment.accept(), comment, user(), clock.instant());
        audit.record("evaluation.accept", "assessment " + townCode + "/" + year);
        return repository.find(townCode, year).orElseThrow();
    }

    Assessment returnForRework(String townCode, int year, String comment, Integer version) {
        requireCounty();
        Assessment assessment = current(townCode, year, version);
        repository.changeStatus(assessment, assessment.returnForRework(comment), comment.strip(), user(), clock.instant());
        audit.record("evaluation.return", "assessment " + townCode + "/" + year);
        return repository.find(townCode, year).orElseThrow();
    }

    Assessment lock(String townCode, int year, Integer version) {
        requireCounty();
        Assessment assessment = current(townCode, year, version);
        repository.changeStatus(assessment, assessment.lock(), null, user(), clock.instant());
        audit.record("evaluation.lock", "assessment " + townCode + "/" + year);
        standings.of(year).flatMap(s -> s.entry(townCode)).ifPresent(e -> events.publishEvent(
                new AssessmentLocked(townCode, year, e.scorecard().tier(), e.scorecard().score())));
        return repository.find(townCode, year).orElseThrow();
    }

    boolean canEdit(String townCode) {
        Optional<CurrentUser> user = users.current();
        return user.isPresent() && scopes.current().coversWholeTown(townCode)
                && (user.get().is(Role.COUNTY_ADMIN) || user.get().is(Role.TOWN_STAFF));
    }

    boolean canReview() {
        return users.current().map(u -> u.is(Role.COUNTY_ADMIN)).orElse(false);
    }

    private Assessment current(String townCode, int year, Integer version) {
        Assessment assessment = repository.find(townCode, year)
                .orElseThrow(() -> new NotFoundException("assessment"));
        if (version != null && version != assessment.version()) {
            throw new org.townbrain.platform.errors.ConflictException("评价已被他人修改，请刷新 / the assessment changed meanwhile; reload");
        }
        return assessment;
    }

    private Town town(String townCode) {
        if (townCode == null || !scopes.current().coversWholeTown(townCode)) {
            throw new OutOfScopeException("town");
        }
        return regions.town(townCode).orElseThrow(() -> new NotFoundException("town"));
    }

    private Catalogue catalogue(int year) {
        return catalogues.find(year).orElseThrow(() -> new NotFoundException("catalogue " + year));
    }

    private void requireEditor(String townCode) {
        town(townCode);
        if (!canEdit(townCode)) {
            throw new AccessDeniedException("edit assessment");
        }
    }

    private void requireCounty() {
        if (!canReview()) {
            throw new AccessDeniedException("review assessment");
        }
    }

    private String user() {
        return users.current().map(CurrentUser::username).orElse("system");
    }
}
