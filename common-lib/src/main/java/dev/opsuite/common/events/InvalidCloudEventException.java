package dev.opsuite.common.events;

/** A record whose CloudEvents headers are missing or malformed: a poison message, not a retry case. */
public class InvalidCloudEventException extends RuntimeException {
    public InvalidCloudEventException(String message) {
        super(message);
    }
}
