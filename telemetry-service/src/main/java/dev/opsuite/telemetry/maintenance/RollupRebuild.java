package dev.opsuite.telemetry.maintenance;

import dev.opsuite.telemetry.domain.Rollups;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/** Runs {@link Rollups#rebuild} in a transaction of its own and logs what it did. */
@ApplicationScoped
public class RollupRebuild {
    private static final Logger LOG = Logger.getLogger(RollupRebuild.class);

    private final DataSource dataSource;

    public RollupRebuild(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Rollups.Rebuilt rebuild(LocalDate since) throws SQLException {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Rollups.Rebuilt result = Rollups.rebuild(c, since);
                c.commit();
                LOG.infof(
                        "rollups rebuilt from %s: %d executions -> %d per-app rows, %d daily rows, %d all-app rows,"
                                + " %d error rows in %d ms",
                        since,
                        result.executions(),
                        result.appsRows(),
                        result.rollupRows(),
                        result.dimsRows(),
                        result.errorRows(),
                        (System.nanoTime() - started) / 1_000_000);
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
