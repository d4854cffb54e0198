package dev.opsuite.l10n.api;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import dev.opsuite.l10n.domain.Locales;
import dev.opsuite.l10n.export.Dictionary;
import dev.opsuite.l10n.export.DictionaryService;
import dev.opsuite.l10n.export.ExportQuery;
import dev.opsuite.l10n.export.ExportService;
import dev.opsuite.l10n.settings.Setting;
import dev.opsuite.l10n.settings.Settings;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Streaming exports (NDJSON, length-delimited protobuf) and the per-locale zstd dictionaries. */
@Path("/api/v6")
public class ExportResource {
    static final String SCHEMA = "v6.0";
    private static final int MAX_LIMIT = 10_000_000;

    private final ExportService exports;
    private final DictionaryService dictionaries;
    private final Settings settings;
    private final Access access;

    public ExportResource(ExportService exports, DictionaryService dictionaries, Settings settings, Access access) {
        this.exports = exports;
        this.dictionaries = dictionaries;
        this.settings = settings;
        this.access = access;
    }

    @GET
    @Path("export/ndjson")
    @Produces("application/x-ndjson")
    @PermitAll
    @RunOnVirtualThread
    public Response ndjson(
            @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = Locales.PATTERN)) @QueryParam("locale")
                    String locale,
            @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"mod", "resource_pack", "data_pack", "override"}))
                    @QueryParam("carrier")
                    String carrier,
            @QueryParam("carrier_uid") String carrierUid,
            @Parameter(
                            description = "RFC 3339 timestamp: rows updated after it",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    @QueryParam("after")
                    String after,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("since_id")
                    String sinceId,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "10000000"))
                    @QueryParam("limit")
                    String limit,
            @QueryParam("dict_id") String dictId,
            @HeaderParam("Accept-Encoding") String acceptEncoding,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        access.read();
        ExportQuery q = query(locale, carrier, carrierUid, after, sinceId, limit);
        String encoding = Encodings.choose(acceptEncoding);
        byte[] dict = null;
        if (dictId != null) {
            if (!encoding.equals("zstd")) {
                throw ApiException.validation("dict_id needs Accept-Encoding: zstd", Map.of("field", "dict_id"));
            }
            dict = dictionaries.bytes(dictId);
        }
        long revision = exports.revision(q);
        String etag = ExportService.etag(revision);
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified()
                    .header("ETag", etag)
                    .header("X-TH-DB-Schema", SCHEMA)
                    .build();
        }
        byte[] d = dict;
        StreamingOutput body = out -> {
            try (OutputStream w = Encodings.wrap(new NonClosing(out), encoding, d)) {
                exports.ndjson(q, revision, w);
            }
        };
        return headers(Response.ok(body, "application/x-ndjson"), etag, revision, encoding, dictId)
                .build();
    }

    @GET
    @Path("export/pb")
    @Produces("application/x-protobuf")
    @PermitAll
    @RunOnVirtualThread
    public Response protobuf(
            @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = Locales.PATTERN)) @QueryParam("locale")
                    String locale,
            @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"mod", "resource_pack", "data_pack", "override"}))
                    @QueryParam("carrier")
                    String carrier,
            @QueryParam("carrier_uid") String carrierUid,
            @Parameter(
                            description = "RFC 3339 timestamp: rows updated after it",
                            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                    @QueryParam("after")
                    String after,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("since_id")
                    String sinceId,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "10000000"))
                    @QueryParam("limit")
                    String limit,
            @HeaderParam("Accept-Encoding") String acceptEncoding,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        access.read();
        ExportQuery q = query(locale, carrier, carrierUid, after, sinceId, limit);
        String encoding = Encodings.choose(acceptEncoding);
        long revision = exports.revision(q);
        String etag = ExportService.etag(revision);
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified()
                    .header("ETag", etag)
                    .header("X-TH-DB-Schema", SCHEMA)
                    .build();
        }
        StreamingOutput body = out -> {
            try (OutputStream w = Encodings.wrap(new NonClosing(out), encoding, null)) {
                exports.protobuf(q, w);
            }
        };
        return headers(Response.ok(body, "application/x-protobuf"), etag, revision, encoding, null)
                .build();
    }

    private static Response.ResponseBuilder headers(
            Response.ResponseBuilder b, String etag, long revision, String encoding, String dictId) {
        b.header("ETag", etag)
                .header("X-TH-DB-Schema", SCHEMA)
                .header("X-Export-Revision", revision)
                .header("Vary", "Accept-Encoding");
        if (!encoding.equals("identity")) {
            b.header("Content-Encoding", encoding);
        }
        if (dictId != null) {
            b.header("X-Dict-Id", dictId);
        }
        return b;
    }

    private ExportQuery query(
            String locale, String carrier, String carrierUid, String after, String sinceId, String limit) {
        int fallback = (int) settings.get(Setting.EXPORT_BATCH_SIZE);
        return new ExportQuery(
                Locales.optional("locale", locale),
                Params.oneOf("carrier", carrier, List.of("mod", "resource_pack", "data_pack", "override")),
                Params.optionalText("carrier_uid", carrierUid),
                Params.optionalTime("after", after),
                Params.optionalLong("since_id", sinceId, 0),
                Params.intOr("limit", limit, 1, MAX_LIMIT, fallback));
    }

    @GET
    @Path("dicts")
    @Produces(MediaType.APPLICATION_JSON)
    @PermitAll
    @RunOnVirtualThread
    public List<Dictionary> dictionaries(
            @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = Locales.PATTERN)) @QueryParam("locale")
                    String locale) {
        access.read();
        return dictionaries.list(Locales.optional("locale", locale));
    }

    @GET
    @Path("dicts/{dict_id}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @PermitAll
    @RunOnVirtualThread
    public Response dictionary(@PathParam("dict_id") String dictId) {
        access.read();
        byte[] bytes = dictionaries.bytes(dictId);
        return Response.ok(bytes, MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-Disposition", "attachment; filename=\"" + dictId.replace('@', '_') + ".zdict\"")
                .header("Cache-Control", "public, max-age=86400")
                .build();
    }

    public record TrainRequest(String locale) {}

    /** Trains (or retrains) a locale's dictionary from its entries and measures it on 1 KiB chunks. */
    @POST
    @Path("dicts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RunOnVirtualThread
    public Response train(TrainRequest request) {
        if (request == null) {
            throw ApiException.badRequest("request body is required");
        }
        return Response.status(201).entity(dictionaries.train(request.locale())).build();
    }
}
