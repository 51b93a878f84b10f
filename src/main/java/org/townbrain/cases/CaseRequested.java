package org.townbrain.cases;

/**
 * Another module asks for a case to be opened: a sensor alarm that persists, a failed project
 * quality check, an enterprise's need. Publish it from the module's own transaction; the cases
 * module turns it into a reported case in the given town, choosing the 小类 of its catalogue from
 * the {@link Reason} (no other module names a category code).
 *
 * @param source where it comes from: {@code SENSOR_ALARM}, {@code PROJECT_QUALITY_CHECK},
 *        {@code ENTERPRISE_NEED}, …
 * @param townCode 9-digit town code the case belongs to
 * @param reason what the case is about, in the publisher's terms; null is {@link Reason#OTHER}
 * @param description what is wrong, without personal data
 * @param longitude WGS-84, or null to use the town's position
 * @param latitude WGS-84, or null to use the town's position
 * @param externalRef the publisher's own id (alarm id, check id), shown on the case
 * @param villageCode 12-digit village the case belongs to (its grid worker handles it), or null
 *        for the town or to place it by its position
 */
public record CaseRequested(String source, String townCode, Reason reason, String description,
        Double longitude, Double latitude, String externalRef, String villageCode) {

    /** A request that names no village. */
    public CaseRequested(String source, String townCode, Reason reason, String description, Double longitude,
            Double latitude, String externalRef) {
        this(source, townCode, reason, description, longitude, latitude, externalRef, null);
    }

    /**
     * Why a case is requested. The cases module maps each reason to a 小类 of its catalogue
     * ({@code CaseRequests}), so the catalogue can change without touching the publishers.
     */
    public enum Reason {
        /** sewage or storm water overflowing from a manhole or pipe */
        SEWER_OVERFLOW,
        /** standing water on roads, a river or gauge over its threshold */
        WATERLOGGING,
        /** a fire hydrant without pressure */
        FIRE_HYDRANT,
        /** a quality or safety problem on a construction site */
        CONSTRUCTION_QUALITY,
        /** an enterprise needs the government's help to resume or run its business */
        ENTERPRISE_NEED,
        /** burning of waste, straw or leaves in the open */
        OPEN_BURNING,
        /** littering: waste left in a public place */
        EXPOSED_WASTE,
        /** none of the above: the catalogue's "other" */
        OTHER
    }
}
