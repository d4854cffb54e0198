package dev.opsuite.gateway.apitoken;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PVE's own API token header, which existing PVE clients send to the facade:
 * {@code Authorization: PVEAPIToken=<user>@<realm>!<name>=<secret>}, also seen with a space instead
 * of the first {@code =}. Opsuite tokens use the realm {@code opsuite}.
 */
public record PveApiTokenHeader(String user, String realm, String tokenName, String secret) {

    public static final String REALM = "opsuite";

    // user and realm cannot contain '@' or '!', the token name cannot contain '='; the secret is the rest
    private static final Pattern FORM =
            Pattern.compile("^PVEAPIToken[= ]\\s*([^@!\\s]+)@([^@!=\\s]+)!([^=\\s]+)=(\\S+)\\s*$");

    public static Optional<PveApiTokenHeader> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher m = FORM.matcher(authorization.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new PveApiTokenHeader(m.group(1), m.group(2), m.group(3), m.group(4)));
    }

    public boolean isOpsuiteRealm() {
        return REALM.equals(realm);
    }

    /** The PVE-style token id, {@code user@realm!name}. */
    public String tokenId() {
        return user + "@" + realm + "!" + tokenName;
    }
}
