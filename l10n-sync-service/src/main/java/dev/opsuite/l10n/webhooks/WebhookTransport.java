package dev.opsuite.l10n.webhooks;

import dev.opsuite.common.net.VettedUrl;
import java.util.Map;

/**
 * Sends one signed webhook request to an address the outbound guard vetted. A seam so this service's
 * dispatcher can move onto a shared (common-lib) sender without changing its queue logic.
 */
public interface WebhookTransport {
    /** @return the receiver's HTTP status; throws on connection failure or timeout */
    int post(VettedUrl url, Map<String, String> headers, String body) throws Exception;
}
