package dev.opsuite.l10n.queue;

/** A built-in worker for one task type; implementations live with the feature they run. */
public interface TaskHandler {
    String type();

    /**
     * @param payloadJson the task's payload
     * @return the output (JSON text); an exception fails the attempt (retried with back-off)
     */
    String handle(long taskId, String payloadJson) throws Exception;
}
