/**
 * Child processes: running a step's command (argv, no shell), finding executables, terminating whole
 * process trees, and the tables that remember which processes a deployment started and which app
 * process serves each app+environment.
 */
package dev.opsuite.deployment.process;
