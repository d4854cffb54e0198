package dev.opsuite.l10n.api;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import dev.opsuite.l10n.api.Views.LanguageFileView;
import dev.opsuite.l10n.catalogue.LanguageFileInput;
import dev.opsuite.l10n.catalogue.LanguageFileService;
import dev.opsuite.l10n.domain.EntryStatus;
import dev.opsuite.l10n.domain.Locales;
import dev.opsuite.l10n.domain.Uids;
import dev.opsuite.l10n.imports.ImportService;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/** Language files and the import of Minecraft .json / legacy .lang files into them. */
@Path("/api/v6/language-files")
@Produces(MediaType.APPLICATION_JSON)
public class LanguageFileResource {
    private final LanguageFileService files;
    private final ImportService imports;
    private final Access access;
    private final SecurityIdentity identity;

    public LanguageFileResource(
            LanguageFileService files, ImportService imports, Access access, SecurityIdentity identity) {
        this.files = files;
        this.imports = imports;
        this.access = access;
        this.identity = identity;
    }

    @GET
    @PermitAll
    public Uni<ListPage<LanguageFileView>> list(
            @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"mod", "resource_pack", "data_pack", "override"}))
                    @QueryParam("carrier")
                    String carrier,
            @QueryParam("carrier_uid") String carrierUid,
            @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = Locales.PATTERN)) @QueryParam("locale")
                    String locale,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("offset") String offset,
            @QueryParam("after") String after) {
        access.read();
        String c = Params.oneOf("carrier", carrier, List.of("mod", "resource_pack", "data_pack", "override"));
        return files.list(
                        c,
                        Params.optionalText("carrier_uid", carrierUid),
                        Locales.optional("locale", locale),
                        Lists.paging(limit, offset, after, Uids.FILE))
                .map(page -> Lists.page(page, LanguageFileView::of, LanguageFileView::uid));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> create(LanguageFileInput in) {
        return files.create(in)
                .map(f -> Response.status(201)
                        .entity(LanguageFileView.of(f))
                        .header("ETag", ETags.of(f.version))
                        .header("Location", "/api/v6/language-files/" + f.uid)
                        .build());
    }

    @GET
    @Path("{uid}")
    @PermitAll
    public Uni<Response> get(@PathParam("uid") String uid) {
        access.read();
        return files.get(uid)
                .map(f -> Response.ok(LanguageFileView.of(f))
                        .header("ETag", ETags.of(f.version))
                        .build());
    }

    /**
     * Upserts the file's entries from a Minecraft language file (JSON object or key=value lines; the
     * language file's format decides). {@code as=source|translation}, {@code status} for imported
     * translations (default reviewed), {@code autofill=true} fills untranslated target entries from
     * translation memory.
     */
    @POST
    @Path("{uid}/import")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @RunOnVirtualThread
    public ImportService.Result importFile(
            @PathParam("uid") String uid,
            @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"source", "translation"}))
                    @QueryParam("as")
                    String as,
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
            @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("autofill") String autofill,
            @RequestBody(
                            description =
                                    "a Minecraft language file: a JSON object of key to text, or legacy key=value lines",
                            content = {
                                @Content(
                                        mediaType = MediaType.APPLICATION_JSON,
                                        schema = @Schema(type = SchemaType.OBJECT)),
                                @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = SchemaType.STRING))
                            })
                    byte[] body) {
        if (body == null) {
            throw ApiException.badRequest("request body is required");
        }
        String mode = Params.oneOf("as", as, List.of("source", "translation"));
        String s = status == null
                ? null
                : EntryStatus.parseOptional("status", status).wire();
        String fill = Params.oneOf("autofill", autofill, List.of("true", "false"));
        return imports.importFile(
                uid,
                body,
                new ImportService.Options(mode, s, "true".equals(fill)),
                identity.getPrincipal().getName());
    }
}
