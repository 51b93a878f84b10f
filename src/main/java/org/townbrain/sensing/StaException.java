package org.townbrain.sensing;

/** A request SensorThings cannot answer: the status and a message for the client. */
class StaException extends RuntimeException {

    private final int status;

    StaException(String message) {
        this(400, message);
    }

    StaException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
