/**
 * A deployment's way through the service: request validation, admission or queueing (limits decided in
 * the database, across replicas), creation, redeploy, cancel, queue promotion and restart recovery.
 */
package dev.opsuite.deployment.lifecycle;
