package dev.opsuite.deployment.modes;

import dev.opsuite.deployment.steps.LogSink;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** Copies new complete lines of a started app's log file into the deployment log while it starts up. */
final class LogTail {
    /** How often a follower looks for new output: short, because it is most of a line's way to a live reader. */
    static final long FOLLOW_MILLIS = 25;

    private final Path file;
    private long position;
    private final StringBuilder partial = new StringBuilder();

    LogTail(Path file, long position) {
        this.file = file;
        this.position = position;
    }

    void drain(LogSink sink) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            if (length <= position) {
                return;
            }
            raf.seek(position);
            byte[] bytes = new byte[(int) Math.min(length - position, 1 << 20)];
            raf.readFully(bytes);
            position += bytes.length;
            partial.append(new String(bytes, StandardCharsets.UTF_8));
            int nl;
            while ((nl = partial.indexOf("\n")) >= 0) {
                sink.line("app", partial.substring(0, nl));
                partial.delete(0, nl + 1);
            }
        } catch (IOException ignored) {
            // not created yet or rotated: nothing to copy
        }
    }

    /** A running follower; closing it never throws. */
    interface Following extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Copies new lines every {@link #FOLLOW_MILLIS} on a virtual thread until closed; closing stops
     * the thread and copies what is left, so no line written before the close is lost.
     */
    Following follow(LogSink sink) {
        AtomicBoolean stop = new AtomicBoolean();
        Thread thread = Thread.ofVirtual().name("app-log-tail").start(() -> {
            while (!stop.get()) {
                drain(sink);
                try {
                    Thread.sleep(FOLLOW_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return () -> {
            stop.set(true);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            drain(sink);
        };
    }
}
