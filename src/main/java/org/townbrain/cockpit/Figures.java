package org.townbrain.cockpit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one unit, filled in by each module's reader: named values, the reasons the
 * unit is in trouble (empty when it is not), lists such as warnings worst first, and map markers.
 * Never holds personal data: counts, rates, amounts, names of places and facilities only.
 */
final class Figures {

    // about 25 values once every reader has filled them: sized so the map never grows
    private final Map<String, Object> values = new LinkedHashMap<>(64);
    private final List<String> trouble = new ArrayList<>();
    private final Map<String, List<Map<String, Object>>> lists = new LinkedHashMap<>();
    private final List<Map<String, Object>> markers = new ArrayList<>();

    void put(String key, Object value) {
        values.put(key, value);
    }

    /** Marks the unit as in trouble, with a message key of the reason. */
    void trouble(String reasonKey) {
        trouble.add(reasonKey);
    }

    void list(String key, List<Map<String, Object>> items) {
        lists.put(key, List.copyOf(items));
    }

    void marker(String kind, String label, double lat, double lon, String severity) {
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("kind", kind);
        marker.put("label", label);
        marker.put("lat", lat);
        marker.put("lon", lon);
        marker.put("severity", severity);
        markers.add(marker);
    }

    Map<String, Object> values() {
        return values;
    }

    List<String> trouble() {
        return trouble;
    }

    Map<String, List<Map<String, Object>>> lists() {
        return lists;
    }

    List<Map<String, Object>> markers() {
        return markers;
    }
}
