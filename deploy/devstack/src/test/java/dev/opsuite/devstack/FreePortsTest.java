package dev.opsuite.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void picksDistinctBindablePortsBelowTheKernelsEphemeralRange() throws Exception {
        int ephemeralStart = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .get(0)
                .trim()
                .split("\\s+")[0]);
        int[] ports = FreePorts.pick(20);

        assertEquals(20, Arrays.stream(ports).distinct().count(), Arrays.toString(ports));
        for (int port : ports) {
            assertTrue(port >= 20_000 && port < ephemeralStart, port + " is not below " + ephemeralStart);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    @Test
    void skipsAPortThatIsTaken() throws Exception {
        int taken = FreePorts.pick();
        try (ServerSocket holder = new ServerSocket()) {
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), taken));
            for (int i = 0; i < 200; i++) {
                for (int port : FreePorts.pick(5)) {
                    assertTrue(port != taken, "picked the port another socket holds");
                }
            }
        }
    }
}
