package org.townbrain.cases;

import java.time.Instant;
import java.util.List;

/**
 * A case as its detail page and the JSON API show it: never the reporter's name, and their
 * contact only masked (138****1234) and only to staff. {@code mediaUrl} is the picture an Open311
 * client linked to; {@code positionEstimated} says the report gave only an address, so the
 * position is a stand-in; {@code grid} is the code of the unit grid its position lies in.
 */
record CaseView(long id, String ref, String source, CaseState state, String categoryCode, String categoryName,
        int limitValue, String limitUnit, String townCode, String villageCode, double longitude, double latitude, String address,
        String description, String unit, Instant reportedAt, Instant dispatchedAt, Instant deadline, boolean overdue,
        Integer pendingExtension, String closingReason, Boolean closedOnTime, Instant closedAt, int reworkCount,
        Long mergedInto, Long orderId, int version, List<CaseRepository.Event> timeline, List<PhotoStore.Photo> photos,
        List<String> allowedActions, List<Long> possibleDuplicates, String acceptance, String closingCondition, String contactMasked,
        String mediaUrl, boolean positionEstimated, String grid) {
}
