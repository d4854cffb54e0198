package dev.opsuite.telemetry.ingest;

/** The ingest buffer did not take the event: answered 503 {@code server busy} (nothing is claimed accepted). */
public class IngestUnavailableException extends RuntimeException {
    public IngestUnavailableException(String reason) {
        super(reason, null, false, false);
    }
}
