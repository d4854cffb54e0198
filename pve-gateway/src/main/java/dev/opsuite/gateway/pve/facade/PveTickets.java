package dev.opsuite.gateway.pve.facade;

import dev.opsuite.gateway.apitoken.PveApiTokenHeader;
import dev.opsuite.gateway.pve.PveConfig;
import dev.opsuite.gateway.token.IssuedToken;
import dev.opsuite.gateway.token.TokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * PVE-shaped tickets for opsuite users: {@code PVE:<user>@opsuite:<HEXTIME>::<signed session token>}.
 * The signed part is one of the gateway's own RS256 tokens (so revocation and role changes apply),
 * valid for the ticket lifetime (PVE: 2 h). The CSRF prevention token is bound to the ticket:
 * {@code <HEXTIME>:<hash of the ticket>}, so only someone who holds the ticket can present it.
 */
@ApplicationScoped
public class PveTickets {
    public static final String COOKIE = "PVEAuthCookie";
    public static final String CSRF_HEADER = "CSRFPreventionToken";
    static final String TICKET_CLAIM = "pve_ticket";

    /** A ticket split into its parts. */
    public record Parsed(String username, String hexTime, String token) {}

    public record Issued(String ticket, String csrf, String userid) {}

    private final TokenIssuer issuer;
    private final Duration ttl;

    public PveTickets(TokenIssuer issuer, PveConfig config) {
        this.issuer = issuer;
        this.ttl = config.ticketTtl();
    }

    public Issued issue(String username, String role, int tokenVersion) {
        IssuedToken token = issuer.issue(username, username, role, tokenVersion, ttl, Map.of(TICKET_CLAIM, true));
        String hex = Long.toHexString(token.issuedAt().getEpochSecond()).toUpperCase(Locale.ROOT);
        String userid = username + "@" + PveApiTokenHeader.REALM;
        String ticket = "PVE:" + userid + ":" + hex + "::" + token.token();
        return new Issued(ticket, csrfFor(ticket), userid);
    }

    public static Optional<Parsed> parse(String ticket) {
        if (ticket == null || !ticket.startsWith("PVE:")) {
            return Optional.empty();
        }
        String[] parts = ticket.split(":", 5);
        // PVE, user@realm, hextime, (empty), signature
        if (parts.length != 5 || !parts[3].isEmpty()) {
            return Optional.empty();
        }
        String signature = parts[4];
        int at = parts[1].lastIndexOf('@');
        if (at <= 0 || !parts[1].substring(at + 1).equals(PveApiTokenHeader.REALM) || signature.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(parts[1].substring(0, at), parts[2], signature));
    }

    public static String csrfFor(String ticket) {
        Optional<Parsed> parsed = parse(ticket);
        String hex = parsed.map(Parsed::hexTime).orElse("0");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("opsuite-pve-csrf|" + ticket).getBytes(StandardCharsets.UTF_8));
            return hex + ":"
                    + Base64.getEncoder()
                            .withoutPadding()
                            .encodeToString(digest)
                            .substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean csrfMatches(String ticket, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(
                csrfFor(ticket).getBytes(StandardCharsets.UTF_8),
                presented.trim().getBytes(StandardCharsets.UTF_8));
    }
}
