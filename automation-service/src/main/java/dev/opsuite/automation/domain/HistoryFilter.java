package dev.opsuite.automation.domain;

import java.time.LocalDate;

/** Filters of a history list; null means "any". */
public record HistoryFilter(TaskKind kind, String clusterName, String status, LocalDate startDate, LocalDate endDate) {}
