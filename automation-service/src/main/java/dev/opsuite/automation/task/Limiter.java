package dev.opsuite.automation.task;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * A counting limit whose size can change at run time ({@code max_concurrent} is a feature setting),
 * handing out permits first come, first served. Waiters give up when their cancel check says so.
 */
public final class Limiter {
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();
    private int limit;
    private int used;

    public Limiter(int limit) {
        this.limit = Math.max(1, limit);
    }

    public void resize(int newLimit) {
        lock.lock();
        try {
            limit = Math.max(1, newLimit);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean tryAcquire() {
        lock.lock();
        try {
            if (used < limit && !lock.hasWaiters(changed)) {
                used++;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** @return true with a permit, false when {@code cancelled} turned true while waiting */
    public boolean acquire(BooleanSupplier cancelled) {
        lock.lock();
        try {
            while (used >= limit) {
                if (cancelled.getAsBoolean()) {
                    return false;
                }
                try {
                    changed.await(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    if (cancelled.getAsBoolean()) {
                        return false;
                    }
                }
            }
            if (cancelled.getAsBoolean()) {
                return false;
            }
            used++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    public void release() {
        lock.lock();
        try {
            used = Math.max(0, used - 1);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public int inUse() {
        lock.lock();
        try {
            return used;
        } finally {
            lock.unlock();
        }
    }
}
