package dev.opsuite.deployment.domain;

import java.time.OffsetDateTime;

/** Time estimates shown to clients. */
public final class Estimates {
    private Estimates() {}

    /** Estimated duration minus elapsed time while active; the whole estimate while queued; 0 once finished. */
    public static long remainingSeconds(Deployment d) {
        if (d.status().isFinished()) {
            return 0;
        }
        if (d.startTime() == null) {
            return d.estimatedDuration();
        }
        long elapsed = OffsetDateTime.now().toEpochSecond() - d.startTime().toEpochSecond();
        long byTime = d.estimatedDuration() - elapsed;
        long byProgress = Math.round(d.estimatedDuration() * (100.0 - d.progress()) / 100.0);
        return Math.max(0, Math.max(1, Math.min(byTime, byProgress)));
    }
}
