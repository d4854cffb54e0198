package dev.opsuite.gateway.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Path prefix -> route, longest prefix first. Built once from {@link RoutingConfig}; a bad route
 * fails the start instead of silently not routing.
 */
public final class RouteTable {

    private record Entry(String prefix, UpstreamRoute route) {}

    private final List<Entry> entries;
    private final List<UpstreamRoute> routes;

    public RouteTable(List<UpstreamRoute> routes) {
        List<Entry> list = new ArrayList<>();
        for (UpstreamRoute route : routes) {
            for (String prefix : route.prefixes()) {
                list.add(new Entry(normalize(prefix), route));
            }
        }
        list.sort(Comparator.comparingInt((Entry e) -> e.prefix.length()).reversed());
        this.entries = List.copyOf(list);
        this.routes = List.copyOf(routes);
    }

    public static RouteTable from(Map<String, RoutingConfig.Route> config) {
        List<UpstreamRoute> routes = new ArrayList<>();
        config.forEach((name, route) -> routes.add(toRoute(name, route)));
        routes.sort(Comparator.comparing(UpstreamRoute::name));
        return new RouteTable(routes);
    }

    static UpstreamRoute toRoute(String name, RoutingConfig.Route route) {
        List<UpstreamOrigin> origins = new ArrayList<>();
        for (String url : route.url().split(",")) {
            if (!url.isBlank()) {
                origins.add(toOrigin(name, url.trim()));
            }
        }
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("opsuite.gateway.routes." + name + ".url is empty");
        }
        if (origins.stream().map(UpstreamOrigin::key).distinct().count() != origins.size()) {
            throw new IllegalArgumentException(
                    "opsuite.gateway.routes." + name + ".url names an origin twice: " + route.url());
        }
        if (route.prefixes().isEmpty()) {
            throw new IllegalArgumentException("opsuite.gateway.routes." + name + ".prefixes is empty");
        }
        return new UpstreamRoute(
                name,
                origins,
                route.prefixes().stream().map(RouteTable::normalize).toList(),
                route.timeout(),
                route.rateLimit().perSecond(),
                route.rateLimit().burst(),
                route.maxBodySize().asLongValue(),
                route.balance());
    }

    private static UpstreamOrigin toOrigin(String name, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("opsuite.gateway.routes." + name + ".url is not a URL: " + url, e);
        }
        String scheme = uri.getScheme();
        if (scheme == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "opsuite.gateway.routes." + name + ".url must be http(s)://host[:port]: " + url);
        }
        return new UpstreamOrigin(uri);
    }

    /** The route owning {@code path}, if any. */
    public Optional<UpstreamRoute> match(String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (Entry e : entries) {
            if (covers(e.prefix, path)) {
                return Optional.of(e.route);
            }
        }
        return Optional.empty();
    }

    public List<UpstreamRoute> routes() {
        return routes;
    }

    static boolean covers(String prefix, String path) {
        if (prefix.equals("/")) {
            return true;
        }
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /** "/upload/**", "/upload/" and "upload" all mean the segment prefix "/upload". */
    static String normalize(String prefix) {
        String p = prefix.trim();
        if (p.endsWith("/**")) {
            p = p.substring(0, p.length() - 3);
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.startsWith("/") ? p : "/" + p;
    }
}
