package dev.opsuite.common.error;

/** The error values for auth failures, shared by the JAX-RS mapper and the Vert.x failure handler. */
final class SecurityErrors {
    private static final String CHALLENGE = "Bearer realm=\"opsuite\"";

    private SecurityErrors() {}

    /** No credentials at all. */
    static ApiError unauthorized() {
        return ApiError.of(401, ErrorCodes.UNAUTHORIZED, "Authentication required")
                .withHeader("WWW-Authenticate", CHALLENGE);
    }

    /** Credentials present but invalid, expired or tampered with; the reason stays in the log. */
    static ApiError authenticationFailed() {
        return ApiError.of(401, ErrorCodes.AUTHENTICATION_FAILED, "Invalid or expired credentials")
                .withHeader("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\"");
    }

    static ApiError forbidden() {
        return ApiError.of(403, ErrorCodes.FORBIDDEN, "Insufficient role for this operation");
    }
}
