/**
 * The deployment modes (docker, uv, fallback): one {@link dev.opsuite.deployment.modes.ModePlan} each
 * with its steps and tool probe, the app start/health steps they share, and which modes this host can
 * run now.
 */
package dev.opsuite.deployment.modes;
