/**
 * Runs accepted deployments on this replica: one virtual thread each, the mode's steps in order through
 * the step contract, the log stored and pushed to followers, {@link dev.opsuite.deployment.runner.RunFinished}
 * fired when a run ends.
 */
package dev.opsuite.deployment.runner;
