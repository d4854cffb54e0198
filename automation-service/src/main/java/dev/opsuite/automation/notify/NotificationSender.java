package dev.opsuite.automation.notify;

/**
 * Delivers one signed webhook. Deployment-service has the suite's Standard Webhooks dispatcher; until
 * it lives in common-lib this small interface keeps ours replaceable by it.
 */
public interface NotificationSender {
    /** @return true when the receiver answered 2xx (after retries) */
    boolean send(String url, String secret, String messageId, String body);
}
