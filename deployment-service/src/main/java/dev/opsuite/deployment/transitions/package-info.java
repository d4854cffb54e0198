/**
 * The recorded state changes of a deployment (step started/finished, final state), each in one
 * transaction with its outbox event and webhook message.
 */
package dev.opsuite.deployment.transitions;
