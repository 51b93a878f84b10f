package org.townbrain.checkin;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * A venue's public code: 10 Crockford base-32 characters (50 random bits) from a secure random
 * source, so codes can neither be guessed nor enumerated; upper-case so that the poster's URL
 * fits a QR code's compact alphanumeric mode and reads aloud without ambiguity.
 */
record VenueCode(String value) {

    static final int LENGTH = 10;
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final RandomGenerator RANDOM = new SecureRandom();

    VenueCode {
        if (value == null || value.length() != LENGTH || !value.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("not a venue code");
        }
    }

    static VenueCode random() {
        return random(RANDOM);
    }

    static VenueCode random(RandomGenerator random) {
        char[] chars = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new VenueCode(new String(chars));
    }

    /**
     * Reads a code as typed or scanned: case-insensitive, with Crockford's look-alikes (I and L
     * for 1, O for 0); empty when it cannot be a code at all.
     */
    static Optional<VenueCode> parse(String input) {
        if (input == null || input.length() != LENGTH) {
            return Optional.empty();
        }
        String normal = input.toUpperCase(Locale.ROOT).replace('I', '1').replace('L', '1').replace('O', '0');
        for (int i = 0; i < normal.length(); i++) {
            if (ALPHABET.indexOf(normal.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new VenueCode(normal));
    }

    @Override
    public String toString() {
        return value;
    }
}
