package org.townbrain.platform.scope;

/**
 * Thrown when a caller asks for jurisdictional data outside their scope. Answered as 404, not
 * 403, so that a caller cannot even learn whether the record exists.
 */
public class OutOfScopeException extends RuntimeException {

    public OutOfScopeException(String what) {
        super(what + " not found");
    }
}
