// Benchmark driver for l10n-sync-service (run by deploy/bench/l10n-sync.sh with the service's own
// jars on the class path). Phases: a 1M-entry commit through the sync protocol, export vs COPY,
// export RSS at 100k and 1M rows, handshake with 500k CIDs in scope, delta efficiency after 1 % of
// the entries changed, and the zstd dictionary's ratio on 1 KiB chunks. Prints one JSON object.
import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.Blake3;
import org.postgresql.PGConnection;

public class L10nBench {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    static String base;
    static String token;
    static final Map<String, Object> OUT = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        if (args[0].equals("keys")) {
            keys(Path.of(args[1]));
            return;
        }
        base = args[0];
        token = jwt(Path.of(args[1]));
        int entries = Integer.parseInt(args[2]);
        String jdbc = args[3];
        long servicePid = Long.parseLong(args[4]);
        Path vanilla = Path.of(args[5]);
        run(entries, jdbc, servicePid, vanilla);
        System.out.println(json(OUT));
    }

    // ---------------------------------------------------------------- phases

    /** Which phases run after the commit (which always runs: it creates the data); L10N_BENCH_PHASES=handshake,… */
    static final List<String> PHASES = List.of(
            System.getenv().getOrDefault("L10N_BENCH_PHASES", "export,rss,handshake,delta,dictionary").split(","));

    static void progress(String what) {
        System.err.println("l10n-bench " + java.time.LocalTime.now().withNano(0) + " " + what);
    }

    static void run(int entries, String jdbc, long pid, Path vanilla) throws Exception {
        List<String[]> texts = vanilla(vanilla);
        int perFile = 5000;
        int files = entries / perFile;
        String[] locales = {"zh_cn", "ja_jp"};
        List<String> fileUids = new ArrayList<>();
        List<String> fileLocale = new ArrayList<>();
        for (int m = 0; m < files / 2; m++) {
            String mod = post("/api/v6/mods", "{\"modid\":\"bench_" + m + "_" + System.nanoTime() % 100000 + "\",\"name\":\"Bench " + m + "\"}", "uid");
            for (String locale : locales) {
                fileUids.add(post("/api/v6/language-files", "{\"carrier_type\":\"mod\",\"carrier_uid\":\"" + mod + "\",\"locale\":\""
                        + locale + "\",\"rel_path\":\"assets/b/lang/" + locale + ".json\",\"format\":\"json\"}", "uid"));
                fileLocale.add(locale);
            }
        }
        // 1. a million new entries through handshake -> chunks -> commit (queued as import_delta_block tasks)
        List<String> deltas = new ArrayList<>(entries);
        for (int f = 0; f < fileUids.size(); f++) {
            for (int k = 0; k < perFile; k++) {
                String[] t = texts.get((f * 7919 + k) % texts.size());
                deltas.add(delta(fileUids.get(f), t[0] + ".b" + k, 0, t[1], pseudo(t[1]), "reviewed"));
            }
        }
        progress("commit of " + entries + " entries");
        String session = handshake("zh_cn", List.of(), 7, BloomM.min(7, entries), null).get("session_id");
        long t0 = System.nanoTime();
        List<String> cids = upload(session, deltas, 20_000);
        long uploadMs = (System.nanoTime() - t0) / 1_000_000;
        progress("uploaded " + cids.size() + " chunks in " + uploadMs + " ms; committing");
        long c0 = System.nanoTime();
        String commit = request("POST", "/api/v6/sync/commit", commitBody(session, cids), Map.of());
        waitCommitted(session);
        long commitMs = (System.nanoTime() - c0) / 1_000_000;
        // the first handshake after a commit: the scope changed, so the service reads it again
        long h0 = System.nanoTime();
        handshake("zh_cn", List.of(), 7, BloomM.min(7, entries / 2), null);
        OUT.put("handshake_after_commit_ms", (System.nanoTime() - h0) / 1_000_000);
        OUT.put("commit", Map.of("entries", entries, "chunks", cids.size(), "upload_ms", uploadMs, "commit_ms", commitMs,
                "entries_per_s_commit", Math.round(entries * 1000.0 / commitMs),
                "entries_per_s_upload_and_commit", Math.round(entries * 1000.0 / (uploadMs + commitMs)),
                "queued", commit.contains("\"queued\":true")));

        if (PHASES.contains("export")) {
            progress("export");
        // 2. export rows/s vs COPY of the same rows, same run (two rounds, best of each)
        String copySql = "COPY (SELECT json_build_object('language_file_uid', e.language_file_uid, 'key', e.key, 'src_text', e.src_text,"
                + " 'dst_text', e.dst_text, 'status', e.status, 'qa_flags', e.qa_flags, 'version', e.version, 'cid', e.cid,"
                + " 'updated_at', to_char(e.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), 'revision', e.revision,"
                + " 'entry_uid', e.uid)::text FROM l10n.translation_entries e JOIN l10n.language_files f ON f.uid = e.language_file_uid"
                + " ORDER BY e.revision LIMIT " + entries + ") TO STDOUT WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')";
        double bestCopy = 0, bestExport = 0;
        long exportBytes = 0;
        for (int round = 0; round < 2; round++) {
            long s = System.nanoTime();
            long rows;
            try (Connection c = DriverManager.getConnection(jdbc, "l10n", "l10n")) {
                CountingSink sink = new CountingSink();
                rows = c.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql, sink);
            }
            bestCopy = Math.max(bestCopy, rows / ((System.nanoTime() - s) / 1e9));
            s = System.nanoTime();
            long[] r = stream("/api/v6/export/ndjson?limit=" + entries, "identity", 0, 0);
            bestExport = Math.max(bestExport, r[1] / ((System.nanoTime() - s) / 1e9));
            exportBytes = r[0];
        }
        OUT.put("export", Map.of("rows", entries, "copy_rows_per_s", Math.round(bestCopy), "export_rows_per_s", Math.round(bestExport),
                "ratio", Math.round(bestExport / bestCopy * 100) / 100.0, "bytes", exportBytes));

        }
        if (PHASES.contains("rss")) {
            progress("rss");
        // 3. service RSS while exporting 100k and 1M rows (peak of 20 ms samples)
        long[] small = stream("/api/v6/export/ndjson?limit=100000", "identity", pid, 0);
        long[] large = stream("/api/v6/export/ndjson?limit=" + entries, "identity", pid, 0);
        OUT.put("rss", Map.of("peak_kib_100k", small[2], "peak_kib_1m", large[2],
                "change", Math.round((large[2] - small[2]) * 1000.0 / small[2]) / 10.0 + "%"));

        }
        if (PHASES.contains("handshake")) {
            progress("handshake");
        // 4. handshake with 500k CIDs in scope (the client holds all of them), median of 5
        List<String> zh = cidsOf("zh_cn");
        long minM = Long.parseLong(badHandshake("zh_cn", zh));
        // the client builds its filter once (timed apart: it is the client's work, not the service's);
        // a handshake is the request and the whole answer read
        long b0 = System.nanoTime();
        String body = handshakeBody("zh_cn", zh, 7, minM, null);
        long bloomMs = (System.nanoTime() - b0) / 1_000_000;
        List<Long> times = new ArrayList<>();
        String answer = null;
        for (int i = 0; i < 5; i++) {
            long s = System.nanoTime();
            answer = request("POST", "/api/v6/sync/handshake", body, Map.of());
            times.add((System.nanoTime() - s) / 1_000_000);
        }
        times.sort(Long::compare);
        long sinceRevision = Long.parseLong(field(answer, "revision"));
        String sinceBody = handshakeBody("zh_cn", zh, 7, minM, sinceRevision);
        long s4 = System.nanoTime();
        request("POST", "/api/v6/sync/handshake", sinceBody, Map.of());
        OUT.put("handshake", Map.of("cids_in_scope", zh.size(), "bloom_bits", minM, "median_ms", times.get(2), "max_ms", times.get(4),
                "min_ms", times.get(0), "client_filter_ms", bloomMs, "answer_bytes", answer.length(),
                "with_since_ms", (System.nanoTime() - s4) / 1_000_000));

        }
        if (PHASES.contains("delta")) {
            progress("delta");
        // 5. delta efficiency: 1 % of the entries change on the server; a client that holds the rest syncs
        long fullPlain = 0, fullZstd = 0;
        Map<String, List<String>> before = new LinkedHashMap<>();
        Map<String, Long> revisions = new LinkedHashMap<>();
        for (String locale : locales) {
            long[] p = stream("/api/v6/export/ndjson?locale=" + locale + "&limit=" + entries, "identity", 0, 0);
            long[] z = stream("/api/v6/export/ndjson?locale=" + locale + "&limit=" + entries, "zstd", 0, 0);
            fullPlain += p[0];
            fullZstd += z[0];
            before.put(locale, cidsOf(locale));
            revisions.put(locale, Long.parseLong(handshake(locale, List.of(), 7, BloomM.min(7, before.get(locale).size()), null).get("revision")));
        }
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < entries / 100; i++) {
            int idx = (int) ((i * 100L + 37) % deltas.size());
            int f = idx / perFile;
            int k = idx % perFile;
            String[] t = texts.get((f * 7919 + k) % texts.size());
            changes.add(delta(fileUids.get(f), t[0] + ".b" + k, 1, null, pseudo(t[1]) + " (rev)", "reviewed"));
        }
        String s2 = handshake("zh_cn", List.of(), 7, BloomM.min(7, before.get("zh_cn").size()), null).get("session_id");
        List<String> changeChunks = upload(s2, changes, 20_000);
        request("POST", "/api/v6/sync/commit", commitBody(s2, changeChunks), Map.of());
        waitCommitted(s2);
        long moved = 0;
        int missingTotal = 0;
        for (String locale : locales) {
            Bytes b = new Bytes();
            Map<String, String> h = handshakeCounting(locale, before.get(locale), revisions.get(locale), b);
            List<String> missing = list(h.get("missing_cids"));
            List<String> confirm = list(h.get("confirm"));
            String confirmBody = "{\"session_id\":\"" + h.get("session_id") + "\",\"have\":" + jsonList(confirm.stream().filter(new java.util.HashSet<>(before.get(locale))::contains).toList()) + "}";
            b.add(confirmBody.length());
            String conf = request("POST", "/api/v6/sync/confirm", confirmBody, Map.of());
            b.add(conf.length());
            missing.addAll(list(field(conf, "missing_cids")));
            String fetchBody = "{\"cids\":" + jsonList(missing) + "}";
            b.add(fetchBody.length());
            HttpResponse<byte[]> fetched = HTTP.send(auth(HttpRequest.newBuilder(URI.create(base + "/api/v6/sync/fetch")))
                    .header("Content-Type", "application/json").header("Accept-Encoding", "zstd")
                    .POST(HttpRequest.BodyPublishers.ofString(fetchBody)).build(), HttpResponse.BodyHandlers.ofByteArray());
            b.add(fetched.body().length);
            moved += b.n;
            missingTotal += missing.size();
        }
        OUT.put("delta", Map.of("changed", changes.size(), "missing_found", missingTotal, "bytes_moved", moved,
                "full_export_plain_bytes", fullPlain, "full_export_zstd_bytes", fullZstd,
                "percent_of_plain", Math.round(moved * 10000.0 / fullPlain) / 100.0,
                "percent_of_zstd", Math.round(moved * 10000.0 / fullZstd) / 100.0));

        }
        if (PHASES.contains("dictionary")) {
            progress("dictionary");
        // 6. dictionary vs plain zstd on 1 KiB chunks (measured by the service on held-out lines)
        String dict = request("POST", "/api/v6/dicts", "{\"locale\":\"zh_cn\"}", Map.of());
        OUT.put("dictionary", Map.of("dict_id", field(dict, "dict_id"), "ratio_plain", field(dict, "ratio_plain"),
                "ratio_dict", field(dict, "ratio_dict"), "size_bytes", field(dict, "size_bytes")));
        }
    }

    // ---------------------------------------------------------------- protocol helpers

    static List<String> upload(String session, List<String> deltas, int perChunk) throws Exception {
        List<String> cids = new ArrayList<>();
        for (int i = 0; i < deltas.size(); i += perChunk) {
            byte[] plain = (String.join("\n", deltas.subList(i, Math.min(deltas.size(), i + perChunk))) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            String cid = "b3:" + HexFormat.of().formatHex(Blake3.hash(plain));
            byte[] z = Zstd.compress(plain, 3);
            HttpResponse<String> r = HTTP.send(auth(HttpRequest.newBuilder(URI.create(base + "/api/v6/sync/chunk/" + cid)))
                    .header("X-Session-Id", session).header("Content-Encoding", "zstd").header("Content-Type", "application/x-ndjson")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(z)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("chunk " + r.statusCode() + " " + r.body());
            }
            cids.add(cid);
        }
        return cids;
    }

    static String commitBody(String session, List<String> cids) {
        StringBuilder sb = new StringBuilder("{\"session_id\":\"" + session + "\",\"chunks\":[");
        for (int i = 0; i < cids.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"cid\":\"").append(cids.get(i)).append("\",\"status\":\"received\"}");
        }
        return sb.append("]}").toString();
    }

    static void waitCommitted(String session) throws Exception {
        for (int i = 0; i < 6000; i++) {
            String h = request("GET", "/api/v6/sync/history?limit=20", null, Map.of());
            Matcher m = Pattern.compile("\"session_id\":\"" + session + "\",[^}]*?\"state\":\"([a-z]+)\"").matcher(h);
            if (m.find() && m.group(1).equals("committed")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("session " + session + " not committed");
    }

    static Map<String, String> handshake(String locale, List<String> have, int k, long m, Long since) throws Exception {
        return handshakeCounting(locale, have, since, new Bytes(), k, m);
    }

    static Map<String, String> handshakeCounting(String locale, List<String> have, Long since, Bytes b) throws Exception {
        return handshakeCounting(locale, have, since, b, 7, BloomM.min(7, have.size()));
    }

    static Map<String, String> handshakeCounting(String locale, List<String> have, Long since, Bytes b, int k, long m) throws Exception {
        String body = handshakeBody(locale, have, k, m, since);
        b.add(body.length());
        String r = request("POST", "/api/v6/sync/handshake", body, Map.of());
        b.add(r.length());
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : List.of("session_id", "revision", "missing_cids", "confirm")) {
            out.put(f, field(r, f));
        }
        return out;
    }

    /** The handshake request of a client holding {@code have}: its Bloom filter as the spec pins it. */
    static String handshakeBody(String locale, List<String> have, int k, long m, Long since) {
        byte[] bits = new byte[(int) ((m + 7) / 8)];
        for (String cid : have) {
            byte[] h = new byte[16];
            Blake3.initHash().update(cid.getBytes(StandardCharsets.UTF_8)).doFinalize(h);
            long h1 = java.nio.ByteBuffer.wrap(h).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0);
            long h2 = java.nio.ByteBuffer.wrap(h).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(8);
            for (int i = 0; i < k; i++) {
                long j = Long.remainderUnsigned(h1 + i * h2, m);
                bits[(int) (j >>> 3)] |= (byte) (1 << (j & 7));
            }
        }
        return "{\"client_cap\":{\"zstd\":true,\"dict_ids\":[]},\"bloom\":{\"k\":" + k + ",\"m\":" + m + ",\"hashes\":[\""
                + Base64.getEncoder().encodeToString(bits) + "\"]},\"scope\":{\"locale\":\"" + locale + "\"}"
                + (since == null ? "" : ",\"since\":" + since) + "}";
    }

    static String badHandshake(String locale, List<String> have) throws Exception {
        HttpResponse<String> r = HTTP.send(auth(HttpRequest.newBuilder(URI.create(base + "/api/v6/sync/handshake")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"bloom\":{\"k\":7,\"m\":8,\"hashes\":\"AA==\"},\"scope\":{\"locale\":\"" + locale + "\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return field(r.body(), "min_m");
    }

    static List<String> cidsOf(String locale) throws Exception {
        HttpResponse<InputStream> r = HTTP.send(auth(HttpRequest.newBuilder(URI.create(base + "/api/v6/export/ndjson?locale=" + locale
                + "&limit=10000000"))).build(), HttpResponse.BodyHandlers.ofInputStream());
        List<String> out = new ArrayList<>();
        Pattern cid = Pattern.compile("\"cid\" ?: ?\"(b3:[0-9a-f]{64})\"");
        try (var reader = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Matcher m = cid.matcher(line);
                if (m.find()) {
                    out.add(m.group(1));
                }
            }
        }
        return out;
    }

    /** [bytes, lines, peak RSS KiB of pid while streaming] */
    static long[] stream(String path, String encoding, long pid, int ignored) throws Exception {
        long[] peak = {0};
        Thread sampler = null;
        if (pid > 0) {
            sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak[0] = Math.max(peak[0], rss(pid));
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        HttpResponse<InputStream> r = HTTP.send(auth(HttpRequest.newBuilder(URI.create(base + path)))
                .header("Accept-Encoding", encoding).build(), HttpResponse.BodyHandlers.ofInputStream());
        long bytes = 0, lines = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = r.body()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                bytes += n;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        lines++;
                    }
                }
            }
        }
        if (sampler != null) {
            sampler.interrupt();
            sampler.join();
        }
        return new long[] {bytes, lines, peak[0]};
    }

    static long rss(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException ignored) {
            // process gone
        }
        return 0;
    }

    static String post(String path, String body, String field) throws Exception {
        return field(request("POST", path, body, Map.of()), field);
    }

    static String request(String method, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = auth(HttpRequest.newBuilder(URI.create(base + path))).timeout(Duration.ofMinutes(30));
        headers.forEach(b::header);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static HttpRequest.Builder auth(HttpRequest.Builder b) {
        return b.header("Authorization", "Bearer " + token);
    }

    /** A top-level field's raw JSON value (string unquoted); enough for the service's flat answers. */
    static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\"");
        if (i < 0) {
            return null;
        }
        int j = json.indexOf(':', i) + 1;
        while (json.charAt(j) == ' ') {
            j++;
        }
        char c = json.charAt(j);
        if (c == '"') {
            return json.substring(j + 1, json.indexOf('"', j + 1));
        }
        if (c == '[') {
            return json.substring(j, json.indexOf(']', j) + 1);
        }
        int end = j;
        while (end < json.length() && ",}".indexOf(json.charAt(end)) < 0) {
            end++;
        }
        return json.substring(j, end).trim();
    }

    static List<String> list(String jsonArray) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]+)\"").matcher(jsonArray == null ? "" : jsonArray);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static String jsonList(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(items.get(i)).append('"');
        }
        return sb.append(']').toString();
    }

    static String delta(String file, String key, long base, String src, String dst, String status) {
        StringBuilder sb = new StringBuilder("{\"language_file_uid\":\"").append(file).append("\",\"key\":").append(str(key))
                .append(",\"base_version\":").append(base).append(",\"changes\":{");
        if (src != null) {
            sb.append("\"src_text\":").append(str(src)).append(',');
        }
        return sb.append("\"dst_text\":").append(str(dst)).append(",\"status\":\"").append(status)
                .append("\"},\"ts\":\"2025-09-10T12:00:00Z\"}").toString();
    }

    static String str(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static String pseudo(String en) {
        StringBuilder sb = new StringBuilder("〔");
        for (int i = 0; i < en.length(); i++) {
            char c = en.charAt(i);
            boolean code = i > 0 && "%$§".indexOf(en.charAt(i - 1)) >= 0;
            sb.append(Character.isLetter(c) && !code ? (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)) : c);
        }
        return sb.append('〕').toString();
    }

    static List<String[]> vanilla(Path file) throws IOException {
        List<String[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(Files.readString(file));
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2).replace("\\\"", "\"").replace("\\\\", "\\").replace("\\n", "\n")});
        }
        return out;
    }

    static final class Bytes {
        long n;

        void add(long v) {
            n += v;
        }
    }

    static final class BloomM {
        static long min(int k, long n) {
            if (n == 0) {
                return 8;
            }
            return (long) Math.ceil(-k * (double) n / Math.log(1 - Math.pow(0.01, 1.0 / k))) + 1;
        }
    }

    static final class CountingSink extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    // ---------------------------------------------------------------- tokens

    static void keys(Path dir) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(kp.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        Files.write(dir.resolve("private.der"), kp.getPrivate().getEncoded());
    }

    static String jwt(Path dir) throws Exception {
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(dir.resolve("private.der"))));
        long now = System.currentTimeMillis() / 1000;
        String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String claims = b64("{\"iss\":\"opsuite\",\"sub\":\"bench\",\"upn\":\"bench\",\"groups\":[\"admin\"],\"iat\":" + now + ",\"exp\":"
                + (now + 7200) + ",\"jti\":\"" + UUID.randomUUID() + "\"}");
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(key);
        s.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
        return header + "." + claims + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String json(Object o) {
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (var e : m.entrySet()) {
                sb.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(json(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        if (o instanceof String s) {
            return s.matches("-?[0-9.]+") ? s : "\"" + s + "\"";
        }
        return String.valueOf(o);
    }
}
