package org.townbrain.cases;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/**
 * Open311 GeoReport v2 on top of the case catalogue and cases: services are the active 小类,
 * service requests are cases. The public view of a request never carries the reporter's name or
 * contact, and findings of unannounced inspections are not public. Every word in an answer comes
 * from the message bundles, in the requester's language.
 */
@Service
class Open311 {

    /**
     * A GeoReport error: answered as the spec's array of {code, description}. The description is
     * the message {@code open311.error.<key>}, or a domain rule's own (bilingual) message.
     */
    static final class Open311Error extends RuntimeException {
        final int status;
        final String key;
        final transient Object[] args;

        Open311Error(int status, String key, Object... args) {
            super(key);
            this.status = status;
            this.key = key;
            this.args = args;
        }

        private Open311Error(int status, String text, boolean literal) {
            super(text);
            this.status = status;
            this.key = null;
            this.args = new Object[0];
        }

        static Open311Error literal(int status, String text) {
            return new Open311Error(status, text, true);
        }
    }

    /** W3C date-time with seconds and offset, as the spec's examples: 2026-12-05T21:03:04+08:00. */
    static final DateTimeFormatter W3C = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final int MAX_IDS = 100;

    private static final String PUBLIC_CASES = """
            select c.ref, c.state, c.closing_reason, c.category_code, k.name as service_name, c.description, c.unit,
              c.reported_at, c.deadline, c.closed_at, c.address, c.longitude, c.latitude, c.media_url, c.position_estimated,
              (select max(e.at) from cases_event e where e.case_id = c.id) as updated_at
            from cases_case c join cases_category k on k.code = c.category_code
            where c.source <> 'COVERT_INSPECTION' and c.state not in ('MERGED')""";

    private final CategoryCatalogue catalogue;
    private final Open311Reports reports;
    private final AddressPlaces addresses;
    private final CountyArea area;
    private final Regions regions;
    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final CasesProperties properties;
    private final Clock clock;

    Open311(CategoryCatalogue catalogue, Open311Reports reports, AddressPlaces addresses, CountyArea area, Regions regions,
            JdbcClient jdbc, MessageSource messages, CasesProperties properties, Clock clock) {
        this.catalogue = catalogue;
        this.reports = reports;
        this.addresses = addresses;
        this.area = area;
        this.regions = regions;
        this.jdbc = jdbc;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    Map<String, Object> discovery(String baseUrl, Locale locale) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", "http://wiki.open311.org/GeoReport_v2");
        endpoint.put("url", baseUrl + "/open311/v2");
        endpoint.put("changeset", "2026-12-05T00:00:00+08:00");
        endpoint.put("type", "production");
        endpoint.put("formats", List.of("application/json", "text/xml"));
        Map<String, Object> discovery = new LinkedHashMap<>();
        discovery.put("changeset", "2026-12-05T00:00:00+08:00");
        String county = regions.county().map(org.townbrain.region.County::name).orElse("");
        discovery.put("contact", messages.getMessage("open311.contact", new Object[] {county}, locale).strip());
        discovery.put("key_service", text("open311.keyService", locale));
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
     * derived from lat/long where the county has placed its town and village seats, or from the
     * town or village the address names; when neither tells, the county's dispatcher places it.
     */
    Map<String, Object> definition(String code, Locale locale) {
        Category category = catalogue.find(code).filter(Category::active)
                .orElseThrow(() -> new Open311Error(404, "serviceUnknown", code));
        Map<String, Object> town = new LinkedHashMap<>();
        town.put("variable", true);
        town.put("code", "town");
        town.put("datatype", "singlevaluelist");
        town.put("required", false);
        town.put("datatype_description", text("open311.town.datatype", locale));
        town.put("order", 1);
        town.put("description", text("open311.town.description", locale));
        List<Map<String, Object>> values = new ArrayList<>();
        for (Town t : regions.towns()) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("key", t.code());
            value.put("name", t.name());
            values.add(value);
        }
        town.put("values", values);
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("service_code", category.code());
        definition.put("attributes", List.of(town));
        return definition;
    }

