package dev.opsuite.common.crypto;

/** A ciphertext that cannot be opened. The message never contains key material or plaintext. */
public class SecretBoxException extends RuntimeException {
    public SecretBoxException(String message) {
        super(message);
    }
}
