package dev.opsuite.automation.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Decrypted login material for one run, held only in memory while the run lasts. {@link #toString()}
 * never prints a secret, so a stray log line cannot leak one.
 */
public record Login(
        long credentialId,
        String username,
        String password,
        String privateKey,
        String passphrase,
        String becomeMethod,
        String becomeUser,
        String becomePassword) {

    public boolean usesKey() {
        return privateKey != null;
    }

    public boolean becomes() {
        return becomeMethod != null;
    }

    /** Every secret value, for masking output. */
    public List<String> secrets() {
        List<String> all = new ArrayList<>();
        for (String s : new String[] {password, passphrase, becomePassword}) {
            if (s != null && !s.isEmpty()) {
                all.add(s);
            }
        }
        return all;
    }

    @Override
    public String toString() {
        return "Login[credential=" + credentialId + ", user=" + username + (usesKey() ? ", key" : ", password")
                + (becomes() ? ", become=" + becomeMethod + ":" + becomeUser : "") + "]";
    }
}
