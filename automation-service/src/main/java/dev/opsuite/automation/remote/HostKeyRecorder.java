package dev.opsuite.automation.remote;

/** Stores what a verified connection learnt about a node's host key (TOFU pin, key line for known_hosts). */
public interface HostKeyRecorder {
    /**
     * @param pin        true when the fingerprint is new (trust on first use) and must be pinned now
     * @param publicKey  the key in OpenSSH one-line form ({@code ssh-ed25519 AAAA…})
     */
    void record(NodeTarget node, String fingerprint, String publicKey, boolean pin);
}
