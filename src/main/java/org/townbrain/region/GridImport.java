package org.townbrain.region;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.townbrain.platform.errors.ConflictException;
import tools.jackson.databind.ObjectMapper;

/**
 * Adds and changes unit grids from drawn or imported shapes. Each grid is checked on its own
 * (a valid polygon, inside the county, overlapping no other grid, in an existing village, a
 * code that extends the village's) and the answer says what was added, changed and rejected
 * and why; a rejected grid writes nothing.
 */
@Service
class GridImport {

    private static final Pattern CODE = Pattern.compile("^[0-9]{15}$");
    private static final Pattern USER = Pattern.compile("^[\\p{L}\\p{N}._@-]{1,60}$");

    record Rejection(int feature, String code, String reason) {
    }

    record Report(List<String> added, List<String> changed, List<String> unchanged, List<Rejection> rejected) {
    }

    private final GridStore store;
    private final RegionRepository regions;
    private final GridIndex index;
    private final ObjectMapper json;
    private final Clock clock;

    GridImport(GridStore store, RegionRepository regions, GridIndex index, ObjectMapper json, Clock clock) {
        this.store = store;
        this.regions = regions;
        this.index = index;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    Report apply(List<GridShapes.Drawn> drawn, boolean demo) {
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        store.lockForChange();
        List<GridStore.Stored> existing = new ArrayList<>(store.all(null));
        Geometry outline = outline();
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (int i = 0; i < drawn.size(); i++) {
            GridShapes.Drawn d = drawn.get(i);
            String code = d.text("code");
            try {
                Checked c = check(d, existing, outline);
                if (c.before() == null) {
                    store.insert(c.grid(), c.polygon(), demo, now);
                    added.add(code);
                } else if (c.before().grid().equals(c.grid()) && c.before().polygon().equalsExact(c.polygon(), 1e-7)) {
                    unchanged.add(code);
                    continue;
                } else {
                    if (!store.update(c.before().id(), c.version(), c.grid(), c.polygon(), now)) {
                        throw new Refused("已被他人修改，请刷新后重试 / someone else changed this grid; reload and try again");
                    }
                    changed.add(code);
                    existing.remove(c.before());
                }
                existing.add(new GridStore.Stored(-1, c.grid(), c.polygon(), 0, demo));
            } catch (Refused e) {
                rejected.add(new Rejection(i, code, e.getMessage()));
            }
        }
        if (!added.isEmpty() || !changed.isEmpty()) {
            index.changed();
        }
        return new Report(added, changed, unchanged, rejected);
    }

    /** One grid drawn on the map from {@code version}: 409 when it is stale, 422 when it is invalid. */
    @Transactional
    Report edit(String code, GridShapes.Drawn drawn, int version) {
        GridStore.Stored before = store.byCode(code).orElseThrow(() -> new org.townbrain.platform.errors.NotFoundException("grid " + code));
        if (before.version() != version) {
            throw new ConflictException("已被他人修改，请刷新后重试 / someone else changed this grid; reload and try again");
        }
        java.util.Map<String, Object> properties = new java.util.LinkedHashMap<>(drawn.properties());
        properties.put("code", code);
        properties.putIfAbsent("villageCode", before.grid().villageCode());
        properties.putIfAbsent("name", before.grid().name());
        properties.putIfAbsent("workers", before.grid().workers());
        properties.put("version", version);
        Report report = apply(List.of(new GridShapes.Drawn(properties, drawn.polygon(), drawn.problem())), false);
        if (!report.rejected().isEmpty()) {
            String reason = report.rejected().getFirst().reason();
            if (reason.contains("someone else changed")) {
                throw new ConflictException(reason);
            }
            throw new org.townbrain.platform.errors.RejectedException("geometry", reason);
        }
        return report;
    }

    private record Checked(UnitGrid grid, Polygon polygon, GridStore.Stored before, int version) {
    }

    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private Checked check(GridShapes.Drawn d, List<GridStore.Stored> existing, Geometry outline) {
        String code = d.text("code");
        String villageCode = d.text("villageCode");
        String name = d.text("name");
        if (code == null || !CODE.matcher(code).matches()) {
            throw new Refused("code 须为 15 位数字：12 位村社代码 + 3 位网格顺序码（GB/T 30428）/ "
                    + "code must be 15 digits: the 12-digit village code and a 3-digit grid number");
        }
        if (villageCode == null || !code.startsWith(villageCode) || villageCode.length() != 12) {
            throw new Refused("code 须以 villageCode 开头 / the code must start with the villageCode");
        }
        if (regions.village(villageCode).isEmpty()) {
            throw new Refused("本县没有村社 " + villageCode + " / no such village in this county");
        }
        if (name == null || name.isEmpty() || name.length() > 60) {
            throw new Refused("网格名称 1–60 字 / a grid name has 1–60 characters");
        }
        List<String> workers = workers(d.properties().get("workers"));
        if (d.polygon() == null) {
            throw new Refused(d.problem());
        }
        Polygon polygon = d.polygon();
        Envelope box = polygon.getEnvelopeInternal();
        if (!(box.getMinX() >= 73 && box.getMaxX() <= 136 && box.getMinY() >= 3 && box.getMaxY() <= 54)) {
            throw new Refused("坐标须为 WGS-84 经纬度（经度在前）/ coordinates must be WGS-84 longitude, latitude");
        }
        TopologyValidationError invalid = new IsValidOp(polygon).getValidationError();
        if (invalid != null) {
            throw new Refused("多边形无效（自相交或环错误）于 " + point(invalid) + " / invalid polygon ("
                    + invalid.getMessage() + ") at " + point(invalid));
        }
        if (!outline.covers(polygon)) {
            throw new Refused("网格超出本县边界 / the grid lies (partly) outside the county outline");
        }
        GridStore.Stored before = existing.stream().filter(s -> s.grid().code().equals(code) && s.id() >= 0).findFirst()
                .orElse(null);
        if (before != null && !before.grid().villageCode().equals(villageCode)) {
            throw new Refused("网格代码已属于另一村社 / the code belongs to another village's grid");
        }
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(polygon);
        for (GridStore.Stored other : existing) {
            if (other.grid().code().equals(code)) {
                if (other.id() < 0) {
                    throw new Refused("文件中代码重复 / duplicate code in the file");
                }
                continue;
            }
            if (prepared.intersects(other.polygon()) && polygon.relate(other.polygon(), "T********")) {
                throw new Refused("与网格 " + other.grid().code() + "（" + other.grid().name() + "）重叠 / overlaps grid "
                        + other.grid().code());
            }
        }
        Optional<String> sameName = store.codeNamed(villageCode, name);
        if (sameName.isPresent() && !sameName.get().equals(code)) {
            throw new Refused("该村已有同名网格 / this village already has a grid of that name");
        }
        int version = before == null ? 0 : before.version();
        Object stated = d.properties().get("version");
        if (before != null && stated != null) {
            try {
                if (Integer.parseInt(stated.toString()) != before.version()) {
                    throw new Refused("已被他人修改，请刷新后重试 / someone else changed this grid; reload and try again");
                }
            } catch (NumberFormatException e) {
                throw new Refused("version 须为整数 / version must be a whole number");
            }
        }
        String townCode = regions.village(villageCode).orElseThrow().townCode();
        return new Checked(new UnitGrid(code, name, villageCode, townCode, workers), polygon, before, version);
    }

    private static List<String> workers(Object value) {
        if (value == null) {
            return List.of();
        }
        List<String> names = value instanceof List<?> list ? list.stream().map(String::valueOf).map(String::strip).toList()
                : List.of(value.toString().strip());
        if (names.size() > 20 || names.stream().anyMatch(n -> !USER.matcher(n).matches())) {
            throw new Refused("workers 须为最多 20 个用户名 / workers must be at most 20 user names");
        }
        return names.stream().distinct().sorted().toList();
    }

    private static String point(TopologyValidationError error) {
        return error.getCoordinate() == null ? "?"
                : "%.6f,%.6f".formatted(error.getCoordinate().x, error.getCoordinate().y);
    }

    /** The county outline when one is stored, else a box around Jiande's extent. */
    private Geometry outline() {
        String boundary = regions.county().map(County::boundaryGeoJson).orElse(null);
        if (boundary != null) {
            return GridShapes.fromStored(json.readTree(boundary));
        }
        return GridShapes.GEOMETRY.toGeometry(new Envelope(118.9, 119.8, 29.1, 29.8));
    }

}
