package dev.opsuite.automation.task;

/** The work of a task once it has a slot; runs on its own virtual thread. */
public interface Job {
    /** Runs to the end (or until cancelled) and says how it went. Exceptions fail the task. */
    JobResult run(TaskContext context) throws Exception;

    /** Stops the work from another thread; run() then returns promptly. */
    void cancel();

    /** A feature's own limit (e.g. Ansible's max_concurrent) the task must also hold to run, or null. */
    default Limiter admission() {
        return null;
    }
}
