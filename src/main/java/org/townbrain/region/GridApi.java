package org.townbrain.region;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.townbrain.platform.errors.NotFoundException;
import org.townbrain.platform.errors.RejectedException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Unit grids (单元网格) as GeoJSON: read by any logged-in user, imported and drawn by the county admin. */
@RestController
@RequestMapping("/api/regions/grids")
@Tag(name = "Regions", description = "The county, its clusters, towns and villages")
class GridApi {

    static final String GEO_JSON = "application/geo+json";
    static final String KML = "application/vnd.google-earth.kml+xml";

    private final GridStore store;
    private final GridImport imports;
    private final Regions regions;
    private final ObjectMapper json;

    GridApi(GridStore store, GridImport imports, Regions regions, ObjectMapper json) {
        this.store = store;
        this.imports = imports;
        this.regions = regions;
        this.json = json;
    }

    @GetMapping(produces = {GEO_JSON, MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "The unit grids of the county, or of one town, as a GeoJSON FeatureCollection")
    ResponseEntity<String> grids(@RequestParam(required = false) String town) {
        if (town != null && regions.town(town).isEmpty()) {
            throw new NotFoundException("town " + town);
        }
        ObjectNode collection = json.createObjectNode();
        collection.put("type", "FeatureCollection");
        ArrayNode features = collection.putArray("features");
        for (GridStore.Stored s : store.all(town)) {
            features.add(feature(s));
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(GEO_JSON)).body(collection.toString());
    }

    @GetMapping(value = "/{code}", produces = {GEO_JSON, MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "One unit grid as a GeoJSON Feature, with the version an edit must carry")
    ResponseEntity<String> grid(@PathVariable String code) {
        GridStore.Stored s = store.byCode(code).orElseThrow(() -> new NotFoundException("grid " + code));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(GEO_JSON)).body(feature(s).toString());
    }

    @PostMapping(consumes = {GEO_JSON, MediaType.APPLICATION_JSON_VALUE, KML, "application/xml", "text/xml"})
    @PreAuthorize("hasRole('COUNTY_ADMIN')")
    @Operation(summary = "Import grids (GeoJSON FeatureCollection of Polygons with code, name, villageCode, workers; or KML):"
            + " answers what was added, changed and rejected with reasons; 422 when nothing could be taken")
    ResponseEntity<?> importGrids(@RequestBody byte[] body,
            @RequestHeader(value = "Content-Type", defaultValue = GEO_JSON) String contentType) {
        List<GridShapes.Drawn> drawn = contentType.contains("xml") ? GridShapes.fromKml(body) : GridShapes.fromGeoJson(read(body));
        if (drawn.isEmpty()) {
            throw new RejectedException("features", "文件中没有网格 / the file holds no grid");
        }
        GridImport.Report report = imports.apply(drawn, false);
        if (report.added().isEmpty() && report.changed().isEmpty() && report.unchanged().isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    "没有可导入的网格：" + report.rejected().getFirst().reason() + " / no grid could be imported");
            problem.setTitle("网格未通过校验 / grids rejected");
            problem.setProperty("added", report.added());
            problem.setProperty("changed", report.changed());
            problem.setProperty("rejected", report.rejected());
            return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return ResponseEntity.ok(report);
    }

    @PutMapping(value = "/{code}", consumes = {GEO_JSON, MediaType.APPLICATION_JSON_VALUE})
    @PreAuthorize("hasRole('COUNTY_ADMIN')")
    @Operation(summary = "Redraw one grid (a GeoJSON Feature whose properties carry the version it was drawn from; 409 when stale)")
    ResponseEntity<String> edit(@PathVariable String code, @RequestBody byte[] body) {
        JsonNode feature = read(body);
        JsonNode version = feature.path("properties").path("version");
        if (!version.isIntegralNumber()) {
            throw new RejectedException("version", "需要 properties.version / properties.version is required");
        }
        List<GridShapes.Drawn> drawn = GridShapes.fromGeoJson(feature);
        imports.edit(code, drawn.getFirst(), version.asInt());
        return grid(code);
    }

    private JsonNode read(byte[] body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new RejectedException("body", "不是有效的 GeoJSON / not valid GeoJSON");
        }
    }

    private ObjectNode feature(GridStore.Stored s) {
        ObjectNode feature = json.createObjectNode();
        feature.put("type", "Feature");
        feature.put("id", s.grid().code());
        ObjectNode p = feature.putObject("properties");
        p.put("code", s.grid().code());
        p.put("name", s.grid().name());
        p.put("villageCode", s.grid().villageCode());
        p.put("townCode", s.grid().townCode());
        ArrayNode workers = p.putArray("workers");
        s.grid().workers().forEach(workers::add);
        p.put("version", s.version());
        p.put("demo", s.demo());
        feature.set("geometry", GridShapes.toGeoJson(json, s.polygon()));
        return feature;
    }

}
