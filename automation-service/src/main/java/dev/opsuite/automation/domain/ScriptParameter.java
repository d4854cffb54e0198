package dev.opsuite.automation.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A declared parameter of a script or workflow, passed to the remote command as an environment
 * variable. {@code type}: string (default) | int | bool | enum | secret. Unknown members are refused
 * (400): a misspelt {@code requried} must not silently make a parameter optional.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScriptParameter(
        String name,
        String description,
        String type,
        @JsonProperty("default") String defaultValue,
        Boolean required,
        String regex,
        List<String> choices) {

    @JsonIgnore
    public String typeOrDefault() {
        return type == null ? "string" : type;
    }

    /** Not a member: serialised, it would come back as an unknown {@code secret} field and be refused. */
    @JsonIgnore
    public boolean isSecret() {
        return "secret".equals(type);
    }
}
