package dev.opsuite.deployment.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.common.error.ApiException;
import dev.opsuite.common.net.OutboundUrlGuard;
import dev.opsuite.deployment.DeploymentConfig;
import dev.opsuite.deployment.apps.AppLookup;
import dev.opsuite.deployment.domain.App;
import dev.opsuite.deployment.domain.Deployment;
import dev.opsuite.deployment.domain.DeploymentSecrets;
import dev.opsuite.deployment.domain.Mode;
import dev.opsuite.deployment.domain.WebhookSecrets;
import dev.opsuite.deployment.modes.ModeAvailability;
import dev.opsuite.deployment.modes.ModePlans;
import dev.opsuite.deployment.modes.ToolStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a request (or an earlier deployment, for a redeploy) into a {@link ValidatedRequest}: every
 * field checked (422 with the offending fields), the callback URL vetted, the app looked up and the
 * mode resolved against what this host can run.
 */
@ApplicationScoped
public class DeploymentRequests {
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private final AppLookup apps;
    private final ModeAvailability availability;
    private final ModePlans plans;
    private final OutboundUrlGuard guard;
    private final DeploymentSecrets secrets;
    private final ObjectMapper mapper;
    private final DeploymentConfig config;

    public DeploymentRequests(
            AppLookup apps,
            ModeAvailability availability,
            ModePlans plans,
            OutboundUrlGuard guard,
            DeploymentSecrets secrets,
            ObjectMapper mapper,
            DeploymentConfig config) {
        this.apps = apps;
        this.availability = availability;
        this.plans = plans;
        this.guard = guard;
        this.secrets = secrets;
        this.mapper = mapper;
        this.config = config;
    }

    ValidatedRequest validate(DeploymentRequest req) {
        Map<String, String> errors = new LinkedHashMap<>();
        String appName = req.app() != null ? req.app() : config.defaultApp().orElse(null);
        if (appName == null) {
            throw ApiException.validation(
                    "app is required (no default app is configured)", Map.of("app", "is required"));
        }
        String requestedMode = req.mode() == null ? "auto" : req.mode();
        if (!requestedMode.equals("auto") && Mode.parse(requestedMode).isEmpty()) {
            errors.put("mode", "must be one of docker, uv, fallback, auto");
        }
        String environment = req.environment() == null ? config.defaultEnvironment() : req.environment();
        if (!ENVIRONMENT.matcher(environment).matches()) {
            errors.put("environment", "must be 1-63 letters, digits, '.', '_' or '-'");
        }
        int timeout = req.timeout() == null ? config.defaultTimeoutSeconds() : req.timeout();
        if (timeout < 1 || timeout > 86_400) {
            errors.put("timeout", "must be between 1 and 86400 seconds");
        }
        Map<String, String> env = req.environmentVariables() == null ? Map.of() : req.environmentVariables();
        if (env.size() > 200) {
            errors.put("config.environment_variables", "at most 200 variables");
        }
        for (var e : env.entrySet()) {
            if (!ENV_NAME.matcher(e.getKey()).matches()) {
                errors.put("config.environment_variables." + e.getKey(), "is not a valid variable name");
            } else if (e.getValue() == null
                    || e.getValue().indexOf('\0') >= 0
                    || e.getValue().length() > 32_768) {
                errors.put(
                        "config.environment_variables." + e.getKey(), "must be a string without NUL, at most 32 KiB");
            }
        }
        Map<String, Object> metadata =
                req.metadata() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(req.metadata());
        if (json(metadata).length() > 16_384) {
            errors.put("metadata", "at most 16 KiB of JSON");
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("Invalid deployment request", errors);
        }
        if (req.callbackUrl() != null) {
            guard.check(req.callbackUrl());
        }
        String hookSecret = WebhookSecrets.validate(req.webhookSecret());
        App app = apps.find(appName)
                .orElseThrow(
                        () -> ApiException.unprocessable("unknown_app", "No app named " + appName + " is registered")
                                .withDetail("app", appName));
        Mode mode = resolve(requestedMode, app);
        return new ValidatedRequest(
                app,
                requestedMode,
                mode,
                environment,
                env,
                req.profile(),
                timeout,
                Boolean.TRUE.equals(req.forceRebuild()),
                Boolean.TRUE.equals(req.skipHealthCheck()),
                req.callbackUrl(),
                hookSecret,
                metadata,
                Boolean.TRUE.equals(req.queue()),
                null);
    }

    /** The same app, mode, environment and configuration (secrets included) as {@code old}, never queued. */
    ValidatedRequest redeployOf(Deployment old) {
        App app = apps.find(old.app())
                .orElseThrow(() ->
                        ApiException.unprocessable("unknown_app", "app " + old.app() + " is no longer registered"));
        String unsuitable = plans.unsuitable(old.mode(), app);
        ToolStatus tool = availability.status(old.mode());
        if (unsuitable != null || !tool.isAvailable()) {
            throw ApiException.unprocessable(
                    "mode_unavailable",
                    "mode " + old.mode().wire() + " is unavailable: "
                            + (unsuitable != null ? unsuitable : tool.reason()));
        }
        Map<String, Object> metadata = new LinkedHashMap<>(old.metadata());
        metadata.put("redeploy_of", old.id());
        return new ValidatedRequest(
                app,
                old.mode().wire(),
                old.mode(),
                old.environment(),
                secrets.environment(old),
                old.profile(),
                old.timeoutSeconds(),
                old.forceRebuild(),
                old.skipHealthCheck(),
                old.callbackUrl(),
                secrets.webhookSecret(old.id(), old.webhookSecret()),
                metadata,
                false,
                old.id());
    }

    /** An explicit mode must be usable; auto takes the first usable of docker, uv, fallback. */
    private Mode resolve(String requested, App app) {
        Map<String, String> reasons = new LinkedHashMap<>();
        List<Mode> candidates = requested.equals("auto")
                ? List.of(Mode.DOCKER, Mode.UV, Mode.FALLBACK)
                : List.of(Mode.parse(requested).orElseThrow());
        for (Mode m : candidates) {
            ToolStatus tool = availability.status(m);
            String unsuitable = plans.unsuitable(m, app);
            if (!tool.isAvailable()) {
                reasons.put(m.wire(), tool.reason());
            } else if (unsuitable != null) {
                reasons.put(m.wire(), unsuitable);
            } else {
                return m;
            }
        }
        ApiException e = ApiException.unprocessable(
                "mode_unavailable",
                requested.equals("auto")
                        ? "No deployment mode is available for app " + app.name()
                        : "Mode " + requested + " is unavailable for app " + app.name() + ": "
                                + reasons.get(requested));
        reasons.forEach(e::withDetail);
        throw e;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
