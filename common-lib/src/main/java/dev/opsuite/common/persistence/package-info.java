/**
 * How a service talks to PostgreSQL, and on which thread. One stack per path, never two for the same
 * table:
 *
 * <ul>
 *   <li><b>Entity/catalogue CRUD</b> (users, tokens, clusters, credentials, playbooks, apps…): Hibernate
 *       Reactive Panache. A change and its event commit together: inside {@code
 *       Panache.withTransaction(…)}, {@code Panache.getSession()} gives the {@code Mutiny.Session} for
 *       {@code Outbox.enqueue(Mutiny.Session, …)}.
 *   <li><b>Hot and bulk paths</b> (ingest, queues, logs, exports): the reactive PG client with typed rows
 *       ({@code X.from(Row)}, one {@code COLUMNS} constant per table), or JDBC {@code COPY} where that
 *       is what makes them fast. The outbox row goes through {@code Outbox.enqueue(SqlClient, …)} on
 *       the transaction's connection.
 * </ul>
 *
 * <p>Thread model, one per request path:
 *
 * <ul>
 *   <li><b>Reactive</b> (a resource returning {@code Uni}): compose the pool's or Panache's {@code Uni}s;
 *       never wait for anything.
 *   <li><b>Blocking work on a virtual thread</b> ({@code @RunOnVirtualThread} resources, engines that run
 *       processes or SSH sessions): {@link dev.opsuite.common.persistence.BlockingSql} for the PG client
 *       ({@code tx(…)} for a transaction with its outbox row), and {@code
 *       VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(…))} for Panache
 *       repositories (Hibernate Reactive must run on a Vert.x context; that call gives it one and waits).
 * </ul>
 *
 * <p>Never block on a reactive pipeline that hops back to a worker (a blocking resource awaiting a
 * {@code Uni} whose step runs blocking code on another thread): pick one model for the whole path.
 * {@code BlockingSql} refuses to run on an event loop. Idempotency follows the same split (see
 * {@link dev.opsuite.common.idempotency}).
 */
package dev.opsuite.common.persistence;
