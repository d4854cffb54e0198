package dev.opsuite.gateway.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.gateway.apitoken.ApiToken;
import dev.opsuite.gateway.identity.User;
import java.time.OffsetDateTime;
import java.util.List;

/** Request and response bodies of the auth endpoints (snake_case on the wire). */
public final class AuthDtos {

    private AuthDtos() {}

    public record LoginRequest(String username, String password) {}

    public record LoginUser(long id, String username, String role) {
        static LoginUser of(User u) {
            return new LoginUser(u.id(), u.username(), u.role());
        }
    }

    public record LoginData(
            String token, @JsonProperty("expires_in") long expiresIn, LoginUser user) {}

    public record UserView(
            long id,
            String username,
            String role,
            boolean enabled,
            @JsonProperty("created_at") OffsetDateTime createdAt,
            @JsonProperty("updated_at") OffsetDateTime updatedAt) {
        static UserView of(User u) {
            return new UserView(u.id(), u.username(), u.role(), u.enabled(), u.createdAt(), u.updatedAt());
        }
    }

    public record UserList(
            long total, int page, @JsonProperty("page_size") int pageSize, List<UserView> users) {}

    public record CreateUserRequest(String username, String password, String role, Boolean enabled) {}

    public record UpdateUserRequest(String role, Boolean enabled) {}

    public record PasswordRequest(String password) {}

    /** The caller as the gateway sees it: a session or an API token, with the role in force. */
    public record Me(
            long id,
            String username,
            String role,
            @JsonProperty("auth_type") String authType,
            @JsonProperty("expires_at") OffsetDateTime expiresAt,
            @JsonProperty("token_name") String tokenName) {}

    public record TokenRequest(
            String name,
            String role,
            @JsonProperty("expires_at") OffsetDateTime expiresAt) {}

    public record TokenView(
            long id,
            String name,
            String role,
            String user,
            @JsonProperty("created_at") OffsetDateTime createdAt,
            @JsonProperty("expires_at") OffsetDateTime expiresAt) {
        static TokenView of(ApiToken t) {
            return new TokenView(t.id(), t.name(), t.role(), t.username(), t.createdAt(), t.expiresAt());
        }
    }

    /** Returned once, at creation: the only time the secret is ever shown. */
    public record CreatedToken(
            long id,
            String name,
            String role,
            String user,
            String token,
            @JsonProperty("pve_token_id") String pveTokenId,
            @JsonProperty("created_at") OffsetDateTime createdAt,
            @JsonProperty("expires_at") OffsetDateTime expiresAt) {}

    public record TokenList(long total, List<TokenView> tokens) {}
}
