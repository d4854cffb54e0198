package dev.opsuite.l10n.entries;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Body of PUT /translations/{uid}: the fields to change. A field that is absent stays as it is; an
 * explicit null clears a text. {@code qa_flags} is accepted for seed clients but ignored: QA flags
 * are computed by the server on every write.
 */
public final class TranslationInput {
    private String dstText;
    private boolean dstGiven;
    private String srcText;
    private boolean srcGiven;
    private String status;
    private JsonNode qaFlags;

    @JsonSetter("dst_text")
    public void setDstText(String v) {
        dstText = v;
        dstGiven = true;
    }

    @JsonSetter("src_text")
    public void setSrcText(String v) {
        srcText = v;
        srcGiven = true;
    }

    @JsonSetter("status")
    public void setStatus(String v) {
        status = v;
    }

    @JsonSetter("qa_flags")
    public void setQaFlags(JsonNode v) {
        qaFlags = v;
    }

    public String dstText() {
        return dstText;
    }

    public boolean dstGiven() {
        return dstGiven;
    }

    public String srcText() {
        return srcText;
    }

    public boolean srcGiven() {
        return srcGiven;
    }

    public String status() {
        return status;
    }

    /** For the idempotency hash: what the request asks for. */
    public String fingerprint() {
        return (dstGiven ? "d:" + dstText : "-") + "|" + (srcGiven ? "s:" + srcText : "-") + "|" + status + "|"
                + (qaFlags == null ? "" : qaFlags.toString());
    }
}
