package dev.opsuite.devstack.pve;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the PVE test cluster on its own (benchmarks, manual tries):
 * {@code java -cp … dev.opsuite.devstack.pve.PveTestServerMain [port1 port2]}. Prints one
 * {@code pve-test: READY …} line with the ports, the token and each node's fingerprint, then serves
 * until killed. Environment: {@code PVE_TEST_TOKEN_SECRET} (default random), {@code PVE_TEST_EVENT_LOOPS}.
 */
public final class PveTestServerMain {

    private PveTestServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        PveTestCluster.Builder builder = PveTestCluster.builder().taskDuration(Duration.ofMillis(500));
        if (args.length >= 2) {
            builder.ports(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
        }
        String secret = System.getenv("PVE_TEST_TOKEN_SECRET");
        if (secret != null && !secret.isBlank()) {
            builder.token("root@pam!opsuite", secret);
        }
        String loops = System.getenv("PVE_TEST_EVENT_LOOPS");
        if (loops != null && !loops.isBlank()) {
            builder.eventLoops(Integer.parseInt(loops));
        }
        PveTestCluster cluster = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
        StringBuilder line =
                new StringBuilder("pve-test: READY cluster=" + cluster.name() + " token=" + cluster.tokenId());
        for (PveTestNode n : cluster.nodes()) {
            line.append(' ')
                    .append(n.name())
                    .append("=127.0.0.1:")
                    .append(n.port())
                    .append(",fingerprint=")
                    .append(n.fingerprint());
        }
        System.out.println(line);
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
