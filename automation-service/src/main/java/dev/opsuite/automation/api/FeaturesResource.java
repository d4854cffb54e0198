package dev.opsuite.automation.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.opsuite.automation.domain.Settings;
import dev.opsuite.automation.features.FeatureService;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /api/v1/features}: switches readable without a token, changed by admins. */
@Path("/api/v1/features")
@Produces(MediaType.APPLICATION_JSON)
public class FeaturesResource {

    public record AutomationFeatures(
            boolean enabled,
            @JsonProperty("ansible_enabled") boolean ansibleEnabled,
            @JsonProperty("ssh_enabled") boolean sshEnabled,
            @JsonProperty("scripts_enabled") boolean scriptsEnabled,
            @JsonProperty("workflows_enabled") boolean workflowsEnabled) {}

    public record AnsibleView(
            @JsonProperty("binary_path") String binaryPath,
            @JsonProperty("temp_dir") String tempDir,
            int timeout,
            @JsonProperty("max_concurrent") int maxConcurrent) {}

    public record SshView(
            int timeout,
            @JsonProperty("max_concurrent") int maxConcurrent,
            @JsonProperty("connection_pool_size") int connectionPoolSize) {}

    public record FeaturesView(AutomationFeatures automation, AnsibleView ansible, SshView ssh) {}

    public record EnabledRequest(Boolean enabled) {}

    public record AnsibleRequest(
            Boolean enabled,
            @JsonProperty("binary_path") String binaryPath,
            @JsonProperty("temp_dir") String tempDir,
            Integer timeout,
            @JsonProperty("max_concurrent") Integer maxConcurrent) {}

    public record SshRequest(
            Boolean enabled,
            Integer timeout,
            @JsonProperty("max_concurrent") Integer maxConcurrent,
            @JsonProperty("connection_pool_size") Integer connectionPoolSize) {}

    private final FeatureService features;

    public FeaturesResource(FeatureService features) {
        this.features = features;
    }

    @GET
    @PermitAll
    public Uni<Envelope<FeaturesView>> get() {
        return features.current().map(s -> Envelope.ok(view(s)));
    }

    @PUT
    @Path("automation/enabled")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Envelope<FeaturesView>> setEnabled(EnabledRequest body) {
        boolean enabled = required(body == null ? null : body.enabled());
        return features.update(f -> f.enabled = enabled).map(s -> Envelope.ok("更新成功", view(s)));
    }

    @PUT
    @Path("automation/ansible")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Envelope<FeaturesView>> setAnsible(AnsibleRequest body) {
        if (body == null) {
            throw ApiException.badRequest("request body is required");
        }
        return features.update(f -> {
                    if (body.enabled() != null) {
                        f.ansibleEnabled = body.enabled();
                    }
                    if (body.binaryPath() != null) {
                        f.ansibleBinaryPath = body.binaryPath();
                    }
                    if (body.tempDir() != null) {
                        f.ansibleTempDir = body.tempDir().isEmpty() ? null : body.tempDir();
                    }
                    if (body.timeout() != null) {
                        f.ansibleTimeout = body.timeout();
                    }
                    if (body.maxConcurrent() != null) {
                        f.ansibleMaxConcurrent = body.maxConcurrent();
                    }
                })
                .map(s -> Envelope.ok("更新成功", view(s)));
    }

    @PUT
    @Path("automation/ssh")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Envelope<FeaturesView>> setSsh(SshRequest body) {
        if (body == null) {
            throw ApiException.badRequest("request body is required");
        }
        return features.update(f -> {
                    if (body.enabled() != null) {
                        f.sshEnabled = body.enabled();
                    }
                    if (body.timeout() != null) {
                        f.sshTimeout = body.timeout();
                    }
                    if (body.maxConcurrent() != null) {
                        f.sshMaxConcurrent = body.maxConcurrent();
                    }
                    if (body.connectionPoolSize() != null) {
                        f.sshPoolSize = body.connectionPoolSize();
                    }
                })
                .map(s -> Envelope.ok("更新成功", view(s)));
    }

    @PUT
    @Path("automation/scripts")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Envelope<FeaturesView>> setScripts(EnabledRequest body) {
        boolean enabled = required(body == null ? null : body.enabled());
        return features.update(f -> f.scriptsEnabled = enabled).map(s -> Envelope.ok("更新成功", view(s)));
    }

    @PUT
    @Path("automation/workflows")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Uni<Envelope<FeaturesView>> setWorkflows(EnabledRequest body) {
        boolean enabled = required(body == null ? null : body.enabled());
        return features.update(f -> f.workflowsEnabled = enabled).map(s -> Envelope.ok("更新成功", view(s)));
    }

    private static boolean required(Boolean enabled) {
        if (enabled == null) {
            throw ApiException.badRequest("validation_failed", "enabled (true or false) is required");
        }
        return enabled;
    }

    static FeaturesView view(Settings s) {
        return new FeaturesView(
                new AutomationFeatures(
                        s.enabled(), s.ansibleEnabled(), s.sshEnabled(), s.scriptsEnabled(), s.workflowsEnabled()),
                new AnsibleView(
                        s.ansibleBinaryPath(), s.ansibleTempDir(), s.ansibleTimeout(), s.ansibleMaxConcurrent()),
                new SshView(s.sshTimeout(), s.sshMaxConcurrent(), s.sshPoolSize()));
    }
}
