package dev.opsuite.gateway.api;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.paging.PageRequest;
import dev.opsuite.common.security.Roles;
import dev.opsuite.gateway.api.AuthDtos.CreateUserRequest;
import dev.opsuite.gateway.api.AuthDtos.PasswordRequest;
import dev.opsuite.gateway.api.AuthDtos.UpdateUserRequest;
import dev.opsuite.gateway.api.AuthDtos.UserList;
import dev.opsuite.gateway.api.AuthDtos.UserView;
import dev.opsuite.gateway.identity.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** User administration, admins only. Automation dialect. */
@Path("/api/v1/auth/users")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class UserResource {

    private final UserService users;

    public UserResource(UserService users) {
        this.users = users;
    }

    @GET
    public Uni<Envelope<UserList>> list(@QueryParam("page") Integer page, @QueryParam("page_size") Integer pageSize) {
        PageRequest request = PageRequest.ofPage(page, pageSize);
        return users.count()
                .chain(total -> users.list((int) request.offset(), request.limit())
                        .map(list -> Envelope.ok(
                                "获取成功",
                                new UserList(
                                        total,
                                        request.page(),
                                        request.limit(),
                                        list.stream().map(UserView::of).toList()))));
    }

    @GET
    @Path("{id}")
    public Uni<Envelope<UserView>> get(@PathParam("id") long id) {
        return users.get(id).map(u -> Envelope.ok("获取成功", UserView.of(u)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(CreateUserRequest body) {
        if (body == null) {
            throw ApiException.badRequest("request body is required");
        }
        return users.create(body.username(), body.password(), body.role(), body.enabled())
                .map(u -> Envelope.created("创建成功", UserView.of(u)));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("{id}")
    public Uni<Envelope<UserView>> update(@PathParam("id") long id, UpdateUserRequest body) {
        if (body == null || (body.role() == null && body.enabled() == null)) {
            throw ApiException.badRequest("nothing to update: give role and/or enabled");
        }
        return users.update(id, body.role(), body.enabled()).map(u -> Envelope.ok("更新成功", UserView.of(u)));
    }

    @DELETE
    @Path("{id}")
    public Uni<Envelope<Void>> delete(@PathParam("id") long id) {
        return users.delete(id).replaceWith(Envelope.ok("删除成功", null));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("{id}/password")
    public Uni<Envelope<Void>> setPassword(@PathParam("id") long id, PasswordRequest body) {
        return users.setPassword(id, body == null ? null : body.password()).replaceWith(Envelope.ok("密码已更新", null));
    }
}
