package org.townbrain.platform.errors;

/**
 * The request lost a race or contradicts the record's current state (someone else changed it
 * first): answered as 409 so the caller reloads and decides again.
 */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
