/**
 * The step contract: what a mode's steps get ({@link dev.opsuite.deployment.steps.RunContext}: the
 * deployment, its app, its log, its environment, cancel and deadline) and what they return ({@link
 * dev.opsuite.deployment.steps.StepOutcome}, or {@link dev.opsuite.deployment.steps.Interrupt} when
 * cancelled or timed out), and how a mode lists them ({@link dev.opsuite.deployment.steps.PlannedStep}).
 * It knows the domain and nothing else of the service: the runner executes steps through it, the modes
 * and process code implement them, and neither side imports the other.
 */
package dev.opsuite.deployment.steps;
