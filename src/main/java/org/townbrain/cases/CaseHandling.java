package org.townbrain.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.ConflictException;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.platform.scope.OutOfScopeException;
import org.townbrain.region.Place;
import org.townbrain.region.Regions;
import org.townbrain.region.Village;

/**
 * Reports cases and takes them through their lifecycle: checks the input, the caller's scope
 * and role, the version they acted on, then lets the {@link Case} apply its rule. Every call is
 * one transaction: a refused request writes nothing.
 */
@Service
class CaseHandling {

    /** A new report. Position in WGS-84; the town is chosen, the village optional. */
    record Report(String source, String categoryCode, String townCode, String villageCode, Double longitude,
            Double latitude, String address, String description, String reporterName, String reporterContact,
            String externalRef, Long orderId, Long inspectionId) {
    }

    record Reported(long id, String ref, String token, List<Long> possibleDuplicates) {
    }

    /** What an action needs besides the case: a note, a unit, an amount, a closing reason, a target. */
    record Input(String note, String unit, Integer amount, ClosingReason closingReason, Long target) {
        static Input note(String note) {
            return new Input(note, null, null, null, null);
        }
    }

    private final CaseRepository cases;
    private final CategoryCatalogue catalogue;
    private final CalendarStore calendar;
    private final CountyArea area;
    private final Regions regions;
    private final PhotoStore photos;
    private final CaseQueries queries;
    private final JdbcClient jdbc;
    private final CasesProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CaseHandling(CaseRepository cases, CategoryCatalogue catalogue, CalendarStore calendar, CountyArea area,
            Regions regions, PhotoStore photos, CaseQueries queries, JdbcClient jdbc, CasesProperties properties,
            ApplicationEventPublisher events, Clock clock) {
        this.cases = cases;
        this.catalogue = catalogue;
        this.calendar = calendar;
        this.area = area;
        this.regions = regions;
        this.photos = photos;
        this.queries = queries;
        this.jdbc = jdbc;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    Reported report(Report report, Actor actor, List<byte[]> photoUploads) {
        return report(report, actor, photoUploads, false);
    }

    @Transactional
    Reported report(Report report, Actor actor, List<byte[]> photoUploads, boolean demo) {
        Category category = catalogue.require(report.categoryCode());
        if (report.longitude() == null || report.latitude() == null) {
            throw new RejectedException("location", "请在地图上选择位置 / pick the location on the map");
        }
        area.check(report.longitude(), report.latitude());
        String town = report.townCode() == null || report.townCode().isBlank() ? null : report.townCode().strip();
        String village = report.villageCode() == null || report.villageCode().isBlank() ? null : report.villageCode();
        // the unit grid holding the point decides town and village; else the nearest seats
        Place place = regions.locate(report.longitude(), report.latitude()).orElse(null);
        String grid = null;
        if (village == null) {
            if (place != null && town == null) {
                town = place.townCode();
            }
            if (place != null && place.villageCode() != null && place.townCode().equals(town)
                    && (!actor.isUser() || actor.scope().coversVillage(town, place.villageCode()))) {
                village = place.villageCode();
            }
        }
        if (place != null && place.gridCode() != null && place.townCode().equals(town)
                && place.villageCode().equals(village)) {
            grid = place.gridCode();
        }
        if (town == null || regions.town(town).isEmpty()) {
            throw new RejectedException("townCode", "请选择所在镇街 / choose the town");
        }
        if (village != null) {
            Village v = regions.village(village).orElse(null);
            if (v == null || !v.townCode().equals(town)) {
                throw new RejectedException("villageCode", "村社不属于所选镇街 / the village is not in that town");
            }
        }
        boolean covered = village == null ? actor.scope().coversTown(town) : actor.scope().coversVillage(town, village);
        if (actor.isUser() && !covered) {
            throw new RejectedException("townCode", "该镇街不在您的辖区 / that town is outside your jurisdiction");
        }
        String description = report.description() == null ? "" : report.description().strip();
        if (description.length() < 4 || description.length() > 2000) {
            throw new RejectedException("description", "请描述问题（4–2000 字）/ describe the problem (4 to 2000 characters)");
        }
        if (report.reporterContact() != null && report.reporterContact().length() > 120) {
            throw new RejectedException("contact", "联系方式过长 / contact too long");
        }
        List<PhotoStore.Decoded> decoded = photoUploads == null ? List.of() : photoUploads.stream().map(photos::decode).toList();
        if (decoded.size() > 6) {
            throw new RejectedException("photo", "最多 6 张照片 / at most 6 photos");
        }
        Instant now = clock.instant();
        Case kase = Case.report(source(report.source()), category.code(), town, village, report.longitude(),
                report.latitude(), trim(report.address(), 200), description, actor.isUser() ? actor.name() : null, now);
        kase.orderId = report.orderId();
        kase.gridCode = grid;
        cases.insert(kase, trim(report.reporterName(), 60), trim(report.reporterContact(), 120),
                trim(report.externalRef(), 120), report.inspectionId(), demo, actor.name());
        for (PhotoStore.Decoded photo : decoded) {
            photos.store(kase.id, null, photo, now);
        }
        List<Long> duplicates = queries.possibleDuplicates(kase.id, category.code(), kase.longitude, kase.latitude,
                properties.duplicateRadiusMetres());
        return new Reported(kase.id, kase.ref, cases.tokenOf(kase.id), duplicates);
    }

    /** Loads a case the actor may see, or answers 404. */
    Case visible(long id, Actor actor) {
        Case kase = cases.find(id).orElseThrow(() -> new NotFoundException("case"));
        if (actor.isUser() && !(kase.villageCode == null ? actor.scope().coversTown(kase.townCode)
                : actor.scope().coversVillage(kase.townCode, kase.villageCode))) {
            throw new OutOfScopeException("case");
        }
        return kase;
    }

    /** Whether this actor may take the action on this case now (used to show only allowed buttons). */
    boolean may(Case kase, CaseAction action, Actor actor) {
        if (!action.allowedFrom(kase.state)) {
            return false;
        }
        if (action == CaseAction.APPROVE_EXTENSION || action == CaseAction.REJECT_EXTENSION) {
            if (kase.pendingExtension == null) {
                return false;
            }
        }
        if (action == CaseAction.REQUEST_EXTENSION && kase.pendingExtension != null) {
            return false;
        }
        if (action == CaseAction.REOPEN) {
            boolean inWindow = kase.closedAt != null && !clock.instant().isAfter(kase.closedAt.plus(properties.reopenWindow()));
            boolean reporter = actor.isUser() && actor.name().equals(kase.reporterUser);
            return inWindow && (reporter || actor.kind() == Actor.Kind.CITIZEN
                    || (actor.role() != null && action.allowedFor(actor.role())));
        }
        if ((action == CaseAction.VERIFY_PASS || action == CaseAction.VERIFY_FAIL)
                && actor.role() == org.townbrain.access.Role.GRID_WORKER) {
            return kase.gridCode != null && regions.gridCodesOf(actor.name()).contains(kase.gridCode)
                    && cases.timeline(kase.id).stream().noneMatch(e -> "REPORTED_BACK".equals(e.type())
                            && actor.name().equals(e.actor()));
        }
        return actor.role() != null && action.allowedFor(actor.role());
    }

    @Transactional
    Case act(long id, int version, CaseAction action, Input input, Actor actor, List<byte[]> photoUploads) {
        Case kase = actor.kind() == Actor.Kind.CITIZEN ? cases.find(id).orElseThrow(() -> new NotFoundException("case"))
                : visible(id, actor);
        if (kase.version != version) {
            throw new ConflictException("案件已被他人处理，请刷新后重试 / the case was changed by someone else; reload");
        }
        if (actor.kind() != Actor.Kind.SYSTEM && !may(kase, action, actor)) {
            if (!action.allowedFrom(kase.state)) {
                throw new ConflictException("案件当前状态为 " + kase.state + "，不能执行该操作 / not allowed from state " + kase.state);
            }
            throw new AccessDeniedException("case action " + action);
        }
        List<PhotoStore.Decoded> decoded = photoUploads == null ? List.of() : photoUploads.stream().map(photos::decode).toList();
        Instant now = clock.instant();
        WorkingCalendar working = calendar.calendar();
        switch (action) {
            case ACCEPT -> kase.accept(now, input.note());
            case VOID -> kase.voidReport(input.note());
            case MERGE -> {
                Long target = input.target();
                if (target == null) {
                    throw new RejectedException("target", "请选择要并入的案件 / choose the case to merge into");
                }
                Case into = visible(target, actor);
                if (!into.state.isOpen() || !into.categoryCode.equals(kase.categoryCode)) {
                    throw new RejectedException("target", "只能并入同一小类的未结案件 / merge into an open case of the same category");
                }
                kase.mergeInto(target, input.note());
                cases.append(target, "MERGED_IN", actor.name(), into.state, kase.ref, now);
            }
            case DISPATCH -> {
                Category category = catalogue.find(kase.categoryCode).orElseThrow();
                String unit = input.unit() == null || input.unit().isBlank() ? category.defaultUnit() : input.unit();
                kase.dispatch(trim(unit, 80), now, working.deadline(now, category.limit()), input.note());
            }
            case START -> kase.start(input.note());
            case REPORT_BACK -> kase.reportBack(now, input.note());
            case RETURN -> kase.returnToDispatcher(input.note());
            case REQUEST_EXTENSION -> kase.requestExtension(input.amount() == null ? 0 : input.amount(), input.note());
            case APPROVE_EXTENSION -> {
                Category category = catalogue.find(kase.categoryCode).orElseThrow();
                Instant base = kase.deadline == null ? now : kase.deadline;
                Instant extended = working.deadline(base, new TimeLimit(kase.pendingExtension, category.limit().unit()));
                kase.approveExtension(extended, input.note());
            }
            case REJECT_EXTENSION -> kase.rejectExtension(input.note());
            case VERIFY_PASS -> kase.pass(input.closingReason(), now, input.note());
            case VERIFY_FAIL -> kase.fail(input.note());
            case PARK -> kase.park(input.note());
            case RESUME -> kase.resume(input.note());
            case REOPEN -> kase.reopen(now, properties.reopenWindow(), input.note());
        }
        cases.save(kase, actor.name(), now);
        if (!decoded.isEmpty()) {
            long eventId = cases.timeline(kase.id).getLast().id();
            for (PhotoStore.Decoded photo : decoded) {
                photos.store(kase.id, eventId, photo, now);
            }
        }
        afterwards(kase, action, now);
        return kase;
    }

    private void afterwards(Case kase, CaseAction action, Instant now) {
        if (action == CaseAction.VERIFY_PASS) {
            String externalRef = jdbc.sql("select external_ref from cases_case where id = :id").param("id", kase.id)
                    .query(String.class).optional().orElse(null);
            events.publishEvent(new CaseClosed(kase.id, kase.ref, kase.townCode, kase.categoryCode, kase.source,
                    kase.closingReason.name(), Boolean.TRUE.equals(kase.closedOnTime), now, externalRef));
        }
        if (kase.orderId != null && (action == CaseAction.VERIFY_PASS || action == CaseAction.REOPEN
                || action == CaseAction.VOID || action == CaseAction.MERGE)) {
            OrderProgress.update(jdbc, kase.orderId, now);
        }
    }

    private static String source(String source) {
        if (source == null || !source.matches("[A-Z0-9_]{2,30}")) {
            throw new RejectedException("source", "未知来源 / unknown source");
        }
        return source;
    }

    private static String trim(String text, int max) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        return t.length() <= max ? t : t.substring(0, max);
    }
}
