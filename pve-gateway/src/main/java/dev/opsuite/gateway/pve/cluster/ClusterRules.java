package dev.opsuite.gateway.pve.cluster;

import dev.opsuite.common.error.ApiException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a {@link ClusterSpec}; every problem is collected into one 400 with per-field messages. */
final class ClusterRules {

    static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
    // user@realm!tokenname, as PVE writes token ids
    static final Pattern TOKEN_ID = Pattern.compile("^[^\\s@!:=]+@[A-Za-z0-9._-]+![A-Za-z][A-Za-z0-9._-]{1,63}$");
    static final Pattern HOST = Pattern.compile(
            "^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$|^[0-9A-Fa-f:.]+$");
    static final Pattern FINGERPRINT = Pattern.compile("^([0-9A-F]{2}:){31}[0-9A-F]{2}$");
    static final int MAX_NODES = 32;

    private ClusterRules() {}

    static ClusterValues check(ClusterSpec spec, boolean secretRequired, SecretSealer sealer) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (spec.name() == null || !NAME.matcher(spec.name()).matches()) {
            errors.put("name", "required: 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        List<ClusterNode> nodes = new ArrayList<>();
        if (spec.nodes() == null || spec.nodes().isEmpty()) {
            errors.put("nodes", "at least one node is required");
        } else if (spec.nodes().size() > MAX_NODES) {
            errors.put("nodes", "at most " + MAX_NODES + " nodes");
        } else {
            for (int i = 0; i < spec.nodes().size(); i++) {
                ClusterSpec.NodeSpec n = spec.nodes().get(i);
                String at = "nodes[" + i + "]";
                if (n == null) {
                    errors.put(at, "must be an object {host, port?, fingerprint?}");
                    continue;
                }
                if (n.host() == null
                        || n.host().length() > 253
                        || !HOST.matcher(n.host()).matches()) {
                    errors.put(at + ".host", "required: a host name or IP address, without scheme or port");
                }
                int port = n.port() == null ? 8006 : n.port();
                if (port < 1 || port > 65535) {
                    errors.put(at + ".port", "must be 1-65535");
                }
                String fingerprint = null;
                if (n.fingerprint() != null) {
                    fingerprint = n.fingerprint().trim().toUpperCase(Locale.ROOT);
                    if (!FINGERPRINT.matcher(fingerprint).matches()) {
                        errors.put(
                                at + ".fingerprint",
                                "must be the certificate's SHA-256 as 32 hex pairs separated by ':' (AA:BB:…)");
                    }
                }
                nodes.add(new ClusterNode(n.host(), port, fingerprint));
            }
        }
        if (spec.tokenId() == null || !TOKEN_ID.matcher(spec.tokenId()).matches()) {
            errors.put("token_id", "required: PVE's token id form user@realm!tokenname");
        }
        if (spec.tokenSecret() == null) {
            if (secretRequired) {
                errors.put("token_secret", "required");
            }
        } else if (spec.tokenSecret().isBlank()
                || spec.tokenSecret().length() > 256
                || !spec.tokenSecret().chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            errors.put("token_secret", "must be 1-256 printable characters without spaces");
        }
        if (spec.caPem() != null && !isCertificatePem(spec.caPem())) {
            errors.put("ca_pem", "must be one or more PEM certificates (-----BEGIN CERTIFICATE-----)");
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("Invalid cluster", errors);
        }
        return new ClusterValues(
                spec.name(),
                List.copyOf(nodes),
                spec.tokenId(),
                spec.tokenSecret() == null ? null : sealer.seal(spec.tokenSecret()),
                spec.caPem(),
                spec.verifyTls() == null || spec.verifyTls(),
                spec.isDefault() != null && spec.isDefault());
    }

    static boolean isCertificatePem(String pem) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----") || pem.length() > 65536) {
            return false;
        }
        try {
            return !CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .isEmpty();
        } catch (CertificateException e) {
            return false;
        }
    }

    /** Encrypts a token secret for storage. */
    interface SecretSealer {
        String seal(String plaintext);
    }
}
