package org.townbrain.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.townbrain.support.IntegrationTest;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Open311 GeoReport v2 as a third-party client speaks it: plain HTTP against the running server,
 * form-encoded posts, answers read with a real XML parser and checked against the element names of
 * the specification, errors as the spec's error arrays. The demo county has placed no town seats,
 * so a position alone cannot tell the town.
 */
@IntegrationTest
class Open311ProtocolTests {

    static final String KEY = JiandeDemoCases.DEMO_OPEN311_KEY;
    static final String MEICHENG = "330182104";

    /** GeoReport v2, "GET Service Requests": the fields of a request, in the spec's order. */
    static final List<String> REQUEST_FIELDS = List.of("service_request_id", "status", "status_notes", "service_name",
            "service_code", "description", "agency_responsible", "service_notice", "requested_datetime",
            "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url");
    static final String W3C = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00";

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aClientFilesAFormPostAndReadsTheRequestBackInXmlAndJson() throws Exception {
        String description = "正大街口垃圾桶满溢 " + UUID.randomUUID();
        HttpResponse<String> posted = postForm("requests.xml", Map.of("api_key", KEY, "service_code", "E0102",
                "lat", "29.5501", "long", "119.4702", "attribute[town]", MEICHENG, "description", description,
                "media_url", "https://photos.example.org/a/1.jpg", "phone", "13800001234", "first_name", "李"));
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/xml");
        Element created = single(xml(posted.body()), "service_requests", "request");
        String id = text(created, "service_request_id");
        assertThat(id).isNotBlank();
        assertThat(text(created, "token")).isNotBlank();

        Element read = single(xml(read("requests/" + id + ".xml", Map.of()).body()), "service_requests", "request");
        assertThat(childNames(read)).isEqualTo(REQUEST_FIELDS);
        assertThat(text(read, "status")).isEqualTo("open");
        assertThat(text(read, "status_notes")).isEqualTo("待受理");
        assertThat(text(read, "media_url")).isEqualTo("https://photos.example.org/a/1.jpg");
        assertThat(text(read, "requested_datetime")).matches(W3C);
        assertThat(text(read, "updated_datetime")).matches(W3C);
        assertThat(Double.parseDouble(text(read, "lat"))).isEqualTo(29.5501);
        assertThat(text(read, "description")).isEqualTo(description);

        JsonNode asJson = json.readTree(read("requests/" + id + ".json", Map.of("Accept-Language", "en-US,en;q=0.9")).body()).get(0);
        assertThat(asJson.get("status_notes").asString()).isEqualTo("Reported");
        assertThat(asJson.get("media_url").asString()).isEqualTo("https://photos.example.org/a/1.jpg");
        assertThat(asJson.get("requested_datetime").asString()).matches(W3C);
        assertThat(asJson.toString()).doesNotContain("13800001234").doesNotContain("李");
        assertThat(json.readTree(read("requests/" + id + ".json?locale=en", Map.of()).body()).get(0).get("status_notes")
                .asString()).isEqualTo("Reported");

        // the case page shows the picture link
        mvc.perform(get("/cases/" + caseId(id)).with(httpBasic("county", "demo")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("href=\"https://photos.example.org/a/1.jpg\"")));

        // closed, the notes say why, in words
        long caseId = caseId(id);
        JsonNode c = act("county", caseId, "accept", 0);
        c = act("county", caseId, "dispatch", c.get("version").asInt());
        c = act("meicheng", caseId, "report-back", c.get("version").asInt(), ",\"note\":\"已清运\"");
        act("county", caseId, "verify-pass", c.get("version").asInt(), ",\"closingReason\":\"FIXED\"");
        Element closed = single(xml(read("requests/" + id + ".xml", Map.of()).body()), "service_requests", "request");
        assertThat(text(closed, "status")).isEqualTo("closed");
        assertThat(text(closed, "status_notes")).isEqualTo("已结案：已整改");
        assertThat(json.readTree(read("requests/" + id + ".json", Map.of("Accept-Language", "en")).body()).get(0)
                .get("status_notes").asString()).isEqualTo("Closed: Fixed");
    }

