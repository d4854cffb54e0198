package dev.opsuite.automation.remote;

import java.io.IOException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.password.PasswordUtils;

/** Loads private keys (OpenSSH, PEM/PKCS#8, PuTTY) from text, never from a file path a user names. */
public final class SshKeys {
    private SshKeys() {}

    public static KeyProvider load(SSHClient client, String privateKey, String passphrase) throws IOException {
        return passphrase == null || passphrase.isEmpty()
                ? client.loadKeys(privateKey, null, null)
                : client.loadKeys(privateKey, null, PasswordUtils.createOneOff(passphrase.toCharArray()));
    }

    /** @return null when the key loads (with the passphrase), else why not (no key material in the text) */
    public static String problem(String privateKey, String passphrase) {
        try (SSHClient client = new SSHClient()) {
            KeyProvider provider = load(client, privateKey, passphrase);
            provider.getPrivate();
            return null;
        } catch (IOException | RuntimeException e) {
            String kind = e.getClass().getSimpleName();
            if (kind.contains("Password")
                    || String.valueOf(e.getMessage()).toLowerCase().contains("decrypt")) {
                return "private_key cannot be decrypted: wrong or missing passphrase";
            }
            return "private_key is not a readable private key (OpenSSH, PEM or PKCS#8)";
        }
    }
}
