package dev.opsuite.devstack;

/** Something in the local stack could not be started or provisioned; the message says what and where to look. */
public class DevstackException extends RuntimeException {
    public DevstackException(String message) {
        super(message);
    }

    public DevstackException(String message, Throwable cause) {
        super(message, cause);
    }
}
