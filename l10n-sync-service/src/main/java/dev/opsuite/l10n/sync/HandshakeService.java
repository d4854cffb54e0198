package dev.opsuite.l10n.sync;

import dev.opsuite.common.error.ApiException;
import dev.opsuite.l10n.L10nConfig;
import dev.opsuite.l10n.db.Jdbc;
import dev.opsuite.l10n.domain.Uids;
import dev.opsuite.l10n.export.Dictionary;
import dev.opsuite.l10n.export.DictionaryService;
import dev.opsuite.l10n.settings.Setting;
import dev.opsuite.l10n.settings.Settings;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Bloom handshake: the client describes what it has; every CID in scope (changed after
 * {@code since}, when given) that the filter does not contain is missing on the client; the ones it
 * may contain are listed to be confirmed exactly. The scope's CIDs come from the instance's snapshot
 * of it ({@link ScopeSnapshots}, current with the database); the session (scope, filter, counts) is
 * stored in PostgreSQL with an expiry.
 */
@ApplicationScoped
public class HandshakeService {
    static final double MAX_FALSE_POSITIVE_RATE = 0.01;

    private final Jdbc jdbc;
    private final ScopeSnapshots snapshots;
    private final Settings settings;
    private final DictionaryService dictionaries;
    private final L10nConfig config;

    public HandshakeService(
            Jdbc jdbc, ScopeSnapshots snapshots, Settings settings, DictionaryService dictionaries, L10nConfig config) {
        this.jdbc = jdbc;
        this.snapshots = snapshots;
        this.settings = settings;
        this.dictionaries = dictionaries;
        this.config = config;
    }

    public HandshakeResponse handshake(HandshakeRequest req, String actor) {
        if (req == null || req.scope() == null) {
            throw ApiException.validation("scope is required", Map.of("field", "scope"));
        }
        SyncScope scope = SyncScope.of(
                req.scope().locale(), req.scope().projectUid(), req.scope().packUid());
        BloomFilter bloom = parse(req.bloom());
        Long since = req.since();
        if (since != null && since < 0) {
            throw ApiException.validation("since must be >= 0", Map.of("field", "since"));
        }
        ScopeSnapshot snapshot = snapshots.current(scope);
        long n = snapshot.size();
        long revision = snapshot.maxRevision();
        double fp = BloomFilter.falsePositiveRate(bloom.k(), bloom.m(), n);
        if (fp > MAX_FALSE_POSITIVE_RATE) {
            long minM = BloomFilter.minM(bloom.k(), n, MAX_FALSE_POSITIVE_RATE);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("field", "bloom.m");
            d.put("min_m", minM);
            d.put("received", bloom.m());
            d.put("k", bloom.k());
            d.put("entries_in_scope", n);
            d.put("false_positive_rate", fp);
            throw ApiException.validation(
                    "Bloom filter too small: with k=" + bloom.k() + " and " + n
                            + " entries in scope its false-positive rate would be " + String.format("%.4f", fp)
                            + "; use m >= " + minM + " bits",
                    d);
        }
        // one pass over the scope's entries (changed after since, when given) against the filter
        int[] missing = new int[snapshot.size()];
        int[] confirm = new int[snapshot.size()];
        int missingCount = 0;
        int confirmCount = 0;
        for (int i = 0; i < snapshot.size(); i++) {
            if (since != null && snapshot.revision(i) <= since) {
                continue;
            }
            if (snapshot.mightBeIn(bloom, i)) {
                confirm[confirmCount++] = i;
            } else {
                missing[missingCount++] = i;
            }
        }
        List<String> missingCids = snapshot.cids(missing, missingCount);
        List<String> confirmCids = snapshot.cids(confirm, confirmCount);
        return jdbc.tx(c -> {
            String id = Uids.next(Uids.SESSION);
            OffsetDateTime expires = OffsetDateTime.now().plus(config.sync().sessionTtl());
            Jdbc.update(
                    c,
                    "INSERT INTO sync_sessions (id, locale, pack_uid, project_uid, since_revision, bloom_k, bloom_m, "
                            + "bloom_bits, state, in_scope, missing_count, confirm_count, created_by, expires_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)",
                    id,
                    scope.locale(),
                    scope.packUid(),
                    scope.projectUid(),
                    since,
                    bloom.k(),
                    bloom.m(),
                    bloom.bits(),
                    n,
                    (long) missingCids.size(),
                    (long) confirmCids.size(),
                    actor,
                    expires);
            List<String> clientDicts =
                    req.clientCap() == null || req.clientCap().dictIds() == null
                            ? List.of()
                            : req.clientCap().dictIds();
            List<HandshakeResponse.DictAdvice> advice = new ArrayList<>();
            if (req.clientCap() == null || !Boolean.FALSE.equals(req.clientCap().zstd())) {
                for (Dictionary d : dictionaries.list(scope.locale())) {
                    advice.add(new HandshakeResponse.DictAdvice(
                            d.dictId(),
                            d.ratioDict(),
                            d.ratioPlain(),
                            clientDicts.contains(d.dictId()),
                            "/api/v6/dicts/" + d.dictId()));
                }
            }
            return new HandshakeResponse(
                    id,
                    missingCids,
                    confirmCids,
                    advice,
                    new HandshakeResponse.Limits(
                            settings.get(Setting.CHUNK_SIZE_MB), settings.get(Setting.MAX_CONCURRENT)),
                    n,
                    revision,
                    fp,
                    expires);
        });
    }

    private BloomFilter parse(HandshakeRequest.Bloom b) {
        if (b == null || b.k() == null || b.m() == null || b.hashes() == null) {
            throw ApiException.validation("bloom needs k, m and hashes", Map.of("field", "bloom"));
        }
        if (b.k() < 1 || b.k() > 32) {
            throw ApiException.validation(
                    "bloom.k must be between 1 and 32", Map.of("field", "bloom.k", "received", b.k()));
        }
        if (b.m() < 8 || b.m() > config.sync().maxBloomBits()) {
            throw ApiException.validation(
                    "bloom.m must be between 8 and " + config.sync().maxBloomBits() + " bits",
                    Map.of("field", "bloom.m", "received", b.m()));
        }
        String text;
        if (b.hashes().isTextual()) {
            text = b.hashes().asText();
        } else if (b.hashes().isArray()
                && b.hashes().size() == 1
                && b.hashes().get(0).isTextual()) {
            text = b.hashes().get(0).asText();
        } else {
            throw ApiException.validation(
                    "bloom.hashes must be one base64 string (or an array holding one)",
                    Map.of("field", "bloom.hashes"));
        }
        byte[] bits;
        try {
            bits = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("bloom.hashes is not valid base64", Map.of("field", "bloom.hashes"));
        }
        long expected = (b.m() + 7) / 8;
        if (bits.length != expected) {
            throw ApiException.validation(
                    "bloom.hashes must hold ceil(m/8) = " + expected + " bytes, got " + bits.length,
                    Map.of("field", "bloom.hashes", "expected_bytes", expected, "received_bytes", bits.length));
        }
        return new BloomFilter(b.k(), b.m(), bits);
    }
}
