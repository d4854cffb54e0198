package dev.opsuite.gateway.pve.cluster;

/**
 * One PVE node the facade may call.
 *
 * @param fingerprint SHA-256 of its certificate, {@code AA:BB:…}; null to verify by CA instead
 */
public record ClusterNode(String host, int port, String fingerprint) {

    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
