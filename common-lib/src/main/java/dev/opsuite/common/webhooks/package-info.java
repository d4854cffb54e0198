/**
 * Outbound webhooks as every service of the suite sends them: Standard Webhooks secrets and
 * signatures ({@link dev.opsuite.common.webhooks.StandardWebhooks}) and a sender that only talks to
 * vetted addresses ({@link dev.opsuite.common.webhooks.WebhookPoster}). Queues, retries and delivery
 * records stay in each service, next to the data they are about.
 */
package dev.opsuite.common.webhooks;
