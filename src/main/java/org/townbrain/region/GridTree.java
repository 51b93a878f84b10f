package org.townbrain.region;

import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * An immutable spatial index of grid polygons: an STRtree of envelopes narrows a point to the
 * few grids whose box holds it, prepared geometries answer point-in-polygon for those.
 */
final class GridTree {

    record Entry(UnitGrid grid, Polygon polygon) {
    }

    private record Prepared(UnitGrid grid, PreparedGeometry shape) {
    }

    static final GridTree EMPTY = new GridTree(List.of());

    private final STRtree tree = new STRtree();
    private final int size;

    GridTree(List<Entry> entries) {
        for (Entry e : entries) {
            tree.insert(e.polygon().getEnvelopeInternal(), new Prepared(e.grid(), PreparedGeometryFactory.prepare(e.polygon())));
        }
        tree.build();
        size = entries.size();
    }

    int size() {
        return size;
    }

    /** The grid whose polygon covers the point (a point on a shared edge goes to one of them). */
    Optional<UnitGrid> locate(double longitude, double latitude) {
        if (size == 0) {
            return Optional.empty();
        }
        Point point = GridShapes.GEOMETRY.createPoint(new Coordinate(longitude, latitude));
        @SuppressWarnings("unchecked")
        List<Prepared> candidates = tree.query(new Envelope(longitude, longitude, latitude, latitude));
        UnitGrid found = null;
        for (Prepared p : candidates) {
            // the lowest code wins on a shared edge, so every instance answers the same
            if (p.shape().covers(point) && (found == null || p.grid().code().compareTo(found.code()) < 0)) {
                found = p.grid();
            }
        }
        return Optional.ofNullable(found);
    }
}
