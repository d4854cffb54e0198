package dev.opsuite.gateway.progress;

import dev.opsuite.gateway.auth.BearerAuthenticator;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Authenticates the progress socket before the upgrade: a session JWT or API token in
 * {@code ?token=} (browsers cannot set headers on a WebSocket) or in {@code Authorization: Bearer}.
 * Without a valid one the upgrade is refused with 401 and no socket opens.
 */
@ApplicationScoped
public class ProgressUpgradeCheck implements HttpUpgradeCheck {

    private final BearerAuthenticator authenticator;

    public ProgressUpgradeCheck(BearerAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String query = context.httpRequest().getParam("token");
        Optional<String> credential = query != null && !query.isBlank()
                ? Optional.of(query)
                : BearerAuthenticator.bearerCredential(context.httpRequest().getHeader("Authorization"));
        if (credential.isEmpty()) {
            return CheckResult.rejectUpgrade(401);
        }
        return authenticator
                .authenticateCredential(credential.get())
                .map(caller -> CheckResult.permitUpgradeSync())
                .onFailure()
                .recoverWithUni(e -> CheckResult.rejectUpgrade(401));
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return endpointId.equals(ProgressSocket.class.getName());
    }
}
