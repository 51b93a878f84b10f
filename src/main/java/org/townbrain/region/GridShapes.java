package org.townbrain.region;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import org.townbrain.platform.errors.RejectedException;

/**
 * Grid shapes between their written forms (GeoJSON, KML) and JTS geometries, longitude as x
 * and latitude as y (WGS-84 degrees, as GeoJSON orders them).
 */
final class GridShapes {

    static final GeometryFactory GEOMETRY = new GeometryFactory(new PrecisionModel(), 4326);

    /** A grid as a file brings it: its properties as written, and its shape or why it has none. */
    record Drawn(Map<String, Object> properties, Polygon polygon, String problem) {

        String text(String key) {
            Object value = properties.get(key);
            return value == null ? null : value.toString().strip();
        }
    }

    private GridShapes() {
    }

    /** The features of a GeoJSON FeatureCollection (or one Feature); a broken document is refused whole. */
    static List<Drawn> fromGeoJson(JsonNode document) {
        List<JsonNode> features = new ArrayList<>();
        switch (document.path("type").asText()) {
            case "FeatureCollection" -> {
                if (!document.path("features").isArray()) {
                    throw new RejectedException("features", "FeatureCollection 缺少 features 数组 / features must be an array");
                }
                document.path("features").forEach(features::add);
            }
            case "Feature" -> features.add(document);
            default -> throw new RejectedException("type",
                    "须为 GeoJSON FeatureCollection 或 Feature / expected a GeoJSON FeatureCollection or Feature");
        }
        List<Drawn> drawn = new ArrayList<>();
        for (JsonNode feature : features) {
            Map<String, Object> properties = new LinkedHashMap<>();
            feature.path("properties").properties().forEach(e -> properties.put(e.getKey(), plain(e.getValue())));
            JsonNode geometry = feature.path("geometry");
            if (!"Polygon".equals(geometry.path("type").asText())) {
                drawn.add(new Drawn(properties, null, "几何须为 Polygon / the geometry must be a Polygon"));
                continue;
            }
            try {
                List<Coordinate[]> rings = new ArrayList<>();
                for (JsonNode ring : geometry.path("coordinates")) {
                    List<Coordinate> points = new ArrayList<>();
                    for (JsonNode p : ring) {
                        if (p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                            throw new IllegalArgumentException("position");
                        }
                        points.add(new Coordinate(p.get(0).asDouble(), p.get(1).asDouble()));
                    }
                    rings.add(points.toArray(Coordinate[]::new));
                }
                drawn.add(new Drawn(properties, polygon(rings), null));
            } catch (IllegalArgumentException e) {
                drawn.add(new Drawn(properties, null,
                        "多边形坐标无效（每个环至少 4 个点且首尾相同）/ invalid polygon rings (closed, at least 4 positions)"));
            }
        }
        return drawn;
    }

