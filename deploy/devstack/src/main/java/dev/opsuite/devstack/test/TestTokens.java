package dev.opsuite.devstack.test;

import dev.opsuite.devstack.DevstackException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RS256 JWTs as the gateway issues them (iss=opsuite, sub, upn, groups=[role], iat, exp, jti), signed
 * with this JVM's test key, whose public half {@link DevstackResource} hands to the service under
 * test. Also the broken variants auth tests need. Plain java.security: no JWT library on test class paths.
 */
public final class TestTokens {
    public static final String ISSUER = "opsuite";
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Pattern GROUPS = Pattern.compile("\"groups\":\\[[^\\]]*\\]");

    private TestTokens() {}

    /** A valid token for {@code subject} in group {@code role} (admin | operator | viewer), valid for an hour. */
    public static String issue(String subject, String role) {
        return issue(subject, role, DEFAULT_TTL);
    }

    public static String issue(String subject, String role, Duration ttl) {
        Instant now = Instant.now();
        return sign(header("RS256"), claims(subject, role, now, now.plus(ttl)));
    }

    /** Correctly signed, but expired an hour ago (well beyond the verifier's 60 s clock skew). */
    public static String expired(String subject, String role) {
        Instant now = Instant.now();
        return sign(
                header("RS256"), claims(subject, role, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1))));
    }

    /**
     * {@code token} with its payload changed after signing: the groups claim says admin (and a marker
     * claim is added), the signature is the original one, so verification must fail.
     */
    public static String tampered(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a signed JWT (expected three parts): " + token);
        }
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        Matcher groups = GROUPS.matcher(payload);
        String changed =
                groups.find() ? groups.replaceFirst(Matcher.quoteReplacement("\"groups\":[\"admin\"]")) : payload;
        changed = changed.replaceFirst("^\\{", Matcher.quoteReplacement("{\"tampered\":true,"));
        return parts[0] + "." + encode(changed) + "." + parts[2];
    }

    /**
     * {@code token}'s header and claims, the claims edited by {@code edit} (on the payload's JSON
     * text), signed again with the test key: for checks against a real issuer that signs with this
     * key (see {@link #privateKeyFile()}) and adds claims of its own.
     */
    public static String resigned(String token, UnaryOperator<String> edit) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a signed JWT (expected three parts): " + token);
        }
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return sign(header, edit.apply(payload));
    }

    /** {@code token} with iat two hours and exp one hour in the past, correctly signed again. */
    public static String expiredCopy(String token) {
        Instant now = Instant.now();
        return resigned(
                token,
                claims -> claims.replaceFirst(
                                "\"iat\":\\d+",
                                "\"iat\":" + now.minus(Duration.ofHours(2)).getEpochSecond())
                        .replaceFirst(
                                "\"exp\":\\d+",
                                "\"exp\":" + now.minus(Duration.ofHours(1)).getEpochSecond()));
    }

    /** An unsigned token ({"alg":"none"}, empty signature) with otherwise valid claims: must be rejected. */
    public static String algNone(String subject, String role) {
        Instant now = Instant.now();
        return encode(header("none")) + "." + encode(claims(subject, role, now, now.plus(DEFAULT_TTL))) + ".";
    }

    /**
     * PKCS#8 PEM file of the signing key, for end-to-end tests that hand it to a real token issuer
     * (pve-gateway's signing-key-location) so the tokens minted here and there are interchangeable.
     */
    public static Path privateKeyFile() {
        return TestKeys.get().privateKeyPem();
    }

    /** file: URI of the PEM public key that verifies these tokens. */
    public static String publicKeyLocation() {
        return TestKeys.get().publicKeyPem().toUri().toString();
    }

    private static String header(String alg) {
        return "{\"alg\":" + json(alg) + ",\"typ\":\"JWT\"}";
    }

    private static String claims(String subject, String role, Instant issuedAt, Instant expiresAt) {
        return "{\"iss\":" + json(ISSUER)
                + ",\"sub\":" + json(subject)
                + ",\"upn\":" + json(subject)
                + ",\"groups\":[" + json(role) + "]"
                + ",\"iat\":" + issuedAt.getEpochSecond()
                + ",\"exp\":" + expiresAt.getEpochSecond()
                + ",\"jti\":" + json(UUID.randomUUID().toString())
                + "}";
    }

    private static String sign(String header, String claims) {
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(TestKeys.get().privateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new DevstackException("Cannot sign a test token: " + e.getMessage(), e);
        }
    }

    private static String encode(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string literal. */
    static String json(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