    /**
     * Files a request. A location is lat/long, or address_string, or address_id; the town is
     * attribute[town], or where the position lies, or what the address names; with none of them the
     * request waits for the county's dispatcher and the answer carries only a token.
     */
    @Transactional
    List<Map<String, Object>> post(Map<String, String> params, Locale locale) {
        String key = params.get("api_key");
        if (key == null || key.isBlank()) {
            throw new Open311Error(403, "keyMissing");
        }
        boolean known = jdbc.sql("select count(*) from cases_open311_client where key_hash = :h and active")
                .param("h", hash(key)).query(Integer.class).single() > 0;
        if (!known) {
            throw new Open311Error(403, "keyInvalid");
        }
        String code = blankToNull(params.get("service_code"));
        if (code == null) {
            throw new Open311Error(400, "serviceMissing");
        }
        if (catalogue.find(code).filter(Category::active).isEmpty()) {
            throw new Open311Error(404, "serviceUnknown", code);
        }
        Double lat = number(params.get("lat"), "lat");
        Double lon = number(params.get("long"), "long");
        if ((lat == null) != (lon == null)) {
            throw new Open311Error(400, "latLongPair");
        }
        String addressString = blankToNull(params.get("address_string"));
        String addressId = blankToNull(params.get("address_id"));
        if (lat == null && addressString == null && addressId == null) {
            throw new Open311Error(400, "locationMissing");
        }
        String description = params.get("description") == null ? "" : params.get("description").strip();
        if (description.length() < 4 || description.length() > 2000) {
            throw new Open311Error(400, "description");
        }
        String address = addressString != null ? addressString : "address_id " + addressId;
        if (address.length() > 200) {
            throw new Open311Error(400, "addressLength");
        }
        String mediaUrl = mediaUrl(params.get("media_url"));
        String phone = blankToNull(params.get("phone"));
        String contact = phone != null ? phone : blankToNull(params.get("email"));
        if (contact != null && contact.length() > 120) {
            throw new Open311Error(400, "contactLength");
        }
        String name = join(params.get("first_name"), params.get("last_name"));
        try {
            if (lon != null) {
                area.check(lon, lat);
            }
            String town = blankToNull(params.get("attribute[town]"));
            if (town != null && regions.town(town).isEmpty()) {
                throw new Open311Error(400, "townUnknown", town);
            }
            String village = null;
            if (town == null && lon != null) {
                town = regions.locate(lon, lat).map(org.townbrain.region.Place::townCode).orElse(null);
            }
            if (town == null) {
                AddressPlaces.Named named = addresses.find(addressString).orElse(null);
                if (named != null) {
                    town = named.townCode();
                    // a village the text names counts only where no position says better
                    village = lon == null ? named.villageCode() : null;
                }
            }
            Open311Reports.Submission submission = new Open311Reports.Submission(code, town, village, lon, lat, address,
                    description, mediaUrl, name, contact);
            Map<String, Object> answer = new LinkedHashMap<>();
            if (town == null) {
                answer.put("token", reports.park(submission));
                answer.put("service_notice", text("open311.notice.triage", locale));
            } else {
                CaseHandling.Reported reported = reports.open(submission);
                answer.put("service_request_id", reported.ref());
                answer.put("token", reported.token());
                answer.put("service_notice", text("open311.notice.received", locale));
            }
            answer.put("account_id", null);
            return List.of(answer);
        } catch (RejectedException e) {
            throw Open311Error.literal(400, e.getMessage());
        }
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
            ZoneId zone = ZoneId.of(properties.zone());
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

    String describe(Open311Error e, Locale locale) {
        return e.key == null ? e.getMessage() : messages.getMessage("open311.error." + e.key, e.args, locale);
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

    private Map<String, Object> publicView(java.sql.ResultSet rs, Locale locale) throws java.sql.SQLException {
        ZoneId zone = ZoneId.of(properties.zone());
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

    /** media_url is a link the client hosts: kept as given when it is an absolute http(s) URL. */
    private static String mediaUrl(String text) {
        String url = blankToNull(text);
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (url.length() > 500 || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new Open311Error(400, "mediaUrl");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new Open311Error(400, "mediaUrl");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Double number(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.strip());
            if (!Double.isFinite(value)) {
                throw new Open311Error(400, "number", field);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Open311Error(400, "number", field);
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
