package dev.opsuite.common.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;

/** A JSON document whose text could not be stored: an escaped U+0000 or an unpaired surrogate. */
public class UnstorableJsonTextException extends JsonParseException {

    public UnstorableJsonTextException(String message) {
        super((JsonParser) null, message);
    }
}
