package org.townbrain.checkin;

/** A place where people check in, identified publicly only by its random code. */
record Venue(long id, String code, String name, VenueType type, String townCode, String villageCode, Double longitude,
        Double latitude, Integer capacity, String manager, boolean demo, boolean retired, int version) {
}
