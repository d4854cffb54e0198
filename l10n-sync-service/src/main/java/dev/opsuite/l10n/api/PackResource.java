package dev.opsuite.l10n.api;

import dev.opsuite.common.security.Roles;
import dev.opsuite.l10n.api.Views.PackVersionView;
import dev.opsuite.l10n.api.Views.PackView;
import dev.opsuite.l10n.catalogue.PackInput;
import dev.opsuite.l10n.catalogue.PackService;
import dev.opsuite.l10n.catalogue.PackVersionInput;
import dev.opsuite.l10n.catalogue.PackVersionService;
import dev.opsuite.l10n.domain.Uids;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Modpacks and their versions. Reads: viewer (or anonymous when allowed); writes: operator. */
@Path("/api/v6")
@Produces(MediaType.APPLICATION_JSON)
public class PackResource {
    private final PackService packs;
    private final PackVersionService versions;
    private final Access access;

    public PackResource(PackService packs, PackVersionService versions, Access access) {
        this.packs = packs;
        this.versions = versions;
        this.access = access;
    }

    @GET
    @Path("packs")
    @PermitAll
    public Uni<ListPage<PackView>> list(
            @Parameter(
                            schema =
                                    @Schema(
                                            type = SchemaType.STRING,
                                            enumeration = {"modrinth", "curseforge", "custom"}))
                    @QueryParam("platform")
                    String platform,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("offset") String offset,
            @QueryParam("after") String after) {
        access.read();
        String p = Params.oneOf("platform", platform, List.of("modrinth", "curseforge", "custom"));
        return packs.list(p, Lists.paging(limit, offset, after, Uids.PACK))
                .map(page -> Lists.page(page, PackView::of, PackView::uid));
    }

    @POST
    @Path("packs")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> create(PackInput in) {
        return packs.create(in)
                .map(p -> Response.status(201)
                        .entity(PackView.of(p))
                        .header("ETag", ETags.of(p.version))
                        .header("Location", "/api/v6/packs/" + p.uid)
                        .build());
    }

    @GET
    @Path("packs/{uid}")
    @PermitAll
    public Uni<Response> get(@PathParam("uid") String uid) {
        access.read();
        return packs.get(uid)
                .map(p -> Response.ok(PackView.of(p))
                        .header("ETag", ETags.of(p.version))
                        .build());
    }

    @PUT
    @Path("packs/{uid}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> update(@PathParam("uid") String uid, @HeaderParam("If-Match") String ifMatch, PackInput in) {
        Long expected = ETags.expectedVersion(ifMatch);
        return packs.update(uid, expected, in)
                .map(p -> Response.ok(PackView.of(p))
                        .header("ETag", ETags.of(p.version))
                        .build());
    }

    @DELETE
    @Path("packs/{uid}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> delete(@PathParam("uid") String uid, @HeaderParam("If-Match") String ifMatch) {
        Long expected = ifMatch == null ? null : ETags.expectedVersion(ifMatch);
        return packs.delete(uid, expected).map(v -> Response.noContent().build());
    }

    @GET
    @Path("pack-versions")
    @PermitAll
    public Uni<ListPage<PackVersionView>> listVersions(
            @QueryParam("pack_uid") String packUid,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("offset") String offset,
            @QueryParam("after") String after) {
        access.read();
        return versions.list(
                        Params.optionalText("pack_uid", packUid), Lists.paging(limit, offset, after, Uids.PACK_VERSION))
                .map(page -> Lists.page(page, v -> PackVersionView.of(v, null), PackVersionView::uid));
    }

    @GET
    @Path("pack-versions/{uid}/mods")
    @PermitAll
    public Uni<List<String>> modsOf(@PathParam("uid") String uid) {
        access.read();
        return versions.modsOf(uid);
    }

    @POST
    @Path("pack-versions")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> createVersion(PackVersionInput in) {
        return versions.create(in)
                .map(c -> Response.status(201)
                        .entity(PackVersionView.of(c.version(), c.modUids()))
                        .header("ETag", ETags.of(c.version().version))
                        .build());
    }
}
