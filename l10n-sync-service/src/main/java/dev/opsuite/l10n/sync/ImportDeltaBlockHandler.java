package dev.opsuite.l10n.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.l10n.queue.TaskHandler;
import jakarta.enterprise.context.ApplicationScoped;

/** Built-in worker for import_delta_block: applies one chunk of a queued commit. */
@ApplicationScoped
public class ImportDeltaBlockHandler implements TaskHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommitService commits;

    public ImportDeltaBlockHandler(CommitService commits) {
        this.commits = commits;
    }

    @Override
    public String type() {
        return CommitService.TASK_TYPE;
    }

    @Override
    public String handle(long taskId, String payloadJson) throws Exception {
        JsonNode p = JSON.readTree(payloadJson);
        ChunkResult r = commits.applyQueued(
                p.path("session_id").asText(),
                p.path("chunk_cid").asText(),
                p.path("merge_strategy").asText("three_way"),
                p.path("conflict_resolution").asText("mark_for_review"),
                p.path("actor").asText(null));
        return JSON.writeValueAsString(r);
    }
}
