package org.townbrain.region;

/** Where a town's or village's seat (政府/村委会驻地) lies, WGS-84 degrees. */
public record Seat(double latitude, double longitude) {

    static Seat of(Double latitude, Double longitude) {
        return latitude == null || longitude == null ? null : new Seat(latitude, longitude);
    }
}
