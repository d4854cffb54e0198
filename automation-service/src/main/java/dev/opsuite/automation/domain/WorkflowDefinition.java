package dev.opsuite.automation.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code definition} of a workflow: a DAG of steps. Unknown members are refused (400) like in every other
 * body: a misspelt {@code continue_on_eror} must not silently become the default.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowDefinition(List<Step> steps, List<ScriptParameter> parameters) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(
            String id,
            String name,
            String type,
            String command,
            @JsonProperty("script_id") Long scriptId,
            @JsonProperty("playbook_id") Long playbookId,
            String action,
            @JsonProperty("depends_on") List<String> dependsOn,
            Integer timeout,
            @JsonProperty("continue_on_error") Boolean continueOnError,
            Retry retry,
            String when,
            Map<String, String> parameters,
            @JsonProperty("extra_vars") Map<String, Object> extraVars) {

        public List<String> deps() {
            return dependsOn == null ? List.of() : dependsOn;
        }

        public String whenOrDefault() {
            return when == null ? "on_success" : when;
        }

        public boolean continues() {
            return Boolean.TRUE.equals(continueOnError);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Retry(@JsonProperty("max_attempts") Integer maxAttempts, Integer delay) {}
}
