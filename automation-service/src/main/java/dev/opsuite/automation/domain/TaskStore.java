package dev.opsuite.automation.domain;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * SQL for tasks, their per-node results and workflow steps (reactive PG client: the engines write
 * here for every node and step). Methods taking a {@link SqlClient} join the caller's transaction,
 * so a state change and its outbox event commit together.
 */
@ApplicationScoped
public class TaskStore {
    private final Pool pool;

    public TaskStore(Pool pool) {
        this.pool = pool;
    }

    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work::apply);
    }

    public Uni<Task> insert(SqlClient tx, NewTask t) {
        return tx.preparedQuery(
                        "INSERT INTO tasks (task_id, kind, status, cluster_name, target_nodes, command, ref_id, "
                                + "ref_name, credential_id, request, total_steps, current_step, user_id, username, owner_instance, "
                                + "heartbeat_at) VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9, $10::text::jsonb, $11, $12, "
                                + "$13, $14, $15, now()) RETURNING " + Task.COLUMNS)
                .execute(Tuple.tuple()
                        .addValue(t.taskId())
                        .addValue(t.kind().wire())
                        .addValue(t.status().wire())
                        .addValue(t.clusterName())
                        .addValue(Task.json(t.targetNodes()))
                        .addValue(t.command())
                        .addValue(t.refId())
                        .addValue(t.refName())
                        .addValue(t.credentialId())
                        .addValue(Task.json(t.request()))
                        .addValue(t.totalSteps())
                        .addValue(t.currentStep())
                        .addValue(t.userId())
                        .addValue(t.username())
                        .addValue(t.ownerInstance()))
                .chain(rows -> {
                    Task task = Task.from(first(rows));
                    List<Tuple> nodes = new ArrayList<>();
                    for (int i = 0; i < t.targetNodes().size(); i++) {
                        nodes.add(Tuple.of(
                                t.taskId(),
                                i,
                                t.targetNodes().get(i),
                                t.targetHosts().get(i)));
                    }
                    if (nodes.isEmpty()) {
                        return Uni.createFrom().item(task);
                    }
                    return tx.preparedQuery(
                                    "INSERT INTO task_nodes (task_id, idx, node, host, status) VALUES ($1, $2, $3, $4, 'pending')")
                            .executeBatch(nodes)
                            .replaceWith(task);
                });
    }

    public Uni<Optional<Task>> find(String taskId) {
        return find(pool, taskId);
    }

    public Uni<Optional<Task>> find(SqlClient c, String taskId) {
        return c.preparedQuery("SELECT " + Task.COLUMNS + " FROM tasks WHERE task_id = $1")
                .execute(Tuple.of(taskId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Task.from(first(rows))));
    }

    public Uni<List<TaskNode>> nodes(String taskId) {
        return pool.preparedQuery("SELECT " + TaskNode.COLUMNS + " FROM task_nodes WHERE task_id = $1 ORDER BY idx")
                .execute(Tuple.of(taskId))
                .map(rows -> all(rows, TaskNode::from));
    }

    public Uni<Long> count(HistoryFilter f) {
        return pool.preparedQuery("SELECT count(*) FROM tasks WHERE " + WHERE)
                .execute(filter(f))
                .map(rows -> first(rows).getLong(0));
    }

    public Uni<List<Task>> history(HistoryFilter f, int offset, int limit) {
        return pool.preparedQuery("SELECT " + Task.LIST_COLUMNS + " FROM tasks WHERE " + WHERE
                        + " ORDER BY id DESC LIMIT $6 OFFSET $7")
                .execute(filter(f).addValue(limit).addValue(offset))
                .map(rows -> all(rows, Task::from));
    }

    private static final String WHERE = "kind = $1 AND ($2::text IS NULL OR cluster_name = $2) "
            + "AND ($3::text IS NULL OR status = $3) AND ($4::timestamptz IS NULL OR start_time >= $4) "
            + "AND ($5::timestamptz IS NULL OR start_time < $5)";

    private static Tuple filter(HistoryFilter f) {
        return Tuple.tuple()
                .addValue(f.kind().wire())
                .addValue(f.clusterName())
                .addValue(f.status())
                .addValue(
                        f.startDate() == null
                                ? null
                                : OffsetDateTime.of(f.startDate(), LocalTime.MIDNIGHT, ZoneOffset.UTC))
                .addValue(
                        f.endDate() == null
                                ? null
                                : OffsetDateTime.of(f.endDate().plusDays(1), LocalTime.MIDNIGHT, ZoneOffset.UTC));
    }

    /** pending → running (when a slot was free); returns false when the task is no longer pending. */
    public Uni<Boolean> markRunning(SqlClient tx, String taskId) {
        return tx.preparedQuery("UPDATE tasks SET status = 'running', start_time = now(), heartbeat_at = now() "
                        + "WHERE task_id = $1 AND status = 'pending'")
                .execute(Tuple.of(taskId))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<Void> nodeStarted(SqlClient tx, String taskId, String node) {
        return tx.preparedQuery(
                        "UPDATE task_nodes SET status = 'running', start_time = now() WHERE task_id = $1 AND node = $2")
                .execute(Tuple.of(taskId, node))
                .replaceWithVoid();
    }

    public Uni<Void> nodeFinished(SqlClient tx, String taskId, NodeResult r) {
        return tx.preparedQuery(
                        "UPDATE task_nodes SET status = $3, exit_code = $4, stdout = $5, stderr = $6, message = $7, "
                                + "start_time = coalesce(start_time, $8), end_time = $9 WHERE task_id = $1 AND node = $2")
                .execute(Tuple.tuple()
                        .addValue(taskId)
                        .addValue(r.node())
                        .addValue(r.status())
                        .addValue(r.exitCode())
                        .addValue(r.stdout())
                        .addValue(r.stderr())
                        .addValue(r.message())
                        .addValue(r.startTime())
                        .addValue(r.endTime()))
                .chain(() -> tx.preparedQuery("UPDATE tasks SET success_count = success_count + $2, "
                                + "failed_count = failed_count + $3, heartbeat_at = now() WHERE task_id = $1")
                        .execute(Tuple.of(taskId, r.success() ? 1 : 0, r.success() ? 0 : 1)))
                .replaceWithVoid();
    }

    public Uni<Void> progress(SqlClient tx, String taskId, int progress, String message, String currentStep) {
        return tx.preparedQuery(
                        "UPDATE tasks SET progress = $2, message = $3, current_step = coalesce($4, current_step), "
                                + "heartbeat_at = now() WHERE task_id = $1")
                .execute(Tuple.of(taskId, progress, message, currentStep))
                .replaceWithVoid();
    }

    public Uni<Void> appendOutput(String taskId, String chunk, int cap) {
        return pool.preparedQuery("UPDATE tasks SET output = CASE WHEN length(coalesce(output, '')) >= $3 THEN output "
                        + "ELSE left(coalesce(output, '') || $2, $3) END, heartbeat_at = now() WHERE task_id = $1")
                .execute(Tuple.of(taskId, chunk, cap))
                .replaceWithVoid();
    }

    public Uni<Void> setOutput(SqlClient tx, String taskId, String output) {
        return tx.preparedQuery("UPDATE tasks SET output = $2 WHERE task_id = $1")
                .execute(Tuple.of(taskId, output))
                .replaceWithVoid();
    }

    /** Terminal transition; returns the task after it, or empty when it was already terminal. */
    public Uni<Optional<Task>> finish(SqlClient tx, String taskId, TaskStatus status, Outcome outcome, String error) {
        return unlock(tx, taskId)
                .chain(() -> tx.preparedQuery(
                                "UPDATE tasks SET status = $2, outcome = $3, error = $4, end_time = now(), waiting_for = NULL, "
                                        + "success_count = (SELECT count(*) FROM task_nodes n WHERE n.task_id = $1 AND n.status = 'success'), "
                                        + "failed_count = (SELECT count(*) FROM task_nodes n WHERE n.task_id = $1 AND n.status IN "
                                        + "('failed', 'timed_out', 'cancelled')), "
                                        + "progress = CASE WHEN $2 = 'completed' THEN 100 ELSE progress END "
                                        + "WHERE task_id = $1 AND status IN ('pending', 'running') RETURNING "
                                        + Task.COLUMNS)
                        .execute(Tuple.of(taskId, status.wire(), outcome == null ? null : outcome.wire(), error))
                        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Task.from(first(rows)))));
    }

    /** Nodes that never ran get the task's terminal node status (cancelled or skipped). */
    public Uni<Void> closeOpenNodes(SqlClient tx, String taskId, String status, String message) {
        return tx.preparedQuery(
                        "UPDATE task_nodes SET status = $2, message = coalesce(message, $3), end_time = coalesce(end_time, now()) "
                                + "WHERE task_id = $1 AND status IN ('pending', 'running')")
                .execute(Tuple.of(taskId, status, message))
                .replaceWithVoid();
    }

    public Uni<Boolean> requestCancel(String taskId) {
        return pool.preparedQuery(
                        "UPDATE tasks SET cancel_requested = true WHERE task_id = $1 AND status IN ('pending', 'running')")
                .execute(Tuple.of(taskId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Unfinished tasks of this owner whose cancel was requested (possibly on another replica). */
    public Uni<List<String>> cancelRequested(String owner) {
        return pool.preparedQuery("SELECT task_id FROM tasks WHERE owner_instance = $1 AND cancel_requested "
                        + "AND status IN ('pending', 'running')")
                .execute(Tuple.of(owner))
                .map(rows -> all(rows, r -> r.getString("task_id")));
    }

    public Uni<Void> heartbeat(String owner) {
        return pool.preparedQuery(
                        "UPDATE tasks SET heartbeat_at = now() WHERE owner_instance = $1 AND status IN ('pending', 'running')")
                .execute(Tuple.of(owner))
                .replaceWithVoid();
    }

    /** Unfinished tasks whose owner stopped heart-beating before {@code cutoff}, or (at start-up) owned by {@code owner}. */
    public Uni<List<Task>> orphans(OffsetDateTime cutoff, String owner) {
        return pool.preparedQuery("SELECT " + Task.LIST_COLUMNS + " FROM tasks WHERE status IN ('pending', 'running') "
                        + "AND (heartbeat_at < $1 OR owner_instance = $2)")
                .execute(Tuple.of(cutoff, owner))
                .map(rows -> all(rows, Task::from));
    }

    /** Marks an orphan failed/interrupted, unless its owner came back (heartbeat after the cutoff) or it finished. */
    public Uni<Optional<Task>> interrupt(
            SqlClient tx, String taskId, OffsetDateTime cutoff, String owner, String error) {
        return unlock(tx, taskId)
                .chain(() -> tx.preparedQuery(
                                "UPDATE tasks SET status = 'failed', outcome = 'failure', error = $4, end_time = now() "
                                        + "WHERE task_id = $1 AND status IN ('pending', 'running') AND (heartbeat_at < $2 OR owner_instance = $3) "
                                        + "RETURNING " + Task.COLUMNS)
                        .execute(Tuple.of(taskId, cutoff, owner, error))
                        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Task.from(first(rows)))));
    }

    /**
     * Takes every node of an exclusive task, or none: returns the ids of the tasks holding a wanted node
     * (empty when the locks are now this task's) and records them as the task's waiting_for.
     */
    public Uni<List<String>> tryLock(String taskId, String cluster, List<String> nodes) {
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO node_locks (cluster_name, node, task_id) "
                        + "SELECT $1, unnest($2::text[]), $3 ON CONFLICT DO NOTHING")
                .execute(Tuple.of(cluster, nodes.toArray(new String[0]), taskId))
                .chain(inserted -> {
                    if (inserted.rowCount() == nodes.size()) {
                        return tx.preparedQuery("UPDATE tasks SET waiting_for = NULL WHERE task_id = $1")
                                .execute(Tuple.of(taskId))
                                .replaceWith(List.<String>of());
                    }
                    return tx.preparedQuery("DELETE FROM node_locks WHERE task_id = $1")
                            .execute(Tuple.of(taskId))
                            .chain(() -> tx.preparedQuery(
                                            "SELECT DISTINCT task_id FROM node_locks WHERE cluster_name = $1 "
                                                    + "AND node = ANY($2::text[]) ORDER BY task_id")
                                    .execute(Tuple.of(cluster, nodes.toArray(new String[0]))))
                            .map(rows -> all(rows, r -> r.getString("task_id")))
                            .call(holders -> tx.preparedQuery(
                                            "UPDATE tasks SET waiting_for = $2, heartbeat_at = now() WHERE task_id = $1")
                                    .execute(Tuple.of(taskId, String.join(",", holders))));
                }));
    }

    public Uni<Void> unlock(SqlClient tx, String taskId) {
        return tx.preparedQuery("DELETE FROM node_locks WHERE task_id = $1")
                .execute(Tuple.of(taskId))
                .replaceWithVoid();
    }

    public Uni<Integer> deleteFinishedBefore(OffsetDateTime cutoff) {
        return pool.preparedQuery(
                        "DELETE FROM tasks WHERE end_time < $1 AND status IN ('completed', 'failed', 'cancelled')")
                .execute(Tuple.of(cutoff))
                .map(RowSet::rowCount);
    }

    // workflow steps

    public Uni<Void> insertSteps(SqlClient tx, String taskId, List<WorkflowStep> steps) {
        if (steps.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = steps.stream()
                .map(s -> Tuple.tuple()
                        .addValue(taskId)
                        .addValue(s.idx())
                        .addValue(s.stepId())
                        .addValue(s.name())
                        .addValue(s.type())
                        .addValue(s.status())
                        .addValue(s.result())
                        .addValue(s.message()))
                .toList();
        return tx.preparedQuery(
                        "INSERT INTO workflow_steps (task_id, idx, step_id, name, type, status, result, message, progress) "
                                + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $6 = 'completed' THEN 100 ELSE 0 END)")
                .executeBatch(rows)
                .replaceWithVoid();
    }

    public Uni<List<WorkflowStep>> steps(String taskId) {
        return pool.preparedQuery(
                        "SELECT " + WorkflowStep.COLUMNS + " FROM workflow_steps WHERE task_id = $1 ORDER BY idx")
                .execute(Tuple.of(taskId))
                .map(rows -> all(rows, WorkflowStep::from));
    }

    public Uni<Void> stepStarted(SqlClient tx, String taskId, String stepId, int attempt) {
        return tx.preparedQuery(
                        "UPDATE workflow_steps SET status = 'running', attempts = $3, start_time = coalesce(start_time, now()), "
                                + "progress = 0 WHERE task_id = $1 AND step_id = $2")
                .execute(Tuple.of(taskId, stepId, attempt))
                .replaceWithVoid();
    }

    public Uni<Void> stepProgress(String taskId, String stepId, int progress) {
        return pool.preparedQuery("UPDATE workflow_steps SET progress = $3 WHERE task_id = $1 AND step_id = $2")
                .execute(Tuple.of(taskId, stepId, progress))
                .replaceWithVoid();
    }

    public Uni<Void> stepFinished(
            SqlClient tx, String taskId, String stepId, String status, String result, String message) {
        return tx.preparedQuery(
                        "UPDATE workflow_steps SET status = $3, result = $4, message = $5, end_time = now(), "
                                + "progress = CASE WHEN $3 = 'completed' THEN 100 ELSE progress END WHERE task_id = $1 AND step_id = $2")
                .execute(Tuple.of(taskId, stepId, status, result, message))
                .replaceWithVoid();
    }

    static Row first(RowSet<Row> rows) {
        return rows.iterator().next();
    }

    /** The Mutiny RowSet's iterator wraps rows properly (its stream() does not). */
    static <T> List<T> all(RowSet<Row> rows, Function<Row, T> mapper) {
        List<T> list = new ArrayList<>(rows.size());
        for (Row row : rows) {
            list.add(mapper.apply(row));
        }
        return list;
    }
}
