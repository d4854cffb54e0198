/**
 * Events on {@code deployment.events.v1}, written to the outbox in the transaction of the change they
 * report.
 */
package dev.opsuite.deployment.events;
