package org.townbrain.cases;

/**
 * Another module asks for a case to be opened: a sensor alarm that persists, a failed project
 * quality check, an enterprise's need. Publish it from the module's own transaction; the cases
 * module turns it into a reported case in the given town (and 小类, or "other" when the code is
 * unknown).
 *
 * @param source where it comes from: {@code SENSOR_ALARM}, {@code PROJECT_QUALITY_CHECK},
 *        {@code ENTERPRISE_NEED}, …
 * @param townCode 9-digit town code the case belongs to
 * @param categoryCode the catalogue's 小类 code (e.g. {@code E0406}), or null for "other"
 * @param description what is wrong, without personal data
 * @param longitude WGS-84, or null to use the town's position
 * @param latitude WGS-84, or null to use the town's position
 * @param externalRef the publisher's own id (alarm id, check id), shown on the case
 * @param villageCode 12-digit village the case belongs to (its grid worker handles it), or null
 *        for the town or to place it by its position
 */
public record CaseRequested(String source, String townCode, String categoryCode, String description,
        Double longitude, Double latitude, String externalRef, String villageCode) {

    /** A request that names no village. */
    public CaseRequested(String source, String townCode, String categoryCode, String description, Double longitude,
            Double latitude, String externalRef) {
        this(source, townCode, categoryCode, description, longitude, latitude, externalRef, null);
    }
}
