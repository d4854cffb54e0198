package dev.opsuite.automation.remote;

/** A node could not be reached or refused us; the message says what to do and never holds a secret. */
public class SshFailure extends Exception {
    public SshFailure(String message) {
        super(message, null, false, false);
    }
}
