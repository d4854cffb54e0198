package dev.opsuite.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports, for anything that must be told its port before it starts.
 *
 * <p>The ports come from below the kernel's ephemeral range (Linux: 32768–60999). A port the
 * kernel hands out for {@code bind(0)} is from that range, and so is the local port of every
 * outgoing connection: between the pick and the service's own bind, a Kafka or PostgreSQL client
 * connecting somewhere could take it ("Port … seems to be in use", seen in CI). Below the range,
 * only another explicit bind can.
 */
public final class FreePorts {
    private static final int LOWEST = 20_000;
    private static final int DEFAULT_EPHEMERAL_START = 32_768;

    private FreePorts() {}

    /** {@code count} distinct ports that were free a moment ago (all held open together, then released). */
    public static synchronized int[] pick(int count) {
        int highest = ephemeralStart();
        if (highest - LOWEST < 1_000) {
            return pickEphemeral(count); // an unusual range setting: let the kernel choose
        }
        int span = highest - LOWEST;
        int start = ThreadLocalRandom.current().nextInt(span);
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < span && held.size() < count; i++) {
                ServerSocket socket = tryBind(LOWEST + (start + i) % span);
                if (socket != null) {
                    held.add(socket);
                }
            }
            if (held.size() < count) {
                throw new UncheckedIOException(
                        new IOException("No free local port between " + LOWEST + " and " + highest));
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            closeAll(held);
        }
    }

    public static int pick() {
        return pick(1)[0];
    }

    private static ServerSocket tryBind(int port) {
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException inUse) {
            closeAll(socket == null ? List.of() : List.of(socket));
            return null;
        }
    }

    private static int[] pickEphemeral(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException("No free local port", e);
        } finally {
            closeAll(held);
        }
    }

    /** The first port of the kernel's ephemeral range (Linux), or its usual value elsewhere. */
    private static int ephemeralStart() {
        try {
            // a line read: procfs reports a size of 0, and a whole-file read may trust it
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .get(0)
                    .trim();
            return Math.min(DEFAULT_EPHEMERAL_START, Integer.parseInt(range.split("\\s+")[0]));
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }

    private static void closeAll(List<ServerSocket> sockets) {
        for (ServerSocket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a probe socket
            }
        }
    }
}
