package dev.opsuite.automation.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** An SSH key pair made by the real ssh-keygen (OpenSSH format), for credentials and authorized_keys. */
public record KeyPair(String privateKey, String publicKey, Path privateKeyFile) {

    public static KeyPair generate(Path dir, String name, String type, String passphrase) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir.resolve(name + ".pub"));
            Proc.run(List.of(
                    "ssh-keygen",
                    "-q",
                    "-t",
                    type,
                    "-N",
                    passphrase == null ? "" : passphrase,
                    "-C",
                    name,
                    "-f",
                    file.toString()));
            return new KeyPair(
                    Files.readString(file),
                    Files.readString(dir.resolve(name + ".pub")).trim(),
                    file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ssh-keygen -l -E sha256} of a public key file, as ssh-keygen prints it. */
    public static String fingerprintOf(Path publicKeyFile) {
        String out = Proc.run(List.of("ssh-keygen", "-l", "-E", "sha256", "-f", publicKeyFile.toString()));
        return out.trim().split("\\s+")[1];
    }
}
