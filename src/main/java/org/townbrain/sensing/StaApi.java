package org.townbrain.sensing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * OGC SensorThings API 1.1 at {@code /sta/v1.1} (and 1.0 at {@code /sta/v1.0}) over the sensing
 * module: reads for every signed-in user within their towns, create/update/delete for those who
 * manage sensors. Errors are JSON with the status as {@code code} and a {@code message}.
 */
@RestController
@Tag(name = "SensorThings", description = "OGC SensorThings API 1.1 / 1.0 over sensors and readings")
class StaApi {

    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/iot_sensing/1.1/req/datamodel",
            "http://www.opengis.net/spec/iot_sensing/1.1/req/resource-path/resource-path-to-entities",
            "http://www.opengis.net/spec/iot_sensing/1.1/req/request-data",
            "http://www.opengis.net/spec/iot_sensing/1.1/req/create-update-delete",
            "http://www.opengis.net/spec/iot_sensing/1.1/req/create-observations-via-mqtt/observations-creation");

    private final StaReads reads;
    private final StaWrites writes;
    private final ObjectMapper json;

    StaApi(StaReads reads, StaWrites writes, ObjectMapper json) {
        this.reads = reads;
        this.writes = writes;
        this.json = json;
    }

    @RequestMapping(path = {"/sta/{version:v1\\.[01]}", "/sta/{version:v1\\.[01]}/**"},
            method = {RequestMethod.GET, RequestMethod.POST, RequestMethod.PATCH, RequestMethod.PUT, RequestMethod.DELETE},
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.TEXT_PLAIN_VALUE, "*/*"})
    @Operation(summary = "SensorThings resources: Things, Locations, HistoricalLocations, Sensors, ObservedProperties, "
            + "Datastreams, Observations, FeaturesOfInterest, with $filter, $expand, $select, $orderby, $top, $skip, $count")
    ResponseEntity<?> handle(HttpServletRequest request, @RequestBody(required = false) byte[] body) {
        String prefix = request.getContextPath() + "/sta/";
        String uri = request.getRequestURI();
        String version = uri.substring(prefix.length(), prefix.length() + 4);
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().path("/sta/" + version).build().toUriString();
        String rest = uri.substring(prefix.length() + 4);
        StaQuery.Path path = StaQuery.path(rest);
        String method = request.getMethod();
        if (path == null) {
            if (!method.equals("GET")) {
                throw new StaException(405, "the service root is read-only");
            }
            return ResponseEntity.ok(root(base, version));
        }
        return switch (method) {
            case "GET" -> get(request, base, path);
            case "POST" -> post(base, path, body);
            case "PATCH", "PUT" -> {
                StaQuery.Step target = entity(path);
                writes.update(target, object(body));
                Map<String, Object> changed = reads.one(base, List.of(target), StaQuery.Options.none());
                yield ResponseEntity.ok(changed);
            }
            case "DELETE" -> {
                writes.delete(entity(path));
                yield ResponseEntity.ok().build();
            }
            default -> throw new StaException(405, "method not allowed");
        };
    }

    private static StaQuery.Step entity(StaQuery.Path path) {
        if (path.steps().size() != 1 || path.last().id() == null || path.property() != null || path.ref()) {
            throw new StaException("address one entity as EntitySet(id)");
        }
        return path.last();
    }

    private Map<String, Object> root(String base, String version) {
        List<Map<String, String>> sets = new ArrayList<>();
        for (StaModel.Type type : StaModel.TYPES.values()) {
            sets.add(Map.of("name", type.plural(), "url", base + "/" + type.plural()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", sets);
        if (version.equals("v1.1")) {
            out.put("serverSettings", Map.of("conformance", CONFORMANCE,
                    "http://www.opengis.net/spec/iot_sensing/1.1/req/create-observations-via-mqtt/observations-creation",
                    Map.of("mqtt", "topics v1.1/Datastreams(id)/Observations on the broker the sensors use")));
        }
        return out;
    }

    private ResponseEntity<?> get(HttpServletRequest request, String base, StaQuery.Path path) {
        Map<String, String> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> parameters.put(k, v[0]));
        StaQuery.Options options = StaQuery.options(parameters);
        if (path.ref()) {
            options = new StaQuery.Options(options.filter(), options.orderby(), List.of("@iot.selfLink"), Map.of(), options.top(),
                    options.skip(), options.count());
        }
        List<StaQuery.Step> steps = path.steps();
        if (path.single() || path.property() != null) {
            Map<String, Object> entity = reads.one(base, steps, path.property() != null ? StaQuery.Options.none() : options);
            if (entity == null) {
                throw new StaException(404, "no such " + path.last().type().singular());
            }
            if (path.property() != null) {
                String name = path.property().equals("id") ? "@iot.id" : path.property();
                Object value = entity.get(name);
                if (path.value()) {
                    String text = value == null ? "" : value instanceof String s ? s : json.writeValueAsString(value);
                    return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(text);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put(path.property(), value);
                return ResponseEntity.ok(out);
            }
            return ResponseEntity.ok(entity);
        }
        if (steps.size() > 1 && !reads.exists(steps.subList(0, steps.size() - 1))) {
            throw new StaException(404, "no such " + steps.get(steps.size() - 2).type().singular());
        }
        StaReads.Page page = reads.collection(base, steps, options, 0);
        Map<String, Object> out = new LinkedHashMap<>();
        if (page.count() != null) {
            out.put("@iot.count", page.count());
        }
        if (page.more()) {
            out.put("@iot.nextLink", StaReads.nextLink(request.getRequestURL().toString(), parameters, options));
        }
        out.put("value", page.entities());
        return ResponseEntity.ok(out);
    }

    private ResponseEntity<?> post(String base, StaQuery.Path path, byte[] body) {
        if (path.last().id() != null || path.property() != null || path.ref()) {
            throw new StaException(405, "POST goes to a collection (EntitySet or Entity(id)/Collection)");
        }
        long id = writes.create(path.steps(), object(body));
        StaModel.Type type = path.last().type();
        Map<String, Object> created = reads.one(base, List.of(new StaQuery.Step(type, null, id)), StaQuery.Options.none());
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", base + "/" + type.plural() + "(" + id + ")").body(created);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(byte[] body) {
        if (body == null || body.length == 0) {
            throw new StaException("a JSON object is expected in the body");
        }
        try {
            Object value = json.readValue(body, Object.class);
            if (!(value instanceof Map)) {
                throw new StaException("a JSON object is expected in the body");
            }
            return (Map<String, Object>) value;
        } catch (JacksonException e) {
            throw new StaException("the body is not valid JSON");
        }
    }

    @ExceptionHandler(StaException.class)
    ResponseEntity<Map<String, Object>> failed(StaException e) {
        return error(e.status(), e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Map<String, Object>> denied(AccessDeniedException e) {
        return error(403, "无权执行此操作 / not allowed for your role");
    }

    @ExceptionHandler(org.townbrain.platform.scope.OutOfScopeException.class)
    ResponseEntity<Map<String, Object>> outOfScope(RuntimeException e) {
        return error(403, "不在您的辖区 / outside your jurisdiction");
    }

    /** The error body: SensorThings servers answer {code, type, message}; the problem-detail members are there too. */
    static ResponseEntity<Map<String, Object>> error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", status);
        body.put("type", "error");
        body.put("message", message);
        body.put("title", HttpStatus.valueOf(status).getReasonPhrase());
        body.put("status", status);
        body.put("detail", message);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
