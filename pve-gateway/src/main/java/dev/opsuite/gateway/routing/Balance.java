package dev.opsuite.gateway.routing;

/** How a route with several upstream instances picks the instance for the next request. */
public enum Balance {
    /** Each request starts at the next instance in turn. */
    ROUND_ROBIN,
    /**
     * Each request starts at the instance with the fewest requests in flight from this gateway (ties
     * in turn): a slow or overloaded instance gets fewer new requests while it catches up.
     */
    LEAST_OUTSTANDING
}
