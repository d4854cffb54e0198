package dev.opsuite.automation.schedule;

import java.util.Map;

/** A create/update of a schedule; null fields of an update keep their value. */
public record ScheduleSpec(
        String name,
        String kind,
        String cron,
        String timeZone,
        Boolean enabled,
        String misfirePolicy,
        Map<String, Object> request) {}
