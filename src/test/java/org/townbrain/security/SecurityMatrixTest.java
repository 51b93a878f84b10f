package org.townbrain.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.townbrain.platform.web.PublicPaths;
import org.townbrain.support.IntegrationTest;

/**
 * Every endpoint × every demo role × another town's ids, generated from the running
 * application's request mappings and its OpenAPI document, so that a new endpoint is covered
 * without anyone listing it here.
 *
 * <ul>
 * <li>anonymous: 401 (API) or a redirect to the login page, except the public paths modules declare;</li>
 * <li>a role an endpoint's {@code @PreAuthorize} (or {@code /admin/**}) leaves out: 403;</li>
 * <li>寿昌 staff with 梅城's town code, village code or record ids: 403/404 — and a 200 never
 *     carries 梅城's codes;</li>
 * <li>nobody ever gets a 5xx, and a broken multipart upload is a 400.</li>
 * </ul>
 */
@IntegrationTest
class SecurityMatrixTest {

    private static final Logger log = LoggerFactory.getLogger(SecurityMatrixTest.class);

    static final String OWN_TOWN = "330182104"; // 梅城
    static final String OTHER_TOWN = "330182109"; // 寿昌
    static final List<String> USERS = List.of("county", "meicheng", "shouchang", "grid.meicheng", "inspector", "duty");
    static final Map<String, String> ROLE = Map.of("county", "COUNTY_ADMIN", "meicheng", "TOWN_STAFF",
            "shouchang", "TOWN_STAFF", "grid.meicheng", "GRID_WORKER", "inspector", "INSPECTOR", "duty", "DUTY_OFFICER");
    /** Paths the security configuration itself keeps open or that end the session. */
    static final List<String> ALWAYS_OPEN = List.of("/login", "/logout", "/error", "/error/**", "/webjars/**", "/css/**",
            "/js/**", "/img/**", "/geo/**", "/favicon.ico");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    List<PublicPaths> publicPaths;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final AntPathMatcher ant = new AntPathMatcher();
    private final Map<String, String> sampleCache = new LinkedHashMap<>();

    record Endpoint(HttpMethod method, String pattern, HandlerMethod handler) {
        boolean write() {
            return method != HttpMethod.GET && method != HttpMethod.HEAD;
        }

        boolean api() {
            return pattern.startsWith("/api/") || pattern.startsWith("/open311/") && pattern.contains("{format}")
                    || pattern.startsWith("/v3/") || pattern.startsWith("/sta/");
        }
    }

