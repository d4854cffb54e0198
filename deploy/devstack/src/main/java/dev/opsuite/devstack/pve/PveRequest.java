package dev.opsuite.devstack.pve;

import java.util.Map;

/**
 * One API call as the test server sees it.
 *
 * @param servingNode the node whose pveproxy received it
 * @param path        the path below {@code /api2/json}, decoded
 * @param params      query parameters and form/JSON body parameters (PVE merges them)
 */
record PveRequest(String servingNode, String method, String path, Map<String, String> params, String user) {}
