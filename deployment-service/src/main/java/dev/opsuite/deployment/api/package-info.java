/**
 * The HTTP API: REST resources and their request/response records, mapped to and from the service
 * packages' types here (nothing below imports this package). The deployment endpoints run on virtual
 * threads from start to end.
 */
package dev.opsuite.deployment.api;
