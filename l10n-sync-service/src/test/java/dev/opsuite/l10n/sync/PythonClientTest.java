package dev.opsuite.l10n.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.opsuite.devstack.test.TestTokens;
import dev.opsuite.l10n.support.Api;
import dev.opsuite.l10n.support.MinecraftData;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * An independent client in another language, written from the README (src/test/python): its own
 * BLAKE3, canonical JSON, CIDs and Bloom filter; handshake, resumable upload with a connection that
 * drops mid-body, commit, export. Needs Debian's python3 with python3-zstandard.
 */
@QuarkusTest
class PythonClientTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Test
    void anIndependentPythonClientSyncsWithAResumedUpload() throws Exception {
        assertTrue(
                Files.isExecutable(PYTHON),
                "needs Debian's /usr/bin/python3 with python3-zstandard (apt-get install python3-zstandard)");
        String locale = "p" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "_zz";
        String mod = Api.createMod(Api.unique("py").replace('-', '_'));
        String en = Api.createFile(mod, "en_us");
        String target = Api.createFile(mod, locale);
        Map<String, String> texts = new LinkedHashMap<>();
        List<String> keys = List.copyOf(MinecraftData.enUs("1.20").keySet()).subList(0, 300);
        Map<String, String> all = MinecraftData.enUs("1.20");
        keys.forEach(k -> texts.put(k, all.get(k)));
        Api.importFile(en, JSON.writeValueAsString(texts), null).then().statusCode(200);
        Api.importFile(target, JSON.writeValueAsString(MinecraftData.pseudoLocale(texts)), "as=translation")
                .then()
                .statusCode(200);
        Map<String, String> edits = new LinkedHashMap<>();
        edits.put(keys.get(1), "第一行\u2028第二行");
        edits.put(keys.get(2), "控制\u0007字符 %%");
        edits.put(keys.get(3), "§a绿色 %1$s");
        edits.put(keys.get(4), "");
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        Map<String, Object> args = Map.of(
                "base",
                "http://localhost:" + port,
                "token",
                TestTokens.issue("py-client", "operator"),
                "file_uid",
                target,
                "locale",
                locale,
                "edits",
                edits);
        Process p = new ProcessBuilder(PYTHON.toString(), "l10n_client.py", JSON.writeValueAsString(args))
                .directory(Path.of("src", "test", "python").toFile())
                .redirectErrorStream(false)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        JsonNode report = JSON.readTree(out);
        assertEquals(300, report.get("entries_checked").asInt());
        assertEquals(
                0,
                report.get("cid_mismatches").size(),
                "Python's CIDs differ from the server's: " + report.get("cid_mismatches"));
        assertTrue(
                report.get("missing")
                                .toString()
                                .contains(report.get("dropped_cid").asText())
                        || report.get("fetched_keys").size() >= 1,
                report.toString());
        assertEquals(1, report.get("fetched_keys").size(), report.toString());
        assertTrue(report.get("resume_offset").asInt() > 0, report.toString());
        assertEquals("complete", report.get("resend_status").asText());
        assertEquals(4, report.get("commit").get("applied").asInt(), report.toString());
        assertEquals(0, report.get("commit").get("conflicts").asInt());
        edits.forEach(
                (k, v) -> assertEquals(v, report.get("exported_dst").get(k).asText()));
        assertTrue(report.get("exported_cids_ok").asBoolean());
        assertEquals("v6.0", report.get("schema_header").asText());
    }
}
