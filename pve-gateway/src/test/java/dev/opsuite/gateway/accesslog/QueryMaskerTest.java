package dev.opsuite.gateway.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class QueryMaskerTest {

    @Test
    void masksCredentialLikeValuesAndKeepsTheRest() {
        assertEquals("token=***&task_id=42", QueryMasker.mask("token=eyJhbGciOi.x.y&task_id=42"));
        assertEquals("page=2&api_key=***&Password=***", QueryMasker.mask("page=2&api_key=k&Password=p"));
        assertEquals("access%5Ftoken=***", QueryMasker.mask("access%5Ftoken=abc"));
        assertEquals("flag&limit=5", QueryMasker.mask("flag&limit=5"));
        assertNull(QueryMasker.mask(null));
    }
}
