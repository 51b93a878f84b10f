package org.townbrain.cases;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/** GeoReport v2 at {@code /open311/v2}, in JSON and XML. Reads are public; posting needs an api_key. */
@RestController
class Open311Controller {

    private static final Set<String> FORMATS = Set.of("json", "xml");

    private final Open311 open311;
    private final ObjectMapper json;

    Open311Controller(Open311 open311, ObjectMapper json) {
        this.open311 = open311;
        this.json = json;
    }

    @GetMapping("/open311/v2/discovery.{format}")
    ResponseEntity<String> discovery(@PathVariable String format, HttpServletRequest request) {
        String base = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort()
                + request.getContextPath();
        return answer(format, "discovery", null, open311.discovery(base));
    }

    @GetMapping("/open311/v2/services.{format}")
    ResponseEntity<String> services(@PathVariable String format) {
        return answer(format, "services", "service", open311.services());
    }

    @GetMapping("/open311/v2/services/{code}.{format}")
    ResponseEntity<String> service(@PathVariable String code, @PathVariable String format) {
        check(format);
        return answer(format, "service_definition", null, open311.definition(code));
    }

    @GetMapping("/open311/v2/requests.{format}")
    ResponseEntity<String> requests(@PathVariable String format, @RequestParam Map<String, String> params) {
        check(format);
        return answer(format, "service_requests", "request", open311.requests(params));
    }

    @PostMapping("/open311/v2/requests.{format}")
    ResponseEntity<String> post(@PathVariable String format, @RequestParam Map<String, String> params) {
        check(format);
        return answer(format, "service_requests", "request", open311.post(params));
    }

    @GetMapping("/open311/v2/requests/{id}.{format}")
    ResponseEntity<String> request(@PathVariable String id, @PathVariable String format) {
        check(format);
        return answer(format, "service_requests", "request", List.of(open311.request(id)));
    }

    @GetMapping("/open311/v2/tokens/{token}.{format}")
    ResponseEntity<String> token(@PathVariable String token, @PathVariable String format) {
        check(format);
        return answer(format, "service_requests", "request", List.of(open311.token(token)));
    }

    @ExceptionHandler(Open311.Open311Error.class)
    ResponseEntity<String> error(Open311.Open311Error e, HttpServletRequest request) {
        String format = request.getRequestURI().endsWith(".xml") ? "xml" : "json";
        return answer(format, e.status, "errors", "error", List.of(Map.of("code", e.status, "description", e.getMessage())));
    }

    private static void check(String format) {
        if (!FORMATS.contains(format)) {
            throw new Open311.Open311Error(404, "format must be json or xml");
        }
    }

    private ResponseEntity<String> answer(String format, String root, String item, Object body) {
        return answer(format, 200, root, item, body);
    }

    private ResponseEntity<String> answer(String format, int status, String root, String item, Object body) {
        if (!FORMATS.contains(format)) {
            format = "json";
            status = 404;
            body = List.of(Map.of("code", 404, "description", "format must be json or xml"));
            root = "errors";
            item = "error";
        }
        if ("xml".equals(format)) {
            return ResponseEntity.status(status).contentType(new MediaType("text", "xml", java.nio.charset.StandardCharsets.UTF_8))
                    .body(Xml.document(root, item, body));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
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
                        if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                            sb.append(c);
                        }
                    }
                }
            }
        }
    }
}
