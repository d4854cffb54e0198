package dev.opsuite.automation.task;

import dev.opsuite.automation.domain.NodeResult;
import dev.opsuite.automation.domain.Task;
import java.util.List;

/** What a running job may record about its task (each call is one transaction with its event). */
public interface TaskContext {
    Task task();

    boolean cancelled();

    void nodeStarted(String node);

    void nodeFinished(NodeResult result);

    /** Several nodes' results at once (one transaction, their events in order). */
    void nodesFinished(List<NodeResult> results);

    void progress(int percent, String message, String currentStep);

    void appendOutput(String chunk);
}
