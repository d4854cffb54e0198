package dev.opsuite.automation.remote;

import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * Verifies a node's host key against its pinned SHA-256 fingerprint; under TOFU an unpinned node's
 * first key is accepted and recorded. Anything else fails the connection with a message naming the
 * key that was offered, so an operator can compare it with {@code ssh-keygen -l} on the node.
 */
final class HostKeyCheck implements HostKeyVerifier {
    private final NodeTarget node;
    private final HostKeyRecorder recorder;
    private volatile String problem;
    private volatile String acceptedKey;

    HostKeyCheck(NodeTarget node, HostKeyRecorder recorder) {
        this.node = node;
        this.recorder = recorder;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        String offered = Fingerprints.sha256(blob);
        String line = KeyType.fromKey(key) + " " + Base64.getEncoder().encodeToString(blob);
        if (node.fingerprint() != null) {
            if (node.fingerprint().equals(offered)) {
                recorder.record(node, offered, line, false);
                acceptedKey = line;
                return true;
            }
            problem = "host key of node " + node.name() + " (" + node.host() + ":" + node.port()
                    + ") changed: it offers "
                    + offered + " but " + node.fingerprint() + " is pinned. If the node was really reinstalled, "
                    + "update its host_key_fingerprint; otherwise someone may be intercepting the connection";
            return false;
        }
        if (node.tofu()) {
            recorder.record(node, offered, line, true);
            acceptedKey = line;
            return true;
        }
        problem =
                "node " + node.name() + " (" + node.host() + ":" + node.port() + ") has no pinned host key and cluster "
                        + node.cluster() + " uses host_key_policy pinned; it offers " + offered
                        + ": pin it as host_key_fingerprint (compare with ssh-keygen -l -E sha256 on the node) or set host_key_policy: tofu";
        return false;
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        return List.of();
    }

    String problem() {
        return problem;
    }

    /** The verified key in OpenSSH one-line form, once the handshake accepted it. */
    String acceptedKey() {
        return acceptedKey;
    }
}
