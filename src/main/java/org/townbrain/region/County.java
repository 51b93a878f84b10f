package org.townbrain.region;

/** The county the deployment serves, with its boundary as a GeoJSON geometry (or null). */
public record County(String code, String name, String boundaryGeoJson, Double labelLon, Double labelLat) {
}
