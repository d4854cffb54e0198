#!/usr/bin/env python3
"""The "## l10n-sync" section of RESULTS.md from one run of deploy/bench/l10n-sync.sh.

usage: section.py <work dir> <entries> <started> <java version> <revision measured> [<baseline revision>]
Reads <work>/current.json and <work>/current.load (and baseline.* when a baseline was measured), and
appends deploy/bench/l10n/ANALYSIS.md (the written analysis of the figures) when it exists.
"""
import json
import os
import sys

work, n, started, java, revision = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
baseline_rev = sys.argv[6] if len(sys.argv) > 6 else ""
# a JFR recording costs the measured service some CPU: the command says whether one ran
jfr = "L10N_BENCH_JFR=1 " if os.environ.get("L10N_BENCH_JFR") == "1" else ""


def load(label):
    with open(os.path.join(work, label + ".json")) as f:
        result = json.load(f)
    with open(os.path.join(work, label + ".load")) as f:
        loads = [line.strip() for line in f if line.strip()]
    return result, loads


cur, cur_load = load("current")
base, base_load = load("baseline") if baseline_rev else (None, None)


def ok(b):
    return "met" if b else "**not met**"


c, h = cur["commit"], cur["handshake"]
e, rss, d, dic = cur["export"], cur["rss"], cur["delta"], cur["dictionary"]
lines = [
    "## l10n-sync",
    "",
    f"Command: `{jfr}L10N_BENCH_BASELINE={baseline_rev} deploy/bench/l10n-sync.sh {n}`" if baseline_rev
    else f"Command: `{jfr}deploy/bench/l10n-sync.sh {n}`",
    f"— {started}, 2 cores (shared), {java}, service `-Xmx512m`, PostgreSQL 18 (devstack: shared_buffers 64MB) and",
    "Kafka from devstack on the same machine, a fresh database per service measured.",
    f"Data: {n} entries in {n // 5000} language files (two locales, zh_cn and ja_jp, {n // 2} each), texts cycled from vanilla",
    "Minecraft 1.21.8 `en_us` with a generated translation; created through the sync protocol itself.",
    "",
]
if base:
    bc = base["commit"]
    bh = base["handshake"]
    lines += [
        f"Before/after, same run: the baseline `{baseline_rev}` ran first (load before/after: {base_load[0]} / {base_load[-1]}),",
        f"then `{revision}` (load before/after: {cur_load[0]} / {cur_load[-1]}).",
        "",
        f"| figure | before (`{baseline_rev}`) | after (`{revision}`) | target |",
        "|---|---:|---:|---|",
        f"| commit of {c['entries']} new entries ({c['chunks']} zstd chunks, queued as import_delta_block) "
        f"| {bc['entries_per_s_commit']} entries/s ({bc['commit_ms']} ms) | **{c['entries_per_s_commit']} entries/s** "
        f"({c['commit_ms']} ms) | ≥ 100,000/s: {ok(c['entries_per_s_commit'] >= 100000)} |",
        f"| upload of those chunks + commit | {bc['entries_per_s_upload_and_commit']} entries/s | "
        f"{c['entries_per_s_upload_and_commit']} entries/s (upload {c['upload_ms']} ms) | |",
        f"| first handshake right after the commit, {n // 2} CIDs in scope, client holds none "
        f"| {base['handshake_after_commit_ms']} ms | {cur['handshake_after_commit_ms']} ms | |",
        f"| handshake, {h['cids_in_scope']} CIDs in scope, client holds all (m = {h['bloom_bits']} bits), median of 5 "
        f"| {bh['median_ms']} ms (max {bh['max_ms']}) | **{h['median_ms']} ms** (max {h['max_ms']}) "
        f"| < 1 s: {ok(h['median_ms'] < 1000)} |",
        f"| the same handshake with `since` = the previous revision | {bh['with_since_ms']} ms | {h['with_since_ms']} ms | |",
        "",
        "The service's other figures, from the same run (after):",
        "",
    ]
else:
    lines += [
        f"Load before/after (uptime): {cur_load[0]} / {cur_load[-1]}.",
        "",
    ]
lines += [
    "| figure | result | target |",
    "|---|---:|---|",
]
if not base:
    lines += [
        f"| commit of {c['entries']} new entries ({c['chunks']} zstd chunks, queued as import_delta_block) "
        f"| **{c['entries_per_s_commit']} entries/s** ({c['commit_ms']} ms) | ≥ 100,000/s: {ok(c['entries_per_s_commit'] >= 100000)} |",
        f"| handshake, {h['cids_in_scope']} CIDs in scope, client holds all (m = {h['bloom_bits']} bits), median of 5 "
        f"| **{h['median_ms']} ms** (max {h['max_ms']}) | < 1 s: {ok(h['median_ms'] < 1000)} |",
    ]
lines += [
    f"| `GET /export/ndjson` (identity), {e['rows']} rows | **{e['export_rows_per_s']} rows/s** | |",
    f"| PostgreSQL `COPY (SELECT …same rows…) TO STDOUT`, same run | {e['copy_rows_per_s']} rows/s | |",
    f"| export / COPY | **{e['ratio']}** | ≥ 0.5: {ok(e['ratio'] >= 0.5)} |",
    f"| service RSS peak while exporting 100k / 1M rows | {rss['peak_kib_100k']} KiB / {rss['peak_kib_1m']} KiB ({rss['change']}) "
    f"| flat ±10 %: {ok(abs(float(rss['change'].rstrip('%'))) <= 10)} |",
    f"| sync after {d['changed']} entries (1 %) changed: bytes moved (2 handshakes with full-size Bloom filters, "
    f"confirm, fetch of {d['missing_found']} rows zstd) | **{d['bytes_moved']} B** | |",
    f"| … of a full plain export ({d['full_export_plain_bytes']} B) | **{d['percent_of_plain']} %** | ≤ 2 %: {ok(d['percent_of_plain'] <= 2)} |",
    f"| … of a full zstd export ({d['full_export_zstd_bytes']} B) | {d['percent_of_zstd']} % | |",
    f"| zh_cn dictionary `{dic['dict_id']}` ({dic['size_bytes']} B) on 1 KiB chunks of held-out export lines "
    f"| ratio **{dic['ratio_dict']}** vs plain zstd {dic['ratio_plain']} | report both |",
]
# the written analysis lives beside this script, so a rerun keeps it under the new figures
analysis = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ANALYSIS.md")
if os.path.exists(analysis):
    with open(analysis) as f:
        lines += ["", f.read().rstrip()]
print("\n".join(lines))
