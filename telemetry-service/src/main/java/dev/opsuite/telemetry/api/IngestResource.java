package dev.opsuite.telemetry.api;

import dev.opsuite.telemetry.ingest.IngestNormalizer;
import dev.opsuite.telemetry.ingest.IngestService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The three protocol generations of the community-scripts bash client, anonymous. Bodies are read
 * raw (any content type): the JSON is often broken and is repaired by the lenient parser. The
 * methods run on the event loop: the body arrives whole before they are called, parsing is cheap,
 * and the wait for Kafka's acknowledgement holds no thread.
 */
@Path("/")
@PermitAll
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.TEXT_PLAIN)
public class IngestResource {
    private final IngestService ingest;

    public IngestResource(IngestService ingest) {
        this.ingest = ingest;
    }

    /** Current (2026): one flat event per status change, all sharing execution_id. */
    @POST
    @Path("telemetry")
    public Uni<Response> telemetry(byte[] body) {
        return ingest.ingest(body, IngestNormalizer.Shape.FULL, "telemetry");
    }

    /** Seed document: report an installation. */
    @POST
    @Path("install")
    public Uni<Response> install(byte[] body) {
        return ingest.ingest(body, IngestNormalizer.Shape.FULL, "install");
    }

    /** Seed document: report the outcome/status of an existing installation. */
    @POST
    @Path("update")
    public Uni<Response> update(byte[] body) {
        return ingest.ingest(body, IngestNormalizer.Shape.STATUS_UPDATE, "update");
    }

    /** Legacy (2025): the full record. */
    @POST
    @Path("upload")
    public Uni<Response> upload(byte[] body) {
        return ingest.ingest(body, IngestNormalizer.Shape.FULL, "upload");
    }

    /** Legacy (2025): {random_id, status, error} for a record sent earlier. */
    @POST
    @Path("upload/updatestatus")
    public Uni<Response> updateStatus(byte[] body) {
        return ingest.ingest(body, IngestNormalizer.Shape.STATUS_UPDATE, "upload_updatestatus");
    }
}
