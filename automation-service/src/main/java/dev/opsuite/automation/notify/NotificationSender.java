package dev.opsuite.automation.notify;

/**
 * Makes one attempt at delivering one signed webhook; retries are the dispatcher's (they are persisted).
 */
public interface NotificationSender {
    /** What one attempt achieved: {@code retryable} false when trying again cannot help (e.g. a refused URL). */
    record Attempt(boolean delivered, boolean retryable, String error) {
        static Attempt ok() {
            return new Attempt(true, false, null);
        }

        static Attempt retry(String error) {
            return new Attempt(false, true, error);
        }

        static Attempt refused(String error) {
            return new Attempt(false, false, error);
        }
    }

    Attempt send(String url, String secret, String messageId, String body);
}
