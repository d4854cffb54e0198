#!/usr/bin/env bash
# l10n-sync-service benchmarks, one run: a 1M-entry commit through the sync protocol (handshake,
# zstd chunks, commit queued as import_delta_block tasks), export rows/s against PostgreSQL's own
# COPY of the same rows, the service's RSS while exporting 100k and 1M rows, a handshake with
# 500k CIDs in scope, the bytes a sync moves after 1 % of the entries changed, and the zstd
# dictionary against plain zstd on 1 KiB chunks. Writes deploy/bench/RESULTS.md, section "l10n-sync".
#
#   deploy/bench/l10n-sync.sh [entries=1000000]
#
# Needs the packaged l10n-sync-service and devstack launcher (built here) and the minecraft-data
# language file the module's tests fetch (target/minecraft-data; fetched here when missing).
# Listens on 127.0.0.1 only; everything it starts stops at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
ENTRIES=${1:-1000000}
SERVICE_PORT=18383
WORK=$(mktemp -d /tmp/opsuite-bench-l10n.XXXXXX)
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

source deploy/bench/common.sh
use_jdk
./mvnw -B -q --no-transfer-progress -DskipTests -pl deploy/devstack,common-lib,l10n-sync-service -am package
bash l10n-sync-service/src/test/fetch-minecraft-data.sh l10n-sync-service/target/minecraft-data
VANILLA=l10n-sync-service/target/minecraft-data/data/pc/1.21.8/language.json
LIB="l10n-sync-service/target/quarkus-app/lib/main/*"

start_infra
java -cp "$LIB" deploy/bench/l10n/L10nBench.java keys "$WORK/keys"

QUARKUS_HTTP_PORT=$SERVICE_PORT \
QUARKUS_DATASOURCE_USERNAME=l10n QUARKUS_DATASOURCE_PASSWORD=l10n \
QUARKUS_DATASOURCE_JDBC_URL=$JDBC_URL QUARKUS_DATASOURCE_REACTIVE_URL=${JDBC_URL#jdbc:} \
KAFKA_BOOTSTRAP_SERVERS=$KAFKA MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$WORK/keys/public.pem" \
OPSUITE_SECRETS_KEYS_V1=$(openssl rand -base64 32) \
java -Xmx512m --add-opens java.base/java.lang=ALL-UNNAMED \
  -jar l10n-sync-service/target/quarkus-app/quarkus-run.jar > "$WORK/l10n.log" 2>&1 &
SERVICE_PID=$!
PIDS+=($SERVICE_PID)
wait_ready $SERVICE_PORT

STARTED=$(date -u +%FT%H:%MZ)
LOAD_BEFORE=$(uptime | sed 's/.*load average: //')
java -Xmx2g -cp "$LIB" deploy/bench/l10n/L10nBench.java "http://127.0.0.1:$SERVICE_PORT" "$WORK/keys" "$ENTRIES" \
  "$JDBC_URL" "$SERVICE_PID" "$VANILLA" | tee "$WORK/result.json"
LOAD_AFTER=$(uptime | sed 's/.*load average: //')

SECTION=$(/usr/bin/python3 - "$WORK/result.json" "$ENTRIES" "$STARTED" "$LOAD_BEFORE" "$LOAD_AFTER" "$(java -version 2>&1 | head -1)" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); n = int(sys.argv[2])
c, e, rss, h, d, dic = r["commit"], r["export"], r["rss"], r["handshake"], r["delta"], r["dictionary"]
def ok(b): return "met" if b else "**not met**"
print(f"""## l10n-sync

Command: `deploy/bench/l10n-sync.sh {n}` — {sys.argv[3]}, 2 cores, {sys.argv[6]}, service `-Xmx512m`,
PostgreSQL 18 and Kafka from devstack on the same machine. Load before/after (uptime): {sys.argv[4]} / {sys.argv[5]}.
Data: {n} entries in {n // 5000} language files (two locales, zh_cn and ja_jp, {n // 2} each), texts cycled from vanilla
Minecraft 1.21.8 `en_us` with a generated translation; created through the sync protocol itself (phase 1).

| figure | result | target |
|---|---:|---|
| commit of {c['entries']} new entries ({c['chunks']} zstd chunks, queued as import_delta_block, 2 built-in workers) | **{c['entries_per_s_commit']} entries/s** ({c['commit_ms']} ms) | ≥ 100,000/s: {ok(c['entries_per_s_commit'] >= 100000)} |
| upload of those chunks + commit | {c['entries_per_s_upload_and_commit']} entries/s (upload {c['upload_ms']} ms) | |
| `GET /export/ndjson` (identity), {e['rows']} rows | **{e['export_rows_per_s']} rows/s** | |
| PostgreSQL `COPY (SELECT …same rows…) TO STDOUT`, same run | {e['copy_rows_per_s']} rows/s | |
| export / COPY | **{e['ratio']}** | ≥ 0.5: {ok(e['ratio'] >= 0.5)} |
| service RSS peak while exporting 100k / 1M rows | {rss['peak_kib_100k']} KiB / {rss['peak_kib_1m']} KiB ({rss['change']}) | flat ±10 %: {ok(abs(float(rss['change'].rstrip('%'))) <= 10)} |
| handshake, {h['cids_in_scope']} CIDs in scope, client holds all (m = {h['bloom_bits']} bits), median of 5 | **{h['median_ms']} ms** (max {h['max_ms']}) | < 1 s: {ok(h['median_ms'] < 1000)} |
| the same handshake with `since` = the previous revision | {h['with_since_ms']} ms | |
| sync after {d['changed']} entries (1 %) changed: bytes moved (2 handshakes with full-size Bloom filters, confirm, fetch of {d['missing_found']} rows zstd) | **{d['bytes_moved']} B** | |
| … of a full plain export ({d['full_export_plain_bytes']} B) | **{d['percent_of_plain']} %** | ≤ 2 %: {ok(d['percent_of_plain'] <= 2)} |
| … of a full zstd export ({d['full_export_zstd_bytes']} B) | {d['percent_of_zstd']} % | |
| zh_cn dictionary `{dic['dict_id']}` ({dic['size_bytes']} B) on 1 KiB chunks of held-out export lines | ratio **{dic['ratio_dict']}** vs plain zstd {dic['ratio_plain']} | report both |
""")
PY
)
/usr/bin/python3 deploy/bench/write-section.py deploy/bench/RESULTS.md "$SECTION"
echo "$SECTION"
