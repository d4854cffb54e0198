package dev.opsuite.automation.scripts;

import dev.opsuite.automation.domain.ScriptParameter;
import java.util.List;

/**
 * A create/update of a script; null fields of an update keep their value. {@code allowSuspicious}: an
 * admin accepts obfuscation ($(…), eval) in the content.
 */
public record ScriptSpec(
        String name,
        String description,
        String content,
        String language,
        String category,
        List<String> tags,
        List<ScriptParameter> parameters,
        Boolean isActive,
        boolean allowSuspicious) {}
