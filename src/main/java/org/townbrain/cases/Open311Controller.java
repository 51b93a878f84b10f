package org.townbrain.cases;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.ObjectMapper;

/**
 * GeoReport v2 at {@code /open311/v2}, in JSON and XML (by the path's extension). Reads are public
 * (and readable by browser apps on other origins, see {@link CasesConfiguration}); posting needs an
 * api_key. Answers speak the requester's language: {@code locale=en} or {@code Accept-Language: en}
 * gives English, anything else Simplified Chinese.
 */
@RestController
class Open311Controller {

    private static final Set<String> FORMATS = Set.of("json", "xml");

    private final Open311 open311;
    private final Open311Requests requests;
    private final ObjectMapper json;

    Open311Controller(Open311 open311, Open311Requests requests, ObjectMapper json) {
        this.open311 = open311;
        this.requests = requests;
        this.json = json;
    }

    @GetMapping("/open311/v2/discovery.{format}")
    ResponseEntity<String> discovery(@PathVariable String format, HttpServletRequest request) {
        check(format);
        // the address a client used, also behind a reverse proxy (server.forward-headers-strategy)
        String base = ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build().toUriString();
        return answer(format, request, "discovery", null, open311.discovery(base, locale(request)));
    }

    @GetMapping("/open311/v2/services.{format}")
    ResponseEntity<String> services(@PathVariable String format, HttpServletRequest request) {
        check(format);
        return answer(format, request, "services", "service", open311.services());
    }

    @GetMapping("/open311/v2/services/{code}.{format}")
    ResponseEntity<String> service(@PathVariable String code, @PathVariable String format, HttpServletRequest request) {
        check(format);
        return answer(format, request, "service_definition", null, open311.definition(code, locale(request)));
    }

    @GetMapping("/open311/v2/requests.{format}")
    ResponseEntity<String> requests(@PathVariable String format, @RequestParam MultiValueMap<String, String> params,
            HttpServletRequest request) {
        check(format);
        return answer(format, request, "service_requests", "request", requests.requests(params, locale(request)));
    }

    @PostMapping("/open311/v2/requests.{format}")
    ResponseEntity<String> post(@PathVariable String format, @RequestParam Map<String, String> params,
            HttpServletRequest request) {
        check(format);
        return answer(format, request, "service_requests", "request", open311.post(params, locale(request)));
    }

    @GetMapping("/open311/v2/requests/{id}.{format}")
    ResponseEntity<String> request(@PathVariable String id, @PathVariable String format, HttpServletRequest request) {
        check(format);
        return answer(format, request, "service_requests", "request", List.of(requests.request(id, locale(request))));
    }

    @GetMapping("/open311/v2/tokens/{token}.{format}")
    ResponseEntity<String> token(@PathVariable String token, @PathVariable String format, HttpServletRequest request) {
        check(format);
        return answer(format, request, "service_requests", "request", List.of(requests.token(token)));
    }

    /** Anything else under the endpoint: the spec's 404, not the application's error page. */
    @RequestMapping("/open311/v2/**")
    ResponseEntity<String> unknown() {
        throw new Open311.Open311Error(404, "notFound");
    }

    @ExceptionHandler(Open311.Open311Error.class)
    ResponseEntity<String> error(Open311.Open311Error e, HttpServletRequest request) {
        String format = request.getRequestURI().endsWith(".xml") ? "xml" : "json";
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.status);
        error.put("description", open311.describe(e, locale(request)));
        return answer(format, request, e.status, "errors", "error", List.of(error));
    }

    /** zh-CN unless the requester asks for English, by {@code locale=en} or first among its Accept-Language. */
    static Locale locale(HttpServletRequest request) {
        String asked = request.getParameter("locale");
        List<Locale> wanted = asked != null && !asked.isBlank() ? List.of(Locale.forLanguageTag(asked.strip().replace('_', '-')))
                : request.getHeader("Accept-Language") == null ? List.of() : Collections.list(request.getLocales());
        for (Locale l : wanted) {
            if ("en".equals(l.getLanguage())) {
                return Locale.ENGLISH;
            }
            if ("zh".equals(l.getLanguage())) {
                return Locale.SIMPLIFIED_CHINESE;
            }
        }
        return Locale.SIMPLIFIED_CHINESE;
    }

    private static void check(String format) {
        if (!FORMATS.contains(format)) {
            throw new Open311.Open311Error(404, "format");
        }
    }

    private ResponseEntity<String> answer(String format, HttpServletRequest request, String root, String item, Object body) {
        return answer(format, request, 200, root, item, body);
    }

    private ResponseEntity<String> answer(String format, HttpServletRequest request, int status, String root, String item,
            Object body) {
        var answer = ResponseEntity.status(status).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .header(HttpHeaders.CONTENT_LANGUAGE, locale(request).toLanguageTag());
        if ("xml".equals(format)) {
            return answer.contentType(new MediaType("text", "xml", StandardCharsets.UTF_8)).body(Xml.document(root, item, body));
        }
        return answer.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
    }

    /** Just enough XML for GeoReport: maps become elements, lists repeat their singular name. */
    static final class Xml {
        private static final Map<String, String> SINGULAR = Map.of("endpoints", "endpoint", "formats", "format",
                "attributes", "attribute", "values", "value");

        static String document(String root, String item, Object body) {
            StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
            sb.append('<').append(root).append('>');
            if (body instanceof List<?> list) {
                for (Object o : list) {
                    write(sb, item, o);
                }
            } else if (body instanceof Map<?, ?> map) {
                children(sb, map);
            }
            return sb.append("</").append(root).append('>').toString();
        }

        private static void write(StringBuilder sb, String name, Object value) {
            sb.append('<').append(name).append('>');
            if (value instanceof Map<?, ?> map) {
                children(sb, map);
            } else if (value instanceof List<?> list) {
                String singular = SINGULAR.getOrDefault(name, "item");
                list.forEach(o -> write(sb, singular, o));
            } else if (value != null) {
                escape(sb, String.valueOf(value));
            }
            sb.append("</").append(name).append('>');
        }

        private static void children(StringBuilder sb, Map<?, ?> map) {
            map.forEach((k, v) -> write(sb, String.valueOf(k), v));
        }

        private static void escape(StringBuilder sb, String text) {
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '<' -> sb.append("&lt;");
                    case '>' -> sb.append("&gt;");
                    case '&' -> sb.append("&amp;");
                    case '"' -> sb.append("&quot;");
                    default -> {
                        if ((c >= 0x20 && c != 0xFFFE && c != 0xFFFF) || c == '\n' || c == '\t' || c == '\r') {
                            sb.append(c);
                        }
                    }
                }
            }
        }
    }
}
