/** The service's own health endpoint data, sampled in the background (tools, load, statistics). */
package dev.opsuite.deployment.health;
