package org.townbrain.cases;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/**
 * Open311 GeoReport v2 on top of the case catalogue and cases: services are the active 小类,
 * service requests are cases. The public view of a request never carries the reporter's name or
 * contact, and findings of unannounced inspections are not public.
 */
@Service
class Open311 {

    /** A GeoReport error: answered as the spec's array of {code, description}. */
    static final class Open311Error extends RuntimeException {
        final int status;

        Open311Error(int status, String description) {
            super(description);
            this.status = status;
        }
    }

    private static final String PUBLIC_CASES = """
            select c.ref, c.state, c.closing_reason, c.category_code, k.name as service_name, c.description, c.unit,
              c.reported_at, c.deadline, c.closed_at, c.address, c.longitude, c.latitude,
              (select max(e.at) from cases_event e where e.case_id = c.id) as updated_at
            from cases_case c join cases_category k on k.code = c.category_code
            where c.source <> 'COVERT_INSPECTION' and c.state not in ('MERGED')""";

    private final CategoryCatalogue catalogue;
    private final CaseHandling handling;
    private final CaseRepository cases;
    private final Regions regions;
    private final JdbcClient jdbc;
    private final CasesProperties properties;
    private final Clock clock;

    Open311(CategoryCatalogue catalogue, CaseHandling handling, CaseRepository cases, Regions regions, JdbcClient jdbc,
            CasesProperties properties, Clock clock) {
        this.catalogue = catalogue;
        this.handling = handling;
        this.cases = cases;
        this.regions = regions;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    Map<String, Object> discovery(String baseUrl) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", "http://wiki.open311.org/GeoReport_v2");
        endpoint.put("url", baseUrl + "/open311/v2");
        endpoint.put("changeset", "2026-11-27T00:00:00Z");
        endpoint.put("type", "production");
        endpoint.put("formats", List.of("application/json", "text/xml"));
        Map<String, Object> discovery = new LinkedHashMap<>();
        discovery.put("changeset", "2026-11-27T00:00:00Z");
        discovery.put("contact", "县美丽城镇办 / county beautiful-town office");
        discovery.put("key_service", "api_key issued by the county office (admin page /admin/cases/open311)");
        discovery.put("endpoints", List.of(endpoint));
        return discovery;
    }

