package dev.opsuite.automation.remote;

/**
 * Where one node is reached, and what its host key must be: {@code fingerprint} pinned
 * ({@code SHA256:…}) or null; {@code tofu} accepts and records the first key when none is pinned.
 * {@code hostKey} is the key last verified (OpenSSH one-line form), used for Ansible's known_hosts.
 */
public record NodeTarget(
        String cluster, String name, String host, int port, String fingerprint, String hostKey, boolean tofu) {}
