package dev.opsuite.gateway.pve.facade;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks the facade makes before calling PVE, worded as PVE words them, so a bad call costs
 * no PVE round trip and a malformed node name is a 400 (PVE itself answers it with a 500 hostname
 * lookup failure). Paths outside the seed's reads are only checked for node and vmid.
 */
final class FacadeValidation {

    static final int MAX_NODE_NAME = 63;
    static final Pattern NODE = Pattern.compile("^([a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?)$");
    static final Pattern VMID = Pattern.compile("^[1-9][0-9]{2,8}$");
    static final Pattern UPID = Pattern.compile(
            "^UPID:[a-zA-Z0-9]([a-zA-Z0-9\\-]*[a-zA-Z0-9])?:[0-9A-Fa-f]{8}:[0-9A-Fa-f]{8,9}:[0-9A-Fa-f]{8}:[^:\\s]+:[^:\\s]*:[^:\\s]+:$");
    static final String UNKNOWN_PROPERTY =
            "property is not defined in schema and the schema does not allow additional properties";

    private static final Pattern NODE_PATH = Pattern.compile("^/nodes/([^/]*)(/.*)?$");
    private static final Pattern GUEST_PATH = Pattern.compile("^/(qemu|lxc)/([^/]*)(/.*)?$");
    private static final Pattern TASK_PATH = Pattern.compile("^/tasks/([^/]*)(/status|/log)?$");
    private static final List<String> RESOURCE_TYPES = List.of("vm", "storage", "node", "sdn");
    private static final List<String> NETWORK_TYPES = List.of(
            "bridge",
            "bond",
            "eth",
            "alias",
            "vlan",
            "OVSBridge",
            "OVSBond",
            "OVSPort",
            "OVSIntPort",
            "any_bridge",
            "any_local_bridge");
    private static final List<String> TASK_SOURCES = List.of("archive", "active", "all");
    private static final Set<String> TASK_PARAMS = Set.of(
            "limit", "start", "since", "until", "statusfilter", "typefilter", "userfilter", "vmid", "source", "errors");

    private FacadeValidation() {}

    /**
     * @param path   the decoded path below {@code /api2/json}
     * @param query  the query parameters (last value of each)
     * @return PVE's per-parameter messages; empty when the call may go to PVE
     */
    static Map<String, String> check(String method, String path, Map<String, String> query) {
        Map<String, String> errors = new LinkedHashMap<>();
        boolean get = method.equals("GET");
        switch (path) {
            case "/version", "/nodes", "/cluster/status" -> {
                if (get) {
                    allow(query, Set.of(), errors);
                }
                return errors;
            }
            case "/cluster/resources" -> {
                if (get) {
                    allow(query, Set.of("type"), errors);
                    enumeration("type", query.get("type"), RESOURCE_TYPES, errors);
                }
                return errors;
            }
            case "/cluster/nextid" -> {
                if (get) {
                    allow(query, Set.of("vmid"), errors);
                    vmid("vmid", query.get("vmid"), errors);
                }
                return errors;
            }
            default -> {
                // below
            }
        }
        Matcher node = NODE_PATH.matcher(path);
        if (!node.matches()) {
            return errors;
        }
        String name = node.group(1);
        if (name.length() > MAX_NODE_NAME) {
            // a host name label; longer would only reach PVE to fail there less clearly
            errors.put("node", "value may only be " + MAX_NODE_NAME + " characters long");
            return errors;
        }
        if (!NODE.matcher(name).matches()) {
            errors.put("node", "invalid format - value does not look like a valid node name");
            return errors;
        }
        String rest = node.group(2) == null ? "" : node.group(2);
        if (get && rest.equals("/status")) {
            allow(query, Set.of(), errors);
        } else if (get && rest.equals("/network")) {
            allow(query, Set.of("type"), errors);
            enumeration("type", query.get("type"), NETWORK_TYPES, errors);
        } else if (get && rest.equals("/tasks")) {
            allow(query, TASK_PARAMS, errors);
            enumeration("source", query.get("source"), TASK_SOURCES, errors);
            nonNegative("limit", query.get("limit"), errors);
            nonNegative("start", query.get("start"), errors);
            nonNegative("since", query.get("since"), errors);
            nonNegative("until", query.get("until"), errors);
            vmid("vmid", query.get("vmid"), errors);
            String e = query.get("errors");
            if (e != null && !e.equals("0") && !e.equals("1")) {
                errors.put("errors", "type check ('boolean') failed - got '" + e + "'");
            }
        }
        Matcher task = TASK_PATH.matcher(rest);
        if (task.matches() && !UPID.matcher(task.group(1)).matches()) {
            errors.put("upid", "unable to parse worker upid '" + task.group(1) + "'");
        }
        Matcher guest = GUEST_PATH.matcher(rest);
        if (guest.matches()) {
            vmid("vmid", guest.group(2), errors);
        }
        return errors;
    }

    private static void allow(Map<String, String> query, Set<String> allowed, Map<String, String> errors) {
        query.keySet().stream()
                .filter(k -> !allowed.contains(k) && !k.equals("_dc"))
                .forEach(k -> errors.put(k, UNKNOWN_PROPERTY));
    }

    private static void enumeration(String name, String value, List<String> values, Map<String, String> errors) {
        if (value != null && !values.contains(value)) {
            errors.put(
                    name,
                    "value '" + value + "' does not have a value in the enumeration '" + String.join(", ", values)
                            + "'");
        }
    }

    private static void nonNegative(String name, String value, Map<String, String> errors) {
        if (value == null) {
            return;
        }
        if (!value.matches("^-?[0-9]{1,18}$")) {
            errors.put(name, "type check ('integer') failed - got '" + value + "'");
        } else if (value.startsWith("-")) {
            errors.put(name, "value must have a minimum value of 0");
        }
    }

    static void vmid(String name, String value, Map<String, String> errors) {
        if (value == null) {
            return;
        }
        if (!value.matches("^-?[0-9]{1,18}$")) {
            errors.put(name, "type check ('integer') failed - got '" + value + "'");
        } else if (!VMID.matcher(value).matches()) {
            errors.put(
                    name,
                    Long.parseLong(value) < 100
                            ? "value must have a minimum value of 100"
                            : "value must have a maximum value of 999999999");
        }
    }
}
