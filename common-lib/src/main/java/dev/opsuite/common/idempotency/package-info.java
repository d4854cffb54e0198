/**
 * {@code Idempotency-Key} support on the {@code idempotency_keys} table, in the form that fits the
 * endpoint's thread model (see {@link dev.opsuite.common.persistence} for the rule):
 *
 * <ul>
 *   <li>a reactive endpoint (returns {@code Uni}) uses {@link
 *       dev.opsuite.common.idempotency.IdempotencyService}: its action is a {@code Uni} and nothing waits;
 *   <li>an endpoint on a virtual thread ({@code @RunOnVirtualThread}, blocking work such as processes,
 *       SSH or {@code BlockingSql} transactions) uses {@link
 *       dev.opsuite.common.idempotency.BlockingIdempotency}: its action runs on the caller's thread.
 * </ul>
 *
 * <p>Both behave alike: replay of a completed key ({@code Idempotent-Replayed: true}), 422 for a key
 * reused with another body, 409 while the first request runs, the key released when the action fails
 * or answers 5xx. Don't wrap blocking work in a {@code Uni} to fit the reactive form, and don't await
 * the reactive form from a blocking resource.
 */
package dev.opsuite.common.idempotency;
