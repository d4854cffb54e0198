package dev.opsuite.devstack.test.hostile;

import java.util.Map;

/**
 * One request the probe sends.
 *
 * @param what what is hostile about it, for the report
 * @param target path and query, already percent-encoded as it goes on the wire
 * @param body null for none
 */
public record HostileRequest(String what, String method, String target, Map<String, String> headers, byte[] body) {}