    @Test
    void anAddressOnlyReportNamingItsTownOpensACaseThereWithoutInventingAPosition() throws Exception {
        HttpResponse<String> posted = postForm("requests.json", Map.of("api_key", KEY, "service_code", "E0102",
                "address_string", "建德市梅城镇正大街 12 号门口", "description", "垃圾堆放多日 " + UUID.randomUUID()));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        String id = json.readTree(posted.body()).get(0).get("service_request_id").asString();
        assertThat(jdbc.sql("select town_code from cases_case where ref = :r").param("r", id).query(String.class).single())
                .isEqualTo(MEICHENG);
        JsonNode read = json.readTree(read("requests/" + id + ".json", Map.of()).body()).get(0);
        assertThat(read.get("address").asString()).isEqualTo("建德市梅城镇正大街 12 号门口");
        assertThat(read.get("lat").isNull()).isTrue();
        assertThat(read.get("long").isNull()).isTrue();
        Element inXml = single(xml(read("requests/" + id + ".xml", Map.of()).body()), "service_requests", "request");
        assertThat(text(inXml, "lat")).isEmpty();

        // short names and village names count too, when they name one town only
        assertThat(townOf(postAddress("下涯施家村村口"))).isEqualTo("330182106");
        assertThat(townOf(postAddress("寿昌 老街"))).isEqualTo("330182109");

        // two address-only reports share the stand-in position, yet are no duplicates of each other
        postAddress("梅城镇南门街");
        long another = caseId(postAddress("梅城镇南门街"));
        String view = mvc.perform(get("/api/cases/" + another).with(httpBasic("county", "demo"))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(json.readTree(view).get("possibleDuplicates").size()).isZero();
        assertThat(json.readTree(view).get("positionEstimated").asBoolean()).isTrue();
    }

    @Test
    void whenNobodyCanTellTheTownTheReportWaitsForTheCountyDispatcher() throws Exception {
        String description = "路灯不亮 " + UUID.randomUUID();
        // an address naming no town, and a position with no seat near (the demo places none): no attribute[town]
        HttpResponse<String> byAddress = postForm("requests.json", Map.of("api_key", KEY, "service_code", "C0111",
                "address_string", "村口大樟树下", "description", description));
        HttpResponse<String> byPosition = postForm("requests.xml", Map.of("api_key", KEY, "service_code", "C0111",
                "lat", "29.47", "long", "119.28", "description", "位置报告 " + UUID.randomUUID()));
        assertThat(byAddress.statusCode()).as(byAddress.body()).isEqualTo(200);
        assertThat(byPosition.statusCode()).as(byPosition.body()).isEqualTo(200);
        JsonNode answer = json.readTree(byAddress.body()).get(0);
        assertThat(answer.has("service_request_id")).isFalse();
        String token = answer.get("token").asString();
        assertThat(text(single(xml(byPosition.body()), "service_requests", "request"), "token")).isNotBlank();
        assertThat(jdbc.sql("select count(*) from cases_case where description = :d").param("d", description)
                .query(Integer.class).single()).isZero();

        JsonNode followed = json.readTree(read("tokens/" + token + ".json", Map.of()).body()).get(0);
        assertThat(followed.get("token").asString()).isEqualTo(token);
        assertThat(followed.get("service_request_id").isNull()).isTrue();

        long waiting = jdbc.sql("select id from cases_open311_triage where token = :t").param("t", token).query(Long.class).single();
        mvc.perform(get("/cases/triage").with(httpBasic("duty", "demo"))).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(description)));
        mvc.perform(get("/cases/triage").with(httpBasic("meicheng", "demo"))).andExpect(status().isForbidden());
        mvc.perform(post("/cases/triage/" + waiting + "/place").with(httpBasic("meicheng", "demo")).param("townCode", MEICHENG))
                .andExpect(status().isForbidden());

