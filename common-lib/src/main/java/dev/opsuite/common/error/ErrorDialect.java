package dev.opsuite.common.error;

/** The error shapes the suite's APIs speak (ARCHITECTURE §5). */
public enum ErrorDialect {
    /** RFC 9457 application/problem+json with code and request_id extensions. */
    PROBLEM(new ProblemRenderer()),
    /** {"code":422,"message":"…","error":"…"} */
    AUTOMATION(new AutomationRenderer()),
    /** {"error":"validation_failed","message":"…","details":{…},"request_id":"req_…"} */
    L10N(new L10nRenderer()),
    /** {"data":null,"message":"…","errors":{…}}, message in the status line, empty 401. */
    PVE(new PveRenderer()),
    /** Short text/plain bodies for the telemetry bash clients. */
    TELEMETRY(new TelemetryRenderer());

    private final ErrorRenderer renderer;

    ErrorDialect(ErrorRenderer renderer) {
        this.renderer = renderer;
    }

    public RenderedError render(ApiError error, String instance) {
        return renderer.render(error, instance);
    }
}
