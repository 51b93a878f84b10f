package org.townbrain.platform.errors;

/** The requested record does not exist (or is outside the caller's scope): answered as 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what + " not found");
    }
}
