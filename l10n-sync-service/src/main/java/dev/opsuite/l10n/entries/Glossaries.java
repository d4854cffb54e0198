package dev.opsuite.l10n.entries;

import dev.opsuite.l10n.db.Jdbc;
import dev.opsuite.l10n.qa.GlossaryEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** A locale's glossary for QA on the JDBC paths (the CRUD path reads it through its entity). */
public final class Glossaries {
    private Glossaries() {}

    public static List<GlossaryEntry> of(Connection c, String locale) throws SQLException {
        return Jdbc.query(
                c,
                "SELECT term, translation, case_sensitive FROM glossary_terms WHERE locale = ? ORDER BY term",
                rs -> new GlossaryEntry(rs.getString(1), rs.getString(2), rs.getBoolean(3)),
                locale);
    }
}
