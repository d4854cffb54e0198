package dev.opsuite.devstack.kafka;

import java.nio.file.Path;

/** server.properties of the single-node KRaft cluster. */
final class BrokerConfig {
    private BrokerConfig() {}

    static String render(Path logDir, String host, int port, int controllerPort) {
        return """
                # written by opsuite devstack on every start
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@%2$s:%4$d
                listeners=PLAINTEXT://%2$s:%3$d,CONTROLLER://%2$s:%4$d
                advertised.listeners=PLAINTEXT://%2$s:%3$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%1$s

                # services rely on topics appearing on first use, three partitions each
                auto.create.topics.enable=true
                num.partitions=3
                # one node: every replication factor is 1, and acks=all means "this broker has it"
                default.replication.factor=1
                min.insync.replicas=1
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                # fewer internal partitions than the 50 default: faster first consumer group, less disk
                offsets.topic.num.partitions=10
                transaction.state.log.num.partitions=5
                # consumers join at once instead of waiting 3 s for more members
                group.initial.rebalance.delay.ms=0

                # two shared cores
                num.network.threads=2
                num.io.threads=4
                background.threads=4
                num.recovery.threads.per.data.dir=1
                log.cleaner.threads=1
                """.formatted(logDir.toAbsolutePath(), host, port, controllerPort);
    }
}
