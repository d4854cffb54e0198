package dev.opsuite.gateway.pve.facade;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import dev.opsuite.gateway.apitoken.PveApiTokenHeader;
import dev.opsuite.gateway.auth.Caller;
import dev.opsuite.gateway.identity.LoginService;
import dev.opsuite.gateway.identity.User;
import dev.opsuite.gateway.identity.UserRepository;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identity paths the facade answers itself, never forwarding them (with the cluster's token
 * they would answer for the cluster token, not for the caller): the ticket login and renewal, the
 * caller's permissions, and the users list.
 */
@ApplicationScoped
public class AccessAnswers {

    /** Paths PVE uses for privilege overviews; the same privileges apply on each. */
    private static final List<String> PERMISSION_PATHS = List.of("/", "/vms", "/storage", "/nodes", "/sdn", "/pool");

    private final LoginService logins;
    private final UserRepository users;
    private final PveTickets tickets;
    private final FacadeAuth auth;

    public AccessAnswers(LoginService logins, UserRepository users, PveTickets tickets, FacadeAuth auth) {
        this.logins = logins;
        this.users = users;
        this.tickets = tickets;
        this.auth = auth;
    }

    /**
     * {@code POST /access/ticket}: {@code username} ({@code user@opsuite}, or {@code user} with
     * {@code realm=opsuite}) and {@code password} — or the current ticket as password, which renews
     * it as PVE does. Any failure is an {@link AuthenticationFailedException}.
     */
    public Uni<JsonObject> ticket(Map<String, String> params, String clientIp) {
        String username = params.get("username");
        String password = params.get("password");
        if (username == null || password == null || username.isBlank()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("username and password required"));
        }
        if (!isStorableText(username)
                || !isStorableText(password)
                || username.length() > 128
                || password.length() > 4096) {
            // NUL and lone surrogates can name no user (PostgreSQL refuses them): a failed login, not an error
            return Uni.createFrom().failure(new AuthenticationFailedException("malformed credentials"));
        }
        String user = username;
        String realm = params.get("realm");
        int at = username.lastIndexOf('@');
        if (at > 0) {
            user = username.substring(0, at);
            realm = username.substring(at + 1);
        }
        if (!PveApiTokenHeader.REALM.equals(realm)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("realm must be opsuite"));
        }
        String name = user;
        Uni<User> who;
        if (password.startsWith("PVE:")) {
            who = auth.byTicket(password).chain(caller -> {
                if (!caller.username().equalsIgnoreCase(name)) {
                    return Uni.createFrom().failure(new AuthenticationFailedException("ticket of another user"));
                }
                return users.findByUsername(caller.username()).map(Optional::orElseThrow);
            });
        } else {
            who = logins.login(name, password, clientIp)
                    .map(LoginService.Session::user)
                    .onFailure(ApiException.class)
                    .transform(e -> ((ApiException) e).status() == 401
                            ? new AuthenticationFailedException("bad credentials")
                            : e);
        }
        return who.map(u -> {
            PveTickets.Issued issued = tickets.issue(u.username(), u.role(), u.tokenVersion());
            return new JsonObject()
                    .put("username", issued.userid())
                    .put("ticket", issued.ticket())
                    .put("CSRFPreventionToken", issued.csrf())
                    .put("cap", capabilities(u.role()));
        });
    }

    private static boolean isStorableText(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@code GET /access/permissions[?path=]}: the privileges of the caller's role, per path. */
    public JsonObject permissions(Caller caller, Map<String, String> params) {
        JsonObject privileges = new JsonObject();
        PvePrivileges.of(caller.role()).forEach(p -> privileges.put(p, 1));
        JsonObject data = new JsonObject();
        String only = params.get("path");
        if (only != null) {
            data.put(only, privileges);
        } else {
            PERMISSION_PATHS.forEach(p -> data.put(p, privileges.copy()));
        }
        return data;
    }

    /** {@code GET /access/users}: the caller (admins: every opsuite user), PVE's field names. */
    public Uni<JsonArray> users(Caller caller, Map<String, String> params) {
        boolean full = "1".equals(params.get("full"));
        Uni<List<User>> list = Roles.atLeast(caller.role(), Roles.ADMIN)
                ? users.list(0, 10_000)
                : users.findByUsername(caller.username())
                        .map(u -> u.map(List::of).orElse(List.of()));
        return list.map(found -> {
            JsonArray array = new JsonArray();
            for (User u : found) {
                JsonObject o = new JsonObject()
                        .put("userid", u.username() + "@" + PveApiTokenHeader.REALM)
                        .put("enable", u.enabled() ? 1 : 0)
                        .put("expire", 0)
                        .put("realm-type", PveApiTokenHeader.REALM);
                if (full) {
                    o.put("tokens", new JsonArray()).put("groups", new JsonArray());
                }
                array.add(o);
            }
            return array;
        });
    }

    /** The {@code cap} object of PVE's ticket answer: what the user may do, by area. */
    private static JsonObject capabilities(String role) {
        JsonObject cap = new JsonObject();
        for (String area : List.of("vms", "storage", "nodes", "sdn", "access", "dc", "mapping")) {
            cap.put(area, new JsonObject());
        }
        for (String p : PvePrivileges.of(role)) {
            String area = p.startsWith("VM.")
                    ? "vms"
                    : p.startsWith("Datastore.")
                            ? "storage"
                            : p.startsWith("SDN.")
                                    ? "sdn"
                                    : p.startsWith("Mapping.")
                                            ? "mapping"
                                            : p.startsWith("User.")
                                                            || p.startsWith("Group.")
                                                            || p.startsWith("Realm.")
                                                            || p.startsWith("Permissions.")
                                                    ? "access"
                                                    : p.startsWith("Sys.") ? "nodes" : "dc";
            cap.getJsonObject(area).put(p, 1);
        }
        return cap;
    }
}
