package org.townbrain.cases;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.Regions;
import org.townbrain.region.Town;

/**
 * Open311 GeoReport v2 on top of the case catalogue and cases: services are the active 小类,
 * service requests are cases. Here discovery, services, their definition, posting a request and
 * the client keys; the reads of requests are {@link Open311Requests}. Every word in an answer comes
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

    private final CategoryCatalogue catalogue;
    private final Open311Reports reports;
    private final AddressPlaces addresses;
    private final CountyArea area;
    private final Regions regions;
    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final Clock clock;

    Open311(CategoryCatalogue catalogue, Open311Reports reports, AddressPlaces addresses, CountyArea area, Regions regions,
            JdbcClient jdbc, MessageSource messages, Clock clock) {
        this.catalogue = catalogue;
        this.reports = reports;
        this.addresses = addresses;
        this.area = area;
        this.regions = regions;
        this.jdbc = jdbc;
        this.messages = messages;
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

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
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
