package dev.opsuite.automation.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.opsuite.common.error.ApiException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Cron expressions: five fields (minute hour day month weekday, as crontab) or six/seven with seconds
 * (Quartz), evaluated in the schedule's time zone, so "0 3 * * *" in Europe/Berlin stays 03:00 local
 * across daylight-saving changes.
 */
public final class CronTimes {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser QUARTZ =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private CronTimes() {}

    public static ExecutionTime parse(String expression) {
        if (expression == null || expression.isBlank() || expression.length() > 200) {
            throw ApiException.unprocessable(
                    "invalid_cron", "cron is required (five fields, or six/seven with seconds)");
        }
        try {
            int fields = expression.trim().split("\\s+").length;
            Cron cron = (fields >= 6 ? QUARTZ : UNIX).parse(expression.trim());
            cron.validate();
            return ExecutionTime.forCron(cron);
        } catch (IllegalArgumentException e) {
            throw ApiException.unprocessable(
                    "invalid_cron", "cron '" + expression + "' is not valid: " + e.getMessage());
        }
    }

    public static ZoneId zone(String timeZone) {
        try {
            return ZoneId.of(timeZone == null || timeZone.isBlank() ? "UTC" : timeZone);
        } catch (DateTimeException e) {
            throw ApiException.unprocessable(
                    "invalid_time_zone", "time_zone '" + timeZone + "' is not an IANA time zone such as Europe/Berlin");
        }
    }

    /** The first occurrence strictly after {@code after}, or null when there is none. */
    public static OffsetDateTime next(String cron, String timeZone, OffsetDateTime after) {
        ZonedDateTime from = after.atZoneSameInstant(zone(timeZone));
        return parse(cron)
                .nextExecution(from)
                .map(ZonedDateTime::toOffsetDateTime)
                .orElse(null);
    }

    public static List<OffsetDateTime> upcoming(String cron, String timeZone, OffsetDateTime after, int count) {
        List<OffsetDateTime> out = new ArrayList<>();
        OffsetDateTime t = after;
        for (int i = 0; i < count; i++) {
            t = next(cron, timeZone, t);
            if (t == null) {
                break;
            }
            out.add(t.atZoneSameInstant(zone(timeZone)).toOffsetDateTime());
        }
        return out;
    }
}
