package dev.opsuite.common.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The CloudEvents 1.0 attributes of one event in Kafka binary mode: {@code ce_*} headers plus
 * {@code content-type}, the W3C {@code traceparent} and the originating request id when known.
 */
public record CloudEvent(
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String contentType,
        String traceparent,
        String requestId) {

    public static final String SPEC_VERSION = "1.0";
    public static final String PROTOBUF = "application/protobuf";

    public static final String H_SPECVERSION = "ce_specversion";
    public static final String H_ID = "ce_id";
    public static final String H_SOURCE = "ce_source";
    public static final String H_TYPE = "ce_type";
    public static final String H_TIME = "ce_time";
    public static final String H_SUBJECT = "ce_subject";
    public static final String H_CONTENT_TYPE = "content-type";
    public static final String H_TRACEPARENT = "traceparent";
    public static final String H_REQUEST_ID = "x-request-id";

    public CloudEvent {
        require(id, H_ID);
        require(source, H_SOURCE);
        require(type, H_TYPE);
        if (time == null) {
            throw new InvalidCloudEventException("missing " + H_TIME);
        }
        time = time.truncatedTo(ChronoUnit.MICROS);
    }

    /** Header map in a stable order; absent optional attributes are left out. */
    public Map<String, String> toHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put(H_SPECVERSION, SPEC_VERSION);
        h.put(H_ID, id);
        h.put(H_SOURCE, source);
        h.put(H_TYPE, type);
        h.put(H_TIME, time.toString()); // RFC 3339, UTC ("Z")
        if (subject != null) {
            h.put(H_SUBJECT, subject);
        }
        h.put(H_CONTENT_TYPE, contentType == null ? PROTOBUF : contentType);
        if (traceparent != null) {
            h.put(H_TRACEPARENT, traceparent);
        }
        if (requestId != null) {
            h.put(H_REQUEST_ID, requestId);
        }
        return h;
    }

    public Headers toKafkaHeaders() {
        RecordHeaders headers = new RecordHeaders();
        toHeaders().forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    /** Parses binary-mode headers; a missing or wrong required attribute is an {@link InvalidCloudEventException}. */
    public static CloudEvent fromHeaders(Map<String, String> h) {
        String spec = h.get(H_SPECVERSION);
        if (!SPEC_VERSION.equals(spec)) {
            throw new InvalidCloudEventException("unsupported " + H_SPECVERSION + ": " + spec);
        }
        String rawTime = h.get(H_TIME);
        Instant time;
        try {
            time = rawTime == null ? null : OffsetDateTime.parse(rawTime).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidCloudEventException("malformed " + H_TIME + ": " + rawTime);
        }
        return new CloudEvent(
                h.get(H_ID),
                h.get(H_SOURCE),
                h.get(H_TYPE),
                time,
                h.get(H_SUBJECT),
                h.get(H_CONTENT_TYPE),
                h.get(H_TRACEPARENT),
                h.get(H_REQUEST_ID));
    }

    public static CloudEvent fromKafkaHeaders(Headers headers) {
        return fromHeaders(toMap(headers));
    }

    /** Kafka headers as strings; when a header repeats, the last one wins. */
    public static Map<String, String> toMap(Headers headers) {
        Map<String, String> map = new LinkedHashMap<>();
        if (headers != null) {
            for (Header header : headers) {
                map.put(
                        header.key(),
                        header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return map;
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new InvalidCloudEventException("missing " + name);
        }
    }
}
