package dev.opsuite.gateway.identity;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Validation of usernames, passwords and roles; every problem found is reported at once. */
@ApplicationScoped
public class UserRules {

    /** 3-64 characters; no '@' or '!' so {@code user@opsuite!token} stays unambiguous. */
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");
    /** bcrypt ignores everything after 72 bytes; refuse rather than silently truncate. */
    static final int PASSWORD_MAX_BYTES = 72;

    private final int passwordMinLength;

    public UserRules(IdentityConfig config) {
        this.passwordMinLength = config.passwordMinLength();
    }

    public void checkNewUser(String username, String password, String role) {
        Map<String, String> problems = new LinkedHashMap<>();
        username(username, problems);
        password(password, problems);
        role(role, problems, true);
        fail(problems);
    }

    public void checkPassword(String password) {
        Map<String, String> problems = new LinkedHashMap<>();
        password(password, problems);
        fail(problems);
    }

    public void checkRole(String role, boolean required) {
        Map<String, String> problems = new LinkedHashMap<>();
        role(role, problems, required);
        fail(problems);
    }

    private static void username(String username, Map<String, String> problems) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            problems.put(
                    "username", "3-64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private void password(String password, Map<String, String> problems) {
        if (password == null || password.codePointCount(0, password.length()) < passwordMinLength) {
            problems.put("password", "at least " + passwordMinLength + " characters");
        } else if (password.getBytes(StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
            problems.put("password", "at most " + PASSWORD_MAX_BYTES + " bytes (UTF-8)");
        }
    }

    private static void role(String role, Map<String, String> problems, boolean required) {
        if (role == null ? required : !Roles.isKnown(role)) {
            problems.put("role", "one of " + String.join(", ", Roles.ALL));
        }
    }

    private static void fail(Map<String, String> problems) {
        if (!problems.isEmpty()) {
            String message = problems.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue())
                    .reduce((a, b) -> a + "; " + b)
                    .orElseThrow();
            throw ApiException.validation(message, problems);
        }
    }
}
