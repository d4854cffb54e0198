package dev.opsuite.devstack.test;

import dev.opsuite.devstack.DevstackException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The per-JVM RSA key pair of the tests: TestTokens signs with the private half, the services under
 * test verify with the public half (a PEM file handed to them as mp.jwt.verify.publickey.location).
 * Like the shared stack it must be one pair per JVM even when Quarkus loads this class in several
 * class loaders, so the pair lives in files whose directory is published as a system property.
 */
final class TestKeys {
    private static final String DIRECTORY_PROPERTY = "opsuite.devstack.test.keys.dir";
    private static final String JVM_WIDE_LOCK = "dev.opsuite.devstack.test-keys-lock";
    private static final String PUBLIC_PEM = "public-key.pem";
    private static final String PRIVATE_PEM = "private-key.pem";

    private static volatile TestKeys loaded;

    private final RSAPrivateKey privateKey;
    private final Path publicKeyPem;

    private TestKeys(RSAPrivateKey privateKey, Path publicKeyPem) {
        this.privateKey = privateKey;
        this.publicKeyPem = publicKeyPem;
    }

    @SuppressWarnings("StringLiteralAsLock") // one lock per JVM across class loaders, see the class comment
    static TestKeys get() {
        TestKeys keys = loaded;
        if (keys != null) {
            return keys;
        }
        synchronized (JVM_WIDE_LOCK) {
            if (loaded == null) {
                String dir = System.getProperty(DIRECTORY_PROPERTY);
                if (dir == null) {
                    Path created = generate();
                    System.setProperty(DIRECTORY_PROPERTY, created.toString());
                    dir = created.toString();
                }
                loaded = load(Path.of(dir));
            }
            return loaded;
        }
    }

    RSAPrivateKey privateKey() {
        return privateKey;
    }

    Path publicKeyPem() {
        return publicKeyPem;
    }

    Path privateKeyPem() {
        return publicKeyPem.resolveSibling(PRIVATE_PEM);
    }

    private static Path generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path dir = Files.createTempDirectory("opsuite-test-keys-");
            Files.writeString(
                    dir.resolve(PUBLIC_PEM), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(
                    dir.resolve(PRIVATE_PEM),
                    pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            dir.toFile().deleteOnExit();
            dir.resolve(PUBLIC_PEM).toFile().deleteOnExit();
            dir.resolve(PRIVATE_PEM).toFile().deleteOnExit();
            return dir;
        } catch (GeneralSecurityException | IOException e) {
            throw new DevstackException("Cannot create the test signing key: " + e.getMessage(), e);
        }
    }

    private static TestKeys load(Path dir) {
        try {
            String pem = Files.readString(dir.resolve(PRIVATE_PEM));
            String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return new TestKeys(key, dir.resolve(PUBLIC_PEM));
        } catch (GeneralSecurityException | IOException e) {
            throw new DevstackException("Cannot read the test signing key from " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
