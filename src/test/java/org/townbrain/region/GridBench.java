package org.townbrain.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * Locating a point among 10,000 grid polygons (goal: p95 ≤ 1 ms) with the index the product
 * uses ({@link GridTree}: STRtree + prepared polygons), against a linear scan over the same
 * prepared polygons measured in the same run. The grids tile Jiande's extent as a jittered
 * 100 × 100 lattice of 16-vertex polygons sharing their edges (no gaps, no overlaps).
 * Run with {@code ./mvnw -o test -Dtest=GridBench -Dgroups=bench -DexcludedGroups=none}; see bench/region.
 */
@Tag("bench")
class GridBench {

    static final int SIDE = 100;
    static final double X0 = 118.9;
    static final double Y0 = 29.1;
    static final double DX = 0.9 / SIDE;
    static final double DY = 0.7 / SIDE;

    @Test
    void pointInGridAmongTenThousandPolygons() {
        List<GridTree.Entry> entries = lattice();
        long built = System.nanoTime();
        GridTree tree = new GridTree(entries);
        double buildMs = (System.nanoTime() - built) / 1e6;
        List<PreparedGeometry> prepared = new ArrayList<>();
        entries.forEach(e -> prepared.add(PreparedGeometryFactory.prepare(e.polygon())));
        BiFunction<Double, Double, Optional<String>> linear = (x, y) -> {
            var point = GridShapes.GEOMETRY.createPoint(new Coordinate(x, y));
            for (int i = 0; i < prepared.size(); i++) {
                if (prepared.get(i).covers(point)) {
                    return Optional.of(entries.get(i).grid().code());
                }
            }
            return Optional.empty();
        };
        Random random = new Random(17);
        double[][] points = new double[20_000][];
        for (int i = 0; i < points.length; i++) {
            points[i] = new double[] {X0 + DX + random.nextDouble() * (0.9 - 2 * DX), Y0 + DY + random.nextDouble() * (0.7 - 2 * DY)};
        }
        // the index answers what the scan answers (interior points: one grid each)
        for (int i = 0; i < 2_000; i++) {
            assertThat(tree.locate(points[i][0], points[i][1]).map(UnitGrid::code))
                    .isEqualTo(linear.apply(points[i][0], points[i][1]));
        }
        double[] scan = time(points, 2_000, (x, y) -> linear.apply(x, y).isPresent());
        double[] indexed = time(points, points.length, (x, y) -> tree.locate(x, y).isPresent());
        System.out.printf("GridBench: %d grids, STRtree built in %.1f ms%n", tree.size(), buildMs);
        System.out.printf("  baseline linear scan (prepared polygons): p50 %.1f µs, p95 %.1f µs, p99 %.1f µs (%d points)%n",
                scan[0], scan[1], scan[2], 2_000);
        System.out.printf("  GridTree (STRtree + prepared):            p50 %.1f µs, p95 %.1f µs, p99 %.1f µs (%d points)%n",
                indexed[0], indexed[1], indexed[2], points.length);
        assertThat(indexed[1]).as("p95 µs").isLessThan(1_000);
    }

    private static double[] time(double[][] points, int n, BiFunction<Double, Double, Boolean> lookup) {
        for (int i = 0; i < Math.min(n, 1_000); i++) {
            assertThat(lookup.apply(points[i][0], points[i][1])).isTrue();
        }
        double[] micros = new double[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            boolean found = lookup.apply(points[i][0], points[i][1]);
            micros[i] = (System.nanoTime() - start) / 1e3;
            assertThat(found).isTrue();
        }
        Arrays.sort(micros);
        return new double[] {micros[n / 2], micros[(int) (n * 0.95)], micros[(int) (n * 0.99)]};
    }

    /** A jittered lattice: vertex (i, j) moved by up to 30 % of a cell, each edge split into 4. */
    static List<GridTree.Entry> lattice() {
        Random random = new Random(30428);
        Coordinate[][] v = new Coordinate[SIDE + 1][SIDE + 1];
        for (int i = 0; i <= SIDE; i++) {
            for (int j = 0; j <= SIDE; j++) {
                boolean edge = i == 0 || j == 0 || i == SIDE || j == SIDE;
                double jx = edge ? 0 : (random.nextDouble() - 0.5) * 0.6 * DX;
                double jy = edge ? 0 : (random.nextDouble() - 0.5) * 0.6 * DY;
                v[i][j] = new Coordinate(X0 + i * DX + jx, Y0 + j * DY + jy);
            }
        }
        List<GridTree.Entry> entries = new ArrayList<>();
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE; j++) {
                Coordinate[] corners = {v[i][j], v[i + 1][j], v[i + 1][j + 1], v[i][j + 1]};
                List<Coordinate> ring = new ArrayList<>();
                for (int k = 0; k < 4; k++) {
                    Coordinate a = corners[k];
                    Coordinate b = corners[(k + 1) % 4];
                    for (int s = 0; s < 4; s++) {
                        ring.add(new Coordinate(a.x + (b.x - a.x) * s / 4, a.y + (b.y - a.y) * s / 4));
                    }
                }
                ring.add(ring.getFirst());
                Polygon polygon = GridShapes.GEOMETRY.createPolygon(ring.toArray(Coordinate[]::new));
                String code = "%012d%03d".formatted(330182000000L + i, j);
                entries.add(new GridTree.Entry(new UnitGrid(code, "bench", code.substring(0, 12), "330182000", List.of()), polygon));
            }
        }
        return entries;
    }
}
