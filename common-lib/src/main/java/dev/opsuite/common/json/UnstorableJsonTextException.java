package dev.opsuite.common.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/** A JSON document whose text could not be stored: an escaped U+0000 or an unpaired surrogate. */
public class UnstorableJsonTextException extends JsonParseException {
    private final String member;
    private final String problem;

    public UnstorableJsonTextException(String member, String problem) {
        super((JsonParser) null, "JSON text" + (member == null ? "" : " of \"" + member + "\"") + " " + problem);
        this.member = member;
        this.problem = problem;
    }

    /** The object member whose value holds the text, or null when it is not known (a key, an array). */
    public String member() {
        return member;
    }

    public String problem() {
        return problem;
    }
}
