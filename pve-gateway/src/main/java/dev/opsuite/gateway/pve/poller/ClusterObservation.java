package dev.opsuite.gateway.pve.poller;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the poller last saw of one cluster: each node's online state and each recent task's state
 * (running, or its exit status). A fresh observation (first tick after taking the lease) is a
 * baseline: it reports nothing, so a takeover does not replay old changes as new ones.
 */
final class ClusterObservation {
    final Map<String, Boolean> nodesOnline = new HashMap<>();
    /** UPID -> null while running, the exit status once stopped; bounded, oldest first out. */
    final Map<String, String> tasks = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 5000;
        }
    };

    boolean baseline = true;
    long lastInventoryNanos;
}
