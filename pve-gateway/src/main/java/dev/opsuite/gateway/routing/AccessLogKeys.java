package dev.opsuite.gateway.routing;

/** Routing-context keys the access log reads. */
public final class AccessLogKeys {
    /** Name of the route a proxied request took. */
    public static final String ROUTE = "opsuite.route";

    private AccessLogKeys() {}
}
