#!/usr/bin/env python3
"""FEBRL quality through a running server, for bench/dedupe/run.sh: custom fields, import with the mapping
of tests/data/febrl, POST /duplicates/scan, every page of GET /duplicates; pairwise precision, recall and F1
of the clusters against the truth (rec-N-org and rec-N-dup-K are the same person). Prints one JSON line."""
import argparse
import json
import time
import urllib.parse
import urllib.request
import uuid


def call(base, token, method, path, body=None, content_type="application/json"):
    data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", content_type)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")


def wait(base, token, job_id):
    while True:
        job = call(base, token, "GET", f"/api/v1/jobs/{job_id}")
        if job["status"] in ("completed", "failed", "cancelled"):
            return job
        time.sleep(0.3)


def multipart(fields, file_name, content):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file_name}"\r\n'
                 f'Content-Type: application/octet-stream\r\n\r\n'.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def pairs(groups):
    out = set()
    for g in groups:
        g = sorted(g)
        out.update((g[i], g[j]) for i in range(len(g)) for j in range(i + 1, len(g)))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--file", required=True)
    ap.add_argument("--mapping", required=True)
    a = ap.parse_args()
    for field in ("dateOfBirth", "socSecId"):
        call(a.base, a.token, "POST", "/api/v1/metadata/fields/contacts", {"name": field, "label": field, "type": "text"})
    body, ctype = multipart({"object": "contacts", "mapping": open(a.mapping).read()}, "febrl.csv", open(a.file, "rb").read())
    imported = wait(a.base, a.token, call(a.base, a.token, "POST", "/api/v1/jobs/import", body, ctype)["id"])
    started = time.time()
    scan = wait(a.base, a.token, call(a.base, a.token, "POST", "/api/v1/duplicates/scan", {"object": "contacts"})["id"])
    scan_seconds = time.time() - started
    clusters, cursor = [], None
    while True:
        q = "/api/v1/duplicates?object=contacts&limit=200" + (f"&cursor={urllib.parse.quote(cursor)}" if cursor else "")
        page = call(a.base, a.token, "GET", q)
        clusters += [[m["externalIds"]["febrl"] for m in c["members"]] for c in page["data"]]
        cursor = page["nextCursor"]
        if not cursor:
            break
    ids = [line.split(",")[0].strip() for line in open(a.file).read().splitlines()[1:]]
    by_entity = {}
    for i in ids:
        by_entity.setdefault(i.split("-")[1], []).append(i)
    truth = pairs(g for g in by_entity.values() if len(g) > 1)
    found = pairs(clusters)
    correct = len(found & truth)
    precision = correct / len(found) if found else 0.0
    recall = correct / len(truth)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(json.dumps({"records": len(ids), "imported": imported["counts"]["created"], "rejected": imported["counts"]["failed"],
                      "clusters": len(clusters), "pairs": len(found), "truePairs": len(truth), "precision": precision,
                      "recall": recall, "f1": f1, "scanSeconds": scan_seconds}))


if __name__ == "__main__":
    main()
