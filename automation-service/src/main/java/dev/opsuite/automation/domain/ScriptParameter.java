package dev.opsuite.automation.domain;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A declared parameter of a script or workflow, passed to the remote command as an environment
 * variable. {@code type}: string (default) | int | bool | enum | secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScriptParameter(
        String name,
        String description,
        String type,
        @JsonProperty("default") String defaultValue,
        Boolean required,
        String regex,
        List<String> choices) {

    public String typeOrDefault() {
        return type == null ? "string" : type;
    }

    public boolean isSecret() {
        return "secret".equals(type);
    }
}
