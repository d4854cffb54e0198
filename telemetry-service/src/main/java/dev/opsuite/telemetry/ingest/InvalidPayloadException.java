package dev.opsuite.telemetry.ingest;

/** The payload breaks a field rule; answered 400 {@code invalid payload}. The reason is for logs and tests only. */
public class InvalidPayloadException extends RuntimeException {
    public InvalidPayloadException(String reason) {
        super(reason, null, false, false);
    }
}
