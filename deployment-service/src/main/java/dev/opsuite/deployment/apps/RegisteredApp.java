package dev.opsuite.deployment.apps;

import dev.opsuite.deployment.domain.App;

/** An app as registered or updated, with its webhook secret in clear only when it was just generated. */
public record RegisteredApp(App app, String newWebhookSecret) {}
