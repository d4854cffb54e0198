package dev.opsuite.l10n.domain;

import io.smallrye.mutiny.Uni;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The {@code entry_changes} log: every transaction that changes entries (or which entries a pack's
 * scope covers) adds a row for the locale it touched, inside that transaction. A reader that copied a
 * scope's entries under a PostgreSQL snapshot asks whether a transaction that snapshot could not see
 * has logged a change of the locale since: committed later, or still running then. Unlike a revision
 * high-water mark this cannot miss a transaction that took its revisions early and committed late.
 * Writers only insert, so concurrent writers of one locale never wait for each other.
 */
public final class EntryChanges {
    private static final String BY_FILES =
            "INSERT INTO entry_changes (locale) SELECT DISTINCT locale FROM language_files WHERE uid = ANY (?)";

    private EntryChanges() {}

    /** Logs a change of the locales of these language files (bulk paths, JDBC). */
    public static void recordFiles(Connection c, Collection<String> fileUids) throws SQLException {
        if (fileUids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(BY_FILES)) {
            ps.setArray(1, c.createArrayOf("text", fileUids.toArray()));
            ps.executeUpdate();
        }
    }

    /** Logs a change of one locale's entries (the CRUD path, on its Hibernate Reactive session). */
    public static Uni<Integer> recordLocale(Mutiny.Session s, String locale) {
        return s.createNativeQuery("INSERT INTO entry_changes (locale) VALUES (:locale)")
                .setParameter("locale", locale)
                .executeUpdate();
    }

    /** Logs a change of every locale's scopes (a pack version's mods came or went). */
    public static Uni<Integer> recordEveryLocale(Mutiny.Session s) {
        return s.createNativeQuery("INSERT INTO entry_changes (locale) VALUES (NULL)")
                .executeUpdate();
    }

    /** The current transaction's snapshot, as text (read it first in a REPEATABLE READ transaction). */
    public static String snapshot(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_current_snapshot()::text");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Whether a transaction invisible to {@code snapshot} has logged a change of {@code locale} (or of all). */
    public static boolean changedSince(Connection c, String snapshot, String locale) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM entry_changes "
                + "WHERE txid >= pg_snapshot_xmin(?::pg_snapshot) AND (locale = ? OR locale IS NULL) "
                + "AND NOT pg_visible_in_snapshot(txid, ?::pg_snapshot))")) {
            ps.setString(1, snapshot);
            ps.setString(2, locale);
            ps.setString(3, snapshot);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Drops log rows of transactions that started longer ago than {@code age}; returns how many. */
    public static int prune(Connection c, Duration age) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM entry_changes WHERE changed_at < now() - make_interval(secs => ?)")) {
            ps.setLong(1, age.toSeconds());
            return ps.executeUpdate();
        }
    }
}
