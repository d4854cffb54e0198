package dev.opsuite.common.inbox;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Exactly-once application of at-least-once deliveries: records (consumer, ce_id) in the
 * transaction that applies the event and runs the work only when the row is new. Call it inside the
 * applying transaction (Hibernate Reactive session with a transaction, a PG client connection in
 * {@code withTransaction}, or a JDBC connection with auto-commit off, for a consumer whose tables are
 * written with JDBC); if the work fails the transaction rolls back and the inbox row with it.
 */
@ApplicationScoped
public class Inbox {
    private static final String INSERT_NATIVE = "INSERT INTO inbox (consumer, ce_id) VALUES (:consumer, :ceId) "
            + "ON CONFLICT (consumer, ce_id) DO NOTHING";
    private static final String INSERT_PG =
            "INSERT INTO inbox (consumer, ce_id) VALUES ($1, $2) " + "ON CONFLICT (consumer, ce_id) DO NOTHING";
    private static final String INSERT_JDBC =
            "INSERT INTO inbox (consumer, ce_id) VALUES (?, ?) " + "ON CONFLICT (consumer, ce_id) DO NOTHING";

    /** Work applied in a JDBC transaction. */
    @FunctionalInterface
    public interface JdbcWork {
        void run() throws SQLException;
    }

    /** @return true when the work ran, false when this event had been applied before */
    public Uni<Boolean> applyOnce(Mutiny.Session session, String consumer, String ceId, Supplier<Uni<?>> work) {
        return session.createNativeQuery(INSERT_NATIVE)
                .setParameter("consumer", consumer)
                .setParameter("ceId", ceId)
                .executeUpdate()
                .chain(inserted -> runIfNew(inserted == 1, work));
    }

    /** @param connection a connection taking part in the applying transaction */
    public Uni<Boolean> applyOnce(SqlClient connection, String consumer, String ceId, Supplier<Uni<?>> work) {
        return connection
                .preparedQuery(INSERT_PG)
                .execute(Tuple.of(consumer, ceId))
                .chain(rows -> runIfNew(rows.rowCount() == 1, work));
    }

    /**
     * Blocking form for consumers whose applying transaction is a JDBC connection (auto-commit off).
     *
     * @return true when the work ran, false when this event had been applied before
     */
    public boolean applyOnce(Connection transaction, String consumer, String ceId, JdbcWork work) throws SQLException {
        boolean isNew;
        try (PreparedStatement s = transaction.prepareStatement(INSERT_JDBC)) {
            s.setString(1, consumer);
            s.setString(2, ceId);
            isNew = s.executeUpdate() == 1;
        }
        if (isNew) {
            work.run();
        }
        return isNew;
    }

    private static Uni<Boolean> runIfNew(boolean isNew, Supplier<Uni<?>> work) {
        if (!isNew) {
            return Uni.createFrom().item(false);
        }
        return work.get().replaceWith(true);
    }
}
