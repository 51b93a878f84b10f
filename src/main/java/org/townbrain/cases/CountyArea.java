package org.townbrain.cases;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.townbrain.platform.errors.RejectedException;
import org.townbrain.region.County;
import org.townbrain.region.Regions;

/**
 * Whether a position lies in the county. Towns have no boundaries yet, so the check is the
 * county boundary's bounding box with a small margin (the boundary is simplified); the town is
 * chosen by the reporter.
 */
@Component
class CountyArea {

    /** About 2 km: the boundary shipped is simplified, do not refuse points on its edge. */
    static final double MARGIN_DEGREES = 0.02;
    private static final Pattern PAIR = Pattern.compile("\\[\\s*(-?\\d+(?:\\.\\d+)?)\\s*,\\s*(-?\\d+(?:\\.\\d+)?)\\s*\\]");

    record Box(double minLon, double minLat, double maxLon, double maxLat) {
        boolean contains(double lon, double lat) {
            return lon >= minLon - MARGIN_DEGREES && lon <= maxLon + MARGIN_DEGREES
                    && lat >= minLat - MARGIN_DEGREES && lat <= maxLat + MARGIN_DEGREES;
        }

        double centreLon() {
            return (minLon + maxLon) / 2;
        }

        double centreLat() {
            return (minLat + maxLat) / 2;
        }
    }

    private final Regions regions;
    private volatile Box box;

    CountyArea(Regions regions) {
        this.regions = regions;
    }

    void check(double longitude, double latitude) {
        if (!Double.isFinite(longitude) || !Double.isFinite(latitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
            throw new RejectedException("location", "经纬度无效 / not a valid WGS-84 position");
        }
        Box b = box();
        if (b != null && !b.contains(longitude, latitude)) {
            throw new RejectedException("location", "位置不在本县（市）范围内 / the position is outside the county");
        }
    }

    /** A fallback position (the county's label point or the middle of its box). */
    double[] centre() {
        County county = regions.county().orElse(null);
        if (county != null && county.labelLon() != null) {
            return new double[] {county.labelLon(), county.labelLat()};
        }
        Box b = box();
        return b == null ? new double[] {119.28, 29.47} : new double[] {b.centreLon(), b.centreLat()};
    }

    Box box() {
        Box current = box;
        if (current == null) {
            String geo = regions.county().map(County::boundaryGeoJson).orElse(null);
            if (geo == null) {
                return null;
            }
            current = parse(geo);
            box = current;
        }
        return current;
    }

    static Box parse(String geoJson) {
        double minLon = 180, minLat = 90, maxLon = -180, maxLat = -90;
        Matcher m = PAIR.matcher(geoJson);
        boolean any = false;
        while (m.find()) {
            double lon = Double.parseDouble(m.group(1));
            double lat = Double.parseDouble(m.group(2));
            if (Math.abs(lon) > 180 || Math.abs(lat) > 90) {
                continue; // not a position (the shipped file carries some encoded arrays)
            }
            minLon = Math.min(minLon, lon);
            maxLon = Math.max(maxLon, lon);
            minLat = Math.min(minLat, lat);
            maxLat = Math.max(maxLat, lat);
            any = true;
        }
        return any ? new Box(minLon, minLat, maxLon, maxLat) : null;
    }
}
