package dev.opsuite.deployment.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.common.crypto.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The secrets a deployment row keeps encrypted: its environment variables and its own webhook secret.
 * Each is bound to the deployment's id (the SecretBox context), so a ciphertext copied to another row
 * does not decrypt there.
 */
@ApplicationScoped
public class DeploymentSecrets {
    private final SecretBox box;
    private final ObjectMapper mapper;

    public DeploymentSecrets(SecretBox box, ObjectMapper mapper) {
        this.box = box;
        this.mapper = mapper;
    }

    /** @return the ciphertext of the variables, or null when there are none */
    public String encryptEnvironment(String deploymentId, Map<String, String> env) {
        if (env.isEmpty()) {
            return null;
        }
        try {
            return box.encrypt(mapper.writeValueAsBytes(env), envContext(deploymentId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decrypted deployment environment (names → values). */
    public Map<String, String> environment(Deployment d) {
        if (d.envSecret() == null) {
            return Map.of();
        }
        byte[] json = box.decrypt(d.envSecret(), envContext(d.id()));
        try {
            return mapper.readValue(
                    new String(json, StandardCharsets.UTF_8), new TypeReference<Map<String, String>>() {});
        } catch (Exception e) {
            throw new IllegalStateException("unreadable environment of " + d.id(), e);
        }
    }

    /** @return the ciphertext, or null for null (the app's secret signs that deployment's webhooks) */
    public String encryptWebhookSecret(String deploymentId, String secret) {
        return secret == null
                ? null
                : box.encrypt(secret.getBytes(StandardCharsets.UTF_8), webhookContext(deploymentId));
    }

    /** @return the deployment's own webhook secret in clear, or null when it has none */
    public String webhookSecret(String deploymentId, String ciphertext) {
        return ciphertext == null
                ? null
                : new String(box.decrypt(ciphertext, webhookContext(deploymentId)), StandardCharsets.UTF_8);
    }

    private static String envContext(String deploymentId) {
        return "deployment-env:" + deploymentId;
    }

    private static String webhookContext(String deploymentId) {
        return "deployment-webhook:" + deploymentId;
    }
}
