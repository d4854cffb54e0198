package dev.opsuite.telemetry.domain;

import dev.opsuite.events.v1.TelemetryIngestEvent;

/** One event taken from telemetry.ingest.v1: its CloudEvents id (dedupe of redeliveries) and payload. */
public record IngestEnvelope(String eventId, TelemetryIngestEvent event, byte[] payload) {}
