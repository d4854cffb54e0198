package dev.opsuite.automation.safety;

import dev.opsuite.automation.AutomationConfig;
import dev.opsuite.common.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies the {@link CommandGuard} to what a request would run: blocked → 422 {@code 命令验证失败};
 * suspicious → 422 too unless the caller is an admin who set {@code allow_suspicious}.
 */
@ApplicationScoped
public class CommandPolicy {
    private final CommandGuard guard;
    private final boolean refuseObfuscation;

    public CommandPolicy(AutomationConfig config) {
        Set<String> disabled = new HashSet<>(config.safety().disabledRules().orElse(List.of()));
        Set<String> unknown = new HashSet<>(disabled);
        unknown.removeAll(CommandGuard.ruleIds());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("opsuite.automation.safety.disabled-rules names unknown rules " + unknown
                    + "; known: " + CommandGuard.ruleIds());
        }
        this.guard =
                new CommandGuard(Set.copyOf(config.safety().deniedCommands().orElse(List.of())), disabled);
        this.refuseObfuscation = config.safety().refuseObfuscation();
    }

    /** @param what names the checked text in the error (e.g. "command", "parameter PORT") */
    public void check(String what, String shellText, boolean suspiciousAllowed) {
        Verdict v = guard.check(shellText);
        if (v.blocked() || (v.suspicious() && refuseObfuscation && !suspiciousAllowed)) {
            String where = what.equals("command") ? "" : " [in " + what + "]";
            throw ApiException.unprocessable("dangerous_command", v.message() + where)
                    .withTitle("命令验证失败");
        }
    }
}
