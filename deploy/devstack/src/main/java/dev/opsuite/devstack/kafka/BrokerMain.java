package dev.opsuite.devstack.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;

/**
 * Entry point of the broker JVM: runs {@code kafka.Kafka} and exits when the JVM that started it goes
 * away. The parent holds this process's stdin open and never writes; end-of-file therefore means the
 * parent exited or was killed (even with SIGKILL, which runs no shutdown hook), and an orphaned broker
 * would otherwise keep its port and half a gigabyte of heap on a shared machine.
 * Only JDK classes here: this runs on the broker's class path, not devstack's.
 */
public final class BrokerMain {
    private BrokerMain() {}

    public static void main(String[] args) throws Throwable {
        Thread watchdog = new Thread(
                () -> {
                    InputStream in = System.in;
                    try {
                        while (in.read() >= 0) {
                            // nothing is ever sent; keep reading until end-of-file
                        }
                    } catch (IOException e) {
                        // a broken pipe means the same as end-of-file
                    }
                    System.exit(0); // runs Kafka's shutdown hook: a clean broker shutdown
                },
                "devstack-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            Class.forName("kafka.Kafka").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
