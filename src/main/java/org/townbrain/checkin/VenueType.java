package org.townbrain.checkin;

import java.util.Locale;
import java.util.Optional;

/** What kind of place a venue is; decides nothing but labels and reports. */
enum VenueType {
    GATE, MARKET, SCENIC_SPOT, FACTORY, PUBLIC_SERVICE, SHOP, OTHER;

    static Optional<VenueType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
