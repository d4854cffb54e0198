package dev.opsuite.l10n.qa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The qa_flags of one entry: one key per check with pass | warn | fail, details under
 * {@code details.<check>}, a merge conflict (if any) under {@code merge_conflict}.
 */
public final class QaResult {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Verdict> checks = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private Object mergeConflict;

    public QaResult check(String name, Verdict verdict) {
        checks.put(name, verdict);
        return this;
    }

    public QaResult check(String name, Verdict verdict, Object detail) {
        checks.put(name, verdict);
        if (verdict != Verdict.PASS && detail != null) {
            details.put(name, detail);
        }
        return this;
    }

    public QaResult mergeConflict(Object conflict) {
        this.mergeConflict = conflict;
        return this;
    }

    public Verdict verdict(String check) {
        return checks.get(check);
    }

    public Map<String, Verdict> checks() {
        return checks;
    }

    public ObjectNode toJson() {
        ObjectNode node = JSON.createObjectNode();
        checks.forEach((k, v) -> node.put(k, v.wire()));
        if (!details.isEmpty()) {
            node.set("details", JSON.valueToTree(details));
        }
        if (mergeConflict != null) {
            node.set("merge_conflict", JSON.valueToTree(mergeConflict));
        }
        return node;
    }

    /** The stored form; written by hand when there are only verdicts (their names need no escaping). */
    public String toJsonText() {
        if (!details.isEmpty() || mergeConflict != null) {
            return toJson().toString();
        }
        StringBuilder sb = new StringBuilder(32 * checks.size() + 2).append('{');
        checks.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "")
                .append('"')
                .append(k)
                .append("\":\"")
                .append(v.wire())
                .append('"'));
        return sb.append('}').toString();
    }

    /** The merge conflict recorded in stored flags, if any (kept while the entry stays in conflict). */
    public static JsonNode storedMergeConflict(JsonNode flags) {
        return flags == null ? null : flags.get("merge_conflict");
    }
}
