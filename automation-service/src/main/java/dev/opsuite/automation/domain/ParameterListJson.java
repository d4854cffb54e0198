package dev.opsuite.automation.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.List;

/** Declared parameters stored as JSON text. */
@Converter
public class ParameterListJson implements AttributeConverter<List<ScriptParameter>, String> {
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
            return text == null
                    ? List.of()
                    : StringListJson.JSON.readValue(text, new TypeReference<List<ScriptParameter>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable parameter column", e);
        }
    }
}