    List<Map<String, Object>> services() {
        return catalogue.active().stream().map(c -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("service_code", c.code());
            s.put("service_name", c.name());
            s.put("description", c.acceptance());
            s.put("metadata", true);
            s.put("type", "realtime");
            s.put("keywords", c.majorName());
            s.put("group", (c.kind() == Category.Kind.COMPONENT ? "部件·" : "事件·") + c.majorName());
            return s;
        }).toList();
    }

    /**
     * The one attribute of every service: the town. It is optional: without it the town is
     * derived from lat/long where the county has placed its town and village seats, and the
     * request is refused when it cannot be.
     */
    Map<String, Object> definition(String code) {
        Category category = catalogue.find(code).filter(Category::active)
                .orElseThrow(() -> new Open311Error(404, "service_code " + code + " not found"));
        Map<String, Object> town = new LinkedHashMap<>();
        town.put("variable", true);
        town.put("code", "town");
        town.put("datatype", "singlevaluelist");
        town.put("required", false);
        town.put("datatype_description", "镇街代码 / town division code");
        town.put("order", 1);
        town.put("description", "所在镇街 / town");
        List<Map<String, Object>> values = new ArrayList<>();
        for (Town t : regions.towns()) {
            values.add(Map.of("key", t.code(), "name", t.name()));
        }
        town.put("values", values);
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("service_code", category.code());
        definition.put("attributes", List.of(town));
        return definition;
    }

    @Transactional
    List<Map<String, Object>> post(Map<String, String> params) {
        String key = params.get("api_key");
        if (key == null || key.isBlank()) {
            throw new Open311Error(403, "api_key is required");
        }
        boolean known = jdbc.sql("select count(*) from cases_open311_client where key_hash = :h and active")
                .param("h", hash(key)).query(Integer.class).single() > 0;
        if (!known) {
            throw new Open311Error(403, "api_key is not valid");
        }
        String code = params.get("service_code");
        if (code == null || catalogue.find(code).filter(Category::active).isEmpty()) {
            throw new Open311Error(400, "service_code is missing or unknown");
        }
        String town = params.get("attribute[town]");
        Double lat = number(params.get("lat"), "lat");
        Double lon = number(params.get("long"), "long");
        if (lat == null || lon == null) {
            throw new Open311Error(400, "lat and long are required (address-only requests are not supported)");
        }
        String name = join(params.get("first_name"), params.get("last_name"));
        String contact = params.getOrDefault("phone", params.get("email"));
        try {
            CaseHandling.Reported reported = handling.report(new CaseHandling.Report("OPEN311", code, town, null, lon, lat,
                    params.get("address_string"), params.get("description"), name, contact, null, null, null),
                    Actor.citizen(), List.of());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("service_request_id", reported.ref());
            answer.put("token", reported.token());
            answer.put("service_notice", "已受理，可凭编号查询进度 / received; follow it by its id");
            answer.put("account_id", null);
            return List.of(answer);
        } catch (org.townbrain.platform.errors.RejectedException e) {
            throw new Open311Error(400, e.getMessage());
        }
    }

    List<Map<String, Object>> requests(Map<String, String> params) {
        StringBuilder sql = new StringBuilder(PUBLIC_CASES);
        Map<String, Object> args = new LinkedHashMap<>();
        String ids = params.get("service_request_id");
        if (ids != null && !ids.isBlank()) {
            sql.append(" and c.ref in (:refs)");
            args.put("refs", List.of(ids.split("\\s*,\\s*")));
        } else {
            Instant end = date(params.get("end_date"), "end_date", clock.instant());
            Instant start = date(params.get("start_date"), "start_date", end.minus(Duration.ofDays(90)));
            if (start.isAfter(end)) {
                throw new Open311Error(400, "start_date is after end_date");
            }
            if (Duration.between(start, end).toDays() > properties.maxOpen311Days()) {
                throw new Open311Error(400, "the date range spans more than " + properties.maxOpen311Days() + " days");
            }
            sql.append(" and c.reported_at >= :start and c.reported_at <= :end");
            args.put("start", Timestamp.from(start));
            args.put("end", Timestamp.from(end));
            String code = params.get("service_code");
            if (code != null && !code.isBlank()) {
                sql.append(" and c.category_code in (:codes)");
                args.put("codes", List.of(code.split("\\s*,\\s*")));
            }
            String status = params.get("status");
            if (status != null && !status.isBlank()) {
                if ("open".equals(status)) {
                    sql.append(" and c.state not in ('CLOSED', 'VOIDED')");
                } else if ("closed".equals(status)) {
                    sql.append(" and c.state in ('CLOSED', 'VOIDED')");
                } else {
                    throw new Open311Error(400, "status is open or closed");
                }
            }
        }
        sql.append(" order by c.reported_at desc limit 1000");
        var spec = jdbc.sql(sql.toString());
        for (var e : args.entrySet()) {
            spec = spec.param(e.getKey(), e.getValue());
        }
        return spec.query((rs, n) -> publicView(rs)).list();
    }

    Map<String, Object> request(String ref) {
        List<Map<String, Object>> found = requests(Map.of("service_request_id", ref));
        if (found.isEmpty()) {
            throw new Open311Error(404, "service_request_id " + ref + " not found");
        }
        return found.getFirst();
    }

    Map<String, Object> token(String token) {
        long id = cases.idByToken(token).orElseThrow(() -> new Open311Error(404, "token not found"));
        String ref = jdbc.sql("select ref from cases_case where id = :id").param("id", id).query(String.class).single();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service_request_id", ref);
        answer.put("token", token);
        return answer;
    }

    /** Issues a key for a client; only its hash is stored, the key is shown once. */
    @Transactional
    String issueKey(String clientName) {
        if (clientName == null || clientName.isBlank() || clientName.length() > 80) {
            throw new org.townbrain.platform.errors.RejectedException("name", "请填写客户端名称 / name the client");
        }
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        String key = HexFormat.of().formatHex(bytes);
        registerKey(clientName, key);
        return key;
    }

    void registerKey(String clientName, String key) {
        jdbc.sql("insert into cases_open311_client (name, key_hash, created_at) values (:n, :h, :at) on conflict (key_hash) do nothing")
                .param("n", clientName.strip()).param("h", hash(key)).param("at", Timestamp.from(clock.instant())).update();
    }

    private Map<String, Object> publicView(java.sql.ResultSet rs) throws java.sql.SQLException {
        ZoneId zone = ZoneId.of(properties.zone());
        String state = rs.getString("state");
        boolean closed = "CLOSED".equals(state) || "VOIDED".equals(state);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("service_request_id", rs.getString("ref"));
        r.put("status", closed ? "closed" : "open");
        r.put("status_notes", "CLOSED".equals(state) ? rs.getString("closing_reason") : state);
        r.put("service_name", rs.getString("service_name"));
        r.put("service_code", rs.getString("category_code"));
        r.put("description", rs.getString("description"));
        r.put("agency_responsible", rs.getString("unit"));
        r.put("service_notice", null);
        r.put("requested_datetime", iso(rs.getTimestamp("reported_at"), zone));
        r.put("updated_datetime", iso(rs.getTimestamp("updated_at"), zone));
        r.put("expected_datetime", iso(rs.getTimestamp("deadline"), zone));
        r.put("address", rs.getString("address"));
        r.put("address_id", null);
        r.put("zipcode", null);
        r.put("lat", rs.getDouble("latitude"));
        r.put("long", rs.getDouble("longitude"));
        r.put("media_url", null);
        return r;
    }

    private static String iso(Timestamp t, ZoneId zone) {
        return t == null ? null : t.toInstant().atZone(zone).toOffsetDateTime().toString();
    }

    private static Instant date(String text, String field, Instant fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new Open311Error(400, field + " is not a W3C date-time (2026-11-27T09:00:00+08:00)");
        }
    }

    private static Double number(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new Open311Error(400, field + " is not a number");
        }
    }

    private static String join(String first, String last) {
        String name = ((first == null ? "" : first.strip()) + " " + (last == null ? "" : last.strip())).strip();
        return name.isEmpty() ? null : name;
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
