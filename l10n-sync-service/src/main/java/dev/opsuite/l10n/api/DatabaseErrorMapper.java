package dev.opsuite.l10n.api;

import dev.opsuite.common.error.ApiError;
import dev.opsuite.common.error.ErrorResponder;
import dev.opsuite.common.error.FallbackExceptionMapper;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.hibernate.HibernateException;
import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Database outcomes a client caused: a duplicate (unique violation) or a row that changed underneath
 * (optimistic lock) is a 409, a reference to a missing row is a 422. Anything else stays a 500.
 */
public class DatabaseErrorMapper {
    private final ErrorResponder responder;
    private final FallbackExceptionMapper fallback;

    public DatabaseErrorMapper(ErrorResponder responder, FallbackExceptionMapper fallback) {
        this.responder = responder;
        this.fallback = fallback;
    }

    @ServerExceptionMapper({HibernateException.class, PersistenceException.class, PgException.class, SQLException.class
    })
    public Response map(Exception e, HttpServerRequest request) {
        ApiError error = classify(e);
        if (error == null) {
            return fallback.map(e, request);
        }
        return responder.toResponse(error, request);
    }

    static ApiError classify(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof StaleStateException) {
                return ApiError.of(
                        409, "concurrent_update", "The row was changed concurrently; read it again and retry");
            }
            String state = t instanceof PgException pg
                    ? pg.getSqlState()
                    : t instanceof SQLException s ? s.getSQLState() : null;
            if ("23505".equals(state)) {
                return ApiError.of(409, "already_exists", "An object with these identifying fields already exists");
            }
            if ("23503".equals(state)) {
                return ApiError.of(422, "unknown_reference", "A referenced object does not exist");
            }
            if ("23514".equals(state)) {
                return ApiError.of(400, "validation_failed", "A value is outside its allowed set");
            }
        }
        return null;
    }
}
