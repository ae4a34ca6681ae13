#!/usr/bin/env python3
"""Query plans and timings of the SQL behind the list benchmark, after the load phase.

The server lists `GET /api/v1/contacts?accountId=X&limit=50` with
  SELECT <all columns> FROM contacts WHERE deleted_at IS NULL AND account_id = X ORDER BY id ASC [NULLS FIRST] LIMIT 51
(keyset pagination by id). This script shows how each database runs that, and the same with a
composite index on (account_id, id) — on a copy of the SQLite file, and inside a rolled-back
transaction on PostgreSQL — so nothing the benchmark measured is changed. Output: OUT/explain.json.

Usage: explain.py sqlite   --db FILE --accounts FILE --out DIR
       explain.py postgres --psql PSQL --port N --accounts FILE --out DIR
"""
import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import time

SAMPLES = 300


def sqlite_main(a):
    accounts = [l.strip() for l in open(a.accounts) if l.strip()]
    copy = os.path.join(a.out, "explain-copy.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(a.db + suffix):
            shutil.copyfile(a.db + suffix, copy + suffix)
    try:
        c = sqlite3.connect(copy)
        cols = ", ".join(r[1] for r in c.execute("PRAGMA table_info(contacts)"))
        q = f"SELECT {cols} FROM contacts WHERE deleted_at IS NULL AND account_id = ? ORDER BY id ASC LIMIT 51"

        def run(label):
            plan = [r[3] for r in c.execute("EXPLAIN QUERY PLAN " + q, (accounts[0],))]
            rng = random.Random(1)
            for acc in accounts[:20]:
                c.execute(q, (acc,)).fetchall()  # warm the page cache
            t = time.perf_counter()
            for _ in range(SAMPLES):
                c.execute(q, (rng.choice(accounts),)).fetchall()
            return {"label": label, "plan": plan, "us_per_query": round((time.perf_counter() - t) / SAMPLES * 1e6)}

        per_account = c.execute("SELECT count(*) FROM contacts WHERE account_id = ?", (accounts[0],)).fetchone()[0]
        before = run("as migrated: index on (account_id)")
        c.execute("CREATE INDEX bench_tmp_contacts_account_id_id ON contacts (account_id, id)")
        after = run("with an extra index on (account_id, id)")
        result = {"db": "sqlite", "engine": f"SQLite {sqlite3.sqlite_version} (Python's; the server bundles its own build)",
                  "query": q.replace(cols, "<all columns>"), "contacts_in_account": per_account, "runs": [before, after]}
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            if os.path.exists(copy + suffix):
                os.remove(copy + suffix)
    return result


def psql(a, sql):
    r = subprocess.run([a.psql, "-h", "127.0.0.1", "-p", str(a.port), "-U", "postgres", "-d", "bench", "-X", "-q", "-At",
                        "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True, check=True)
    return r.stdout


def pg_main(a):
    accounts = [l.strip() for l in open(a.accounts) if l.strip()]
    acc = accounts[len(accounts) // 2]
    base = "SELECT * FROM contacts WHERE deleted_at IS NULL{where} ORDER BY id ASC{nulls} LIMIT 51"
    cases = [
        ("list by account, with NULLS FIRST (what the server sent before id sorts dropped it)", f" AND account_id = '{acc}'", " NULLS FIRST"),
        ("list by account, plain ASC (as the server sends it now)", f" AND account_id = '{acc}'", ""),
        ("first page of all contacts, with NULLS FIRST (before)", "", " NULLS FIRST"),
        ("first page of all contacts, plain ASC (as the server sends it now)", "", ""),
    ]

    def explain(sql, prefix=""):
        out = psql(a, f"{prefix}EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql};" + ("ROLLBACK;" if prefix else ""))
        doc = json.loads(out[out.index("["):])[0]
        plan = doc["Plan"]

        def nodes(p, depth=0):
            desc = p["Node Type"] + (f" using {p['Index Name']}" if "Index Name" in p else "") + \
                   (f" (sort key {', '.join(p['Sort Key'])}; {p.get('Sort Method', '')})" if "Sort Key" in p else "") + \
                   f", rows {p.get('Actual Rows')}"
            yield "  " * depth + desc
            for child in p.get("Plans", []):
                yield from nodes(child, depth + 1)
        return {"plan": list(nodes(plan)), "ms": doc["Execution Time"]}

    runs = []
    for label, where, nulls in cases:
        sql = base.format(where=where, nulls=nulls)
        for _ in range(3):
            psql(a, sql)  # warm
        best = min((explain(sql) for _ in range(5)), key=lambda r: r["ms"])
        runs.append({"label": label, "sql": sql.replace(acc, "<account>"), **best})
    # The same list by account with a composite index, created inside a transaction that is rolled back.
    sql = base.format(where=f" AND account_id = '{acc}'", nulls="")
    idx = "BEGIN; CREATE INDEX bench_tmp_contacts_account_id_id ON contacts (account_id, id); "
    best = min((explain(sql, idx) for _ in range(3)), key=lambda r: r["ms"])
    runs.append({"label": "list by account, plain ASC, with an extra index on (account_id, id) (rolled back)",
                 "sql": sql.replace(acc, "<account>"), **best})
    version = psql(a, "SHOW server_version;").strip()
    return {"db": "postgres", "engine": f"PostgreSQL {version}", "runs": runs}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("kind", choices=["sqlite", "postgres"])
    ap.add_argument("--db")
    ap.add_argument("--psql")
    ap.add_argument("--port", type=int)
    ap.add_argument("--accounts", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    result = sqlite_main(a) if a.kind == "sqlite" else pg_main(a)
    with open(os.path.join(a.out, "explain.json"), "w") as f:
        json.dump(result, f, indent=2)
    for r in result["runs"]:
        t = f"{r['us_per_query']} us/query" if "us_per_query" in r else f"{r['ms']:.3f} ms"
        print(f"  explain: {r['label']}: {t}; plan: {' / '.join(p.strip() for p in r['plan'])}")


if __name__ == "__main__":
    main()
