/**
 * Webhooks: messages queued with the state change they report, delivered later with Standard Webhooks
 * signatures, retries and a delivery log.
 */
package dev.opsuite.deployment.webhooks;