        String location = mvc.perform(post("/cases/triage/" + waiting + "/place").with(httpBasic("duty", "demo"))
                        .param("townCode", MEICHENG))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/cases/");
        String ref = json.readTree(read("tokens/" + token + ".json", Map.of()).body()).get(0).get("service_request_id").asString();
        assertThat(jdbc.sql("select town_code || ' ' || source || ' ' || position_estimated from cases_case where ref = :r")
                .param("r", ref).query(String.class).single()).isEqualTo(MEICHENG + " OPEN311 true");
        assertThat(jdbc.sql("select reporter_contact is null and state = 'PLACED' from cases_open311_triage where id = :id")
                .param("id", waiting).query(Boolean.class).single()).isTrue();
        // decided once: a second dispatcher's click is refused
        mvc.perform(post("/cases/triage/" + waiting + "/place").with(httpBasic("county", "demo")).param("townCode", MEICHENG))
                .andExpect(status().isConflict());
    }

    @Test
    void errorsAreTheSpecsErrorArraysWithTheRightStatus() throws Exception {
        HttpResponse<String> unknown = postForm("requests.json", Map.of("api_key", KEY, "service_code", "X9999",
                "lat", "29.55", "long", "119.47", "description", "未知服务类型"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        JsonNode error = json.readTree(unknown.body());
        assertThat(error.isArray()).isTrue();
        assertThat(error.get(0).get("code").asInt()).isEqualTo(404);
        assertThat(error.get(0).get("description").asString()).contains("X9999");

        HttpResponse<String> inXml = postForm("requests.xml", Map.of("service_code", "E0102", "lat", "29.55", "long", "119.47",
                "description", "没有密钥的请求"));
        assertThat(inXml.statusCode()).isEqualTo(403);
        Element xmlError = single(xml(inXml.body()), "errors", "error");
        assertThat(childNames(xmlError)).isEqualTo(List.of("code", "description"));
        assertThat(text(xmlError, "code")).isEqualTo("403");

        assertError(postForm("requests.json", Map.of("api_key", KEY, "service_code", "E0102", "description", "没有位置的请求")),
                400, "address_string");
        assertError(postForm("requests.json", Map.of("api_key", KEY, "service_code", "E0102", "lat", "29.55", "long", "119.47",
                "attribute[town]", MEICHENG, "description", "图片链接不对", "media_url", "javascript:alert(1)")), 400, "media_url");
        assertError(read("requests.json?status=pending", Map.of()), 400, "status");
        assertError(read("requests.json?start_date=yesterday", Map.of("Accept-Language", "en")), 400, "W3C date-time");
        assertError(read("services/X9999.json", Map.of()), 404, "X9999");
        assertError(read("requests/2000-9999999.json", Map.of()), 404, "2000-9999999");
        assertError(read("nothing-here.json", Map.of()), 404, null);
        assertError(read("services.html", Map.of()), 404, null);
        // the same error in English when asked
        assertThat(json.readTree(postForm("requests.json?locale=en", Map.of("service_code", "E0102")).body()).get(0)
                .get("description").asString()).isEqualTo("api_key is required");
    }

    @Test
    void statusAndIdsTakeCommaSeparatedLists() throws Exception {
        String first = postAddress("梅城镇府前街");
        String second = postAddress("梅城镇西门街");
        assertThat(read("requests.json?status=open,closed", Map.of()).statusCode()).isEqualTo(200);
        assertThat(read("requests.json?status=open&status=closed", Map.of()).statusCode()).isEqualTo(200);
        assertThat(ids(read("requests.json?status=closed", Map.of()))).doesNotContain(first);
        assertThat(ids(read("requests.json?status=open,closed&service_code=E0102,C0111", Map.of()))).contains(first, second);
        assertThat(ids(read("requests.json?service_request_id=" + first + "," + second, Map.of())))
                .containsExactlyInAnyOrder(first, second);
    }

    @Test
    void discoveryTellsTheAddressTheClientUsedBehindAReverseProxy() throws Exception {
        JsonNode direct = json.readTree(read("discovery.json", Map.of()).body());
        assertThat(direct.get("endpoints").get(0).get("url").asString()).isEqualTo("http://localhost:" + port + "/open311/v2");
        JsonNode proxied = json.readTree(read("discovery.json",
                Map.of("X-Forwarded-Host", "open311.town.example", "X-Forwarded-Proto", "https")).body());
        assertThat(proxied.get("endpoints").get(0).get("url").asString()).isEqualTo("https://open311.town.example/open311/v2");

        Document discovery = xml(read("discovery.xml", Map.of()).body());
        assertThat(childNames(discovery.getDocumentElement())).containsExactly("changeset", "contact", "key_service", "endpoints");
        Element endpoint = single(discovery, "discovery", "endpoints");
        Element first = (Element) endpoint.getElementsByTagName("endpoint").item(0);
        assertThat(childNames(first)).containsExactly("specification", "url", "changeset", "type", "formats");
        assertThat(text(discovery.getDocumentElement(), "changeset")).matches(W3C);
    }

    @Test
    void servicesAndTheirDefinitionUseTheSpecsElementsAndTheTownIsOptional() throws Exception {
        Document services = xml(read("services.xml", Map.of()).body());
        Element service = single(services, "services", "service");
        assertThat(childNames(service)).containsExactly("service_code", "service_name", "description", "metadata", "type",
                "keywords", "group");
        Document definition = xml(read("services/E0102.xml", Map.of()).body());
        assertThat(definition.getDocumentElement().getTagName()).isEqualTo("service_definition");
        Element attribute = (Element) definition.getElementsByTagName("attribute").item(0);
        assertThat(childNames(attribute)).containsExactly("variable", "code", "datatype", "required", "datatype_description",
                "order", "description", "values");
        assertThat(text(attribute, "required")).isEqualTo("false");
        Element value = (Element) attribute.getElementsByTagName("value").item(0);
        assertThat(childNames(value)).containsExactly("key", "name");
    }

    @Test
    void aBrowserAppOnAnotherOriginMayReadButNotPost() throws Exception {
        HttpResponse<String> read = read("services.json", Map.of("Origin", "https://dashboard.example.org"));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(read.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("requests.json"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://dashboard.example.org")
                .header("Access-Control-Request-Method", "GET").header("Access-Control-Request-Headers", "accept-language"));
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("GET");
        HttpResponse<String> postPreflight = send(HttpRequest.newBuilder(uri("requests.json"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://dashboard.example.org")
                .header("Access-Control-Request-Method", "POST"));
        assertThat(postPreflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        // only the Open311 reads: the rest of the application stays same-origin
        HttpResponse<String> elsewhere = send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/report"))
                .header("Origin", "https://dashboard.example.org"));
        assertThat(elsewhere.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private String postAddress(String address) throws Exception {
        HttpResponse<String> posted = postForm("requests.json", Map.of("api_key", KEY, "service_code", "E0102",
                "address_string", address, "description", "按地址上报 " + UUID.randomUUID()));
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        return json.readTree(posted.body()).get(0).get("service_request_id").asString();
    }

    private String townOf(String ref) {
        return jdbc.sql("select town_code from cases_case where ref = :r").param("r", ref).query(String.class).single();
    }

    private long caseId(String ref) {
        return jdbc.sql("select id from cases_case where ref = :r").param("r", ref).query(Long.class).single();
    }

    private List<String> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json.readTree(response.body()).forEach(r -> ids.add(r.get("service_request_id").asString()));
        return ids;
    }

    private JsonNode act(String user, long id, String action, int version) throws Exception {
        return act(user, id, action, version, "");
    }

    private JsonNode act(String user, long id, String action, int version, String more) throws Exception {
        return json.readTree(mvc.perform(post("/api/cases/" + id + "/" + action).with(httpBasic(user, "demo"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":" + version + more + "}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
    }

    private void assertError(HttpResponse<String> response, int status, String mentions) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json.readTree(response.body());
        assertThat(body.isArray()).as(response.body()).isTrue();
        assertThat(body.get(0).get("code").asInt()).isEqualTo(status);
        if (mentions != null) {
            assertThat(body.get(0).get("description").asString()).contains(mentions);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + "/open311/v2/" + path);
    }

    private HttpResponse<String> read(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        headers.forEach(request::header);
        return send(request);
    }

    private HttpResponse<String> postForm(String path, Map<String, String> form) throws Exception {
        String body = new LinkedHashMap<>(form).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static Document xml(String body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The first {@code child} of the document element, which must be {@code root}. */
    private static Element single(Document document, String root, String child) {
        assertThat(document.getDocumentElement().getTagName()).isEqualTo(root);
        Node node = document.getDocumentElement().getElementsByTagName(child).item(0);
        assertThat(node).as("<%s> in <%s>", child, root).isNotNull();
        return (Element) node;
    }

    private static List<String> childNames(Element element) {
        List<String> names = new ArrayList<>();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                names.add(e.getTagName());
            }
        }
        return names;
    }

    private static String text(Element element, String child) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(child)) {
                return e.getTextContent();
            }
        }
        throw new AssertionError("<" + child + "> missing in <" + element.getTagName() + ">");
    }
}
