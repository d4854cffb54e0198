package dev.opsuite.deployment.runner;

/**
 * A deployment run on this replica has ended (its final state is committed), fired synchronously on
 * the run's thread: observers such as the queue take their turn there.
 */
public record RunFinished(String deploymentId) {}
