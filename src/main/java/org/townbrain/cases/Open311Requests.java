package org.townbrain.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.townbrain.cases.Open311.Open311Error;

/**
 * The public reads of GeoReport v2: service requests by id, token, dates, service codes and
 * status. Only what the county publishes: no reporter's name or contact, no findings of
 * unannounced inspections, no merged cases, no stand-in positions; status notes in words of the
 * requester's language.
 */
@Service
class Open311Requests {

    /** W3C date-time with seconds and offset, as the spec's examples: 2026-12-05T21:03:04+08:00. */
    static final DateTimeFormatter W3C = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final int MAX_IDS = 100;

    private static final String PUBLIC_CASES = """
            select c.ref, c.state, c.closing_reason, c.category_code, k.name as service_name, c.description, c.unit,
              c.reported_at, c.deadline, c.closed_at, c.address, c.longitude, c.latitude, c.media_url, c.position_estimated,
              (select max(e.at) from cases_event e where e.case_id = c.id) as updated_at
            from cases_case c join cases_category k on k.code = c.category_code
            where c.source <> 'COVERT_INSPECTION' and c.state not in ('MERGED')""";

    private final Open311Reports reports;
    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final CasesProperties properties;
    private final Clock clock;

    Open311Requests(Open311Reports reports, JdbcClient jdbc, MessageSource messages, CasesProperties properties, Clock clock) {
        this.reports = reports;
        this.jdbc = jdbc;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    List<Map<String, Object>> requests(MultiValueMap<String, String> params, Locale locale) {
        StringBuilder sql = new StringBuilder(PUBLIC_CASES);
        Map<String, Object> args = new LinkedHashMap<>();
        List<String> ids = list(params.get("service_request_id"));
        if (!ids.isEmpty()) {
            // the spec: with ids, every other parameter is ignored
            if (ids.size() > MAX_IDS) {
                throw new Open311Error(400, "tooManyIds", MAX_IDS);
            }
            sql.append(" and c.ref in (:refs)");
            args.put("refs", ids);
        } else {
            ZoneId zone = clock.getZone();
            Instant end = date(params.getFirst("end_date"), "end_date", clock.instant(), zone);
            Instant start = date(params.getFirst("start_date"), "start_date", end.minus(Duration.ofDays(90)), zone);
            if (start.isAfter(end)) {
                throw new Open311Error(400, "datesReversed");
            }
            if (Duration.between(start, end).toDays() > properties.maxOpen311Days()) {
                throw new Open311Error(400, "datesTooFar", properties.maxOpen311Days());
            }
            sql.append(" and c.reported_at >= :start and c.reported_at <= :end");
            args.put("start", Timestamp.from(start));
            args.put("end", Timestamp.from(end));
            List<String> codes = list(params.get("service_code"));
            if (!codes.isEmpty()) {
                sql.append(" and c.category_code in (:codes)");
                args.put("codes", codes);
            }
            Set<String> statuses = new LinkedHashSet<>(list(params.get("status")));
            if (!Set.of("open", "closed").containsAll(statuses)) {
                throw new Open311Error(400, "status");
            }
            if (statuses.size() == 1) {
                sql.append(statuses.contains("open") ? " and c.state not in ('CLOSED', 'VOIDED')"
                        : " and c.state in ('CLOSED', 'VOIDED')");
            }
        }
        sql.append(" order by c.reported_at desc limit 1000");
        var spec = jdbc.sql(sql.toString());
        for (var e : args.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        return spec.query((rs, n) -> publicView(rs, locale)).list();
    }

    Map<String, Object> request(String ref, Locale locale) {
        MultiValueMap<String, String> query = new LinkedMultiValueMap<>();
        query.add("service_request_id", ref);
        List<Map<String, Object>> found = ref.contains(",") ? List.of() : requests(query, locale);
        if (found.isEmpty()) {
            throw new Open311Error(404, "requestUnknown", ref);
        }
        return found.getFirst();
    }

    /** The service_request_id of a token: empty while the request waits for the dispatcher. */
    Map<String, Object> token(String token) {
        Open311Reports.Followed followed = reports.follow(token).orElseThrow(() -> new Open311Error(404, "tokenUnknown"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service_request_id", followed.serviceRequestId());
        answer.put("token", followed.token());
        return answer;
    }

    private Map<String, Object> publicView(java.sql.ResultSet rs, Locale locale) throws java.sql.SQLException {
        ZoneId zone = clock.getZone();
        String state = rs.getString("state");
        boolean closed = "CLOSED".equals(state) || "VOIDED".equals(state);
        boolean located = !rs.getBoolean("position_estimated");
        String reason = rs.getString("closing_reason");
        String notes = text("state." + state, locale);
        if ("CLOSED".equals(state) && reason != null) {
            notes = messages.getMessage("open311.status.closed", new Object[] {notes, text("reason." + reason, locale)}, locale);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("service_request_id", rs.getString("ref"));
        r.put("status", closed ? "closed" : "open");
        r.put("status_notes", notes);
        r.put("service_name", rs.getString("service_name"));
        r.put("service_code", rs.getString("category_code"));
        r.put("description", rs.getString("description"));
        r.put("agency_responsible", rs.getString("unit"));
        r.put("service_notice", null);
        r.put("requested_datetime", w3c(rs.getTimestamp("reported_at"), zone));
        r.put("updated_datetime", w3c(rs.getTimestamp("updated_at"), zone));
        r.put("expected_datetime", w3c(rs.getTimestamp("deadline"), zone));
        r.put("address", rs.getString("address"));
        r.put("address_id", null);
        r.put("zipcode", null);
        r.put("lat", located ? rs.getDouble("latitude") : null);
        r.put("long", located ? rs.getDouble("longitude") : null);
        r.put("media_url", rs.getString("media_url"));
        return r;
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }

    static String w3c(Timestamp t, ZoneId zone) {
        return t == null ? null : W3C.format(t.toInstant().atZone(zone));
    }

    /** A W3C date-time; a date-time without offset or a bare date is read in the county's zone. */
    private static Instant date(String text, String field, Instant fallback, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(zone).toInstant()
                        : LocalDateTime.parse(t).atZone(zone).toInstant();
            } catch (DateTimeParseException again) {
                throw new Open311Error(400, "date", field);
            }
        }
    }

    /** The values of a parameter given several times, or comma-separated, or both. */
    private static List<String> list(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(v -> !v.isEmpty())
                .distinct().toList();
    }
}
