package dev.opsuite.common.testapp;

import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.common.events.CloudEvents;
import dev.opsuite.common.idempotency.Idempotency;
import dev.opsuite.common.idempotency.IdempotencyService;
import dev.opsuite.common.outbox.Outbox;
import dev.opsuite.common.outbox.OutboxMessage;
import dev.opsuite.events.v1.DeploymentEvent;
import dev.opsuite.events.v1.DeploymentStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Test endpoints: create a note and its event in one transaction (Hibernate Reactive or the PG
 * client), behind Idempotency-Key.
 */
@Path("/it/notes")
public class NoteResource {
    public static final String TOPIC = "commontest.notes.v1";

    public record NoteRequest(String text, Integer delayMillis) {}

    public record NoteCreated(long id, String text) {}

    private final Mutiny.SessionFactory sessions;
    private final Pool pool;
    private final Outbox outbox;
    private final CloudEvents events;
    private final IdempotencyService idempotency;

    public NoteResource(
            Mutiny.SessionFactory sessions,
            Pool pool,
            Outbox outbox,
            CloudEvents events,
            IdempotencyService idempotency) {
        this.sessions = sessions;
        this.pool = pool;
        this.outbox = outbox;
        this.events = events;
        this.idempotency = idempotency;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> create(NoteRequest request, @HeaderParam(Idempotency.KEY_HEADER) String key) {
        return idempotency.execute(
                Idempotency.scope("POST", "/it/notes", null),
                key,
                idempotency.hashOf(request),
                () -> delay(request)
                        .chain(() -> sessions.withTransaction(session -> {
                            ProbeNote note = new ProbeNote();
                            note.text = request.text();
                            return session.persist(note)
                                    .chain(session::flush)
                                    .chain(() -> outbox.enqueue(session, message(note.id, note.text)))
                                    .replaceWith(note);
                        }))
                        .map(note -> Response.status(201)
                                .entity(new NoteCreated(note.id, note.text))
                                .header("Location", "/it/notes/" + note.id)
                                .build()));
    }

    /** The same through the reactive PG client. */
    @POST
    @Path("pg")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> createWithPgClient(NoteRequest request) {
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO probe_note (text) VALUES ($1) RETURNING id")
                        .execute(Tuple.of(request.text()))
                        .map(rows -> rows.iterator().next().getLong("id"))
                        .call(id -> outbox.enqueue(conn, message(id, request.text()))))
                .map(id -> Response.status(201)
                        .entity(new NoteCreated(id, request.text()))
                        .build());
    }

    private Uni<Void> delay(NoteRequest request) {
        if (request.delayMillis() == null) {
            return Uni.createFrom().voidItem();
        }
        // come back on the request's Vert.x context: Hibernate Reactive refuses worker threads
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        return Uni.createFrom()
                .voidItem()
                .onItem()
                .delayIt()
                .by(Duration.ofMillis(request.delayMillis()))
                .emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    private OutboxMessage message(long id, String text) {
        CloudEvent ce = events.create("progressed", "note-" + id);
        DeploymentEvent payload = DeploymentEvent.newBuilder()
                .setDeploymentId("note-" + id)
                .setApp("probe")
                .setStatus(DeploymentStatus.DEPLOYMENT_STATUS_RUNNING)
                .setProgress(42)
                .setMessage(text)
                .build();
        return OutboxMessage.of(TOPIC, ce, payload);
    }
}
