package dev.opsuite.gateway.apitoken;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * API tokens: created by a signed-in user for machines, never stronger than their creator, shown
 * once, stored as a hash. Users see and revoke their own tokens; admins see and revoke all.
 */
@ApplicationScoped
public class ApiTokenService {

    /** Also PVE's token-id rules, so {@code user@opsuite!name} works for PVE clients. */
    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{1,63}");

    public record Created(ApiToken token, String secret) {}

    private final ApiTokenRepository tokens;

    public ApiTokenService(ApiTokenRepository tokens) {
        this.tokens = tokens;
    }

    public Uni<Created> create(long userId, String creatorRole, String name, String role, OffsetDateTime expiresAt) {
        Map<String, String> problems = new LinkedHashMap<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.put("name", "2-64 characters: letters, digits, '.', '_' or '-', starting with a letter");
        }
        if (!Roles.isKnown(role)) {
            problems.put("role", "one of " + String.join(", ", Roles.ALL));
        }
        if (expiresAt != null && !expiresAt.isAfter(OffsetDateTime.now())) {
            problems.put("expires_at", "must be in the future");
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(
                    String.join(
                            "; ",
                            problems.entrySet().stream()
                                    .map(e -> e.getKey() + ": " + e.getValue())
                                    .toList()),
                    problems);
        }
        if (!Roles.atLeast(creatorRole, role)) {
            throw ApiException.forbidden("令牌角色不能高于创建者的角色 (" + creatorRole + ")");
        }
        String secret = ApiTokenSecret.generate();
        return tokens.insert(userId, name, role, ApiTokenSecret.hash(secret), expiresAt)
                .map(row -> new Created(
                        row.orElseThrow(() -> ApiException.conflict("token_name_taken", "令牌名称已存在: " + name)), secret));
    }

    /** Everyone's tokens for an admin, else the caller's own. */
    public Uni<List<ApiToken>> list(long userId, boolean admin) {
        return tokens.list(admin ? null : userId);
    }

    /** 404 also for someone else's token, so ids of other users' tokens are not confirmed. */
    public Uni<ApiToken> revoke(long tokenId, long userId, boolean admin) {
        return tokens.findById(tokenId).chain(found -> {
            ApiToken token = found.filter(t -> admin || t.userId() == userId)
                    .orElseThrow(() -> ApiException.notFound("令牌不存在: " + tokenId));
            return tokens.delete(tokenId).replaceWith(token);
        });
    }
}
