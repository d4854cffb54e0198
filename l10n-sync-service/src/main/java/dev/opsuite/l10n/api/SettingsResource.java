package dev.opsuite.l10n.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import dev.opsuite.l10n.cache.L10nCache;
import dev.opsuite.l10n.settings.Settings;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/** Known settings with defaults; changing one needs admin. */
@Path("/api/v6/settings")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {
    private final Settings settings;
    private final L10nCache cache;
    private final Access access;
    private final SecurityIdentity identity;

    public SettingsResource(Settings settings, L10nCache cache, Access access, SecurityIdentity identity) {
        this.settings = settings;
        this.cache = cache;
        this.access = access;
        this.identity = identity;
    }

    public record SettingUpdate(JsonNode value) {}

    @GET
    @PermitAll
    @RunOnVirtualThread
    public List<Settings.Value> all() {
        access.read();
        return settings.all();
    }

    @GET
    @Path("{key}")
    @PermitAll
    @RunOnVirtualThread
    public Settings.Value one(@PathParam("key") String key) {
        access.read();
        return settings.one(key);
    }

    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @RunOnVirtualThread
    public Settings.Value put(@PathParam("key") String key, SettingUpdate update) {
        if (update == null) {
            throw ApiException.validation("Body {\"value\": <integer>} is required", Map.of("field", "value"));
        }
        Settings.Value v =
                settings.put(key, update.value(), identity.getPrincipal().getName());
        cache.settingsChanged();
        return v;
    }
}
