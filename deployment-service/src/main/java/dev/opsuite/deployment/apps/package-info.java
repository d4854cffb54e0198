/**
 * The app registry ({@code apps} table): registration, update, lookup and removal of the apps this host
 * can deploy.
 */
package dev.opsuite.deployment.apps;
