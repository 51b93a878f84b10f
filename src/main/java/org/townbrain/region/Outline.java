package org.townbrain.region;

import tools.jackson.databind.JsonNode;

/** Point-in-polygon on a GeoJSON Polygon or MultiPolygon (even-odd rule, holes included). */
final class Outline {

    private Outline() {
    }

    static boolean contains(JsonNode geometry, double lon, double lat) {
        JsonNode coordinates = geometry.path("coordinates");
        return switch (geometry.path("type").asText()) {
            case "Polygon" -> inPolygon(coordinates, lon, lat);
            case "MultiPolygon" -> {
                for (JsonNode polygon : coordinates) {
                    if (inPolygon(polygon, lon, lat)) {
                        yield true;
                    }
                }
                yield false;
            }
            default -> false;
        };
    }

    private static boolean inPolygon(JsonNode rings, double lon, double lat) {
        boolean inside = false;
        for (JsonNode ring : rings) {
            for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
                double xi = ring.get(i).get(0).asDouble();
                double yi = ring.get(i).get(1).asDouble();
                double xj = ring.get(j).get(0).asDouble();
                double yj = ring.get(j).get(1).asDouble();
                if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi) {
                    inside = !inside;
                }
            }
        }
        return inside;
    }
}
