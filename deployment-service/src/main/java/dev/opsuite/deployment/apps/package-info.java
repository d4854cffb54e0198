/**
 * The app registry ({@code apps} table) on Hibernate Reactive Panache: {@link
 * dev.opsuite.deployment.apps.AppService} registers, updates and lists apps reactively, each change
 * committed with its event in the same {@code Mutiny.Session} transaction; blocking code on virtual
 * threads reads it through {@link dev.opsuite.deployment.apps.AppLookup} and removes apps through {@link
 * dev.opsuite.deployment.apps.AppRemoval} ({@code VertxContextSupport.subscribeAndAwait}). Nothing else
 * touches the table.
 */
package dev.opsuite.deployment.apps;