    /** The Placemarks of a KML document whose geometry is a Polygon; name and ExtendedData become properties. */
    static List<Drawn> fromKml(byte[] kml) {
        org.w3c.dom.Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            javax.xml.parsers.DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws org.xml.sax.SAXException {
                    throw e; // refused below, not printed to the console
                }
            });
            document = builder.parse(new ByteArrayInputStream(kml));
        } catch (Exception e) {
            throw new RejectedException("kml", "不是有效的 KML 文档 / not a well-formed KML document");
        }
        List<Drawn> drawn = new ArrayList<>();
        NodeList placemarks = document.getElementsByTagNameNS("*", "Placemark");
        for (int i = 0; i < placemarks.getLength(); i++) {
            Element placemark = (Element) placemarks.item(i);
            Map<String, Object> properties = new LinkedHashMap<>();
            Element name = first(placemark, "name");
            if (name != null) {
                properties.put("name", name.getTextContent().strip());
            }
            NodeList data = placemark.getElementsByTagNameNS("*", "Data");
            for (int j = 0; j < data.getLength(); j++) {
                Element d = (Element) data.item(j);
                Element value = first(d, "value");
                properties.put(d.getAttribute("name"), value == null ? "" : value.getTextContent().strip());
            }
            NodeList simple = placemark.getElementsByTagNameNS("*", "SimpleData");
            for (int j = 0; j < simple.getLength(); j++) {
                Element d = (Element) simple.item(j);
                properties.put(d.getAttribute("name"), d.getTextContent().strip());
            }
            Object workers = properties.get("workers");
            if (workers instanceof String text) {
                properties.put("workers", List.of(text.split("[,，;；\\s]+")).stream().filter(s -> !s.isBlank()).toList());
            }
            Element polygon = first(placemark, "Polygon");
            if (polygon == null) {
                drawn.add(new Drawn(properties, null, "几何须为 Polygon / the geometry must be a Polygon"));
                continue;
            }
            try {
                List<Coordinate[]> rings = new ArrayList<>();
                rings.add(kmlRing(first(polygon, "outerBoundaryIs")));
                NodeList inner = polygon.getElementsByTagNameNS("*", "innerBoundaryIs");
                for (int j = 0; j < inner.getLength(); j++) {
                    rings.add(kmlRing((Element) inner.item(j)));
                }
                drawn.add(new Drawn(properties, polygon(rings), null));
            } catch (IllegalArgumentException | NullPointerException e) {
                drawn.add(new Drawn(properties, null,
                        "多边形坐标无效（每个环至少 4 个点且首尾相同）/ invalid polygon rings (closed, at least 4 positions)"));
            }
        }
        return drawn;
    }

    private static Coordinate[] kmlRing(Element boundary) {
        String text = first(boundary, "coordinates").getTextContent().strip();
        List<Coordinate> points = new ArrayList<>();
        for (String tuple : text.split("\\s+")) {
            String[] parts = tuple.split(",");
            points.add(new Coordinate(Double.parseDouble(parts[0]), Double.parseDouble(parts[1])));
        }
        return points.toArray(Coordinate[]::new);
    }

    private static Element first(Element parent, String localName) {
        NodeList found = parent.getElementsByTagNameNS("*", localName);
        return found.getLength() == 0 ? null : (Element) found.item(0);
    }

    private static Polygon polygon(List<Coordinate[]> rings) {
        if (rings.isEmpty()) {
            throw new IllegalArgumentException("no ring");
        }
        LinearRing shell = GEOMETRY.createLinearRing(rings.getFirst());
        LinearRing[] holes = rings.subList(1, rings.size()).stream().map(GEOMETRY::createLinearRing).toArray(LinearRing[]::new);
        return GEOMETRY.createPolygon(shell, holes);
    }

    /** A stored GeoJSON Polygon or MultiPolygon (the county outline) as a geometry. */
    static Geometry fromStored(JsonNode geometry) {
        return switch (geometry.path("type").asText()) {
            case "Polygon" -> polygon(rings(geometry.path("coordinates")));
            case "MultiPolygon" -> {
                List<Polygon> parts = new ArrayList<>();
                geometry.path("coordinates").forEach(p -> parts.add(polygon(rings(p))));
                MultiPolygon multi = GEOMETRY.createMultiPolygon(parts.toArray(Polygon[]::new));
                yield multi;
            }
            default -> throw new IllegalArgumentException("not a polygon: " + geometry.path("type").asText());
        };
    }

    private static List<Coordinate[]> rings(JsonNode coordinates) {
        List<Coordinate[]> rings = new ArrayList<>();
        for (JsonNode ring : coordinates) {
            List<Coordinate> points = new ArrayList<>();
            ring.forEach(p -> points.add(new Coordinate(p.get(0).asDouble(), p.get(1).asDouble())));
            rings.add(points.toArray(Coordinate[]::new));
        }
        return rings;
    }

    /** A polygon as a GeoJSON geometry, coordinates rounded to 7 decimals (~1 cm). */
    static ObjectNode toGeoJson(ObjectMapper json, Polygon polygon) {
        ObjectNode geometry = json.createObjectNode();
        geometry.put("type", "Polygon");
        ArrayNode rings = geometry.putArray("coordinates");
        ring(rings.addArray(), polygon.getExteriorRing().getCoordinates());
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
            ring(rings.addArray(), polygon.getInteriorRingN(i).getCoordinates());
        }
        return geometry;
    }

    private static void ring(ArrayNode ring, Coordinate[] coordinates) {
        for (Coordinate c : coordinates) {
            ArrayNode position = ring.addArray();
            position.add(Math.round(c.x * 1e7) / 1e7);
            position.add(Math.round(c.y * 1e7) / 1e7);
        }
    }

    private static Object plain(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            return items;
        }
        if (value.isNull()) {
            return null;
        }
        return value.isIntegralNumber() ? (Object) value.asLong() : value.asText();
    }
}
