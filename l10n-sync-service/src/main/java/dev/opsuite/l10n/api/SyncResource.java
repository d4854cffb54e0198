package dev.opsuite.l10n.api;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.idempotency.Idempotency;
import dev.opsuite.common.security.Roles;
import dev.opsuite.l10n.cid.Cids;
import dev.opsuite.l10n.export.ExportService;
import dev.opsuite.l10n.sync.ChunkPart;
import dev.opsuite.l10n.sync.ChunkService;
import dev.opsuite.l10n.sync.CommitRequest;
import dev.opsuite.l10n.sync.CommitService;
import dev.opsuite.l10n.sync.ConfirmService;
import dev.opsuite.l10n.sync.HandshakeRequest;
import dev.opsuite.l10n.sync.HandshakeResponse;
import dev.opsuite.l10n.sync.HandshakeService;
import dev.opsuite.l10n.sync.SyncHistory;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** The delta sync protocol: handshake, confirm, resumable chunk upload, commit, fetch, history. */
@Path("/api/v6/sync")
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {
    private final HandshakeService handshakes;
    private final ConfirmService confirms;
    private final ChunkService chunks;
    private final CommitService commits;
    private final SyncHistory history;
    private final ExportService exports;
    private final Access access;
    private final SecurityIdentity identity;

    public SyncResource(
            HandshakeService handshakes,
            ConfirmService confirms,
            ChunkService chunks,
            CommitService commits,
            SyncHistory history,
            ExportService exports,
            Access access,
            SecurityIdentity identity) {
        this.handshakes = handshakes;
        this.confirms = confirms;
        this.chunks = chunks;
        this.commits = commits;
        this.history = history;
        this.exports = exports;
        this.access = access;
        this.identity = identity;
    }

    @POST
    @Path("handshake")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RunOnVirtualThread
    public HandshakeResponse handshake(HandshakeRequest request) {
        return handshakes.handshake(request, identity.getPrincipal().getName());
    }

    @POST
    @Path("confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RunOnVirtualThread
    public ConfirmService.ConfirmResponse confirm(ConfirmService.ConfirmRequest request) {
        return confirms.confirm(request);
    }

    /**
     * One part (or the whole) of a chunk. The X-Idempotency-Key is accepted on every part (the seed's
     * client sends the CID); parts are told apart by their Content-Range, never replayed from another
     * part's answer.
     */
    @PUT
    @Path("chunk/{cid}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RunOnVirtualThread
    public Response putChunk(
            @PathParam("cid") String cid,
            @HeaderParam("X-Session-Id") String sessionId,
            @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"zstd", "gzip", "identity"}))
                    @HeaderParam("Content-Encoding")
                    String encoding,
            @HeaderParam("X-Dict-Id") String dictId,
            @HeaderParam("Content-Range") String range,
            @HeaderParam(Idempotency.LEGACY_KEY_HEADER) String idempotencyKey,
            @RequestBody(
                            description = "NDJSON deltas, one per line, compressed as Content-Encoding says",
                            content = {
                                @Content(
                                        mediaType = "application/x-ndjson",
                                        schema = @Schema(type = SchemaType.STRING, format = "binary")),
                                @Content(
                                        mediaType = MediaType.APPLICATION_OCTET_STREAM,
                                        schema = @Schema(type = SchemaType.STRING, format = "binary"))
                            })
                    byte[] body) {
        Idempotency.validateKey(idempotencyKey);
        ChunkPart part = chunks.put(cid, sessionId, encoding, dictId, range, body == null ? new byte[0] : body);
        return Response.ok(part)
                .header("Upload-Offset", part.receivedBytes())
                .header("Upload-Length", part.totalBytes())
                .build();
    }

    @HEAD
    @Path("chunk/{cid}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RunOnVirtualThread
    public Response chunkOffset(@PathParam("cid") String cid) {
        return chunks.offset(cid)
                .map(o -> {
                    Response.ResponseBuilder b = Response.ok()
                            .header("Upload-Offset", o.offset())
                            .header("Upload-Complete", o.complete() ? "?1" : "?0")
                            .header("Cache-Control", "no-store");
                    if (o.length() != null) {
                        b.header("Upload-Length", o.length());
                    }
                    return b.build();
                })
                .orElseGet(() ->
                        Response.status(404).header("Cache-Control", "no-store").build());
    }

    @POST
    @Path("commit")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RunOnVirtualThread
    public Response commit(CommitRequest request) {
        CommitService.CommitResult r =
                commits.commit(request, identity.getPrincipal().getName());
        return Response.status(r.queued() ? 202 : 200).entity(r).build();
    }

    /** NDJSON rows (the export's shape) of the entries with these CIDs: how a client gets what it is missing. */
    @POST
    @Path("fetch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces("application/x-ndjson")
    @PermitAll
    @RunOnVirtualThread
    public Response fetch(FetchRequest request, @HeaderParam("Accept-Encoding") String acceptEncoding) {
        access.read();
        if (request == null || request.cids() == null) {
            throw ApiException.validation("cids[] is required", Map.of("field", "cids"));
        }
        if (request.cids().size() > 100_000) {
            throw ApiException.validation("At most 100000 CIDs per fetch", Map.of("field", "cids"));
        }
        for (String cid : request.cids()) {
            if (!Cids.isCid(cid)) {
                throw ApiException.validation(
                        "Not a CID: " + cid, Map.of("field", "cids", "received", String.valueOf(cid)));
            }
        }
        String encoding = Encodings.choose(acceptEncoding);
        StreamingOutput body = out -> {
            try (var wrapped = Encodings.wrap(new NonClosing(out), encoding, null)) {
                exports.byCids(request.cids(), wrapped);
            }
        };
        Response.ResponseBuilder b = Response.ok(body, "application/x-ndjson").header("X-TH-DB-Schema", "v6.0");
        if (!encoding.equals("identity")) {
            b.header("Content-Encoding", encoding);
        }
        return b.build();
    }

    public record FetchRequest(String sessionId, List<String> cids) {}

    @GET
    @Path("history")
    @PermitAll
    @RunOnVirtualThread
    public List<SyncHistory.Item> history(
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500")) @QueryParam("limit")
                    String limit) {
        access.read();
        return history.list(Params.intOr("limit", limit, 1, 500, 50));
    }
}
