package dev.opsuite.common.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The suite's roles (JWT {@code groups} claim), ordered: admin ⊇ operator ⊇ viewer. Use the
 * constants in {@code @RolesAllowed}; use {@link #atLeast} for "this role or a stronger one".
 */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";

    /** Strongest first. */
    public static final List<String> ALL = List.of(ADMIN, OPERATOR, VIEWER);

    /** For {@code @RolesAllowed}: who may read / write. */
    public static final String[] VIEWER_OR_ABOVE = {ADMIN, OPERATOR, VIEWER};

    public static final String[] OPERATOR_OR_ABOVE = {ADMIN, OPERATOR};

    private Roles() {}

    public static boolean isKnown(String role) {
        return role != null && ALL.contains(role);
    }

    /** 3 = admin, 2 = operator, 1 = viewer, 0 = anything else. */
    public static int rank(String role) {
        if (role == null) {
            return 0;
        }
        return switch (role) {
            case ADMIN -> 3;
            case OPERATOR -> 2;
            case VIEWER -> 1;
            default -> 0;
        };
    }

    /** True when {@code role} grants at least what {@code minimum} grants. */
    public static boolean atLeast(String role, String minimum) {
        int required = rank(minimum);
        if (required == 0) {
            throw new IllegalArgumentException("unknown role: " + minimum);
        }
        return rank(role) >= required;
    }

    /** True when any of the roles grants at least {@code minimum}. */
    public static boolean atLeast(Collection<String> roles, String minimum) {
        return roles.stream().anyMatch(r -> atLeast(r, minimum));
    }

    public static boolean atLeast(SecurityIdentity identity, String minimum) {
        return identity != null && !identity.isAnonymous() && atLeast(identity.getRoles(), minimum);
    }

    /** The strongest known role among {@code roles}. */
    public static Optional<String> highest(Collection<String> roles) {
        return ALL.stream().filter(roles::contains).findFirst();
    }
}
