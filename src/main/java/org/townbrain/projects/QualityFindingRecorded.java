package org.townbrain.projects;

/**
 * A quality or safety check found a problem at a place; the cases module turns it into a case
 * and reports back through {@link ProjectFindings#markRectified(long)} when the case is closed.
 *
 * @param longitude WGS-84, or {@code null} when the finding has no position
 * @param latitude WGS-84, or {@code null} when the finding has no position
 * @param projectId the project concerned, or {@code null} when the finding is about the town at large
 */
public record QualityFindingRecorded(long findingId, Long projectId, String townCode, String description,
        Double longitude, Double latitude) {
}
