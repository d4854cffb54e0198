package dev.opsuite.l10n.events;

import com.google.protobuf.Timestamp;
import dev.opsuite.common.events.CloudEvent;
import dev.opsuite.common.events.CloudEvents;
import dev.opsuite.common.outbox.OutboxMessage;
import dev.opsuite.events.v1.L10nEvent;
import dev.opsuite.events.v1.QueueTaskDead;
import dev.opsuite.events.v1.SyncSessionCommitted;
import dev.opsuite.events.v1.TranslationsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Builds this service's events for the outbox (topic l10n.events.v1, protobuf payloads). */
@ApplicationScoped
public class L10nEvents {
    public static final String TOPIC = "l10n.events.v1";
    public static final String SESSION_COMMITTED = "session_committed";
    public static final String TRANSLATIONS_CHANGED = "translations_changed";
    public static final String TASK_DEAD = "task_dead";

    private final CloudEvents cloudEvents;

    public L10nEvents(CloudEvents cloudEvents) {
        this.cloudEvents = cloudEvents;
    }

    public OutboxMessage translationsChanged(
            String fileUid, String locale, long entries, long revision, String source, String sessionId, String actor) {
        TranslationsChanged.Builder b = TranslationsChanged.newBuilder()
                .setLanguageFileUid(fileUid)
                .setLocale(locale)
                .setEntryCount(entries)
                .setRevision(revision)
                .setSource(source);
        if (sessionId != null) {
            b.setSessionId(sessionId);
        }
        return message(TRANSLATIONS_CHANGED, fileUid, actor, base(actor).setTranslationsChanged(b));
    }

    public OutboxMessage sessionCommitted(SyncSessionCommitted committed, String actor) {
        return message(
                SESSION_COMMITTED, committed.getSessionId(), actor, base(actor).setSessionCommitted(committed));
    }

    public OutboxMessage taskDead(long taskId, String type, int attempts, String lastError, String dedupeKey) {
        QueueTaskDead.Builder b = QueueTaskDead.newBuilder()
                .setTaskId(taskId)
                .setType(type)
                .setAttempts(attempts)
                .setLastError(lastError == null ? "" : lastError);
        if (dedupeKey != null) {
            b.setDedupeKey(dedupeKey);
        }
        return message(TASK_DEAD, Long.toString(taskId), null, base(null).setTaskDead(b));
    }

    private static L10nEvent.Builder base(String actor) {
        Instant now = Instant.now();
        return L10nEvent.newBuilder()
                .setOccurredAt(
                        Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setActor(actor == null ? "" : actor);
    }

    private OutboxMessage message(String event, String subject, String actor, L10nEvent.Builder payload) {
        CloudEvent ce = cloudEvents.create(event, subject);
        return OutboxMessage.of(TOPIC, ce, payload.build());
    }
}
