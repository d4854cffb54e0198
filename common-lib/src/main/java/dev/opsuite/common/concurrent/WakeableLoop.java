package dev.opsuite.common.concurrent;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A background round run on a virtual thread every {@code idle} and at once when {@link #wake()} is
 * called (wakes that arrive during a round collapse into one more round). A failing round is logged
 * and the loop goes on: what it polls (due webhooks, queued work) is in the database and is simply
 * picked up by a later round.
 */
public final class WakeableLoop {
    private static final Logger LOG = Logger.getLogger(WakeableLoop.class);

    private final String name;
    private final Duration idle;
    private final Runnable round;
    private final Semaphore wakes = new Semaphore(0);
    private volatile boolean running;

    public WakeableLoop(String name, Duration idle, Runnable round) {
        this.name = name;
        this.idle = idle;
        this.round = round;
    }

    public void start() {
        running = true;
        Thread.ofVirtual().name(name).start(this::loop);
    }

    public void stop() {
        running = false;
        wakes.release();
    }

    public void wake() {
        wakes.release();
    }

    private void loop() {
        while (running) {
            try {
                wakes.tryAcquire(idle.toMillis(), TimeUnit.MILLISECONDS);
                wakes.drainPermits();
                if (!running) {
                    return;
                }
                round.run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("%s: round failed, the next one retries: %s", name, e.getMessage());
            }
        }
    }
}
