package dev.opsuite.automation.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/**
 * Declared parameters stored as JSON text. Reading is lenient where the API is strict: rows written by
 * earlier builds carried a derived {@code secret} member, and a stored row must always load.
 */
@Converter
public class ParameterListJson implements AttributeConverter<List<ScriptParameter>, String> {
    private static final ObjectReader READER = StringListJson.JSON
            .readerFor(new TypeReference<List<ScriptParameter>>() {})
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public String convertToDatabaseColumn(List<ScriptParameter> value) {
        try {
            return StringListJson.JSON.writeValueAsString(value == null ? List.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<ScriptParameter> convertToEntityAttribute(String text) {
        try {
            return text == null ? List.of() : READER.readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable parameter column", e);
        }
    }
}
