package dev.opsuite.devstack.pve;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/**
 * Test control for a server running in another process (benchmarks, end-to-end tests), outside
 * PVE's {@code /api2} tree and not part of PVE:
 * {@code GET /_pvetest/requests} (request counts by path), {@code POST /_pvetest/reset-requests},
 * {@code POST /_pvetest/fail?count=&path=&status=&reason=}, {@code POST /_pvetest/lock-timeout?count=&method=&path=},
 * {@code POST /_pvetest/clear-faults}, {@code POST /_pvetest/stop-node?node=}, {@code POST /_pvetest/start-node?node=}.
 */
final class PveTestControl {
    static final String PREFIX = "/_pvetest/";

    private final PveTestCluster cluster;

    PveTestControl(PveTestCluster cluster) {
        this.cluster = cluster;
    }

    void handle(HttpServerRequest request, HttpServerResponse response, Buffer body) {
        String action = request.path().substring(PREFIX.length());
        try {
            switch (action) {
                case "requests" -> {
                    JsonObject counts = new JsonObject();
                    cluster.requestCounts().forEach(counts::put);
                    reply(response, counts);
                }
                case "reset-requests" -> {
                    cluster.resetRequestCounts();
                    reply(response, new JsonObject());
                }
                case "fail" -> {
                    cluster.faults()
                            .failNext(
                                    Integer.parseInt(request.getParam("count", "1")),
                                    request.getParam("path", "/"),
                                    Integer.parseInt(request.getParam("status")),
                                    request.getParam("reason", "Error"));
                    reply(response, new JsonObject());
                }
                case "lock-timeout" -> {
                    cluster.faults()
                            .lockTimeoutNext(
                                    Integer.parseInt(request.getParam("count", "1")),
                                    request.getParam("method"),
                                    request.getParam("path", "/"));
                    reply(response, new JsonObject());
                }
                case "clear-faults" -> {
                    cluster.faults().clear();
                    reply(response, new JsonObject());
                }
                case "stop-node", "start-node" -> {
                    String node = request.getParam("node");
                    PveTestNode target = cluster.nodes().stream()
                            .filter(n -> n.name().equals(node))
                            .findFirst()
                            .orElseThrow(() -> new IllegalArgumentException("no node " + node));
                    // off the event loop (closing a server waits for its event loop); answered once done,
                    // unless the node stops itself, whose connection then closes without an answer
                    boolean stop = action.equals("stop-node");
                    new Thread(() -> {
                                if (stop) {
                                    target.stop();
                                } else {
                                    target.start();
                                }
                                try {
                                    reply(
                                            response,
                                            new JsonObject().put("node", node).put("running", target.running()));
                                } catch (IllegalStateException closed) {
                                    // the node stopped itself: its connection is gone
                                }
                            })
                            .start();
                }
                default -> response.setStatusCode(404).end();
            }
        } catch (RuntimeException e) {
            response.setStatusCode(400).end(String.valueOf(e.getMessage()));
        }
    }

    private static void reply(HttpServerResponse response, JsonObject body) {
        response.putHeader("Content-Type", "application/json").end(body.encode());
    }
}
