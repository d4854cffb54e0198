package dev.opsuite.gateway.pve.upstream;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts exactly one server certificate, named by its SHA-256 fingerprint as PVE shows it
 * ({@code AA:BB:…}): what PVE clients do for self-signed node certificates. Anything else fails the
 * handshake with a message that names both fingerprints.
 */
final class PinnedFingerprintTrust implements X509TrustManager {
    static final String MISMATCH = "certificate fingerprint mismatch";

    private final String expected;

    PinnedFingerprintTrust(String expected) {
        this.expected = expected;
    }

    static String fingerprint(X509Certificate certificate) throws CertificateEncodingException {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no server certificate");
        }
        String actual = fingerprint(chain[0]);
        if (!actual.equals(expected)) {
            throw new CertificateException(MISMATCH + ": expected " + expected + ", got " + actual);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("not a server trust manager for clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