    @Test
    void everyEndpointEveryRoleAndAnotherTownsIds() throws Exception {
        long started = System.nanoTime();
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("endpoints found in the mappings").hasSizeGreaterThan(100);
        List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        Map<Endpoint, String[]> urls = new LinkedHashMap<>(); // filled one by one: the samples come from the database
        for (Endpoint endpoint : endpoints) {
            urls.put(endpoint, new String[] {fill(endpoint.pattern(), OWN_TOWN), fill(endpoint.pattern(), OTHER_TOWN)});
        }
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(4);
        try {
            pool.submit(() -> endpoints.parallelStream().forEach(endpoint -> {
                try {
                    probe(endpoint, urls.get(endpoint)[0], urls.get(endpoint)[1], violations, requests);
                } catch (Exception e) {
                    violations.add(endpoint + " could not be probed: " + e);
                }
            })).get();
        } finally {
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        log.info("security matrix: {} endpoints, {} requests in {} s, {} violations", endpoints.size(), requests.get(),
                String.format(Locale.ROOT, "%.1f", seconds), violations.size());
        assertThat(violations).as("security matrix violations (%d endpoints, %d requests)", endpoints.size(), requests.get())
                .isEmpty();
        // its time is logged, not asserted: on a shared, overloaded machine a wall-clock limit only fails at random
    }

    private void probe(Endpoint endpoint, String own, String other, List<String> violations,
            java.util.concurrent.atomic.AtomicInteger requests) throws Exception {
        boolean open = isPublic(endpoint.pattern());
        // anonymous
        MockHttpServletResponse anonymous = perform(endpoint, own, null);
        requests.incrementAndGet();
        noServerError(violations, endpoint, own, "anonymous", anonymous);
        if (!open) {
            boolean toLogin = anonymous.getStatus() / 100 == 3
                    && String.valueOf(anonymous.getHeader("Location")).contains("/login");
            if (anonymous.getStatus() != 401 && !toLogin) {
                violations.add("%s %s anonymous → %d (expected 401 or a redirect to the login page)"
                        .formatted(endpoint.method(), own, anonymous.getStatus()));
            }
        }
        Set<String> allowed = rolesAllowed(endpoint);
        for (String user : USERS) {
            if (endpoint.method() == HttpMethod.DELETE && ("county".equals(user) || "meicheng".equals(user))) {
                continue; // would delete shared demo data the other tests read
            }
            MockHttpServletResponse response = perform(endpoint, own, user);
            requests.incrementAndGet();
            noServerError(violations, endpoint, own, user, response);
            boolean roleRefused = allowed != null && !allowed.contains(ROLE.get(user));
            // 400: the arguments are bound before the method-security check runs, so an empty form
            // is refused as incomplete before the role is looked at; nothing is done either way
            if (roleRefused && !open && response.getStatus() != 403 && response.getStatus() != 400) {
                violations.add("%s %s as %s → %d (its role is not in %s: expected 403)"
                        .formatted(endpoint.method(), own, user, response.getStatus(), allowed));
            }
            if ("shouchang".equals(user) && !open && !own.equals(other)) {
                // the URL names 梅城 (its code or one of its records): another town's id for 寿昌
                int status = response.getStatus();
                if (status / 100 == 2 && endpoint.write()) {
                    violations.add("%s %s as shouchang (another town) → %d: a write into another town"
                            .formatted(endpoint.method(), own, status));
                }
            }
            if ("shouchang".equals(user) && !open && response.getStatus() == 200 && !referenceData(endpoint)) {
                String body = body(response);
                if (leaksOwnTown(body)) {
                    violations.add("%s %s as shouchang → 200 with 梅城's data (%s)"
                            .formatted(endpoint.method(), own, excerpt(body)));
                }
            }
        }
        if (takesUpload(endpoint)) {
            MockHttpServletResponse broken = performSafely(MockMvcRequestBuilders.request(endpoint.method(), own)
                    .with(httpBasic("county", "demo")).with(csrf())
                    .contentType("multipart/form-data; boundary=----broken")
                    .content("------broken\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\nnot closed"));
            requests.incrementAndGet();
            if (broken.getStatus() != 400 && broken.getStatus() != 403 && broken.getStatus() != 404) {
                violations.add("%s %s with a broken multipart body → %d (expected 400)"
                        .formatted(endpoint.method(), own, broken.getStatus()));
            }
        }
    }

    /** The request mappings (pages and API) and the OpenAPI document's operations, deduplicated. */
    List<Endpoint> endpoints() throws Exception {
        Map<String, Endpoint> found = new LinkedHashMap<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<String> patterns = info.getPatternValues();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (methods.isEmpty()) {
                methods = Set.of(RequestMethod.GET, RequestMethod.POST);
            }
            for (String pattern : patterns) {
                if (skipped(pattern)) {
                    continue;
                }
                for (RequestMethod method : methods) {
                    found.putIfAbsent(method + " " + pattern, new Endpoint(method.asHttpMethod(), pattern, entry.getValue()));
                }
            }
        }
        int fromMappings = found.size();
        String apiDocs = mvc.perform(MockMvcRequestBuilders.get("/v3/api-docs").with(httpBasic("county", "demo")))
                .andReturn().getResponse().getContentAsString();
        int fromDocs = 0;
        if (apiDocs.startsWith("{")) {
            Object paths = JsonParserFactory.getJsonParser().parseMap(apiDocs).get("paths");
            if (paths instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> path : map.entrySet()) {
                    if (path.getValue() instanceof Map<?, ?> operations) {
                        for (Object method : operations.keySet()) {
                            String key = String.valueOf(method).toUpperCase(Locale.ROOT) + " " + path.getKey();
                            fromDocs++;
                            if (!skipped(String.valueOf(path.getKey())) && !found.containsKey(key)) {
                                found.put(key, new Endpoint(HttpMethod.valueOf(String.valueOf(method).toUpperCase(Locale.ROOT)),
                                        String.valueOf(path.getKey()), null));
                            }
                        }
                    }
                }
            }
            assertThat(fromDocs).as("operations in the OpenAPI document").isPositive();
        }
        log.info("security matrix: {} endpoints from the mappings, {} operations in the OpenAPI document, {} in all",
                fromMappings, fromDocs, found.size());
        return new ArrayList<>(found.values());
    }

    private boolean skipped(String pattern) {
        return pattern.equals("/logout") || pattern.equals("/login") || pattern.startsWith("/error")
                || pattern.startsWith("/v3/api-docs") || pattern.startsWith("/swagger");
    }

    /**
     * The county's divisions (towns, villages, their seats and boundaries) are published
     * reference data every logged-in user reads to find their way; they are nobody's records.
     */
    static boolean referenceData(Endpoint endpoint) {
        return endpoint.method() == HttpMethod.GET && endpoint.pattern().startsWith("/api/regions/");
    }

    /** The visitor's check-in (a venue's code), which the product names public beside the pages under {@code /c/}. */
    static final Pattern PUBLIC_CHECKIN = Pattern.compile("/api/checkin/\\{[a-zA-Z]+}");

    private boolean isPublic(String pattern) {
        if (PUBLIC_CHECKIN.matcher(pattern).matches()) {
            return true;
        }
        String sample = pattern.replaceAll("\\{[^}]+}", "x");
        List<String> open = new ArrayList<>(ALWAYS_OPEN);
        publicPaths.forEach(p -> open.addAll(p.patterns()));
        return open.stream().anyMatch(p -> ant.match(p, sample) || ant.match(p, pattern));
    }

    private MockHttpServletResponse perform(Endpoint endpoint, String url, String user) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(endpoint.method(), url).with(csrf());
        if (user != null) {
            request.with(httpBasic(user, "demo"));
        }
        if (endpoint.api()) {
            request.accept(MediaType.APPLICATION_JSON);
            if (endpoint.write()) {
                request.contentType(MediaType.APPLICATION_JSON).content("{}");
            }
        } else {
            request.accept(MediaType.TEXT_HTML);
            if (endpoint.write()) {
                request.contentType(MediaType.APPLICATION_FORM_URLENCODED);
            }
        }
        return performSafely(request);
    }

    /** MockMvc rethrows what no handler answered; the server would answer that with a 500. */
    private MockHttpServletResponse performSafely(MockHttpServletRequestBuilder request) {
        try {
            return mvc.perform(request).andReturn().getResponse();
        } catch (Exception e) {
            MockHttpServletResponse failed = new MockHttpServletResponse();
            failed.setStatus(500);
            log.warn("security matrix: unanswered exception {}", e.toString());
            return failed;
        }
    }

    private void noServerError(List<String> violations, Endpoint endpoint, String url, String user,
            MockHttpServletResponse response) {
        if (response.getStatus() >= 500) {
            violations.add("%s %s as %s → %d".formatted(endpoint.method(), url, user, response.getStatus()));
        }
    }

    /** The roles an endpoint's {@code @PreAuthorize} names, or {@code null} when it decides in its code. */
    Set<String> rolesAllowed(Endpoint endpoint) {
        if (endpoint.pattern().startsWith("/admin")) {
            return Set.of("COUNTY_ADMIN");
        }
        if (endpoint.handler() == null) {
            return null;
        }
        Method method = endpoint.handler().getMethod();
        PreAuthorize rule = AnnotatedElementUtils.findMergedAnnotation(method, PreAuthorize.class);
        if (rule == null) {
            rule = AnnotatedElementUtils.findMergedAnnotation(endpoint.handler().getBeanType(), PreAuthorize.class);
        }
        if (rule == null || !rule.value().matches("(?s)\\s*has(Any)?Role\\([^)]*\\)\\s*")) {
            return null; // only the plain forms are read; anything else is left to the module's own tests
        }
        Set<String> roles = new TreeSet<>();
        Matcher quoted = Pattern.compile("'([A-Z_]+)'").matcher(rule.value());
        while (quoted.find()) {
            roles.add(quoted.group(1));
        }
        return roles.isEmpty() ? null : roles;
    }

    private boolean takesUpload(Endpoint endpoint) {
        return endpoint.handler() != null && endpoint.write() && java.util.Arrays.stream(endpoint.handler().getMethod().getParameterTypes())
                .anyMatch(type -> MultipartFile.class.isAssignableFrom(type) || type.getName().contains("Multipart"));
    }

    /** A URL for the pattern whose variables name the given town, its villages and its records. */
    String fill(String pattern, String town) {
        Matcher variable = Pattern.compile("\\{([^}:]+)(:[^}]*)?}").matcher(pattern);
        StringBuilder url = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            String before = pattern.substring(0, variable.start());
            String[] segments = before.split("/");
            String segment = segments.length == 0 ? "" : segments[segments.length - 1];
            variable.appendReplacement(url, Matcher.quoteReplacement(value(name, segment, town)));
        }
        variable.appendTail(url);
        return url.toString();
    }

    private String value(String name, String segment, String town) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("year")) {
            return "2025";
        }
        if (lower.equals("day") || lower.equals("date")) {
            return "2021-03-03";
        }
        if (lower.equals("format")) {
            return "json";
        }
        if (lower.equals("town") || lower.equals("towncode") || lower.equals("code") && segment.startsWith("town")) {
            return town;
        }
        if (lower.equals("county")) {
            return "330182";
        }
        if (lower.equals("code") && segment.startsWith("village")) {
            return sample("region_village", "code", town, "9" + town + "999");
        }
        if (lower.endsWith("id") || lower.equals("code")) {
            String column = lower.equals("code") ? "code" : "id";
            String table = tableFor(segment, column);
            if (table != null) {
                return sample(table, column, town, column.equals("id") ? "999999999" : "NO-SUCH-CODE");
            }
            return column.equals("id") ? "999999999" : "NO-SUCH-CODE";
        }
        return "1";
    }

    /** The module table a path segment names ({@code projects} → {@code projects_project}), with a town column. */
    private String tableFor(String segment, String column) {
        String stem = segment.toLowerCase(Locale.ROOT).replaceAll("(es|s)$", "");
        if (stem.length() < 3) {
            return null;
        }
        return sampleCache.computeIfAbsent("table " + stem + " " + column, k -> jdbc.sql("""
                select t.table_name from information_schema.columns t
                join information_schema.columns town on town.table_name = t.table_name and town.table_schema = t.table_schema
                  and town.column_name in ('town_code', 'town')
                where t.table_schema = current_schema() and t.column_name = :column and t.table_name like :like
                order by length(t.table_name) limit 1""").param("column", column).param("like", "%" + stem + "%")
                .query(String.class).optional().orElse(""))
                .transform(s -> s.isEmpty() ? null : s);
    }

    private String sample(String table, String column, String town, String fallback) {
        return sampleCache.computeIfAbsent(table + "." + column + "@" + town, k -> {
            String townColumn = jdbc.sql("""
                    select column_name from information_schema.columns where table_schema = current_schema()
                    and table_name = :table and column_name in ('town_code', 'town') limit 1""")
                    .param("table", table).query(String.class).optional().orElse("town_code");
            return jdbc.sql("select " + column + "::text from " + table + " where " + townColumn + " = :town order by "
                            + column + " limit 1")
                    .param("town", town).query(String.class).optional().orElse(fallback);
        });
    }

    /** 梅城's codes (the town, its villages) in a body that 寿昌 staff received. */
    private static final Pattern OWN_TOWN_CODE = Pattern.compile(
            "\"(townCode|town|villageCode|code)\"\\s*:\\s*\"" + OWN_TOWN + "|href=\"[^\"]*" + OWN_TOWN);

    static boolean leaksOwnTown(String body) {
        return OWN_TOWN_CODE.matcher(body).find();
    }

    private static String body(MockHttpServletResponse response) {
        try {
            return response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.UnsupportedEncodingException e) {
            return "";
        }
    }

    private static String excerpt(String body) {
        Matcher m = OWN_TOWN_CODE.matcher(body);
        if (!m.find()) {
            return "";
        }
        return body.substring(Math.max(0, m.start() - 80), Math.min(body.length(), m.end() + 80));
    }

}
