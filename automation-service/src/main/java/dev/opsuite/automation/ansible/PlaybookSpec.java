package dev.opsuite.automation.ansible;

import java.util.List;

/** A create/update of a playbook; null fields of an update keep their value. */
public record PlaybookSpec(
        String name, String description, String content, String category, List<String> tags, Boolean isActive) {}
