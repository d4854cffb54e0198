package dev.opsuite.automation.workflow;

import dev.opsuite.automation.domain.WorkflowDefinition;

/** A create/update of a workflow; null fields of an update keep their value. */
public record WorkflowSpec(
        String name,
        String description,
        String category,
        WorkflowDefinition definition,
        Boolean isActive,
        boolean allowSuspicious) {}
