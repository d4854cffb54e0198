package dev.opsuite.common.testapp;

import dev.opsuite.common.events.CloudEvents;
import dev.opsuite.common.idempotency.BlockingIdempotency;
import dev.opsuite.common.idempotency.Idempotency;
import dev.opsuite.common.outbox.Outbox;
import dev.opsuite.common.outbox.OutboxMessage;
import dev.opsuite.common.persistence.BlockingSql;
import dev.opsuite.events.v1.DeploymentEvent;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blocking form of {@link NoteResource}: a virtual-thread endpoint behind {@link BlockingIdempotency}
 * whose note and event commit in one {@link BlockingSql} transaction.
 */
@Path("/it/blocking-notes")
public class BlockingNoteResource {
    public static final String TOPIC = NoteResource.TOPIC;

    /** {@code failOnce}: the first request with this text fails after its insert (rolled back), later ones succeed. */
    public record BlockingNoteRequest(String text, Integer delayMillis, Boolean failOnce) {}

    private static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();

    private final BlockingSql sql;
    private final Outbox outbox;
    private final CloudEvents events;
    private final BlockingIdempotency idempotency;

    public BlockingNoteResource(BlockingSql sql, Outbox outbox, CloudEvents events, BlockingIdempotency idempotency) {
        this.sql = sql;
        this.outbox = outbox;
        this.events = events;
        this.idempotency = idempotency;
    }

    @POST
    @RunOnVirtualThread
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(BlockingNoteRequest request, @HeaderParam(Idempotency.KEY_HEADER) String key) {
        return idempotency.execute(
                Idempotency.scope("POST", "/it/blocking-notes", null),
                key,
                idempotency.hashOf(request),
                () -> created(insert(request)));
    }

    private long insert(BlockingNoteRequest request) {
        return sql.tx(conn -> {
            long id = BlockingSql.query(conn, "INSERT INTO probe_note (text) VALUES ($1) RETURNING id", request.text())
                    .get(0)
                    .getLong("id");
            if (request.delayMillis() != null) {
                sleep(request.delayMillis());
            }
            if (Boolean.TRUE.equals(request.failOnce()) && FAILED_ONCE.add(request.text())) {
                throw new IllegalStateException("failing once as asked");
            }
            DeploymentEvent payload = DeploymentEvent.newBuilder()
                    .setDeploymentId("blocking-note-" + id)
                    .setMessage(request.text())
                    .build();
            BlockingSql.await(outbox.enqueue(
                    conn, OutboxMessage.of(TOPIC, events.create("progressed", "blocking-note-" + id), payload)));
            return id;
        });
    }

    private static Response created(long id) {
        return Response.status(201)
                .entity(new NoteResource.NoteCreated(id, null))
                .header("Location", "/it/blocking-notes/" + id)
                .build();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
