package dev.opsuite.l10n.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.opsuite.common.error.ApiException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Review state of a translation entry. */
public enum EntryStatus {
    NEW,
    MT,
    /** filled from translation memory; a human still has to review it */
    SUGGESTED,
    REVIEWED,
    LOCKED,
    REJECTED,
    CONFLICT,
    /** the source text changed after the translation was made */
    OUTDATED;

    private static final Map<String, EntryStatus> BY_WIRE =
            Arrays.stream(values()).collect(Collectors.toMap(EntryStatus::wire, s -> s));

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static EntryStatus parse(String wire) {
        EntryStatus s = wire == null ? null : BY_WIRE.get(wire);
        if (s == null) {
            throw Texts.invalid("status", "must be one of " + String.join(", ", BY_WIRE.keySet()));
        }
        return s;
    }

    public static EntryStatus parseOptional(String field, String wire) {
        if (wire == null) {
            return null;
        }
        EntryStatus s = BY_WIRE.get(wire);
        if (s == null) {
            throw ApiException.validation(
                    "Invalid " + field,
                    Map.of("field", field, "expected", String.join("|", BY_WIRE.keySet()), "received", wire));
        }
        return s;
    }

    /** A translation someone vouched for: it must not silently survive a change of its source text. */
    public boolean vouchedFor() {
        return this == REVIEWED || this == LOCKED || this == MT || this == SUGGESTED;
    }
}
