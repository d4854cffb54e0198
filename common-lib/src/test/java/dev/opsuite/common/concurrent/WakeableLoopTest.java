package dev.opsuite.common.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WakeableLoopTest {
    @Test
    void aWakeRunsARoundLongBeforeTheIdleIntervalAndAFailingRoundDoesNotStopTheLoop() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        Semaphore ran = new Semaphore(0);
        WakeableLoop loop = new WakeableLoop("test-loop", Duration.ofMinutes(10), () -> {
            int round = rounds.incrementAndGet();
            ran.release();
            if (round == 1) {
                throw new IllegalStateException("first round fails");
            }
        });
        loop.start();
        try {
            loop.wake();
            assertTrue(ran.tryAcquire(5, TimeUnit.SECONDS), "a wake must run a round without waiting 10 minutes");
            loop.wake();
            assertTrue(ran.tryAcquire(5, TimeUnit.SECONDS), "the loop must survive a failing round");
            assertEquals(2, rounds.get());
        } finally {
            loop.stop();
        }
    }

    @Test
    void withoutWakesARoundRunsEveryIdleIntervalUntilStopped() throws Exception {
        Semaphore ran = new Semaphore(0);
        WakeableLoop loop = new WakeableLoop("test-idle", Duration.ofMillis(20), ran::release);
        loop.start();
        assertTrue(ran.tryAcquire(3, 5, TimeUnit.SECONDS), "three idle rounds");
        loop.stop();
        Thread.sleep(100);
        ran.drainPermits();
        Thread.sleep(200);
        assertEquals(0, ran.availablePermits(), "no round after stop");
    }
}
