package dev.opsuite.l10n.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.idempotency.Idempotency;
import dev.opsuite.common.idempotency.IdempotencyService;
import dev.opsuite.common.security.Roles;
import dev.opsuite.l10n.api.Views.TranslationView;
import dev.opsuite.l10n.domain.EntryStatus;
import dev.opsuite.l10n.domain.Uids;
import dev.opsuite.l10n.entries.BatchLine;
import dev.opsuite.l10n.entries.BatchResult;
import dev.opsuite.l10n.entries.TranslationInput;
import dev.opsuite.l10n.entries.TranslationService;
import dev.opsuite.l10n.tm.TranslationMemory;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Translation entries: list, read (ETag), update (If-Match, idempotent), NDJSON batch, suggestions. */
@Path("/api/v6/translations")
@Produces(MediaType.APPLICATION_JSON)
public class TranslationResource {
    static final String NDJSON = "application/x-ndjson";
    private static final Duration IDEMPOTENCY_WINDOW = Duration.ofMinutes(60);

    private final TranslationService translations;
    private final TranslationMemory memory;
    private final IdempotencyService idempotency;
    private final Access access;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public TranslationResource(
            TranslationService translations,
            TranslationMemory memory,
            IdempotencyService idempotency,
            Access access,
            SecurityIdentity identity,
            ObjectMapper mapper) {
        this.translations = translations;
        this.memory = memory;
        this.idempotency = idempotency;
        this.access = access;
        this.identity = identity;
        this.mapper = mapper;
    }

    @GET
    @PermitAll
    public Uni<ListPage<TranslationView>> list(
            @QueryParam("language_file_uid") String fileUid,
            @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {
                                                "new",
                                                "mt",
                                                "suggested",
                                                "reviewed",
                                                "locked",
                                                "rejected",
                                                "conflict",
                                                "outdated"
                                            }))
                    @QueryParam("status")
                    String status,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("offset") String offset,
            @QueryParam("after") String after) {
        access.read();
        String s = status == null
                ? null
                : EntryStatus.parseOptional("status", status).wire();
        return translations
                .list(
                        Params.optionalText("language_file_uid", fileUid),
                        s,
                        Lists.paging(limit, offset, after, Uids.ENTRY))
                .map(page -> Lists.page(page, TranslationView::of, TranslationView::uid));
    }

    @GET
    @Path("{uid}")
    @PermitAll
    public Uni<Response> get(@PathParam("uid") String uid) {
        access.read();
        return translations
                .get(uid)
                .map(e -> Response.ok(TranslationView.of(e))
                        .header("ETag", ETags.of(e.version))
                        .build());
    }

    @PUT
    @Path("{uid}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> update(
            @PathParam("uid") String uid,
            @HeaderParam("If-Match") String ifMatch,
            @HeaderParam(Idempotency.LEGACY_KEY_HEADER) String legacyKey,
            @HeaderParam(Idempotency.KEY_HEADER) String key,
            TranslationInput in) {
        if (in == null) {
            throw ApiException.badRequest("request body is required");
        }
        Long expected = ETags.expectedVersion(ifMatch);
        String actor = identity.getPrincipal().getName();
        String idemKey = legacyKey != null ? legacyKey : key;
        return idempotency.execute(
                Idempotency.scope("PUT", "/api/v6/translations/" + uid, actor),
                idemKey,
                Idempotency.hash(ifMatch + "\n" + in.fingerprint()),
                IDEMPOTENCY_WINDOW,
                () -> translations
                        .update(uid, expected, in, actor)
                        .map(e -> Response.ok(TranslationView.of(e))
                                .header("ETag", ETags.of(e.version))
                                .build()));
    }

    /**
     * NDJSON in ({entry_uid, dst_text, status, base_version?} per line, split on \n only), one NDJSON
     * result line out per input line, in order, as each is applied.
     */
    @POST
    @Path("batch")
    @Consumes({NDJSON, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Produces(NDJSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<BatchResult> batch(byte[] body) {
        String actor = identity.getPrincipal().getName();
        String text = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            throw ApiException.badRequest("empty_batch", "The batch has no lines");
        }
        if (lines.size() > 10_000) {
            throw ApiException.validation("A batch holds at most 10000 lines", Map.of("field", "body"));
        }
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            numbers.add(i + 1);
        }
        return Multi.createFrom().iterable(numbers).onItem().transformToUniAndConcatenate(n -> {
            String line = lines.get(n - 1);
            BatchLine parsed;
            try {
                parsed = mapper.readValue(line, BatchLine.class);
            } catch (JsonProcessingException e) {
                return Uni.createFrom()
                        .item(new BatchResult(
                                n,
                                null,
                                400,
                                "malformed_json",
                                null,
                                null,
                                null,
                                "line " + n + " is not a valid batch object: " + e.getOriginalMessage()));
            }
            return translations.applyLine(n, parsed, actor);
        });
    }

    @GET
    @Path("{uid}/suggestions")
    @PermitAll
    @RunOnVirtualThread
    public TranslationMemory.Suggestions suggestions(
            @PathParam("uid") String uid,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "50")) @QueryParam("limit")
                    String limit) {
        access.read();
        return memory.suggest(uid, Params.intOr("limit", limit, 1, 50, 10));
    }
}
