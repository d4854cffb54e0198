/**
 * The HTTP API: REST resources and their request/response records, mapped to and from the service
 * packages' types here (nothing below imports this package). The app registry's reads and writes are
 * reactive end to end; app removal and the deployment endpoints run on virtual threads.
 */
package dev.opsuite.deployment.api;
