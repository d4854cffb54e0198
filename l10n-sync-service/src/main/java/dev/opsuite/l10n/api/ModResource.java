package dev.opsuite.l10n.api;

import dev.opsuite.common.security.Roles;
import dev.opsuite.l10n.api.Views.ModVersionView;
import dev.opsuite.l10n.api.Views.ModView;
import dev.opsuite.l10n.catalogue.ModInput;
import dev.opsuite.l10n.catalogue.ModService;
import dev.opsuite.l10n.catalogue.ModVersionInput;
import dev.opsuite.l10n.catalogue.ModVersionService;
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
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** Mods and mod versions. */
@Path("/api/v6")
@Produces(MediaType.APPLICATION_JSON)
public class ModResource {
    private final ModService mods;
    private final ModVersionService versions;
    private final Access access;

    public ModResource(ModService mods, ModVersionService versions, Access access) {
        this.mods = mods;
        this.versions = versions;
        this.access = access;
    }

    @GET
    @Path("mods")
    @PermitAll
    public Uni<ListPage<ModView>> list(
            @QueryParam("search") String search,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("offset") String offset,
            @QueryParam("after") String after) {
        access.read();
        return mods.list(Params.optionalText("search", search), Lists.paging(limit, offset, after, Uids.MOD))
                .map(page -> Lists.page(page, ModView::of, ModView::uid));
    }

    @POST
    @Path("mods")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> create(ModInput in) {
        return mods.create(in)
                .map(m -> Response.status(201)
                        .entity(ModView.of(m))
                        .header("ETag", ETags.of(m.version))
                        .header("Location", "/api/v6/mods/" + m.uid)
                        .build());
    }

    @GET
    @Path("mods/{uid}")
    @PermitAll
    public Uni<Response> get(@PathParam("uid") String uid) {
        access.read();
        return mods.get(uid)
                .map(m -> Response.ok(ModView.of(m))
                        .header("ETag", ETags.of(m.version))
                        .build());
    }

    @PUT
    @Path("mods/{uid}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> update(@PathParam("uid") String uid, @HeaderParam("If-Match") String ifMatch, ModInput in) {
        Long expected = ETags.expectedVersion(ifMatch);
        return mods.update(uid, expected, in)
                .map(m -> Response.ok(ModView.of(m))
                        .header("ETag", ETags.of(m.version))
                        .build());
    }

    @DELETE
    @Path("mods/{uid}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> delete(@PathParam("uid") String uid, @HeaderParam("If-Match") String ifMatch) {
        Long expected = ifMatch == null ? null : ETags.expectedVersion(ifMatch);
        return mods.delete(uid, expected).map(v -> Response.noContent().build());
    }

    @GET
    @Path("mod-versions")
    @PermitAll
    public Uni<ListPage<ModVersionView>> listVersions(
            @QueryParam("mod_uid") String modUid,
            @QueryParam("mc_version") String mcVersion,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("offset") String offset,
            @QueryParam("after") String after) {
        access.read();
        return versions.list(
                        Params.optionalText("mod_uid", modUid),
                        Params.optionalText("mc_version", mcVersion),
                        Lists.paging(limit, offset, after, Uids.MOD_VERSION))
                .map(page -> Lists.page(page, ModVersionView::of, ModVersionView::uid));
    }

    @POST
    @Path("mod-versions")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> createVersion(ModVersionInput in) {
        return versions.create(in)
                .map(v -> Response.status(201)
                        .entity(ModVersionView.of(v))
                        .header("ETag", ETags.of(v.rowVersion))
                        .build());
    }
}
