package dev.opsuite.automation.domain;

import java.util.List;
import java.util.Map;

/** What is recorded when a task is accepted. */
public record NewTask(
        String taskId,
        TaskKind kind,
        TaskStatus status,
        String clusterName,
        List<String> targetNodes,
        List<String> targetHosts,
        String command,
        Long refId,
        String refName,
        Long credentialId,
        Map<String, Object> request,
        Integer totalSteps,
        String currentStep,
        String userId,
        String username,
        String ownerInstance) {}
