package dev.opsuite.common.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudEventsTest {
    private final CloudEvents events = new CloudEvents(
            "deployment-service", null, Clock.fixed(Instant.parse("2026-05-01T10:15:30.123Z"), ZoneOffset.UTC));

    @Test
    void buildsBinaryModeHeaders() {
        CloudEvent ce = events.create("progressed", "docker_20260501_101530_abcd1234");
        Map<String, String> h = ce.toHeaders();
        assertEquals("1.0", h.get("ce_specversion"));
        assertTrue(h.get("ce_id").matches("[0-9a-f-]{36}"));
        assertEquals("deployment-service", h.get("ce_source"));
        assertEquals("dev.opsuite.deployment.progressed.v1", h.get("ce_type"));
        assertEquals("2026-05-01T10:15:30.123Z", h.get("ce_time"));
        assertEquals("docker_20260501_101530_abcd1234", h.get("ce_subject"));
        assertEquals("application/protobuf", h.get("content-type"));
        assertNull(h.get("traceparent")); // no span outside a request
    }

    @Test
    void domainIsTheServiceNamesFirstSegment() {
        assertEquals("pve", CloudEvents.defaultDomain("pve-gateway"));
        assertEquals("l10n", CloudEvents.defaultDomain("l10n-sync-service"));
        assertEquals("telemetry", CloudEvents.defaultDomain("telemetry"));
        assertThrows(IllegalArgumentException.class, () -> CloudEvents.type("x", "Bad-Name"));
    }

    @Test
    void parsesHeadersBackThroughKafkaHeaders() {
        CloudEvent ce = events.create("finished", "dep-1");
        CloudEvent parsed = CloudEvent.fromKafkaHeaders(ce.toKafkaHeaders());
        assertEquals(ce, parsed);
    }

    @Test
    void rejectsMissingOrWrongAttributes() {
        Map<String, String> h = new HashMap<>(events.create("finished", "dep-1").toHeaders());
        h.put("ce_specversion", "0.3");
        assertThrows(InvalidCloudEventException.class, () -> CloudEvent.fromHeaders(h));
        h.put("ce_specversion", "1.0");
        h.remove("ce_id");
        assertThrows(InvalidCloudEventException.class, () -> CloudEvent.fromHeaders(h));
        h.put("ce_id", "x");
        h.put("ce_time", "yesterday");
        assertThrows(InvalidCloudEventException.class, () -> CloudEvent.fromHeaders(h));
    }
}
