package dev.opsuite.telemetry.ingest;

import dev.opsuite.events.v1.TelemetryIngestEvent;

/**
 * Server-side reclassification of failure reports before they are stored; without it the
 * dashboards count successes, user aborts and add-on noise as failures.
 */
final class Reclassifier {

    private Reclassifier() {}

    static void apply(TelemetryIngestEvent.Builder b) {
        if (!b.getStatus().equals("failed")) {
            if (b.getStatus().equals("success")) {
                b.setErrorCategory("");
            }
            return;
        }
        if (b.hasExitCode() && b.getExitCode() == 0) {
            b.setStatus("success").setError("").setErrorCategory("");
            return;
        }
        if (b.getType().equals("addon") || b.getType().equals("pve")) {
            success(b);
            return;
        }
        if ((b.hasExitCode() && (b.getExitCode() == 129 || b.getExitCode() == 130))
                || ErrorText.mentionsUserAbort(b.getError())) {
            b.setStatus("aborted").setErrorCategory("user_aborted");
            fillEmptyError(b);
            return;
        }
        b.setErrorCategory(categoryOf(b));
        fillEmptyError(b);
    }

    /**
     * The exit-code table decides, except for the generic shell codes (1, 2) where the error text
     * says more; then keyword rules on the text; then what the client claimed; else unknown.
     */
    private static String categoryOf(TelemetryIngestEvent.Builder b) {
        if (b.hasExitCode() && b.getExitCode() > 2) {
            var known = ExitCodes.lookup(b.getExitCode());
            if (known.isPresent()) {
                return known.get().category();
            }
        }
        String fromText = ErrorText.categoryOf(b.getError());
        if (fromText != null) {
            return fromText;
        }
        if (!b.getErrorCategory().isEmpty() && !b.getErrorCategory().equals("unknown")) {
            return b.getErrorCategory();
        }
        if (b.hasExitCode()) {
            return ExitCodes.lookup(b.getExitCode())
                    .map(ExitCodes.ExitCode::category)
                    .orElse("unknown");
        }
        return "unknown";
    }

    private static void fillEmptyError(TelemetryIngestEvent.Builder b) {
        if (b.getError().isBlank() && b.hasExitCode()) {
            b.setError("Exit code " + b.getExitCode() + ": " + ExitCodes.describe(b.getExitCode()));
        }
    }

    private static void success(TelemetryIngestEvent.Builder b) {
        b.setStatus("success").setError("").clearExitCode().setErrorCategory("");
    }
}
