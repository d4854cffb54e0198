package dev.opsuite.devstack.test.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the operations of an OpenAPI 3 document (JSON), resolving local {@code $ref}s. */
public final class OpenApiDocument {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    public static OpenApiDocument parse(String json) throws IOException {
        return new OpenApiDocument(new ObjectMapper().readTree(json));
    }

    public List<ApiOperation> operations() {
        List<ApiOperation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode shared = path.getValue().path("parameters");
            for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                List<ApiOperation.Parameter> params = new ArrayList<>();
                for (JsonNode p : concat(shared, op.path("parameters"))) {
                    JsonNode param = deref(p);
                    params.add(new ApiOperation.Parameter(
                            param.path("name").asText(), param.path("in").asText(), schema(param.path("schema"), 0)));
                }
                Schema body = null;
                List<String> consumes = new ArrayList<>();
                JsonNode content = deref(op.path("requestBody")).path("content");
                for (Iterator<Map.Entry<String, JsonNode>> types = content.fields(); types.hasNext(); ) {
                    Map.Entry<String, JsonNode> type = types.next();
                    consumes.add(type.getKey());
                    if (type.getKey().startsWith("application/json")) {
                        body = schema(type.getValue().path("schema"), 0);
                    }
                }
                out.add(new ApiOperation(method.toUpperCase(), path.getKey(), params, body, consumes));
            }
        }
        return out;
    }

    private static List<JsonNode> concat(JsonNode a, JsonNode b) {
        List<JsonNode> all = new ArrayList<>();
        a.forEach(all::add);
        b.forEach(all::add);
        return all;
    }

    private Schema schema(JsonNode node, int depth) {
        JsonNode s = deref(node);
        if (s.isMissingNode() || depth > 6) {
            return Schema.ANY;
        }
        if (s.has("allOf") && s.path("allOf").size() > 0) {
            return schema(s.path("allOf").get(0), depth + 1);
        }
        Map<String, Schema> properties = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            properties.put(p.getKey(), schema(p.getValue(), depth + 1));
        }
        List<String> enums = new ArrayList<>();
        s.path("enum").forEach(v -> enums.add(v.asText()));
        Schema items = s.has("items") ? schema(s.path("items"), depth + 1) : null;
        String type = s.path("type").isTextual() ? s.path("type").asText() : null;
        return new Schema(type, s.path("format").asText(null), properties, items, enums);
    }

    private JsonNode deref(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            String ref = current.path("$ref").asText();
            if (!ref.startsWith("#/")) {
                break;
            }
            current = root.at(ref.substring(1));
        }
        return current;
    }
}
