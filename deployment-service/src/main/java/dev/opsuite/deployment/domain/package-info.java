/**
 * What the rest of the service is about, importing nothing of it: deployments and their status, steps,
 * logs and secrets, apps and modes as values, and the tables of deployments and their logs.
 */
package dev.opsuite.deployment.domain;
