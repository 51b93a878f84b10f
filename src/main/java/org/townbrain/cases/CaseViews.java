package org.townbrain.cases;

import java.time.Clock;
import java.util.Arrays;
import org.springframework.stereotype.Component;

/** Builds {@link CaseView}s: the case, its timeline and photos, and the actions this actor may take. */
@Component
class CaseViews {

    private final CaseHandling handling;
    private final CaseRepository cases;
    private final CategoryCatalogue catalogue;
    private final PhotoStore photos;
    private final CaseQueries queries;
    private final CasesProperties properties;
    private final Clock clock;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    CaseViews(org.springframework.jdbc.core.simple.JdbcClient jdbc, CaseHandling handling, CaseRepository cases, CategoryCatalogue catalogue, PhotoStore photos,
            CaseQueries queries, CasesProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.handling = handling;
        this.cases = cases;
        this.catalogue = catalogue;
        this.photos = photos;
        this.queries = queries;
        this.properties = properties;
        this.clock = clock;
    }

    CaseView view(long id, Actor actor) {
        return of(handling.visible(id, actor), actor);
    }

    CaseView of(Case k, Actor actor) {
        Category category = catalogue.find(k.categoryCode).orElseThrow();
        var allowed = Arrays.stream(CaseAction.values()).filter(a -> handling.may(k, a, actor)).map(CaseAction::slug).toList();
        Media media = jdbc.sql("select media_url, position_estimated from cases_case where id = :id").param("id", k.id)
                .query((rs, n) -> new Media(rs.getString(1), rs.getBoolean(2))).optional().orElse(new Media(null, false));
        // a stand-in position (an address-only report) is near nothing in particular
        var duplicates = k.state.isOpen() && (k.state == CaseState.REPORTED || k.state == CaseState.ACCEPTED)
                && !media.estimated()
                ? queries.possibleDuplicates(k.id, k.categoryCode, k.longitude, k.latitude, properties.duplicateRadiusMetres())
                : java.util.List.<Long>of();
        return new CaseView(k.id, k.ref, k.source, k.state, k.categoryCode, category.name(),
                category.limit().value(), category.limit().unit().name(), k.townCode, k.villageCode, k.longitude, k.latitude,
                k.address, k.description, k.unit, k.reportedAt, k.dispatchedAt, k.deadline, k.overdueAt(clock.instant()),
                k.pendingExtension, k.closingReason == null ? null : k.closingReason.name(), k.closedOnTime, k.closedAt,
                k.reworkCount, k.mergedInto, k.orderId, k.version, cases.timeline(k.id), photos.ofCase(k.id), allowed,
                duplicates, category.acceptance(), category.closing(), actor.isUser() ? maskedContact(k.id) : null,
                media.url(), media.estimated(), k.gridCode);
    }

    private record Media(String url, boolean estimated) {
    }

    /** Keeps the first three and last four characters of a phone-like contact, hides the rest. */
    static String mask(String contact) {
        if (contact == null || contact.isBlank()) {
            return null;
        }
        String c = contact.strip();
        if (c.length() >= 11) {
            return c.substring(0, 3) + "****" + c.substring(c.length() - 4);
        }
        return c.length() <= 2 ? "**" : c.charAt(0) + "****" + c.charAt(c.length() - 1);
    }

    private String maskedContact(long id) {
        return mask(jdbc.sql("select reporter_contact from cases_case where id = :id").param("id", id)
                .query(String.class).optional().orElse(null));
    }
}
