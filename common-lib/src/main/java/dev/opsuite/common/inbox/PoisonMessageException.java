package dev.opsuite.common.inbox;

/** Thrown by a handler for a record that can never succeed (bad payload): goes to the DLQ without retries. */
public class PoisonMessageException extends RuntimeException {
    public PoisonMessageException(String message) {
        super(message);
    }

    public PoisonMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
