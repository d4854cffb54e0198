package dev.opsuite.devstack.test.hostile;

import java.util.List;

/**
 * One operation of a service's OpenAPI document.
 *
 * @param body the JSON body's schema, or null when the operation takes no JSON body
 * @param consumes the media types of its request body (empty when it takes none)
 */
public record ApiOperation(String method, String path, List<Parameter> parameters, Schema body, List<String> consumes) {

    /** A path, query or header parameter. */
    public record Parameter(String name, String in, Schema schema) {}

    @Override
    public String toString() {
        return method + " " + path;
    }
}
