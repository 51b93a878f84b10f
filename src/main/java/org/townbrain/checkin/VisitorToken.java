package org.townbrain.checkin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The long-lived random token in a returning visitor's cookie (or {@code X-Visitor-Token}
 * header). It names a visitor profile, never the phone number; the database keeps only its hash.
 */
record VisitorToken(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");

    static VisitorToken random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new VisitorToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Whether a presented value could be a token at all (anything else is ignored, not looked up). */
    static boolean wellFormed(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "VisitorToken[…]";
    }
}
