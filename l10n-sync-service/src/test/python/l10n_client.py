"""An independent client of l10n-sync-service, written from the service README only.

It builds entry CIDs (BLAKE3 over RFC 8785 canonical JSON) and the Bloom filter of what it has
itself, then runs a sync: handshake -> resumable chunk upload (with a dropped connection in the
middle) -> commit -> export. Standard library plus Debian's python3-zstandard.
"""
import base64
import http.client
import json
import socket
import struct
import sys
import urllib.parse

from blake3_pure import blake3


def jcs_string(s):
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\b":
            out.append("\\b")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\f":
            out.append("\\f")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20:
            out.append("\\u%04x" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def canonical_json(obj):
    """RFC 8785 for objects of strings and nulls (what an entry CID covers)."""
    # JCS sorts member names by UTF-16 code units
    names = sorted(obj.keys(), key=lambda k: k.encode("utf-16-be"))
    parts = []
    for name in names:
        v = obj[name]
        parts.append(jcs_string(name) + ":" + ("null" if v is None else jcs_string(v)))
    return "{" + ",".join(parts) + "}"


def entry_cid(language_file_uid, key, src_text, dst_text, status):
    doc = {"language_file_uid": language_file_uid, "key": key, "src_text": src_text,
           "dst_text": dst_text, "status": status}
    return "b3:" + blake3(canonical_json(doc).encode("utf-8")).hex()


def chunk_cid(data):
    return "b3:" + blake3(data).hex()


class Bloom:
    def __init__(self, m, k):
        self.m, self.k = m, k
        self.bits = bytearray((m + 7) // 8)

    def _indexes(self, cid):
        h = blake3(cid.encode("utf-8"), 32)[:16]
        h1, h2 = struct.unpack("<QQ", h)
        for i in range(self.k):
            yield ((h1 + i * h2) % (1 << 64)) % self.m

    def add(self, cid):
        for j in self._indexes(cid):
            self.bits[j >> 3] |= 1 << (j & 7)

    def b64(self):
        return base64.b64encode(bytes(self.bits)).decode("ascii")


class Api:
    def __init__(self, base, token):
        u = urllib.parse.urlparse(base)
        self.host, self.port, self.token = u.hostname, u.port, token

    def request(self, method, path, body=None, headers=None, raw=False):
        c = http.client.HTTPConnection(self.host, self.port, timeout=60)
        h = {"Authorization": "Bearer " + self.token}
        h.update(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode("utf-8")
            h.setdefault("Content-Type", "application/json")
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        c.close()
        if raw:
            return r.status, dict(r.getheaders()), data
        return r.status, dict(r.getheaders()), (json.loads(data) if data else None)

    def dropped_put(self, path, headers, body, send_bytes):
        """Sends the request line, headers and only the first send_bytes of the body, then drops."""
        s = socket.create_connection((self.host, self.port), timeout=10)
        head = "PUT %s HTTP/1.1\r\nHost: %s:%d\r\nAuthorization: Bearer %s\r\nContent-Length: %d\r\n" % (
            path, self.host, self.port, self.token, len(body))
        for k, v in headers.items():
            head += "%s: %s\r\n" % (k, v)
        s.sendall(head.encode("ascii") + b"\r\n" + body[:send_bytes])
        s.shutdown(socket.SHUT_RDWR)
        s.close()


def main():
    import zstandard

    args = json.loads(sys.argv[1])
    api = Api(args["base"], args["token"])
    file_uid, locale = args["file_uid"], args["locale"]
    report = {}

    # 1. what the client has: every entry of the file as exported, CIDs recomputed locally
    st, _, body = api.request("GET", "/api/v6/export/ndjson?locale=%s&limit=1000000" % locale, raw=True)
    assert st == 200, st
    have = [json.loads(line) for line in body.decode("utf-8").split("\n") if line]
    mine = [e for e in have if e["language_file_uid"] == file_uid]
    mismatched = [e["key"] for e in mine
                  if entry_cid(e["language_file_uid"], e["key"], e["src_text"], e["dst_text"], e["status"]) != e["cid"]]
    report["entries_checked"] = len(mine)
    report["cid_mismatches"] = mismatched[:5]
    # pretend one entry was never received: it must come back as missing
    dropped = mine[0]
    held = [e["cid"] for e in have if e["cid"] != dropped["cid"]]

    # 2. Bloom handshake; first too small, to see min_m
    bloom = Bloom(64, 7)
    for cid in held:
        bloom.add(cid)
    st, _, small = api.request("POST", "/api/v6/sync/handshake", {
        "client_cap": {"zstd": True, "dict_ids": []},
        "bloom": {"k": 7, "m": 64, "hashes": [bloom.b64()]}, "scope": {"locale": locale}})
    assert st == 400 and small["details"]["field"] == "bloom.m", (st, small)
    min_m = small["details"]["min_m"]
    report["min_m"] = min_m
    bloom = Bloom(min_m, 7)
    for cid in held:
        bloom.add(cid)
    st, _, hs = api.request("POST", "/api/v6/sync/handshake", {
        "client_cap": {"zstd": True, "dict_ids": []},
        "bloom": {"k": 7, "m": min_m, "hashes": [bloom.b64()]}, "scope": {"locale": locale}})
    assert st == 200, (st, hs)
    report["missing"] = hs["missing_cids"]
    report["dropped_cid"] = dropped["cid"]
    held_set = set(held)
    st, _, conf = api.request("POST", "/api/v6/sync/confirm", {
        "session_id": hs["session_id"], "have": [c for c in hs["confirm"] if c in held_set]})
    assert st == 200, (st, conf)
    report["false_positives"] = conf["false_positives"]
    missing = set(hs["missing_cids"]) | set(conf["missing_cids"])
    st, _, fetched = api.request("POST", "/api/v6/sync/fetch", {"cids": sorted(missing)}, raw=True)
    report["fetched_keys"] = [json.loads(l)["key"] for l in fetched.decode("utf-8").split("\n") if l]

    # 3. local edits as deltas: texts with what breaks naive NDJSON code
    edits = args["edits"]
    lines = []
    by_key = {e["key"]: e for e in mine}
    for key, dst in edits.items():
        e = by_key[key]
        lines.append(json.dumps({"language_file_uid": file_uid, "key": key, "base_version": e["version"],
                                 "changes": {"dst_text": dst, "status": "reviewed"}, "ts": "2025-09-10T12:00:00Z"},
                                ensure_ascii=False))
    plain = ("\n".join(lines) + "\n").encode("utf-8")
    cid = chunk_cid(plain)
    packed = zstandard.ZstdCompressor(level=3).compress(plain)
    total = len(packed)
    half = total // 2
    path = "/api/v6/sync/chunk/" + cid
    common = {"X-Session-Id": hs["session_id"], "Content-Encoding": "zstd", "X-Idempotency-Key": cid,
              "Content-Type": "application/x-ndjson"}
    st, h, part = api.request("PUT", path, packed[:half],
                              dict(common, **{"Content-Range": "bytes 0-%d/%d" % (half - 1, total)}))
    assert st == 200 and part["status"] == "partial", (st, part)
    # the second part's connection drops halfway through its body
    api.dropped_put(path, dict(common, **{"Content-Range": "bytes %d-%d/%d" % (half, total - 1, total)}),
                    packed[half:], (total - half) // 2)
    st, h, _ = api.request("HEAD", path, raw=True)
    offset = int(h.get("Upload-Offset") or h.get("upload-offset"))
    report["resume_offset"] = offset
    st, h, done = api.request("PUT", path, packed[offset:],
                              dict(common, **{"Content-Range": "bytes %d-%d/%d" % (offset, total - 1, total)}))
    assert st == 200 and done["status"] == "complete", (st, done)
    # re-sending the complete chunk is a no-op success
    st, _, again = api.request("PUT", path, packed, common)
    report["resend_status"] = again["status"]

    # 4. commit, then export what the server holds now
    st, _, commit = api.request("POST", "/api/v6/sync/commit",
                                {"session_id": hs["session_id"], "chunks": [{"cid": cid, "status": "received"}]})
    assert st == 200, (st, commit)
    report["commit"] = commit
    st, h, body = api.request("GET", "/api/v6/export/ndjson?locale=%s&limit=1000000" % locale, raw=True,
                              headers={"Accept-Encoding": "zstd"})
    assert h.get("Content-Encoding") == "zstd", h
    text = zstandard.ZstdDecompressor().decompressobj().decompress(body).decode("utf-8")
    after = {json.loads(l)["key"]: json.loads(l) for l in text.split("\n") if l}
    report["exported_dst"] = {k: after[k]["dst_text"] for k in edits}
    report["exported_cids_ok"] = all(
        entry_cid(e["language_file_uid"], e["key"], e["src_text"], e["dst_text"], e["status"]) == e["cid"]
        for k, e in after.items() if k in edits)
    report["schema_header"] = h.get("X-TH-DB-Schema")
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
