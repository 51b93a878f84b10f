package org.townbrain.platform.errors;

/**
 * A well-formed request that a domain rule refuses: answered as 422 with the rule's message
 * (written for the user) and, where one input is at fault, the field it belongs to.
 */
public class RejectedException extends RuntimeException {

    private final String field;

    public RejectedException(String message) {
        this(null, message);
    }

    public RejectedException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The input at fault, or {@code null} when the request as a whole is refused. */
    public String field() {
        return field;
    }
}
