package dev.opsuite.l10n.api;

import dev.opsuite.common.security.Roles;
import dev.opsuite.l10n.api.Views.GlossaryView;
import dev.opsuite.l10n.catalogue.GlossaryInput;
import dev.opsuite.l10n.catalogue.GlossaryService;
import dev.opsuite.l10n.domain.Locales;
import dev.opsuite.l10n.domain.Uids;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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

/** Glossary terms per locale (checked by QA's glossary_check). */
@Path("/api/v6/glossary")
@Produces(MediaType.APPLICATION_JSON)
public class GlossaryResource {
    private final GlossaryService glossary;
    private final Access access;

    public GlossaryResource(GlossaryService glossary, Access access) {
        this.glossary = glossary;
        this.access = access;
    }

    @GET
    @PermitAll
    public Uni<ListPage<GlossaryView>> list(
            @Parameter(schema = @Schema(type = SchemaType.STRING, pattern = Locales.PATTERN)) @QueryParam("locale")
                    String locale,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "1000"))
                    @QueryParam("limit")
                    String limit,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("offset") String offset,
            @QueryParam("after") String after) {
        access.read();
        return glossary.list(Locales.optional("locale", locale), Lists.paging(limit, offset, after, Uids.GLOSSARY))
                .map(page -> Lists.page(page, GlossaryView::of, GlossaryView::uid));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> create(GlossaryInput in) {
        return glossary.create(in)
                .map(t -> Response.status(201)
                        .entity(GlossaryView.of(t))
                        .header("ETag", ETags.of(t.version))
                        .build());
    }

    @PUT
    @Path("{uid}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> update(
            @PathParam("uid") String uid, @HeaderParam("If-Match") String ifMatch, GlossaryInput in) {
        Long expected = ETags.expectedVersion(ifMatch);
        return glossary.update(uid, expected, in)
                .map(t -> Response.ok(GlossaryView.of(t))
                        .header("ETag", ETags.of(t.version))
                        .build());
    }

    @DELETE
    @Path("{uid}")
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Uni<Response> delete(@PathParam("uid") String uid) {
        return glossary.delete(uid).map(v -> Response.noContent().build());
    }
}
