package dev.opsuite.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolesTest {

    @Test
    void adminIncludesOperatorIncludesViewer() {
        assertTrue(Roles.atLeast(Roles.ADMIN, Roles.OPERATOR));
        assertTrue(Roles.atLeast(Roles.OPERATOR, Roles.OPERATOR));
        assertTrue(Roles.atLeast(Roles.OPERATOR, Roles.VIEWER));
        assertFalse(Roles.atLeast(Roles.VIEWER, Roles.OPERATOR));
        assertFalse(Roles.atLeast("root", Roles.VIEWER));
        assertFalse(Roles.atLeast((String) null, Roles.VIEWER));
        assertTrue(Roles.atLeast(Set.of("viewer", "admin"), Roles.ADMIN));
    }

    @Test
    void unknownMinimumIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> Roles.atLeast(Roles.ADMIN, "superuser"));
    }

    @Test
    void highestPicksStrongest() {
        assertEquals(Optional.of("operator"), Roles.highest(Set.of("viewer", "operator")));
        assertEquals(Optional.empty(), Roles.highest(Set.of("guest")));
    }
}
