#!/usr/bin/env python3
"""Turns one run directory of bench/run.sh into a table on stdout and bench/RESULTS.md.

Reads OUT/meta.json (machine, commit, wrk settings), OUT/connections.json (the -c exploration, if any)
and, per database, OUT/<db>/{seed.json, rss.json, wrk-<endpoint>.json, server-*.log}.

Usage: report.py --out OUT --results bench/RESULTS.md --wall SECONDS
"""
import argparse
import glob
import json
import os
import re

# (key, label, target text, checker(result) -> bool|None)
ENDPOINTS = [
    ("health", "`GET /health/live` (anonymous; the ceiling), first", "—", None),
    ("get", "`GET /api/v1/contacts/{id}`", "≥ 15,000 req/s and p99 < 20 ms",
     lambda r: r["rps"] >= 15000 and r["p99_ms"] < 20),
    ("list", "`GET /api/v1/contacts?accountId=…&limit=50`", "≥ 3,000 req/s", lambda r: r["rps"] >= 3000),
    ("post", "`POST /api/v1/contacts`", "≥ 3,000 req/s", lambda r: r["rps"] >= 3000),
    ("health_end", "`GET /health/live` (the ceiling) again, after the others", "—", None),
]
DB_TITLES = {"sqlite": "SQLite", "postgres": "PostgreSQL 15"}
NCPU = os.cpu_count() or 2
LOG_PATTERN = re.compile(r"^(fail|crit|warn):|SQLITE_BUSY|database is locked|timeout|Exception", re.I)


def load(path, default=None):
    try:
        with open(path) as f:
            return json.load(f)
    except FileNotFoundError:
        return default


def fmt_int(v):
    return "—" if v is None else f"{v:,.0f}"


def scan_logs(db_dir):
    """Error/warning lines of the server logs, counted by kind, with the first few kept verbatim."""
    hits, samples = {}, []
    for log in sorted(glob.glob(os.path.join(db_dir, "server-*.log"))):
        lines = open(log, errors="replace").read().splitlines()
        for i, line in enumerate(lines):
            if LOG_PATTERN.search(line):
                key = line.split(":")[0] if re.match(r"^(fail|crit|warn):", line) else "other"
                hits[key] = hits.get(key, 0) + 1
                if len(samples) < 12:
                    samples.append(f"{os.path.basename(log)}: " + " | ".join(l.strip() for l in lines[i:i + 3]))
    return hits, samples


def cpu(r, db):
    """CPU per request of the server (and of PostgreSQL), and how much of the 2 cores other processes used."""
    if r.get("server_cpu_ms_per_req") is None:
        return "— | — | — | —"
    if db != "postgres":
        pg = "—"
    elif "db_cpu_s" not in r:
        pg = "not measured¹"
    else:
        pg = "—" if r.get("db_cpu_ms_per_req") is None else f"{r['db_cpu_ms_per_req']:.3f} ms"
    others = f"{r['others_cpu_pct']:.0f} %" + ("¹" if db == "postgres" and "db_cpu_s" not in r else "")
    per_req = r["server_cpu_ms_per_req"] + (r.get("db_cpu_ms_per_req") or 0)
    bound = f"{NCPU * 1000 / per_req:,.0f}" + ("¹" if db == "postgres" and "db_cpu_s" not in r else "") if per_req > 0 else "—"
    return f"{r['server_cpu_ms_per_req']:.3f} ms | {pg} | {bound} | {others}"


def db_section(out, db):
    d = os.path.join(out, db)
    res = {k: load(os.path.join(d, f"wrk-{k}.json")) for k, *_ in ENDPOINTS}
    seed = load(os.path.join(d, "seed.json"), {})
    rss = load(os.path.join(d, "rss.json"), {})
    # The ceiling: the better of the two /health/live runs (before and after the others), so that a
    # noisy moment on the shared machine does not inflate the ratios.
    valid_ceilings = [r for r in (res.get("health"), res.get("health_end")) if r and r["valid"]]
    ceiling = max(valid_ceilings, key=lambda r: r["rps"]) if valid_ceilings else None
    rows, plain = [], []
    for key, label, target, check in ENDPOINTS:
        r = res.get(key)
        if r is None:
            rows.append(f"| {label} | not run | | | {target} | | | | | |")
            plain.append((key, "not run", "", "", ""))
            continue
        if not r["valid"]:
            errs = f"{r['non2xx']} non-2xx, socket errors {r['socket_errors']}"
            rows.append(f"| {label} | **ERROR** ({fmt_int(r['rps'])} req/s with {errs}) | {r['p99_ms']} ms | | {target} | invalid | {cpu(r, db)} |")
            plain.append((key, "ERROR", f"{r['p99_ms']}", "", errs))
            continue
        ratio = f"{r['rps'] / ceiling['rps']:.2f}" if ceiling else "—"
        met = "—" if check is None else ("yes" if check(r) else "**no**")
        rows.append(f"| {label} | {fmt_int(r['rps'])} | {r['p99_ms']:.2f} ms | {ratio} | {target} | {met} | {cpu(r, db)} |")
        plain.append((key, fmt_int(r["rps"]), f"{r['p99_ms']:.2f}", ratio, met.replace("*", "")))
    hits, samples = scan_logs(d)
    md = [f"### {DB_TITLES.get(db, db)}", "",
          "| endpoint | req/s | p99 | ratio to ceiling | target | met? | server CPU per request | PostgreSQL CPU per request | CPU bound, req/s | other processes' share of the machine |",
          "|---|---:|---:|---:|---|---|---:|---:|---:|---:|", *rows, ""]
    if db == "postgres" and any(r and r.get("requests") and "db_cpu_s" not in r for r in res.values()):
        md.append("¹ This run predates the PostgreSQL CPU accounting in `run.sh`: the share of other processes includes "
                  "PostgreSQL's own processes (the database work of each request), and the CPU bound counts the Rapport "
                  "server's CPU only, so it is too high.")
        md.append("")
    quiet = load(os.path.join(d, "quiet.json"))
    if quiet:
        md.append(f"- Before the load phase the machine was {quiet['idle_pct']} % idle over 5 s"
                  + (f" (waited {quiet['waited_s']} s for that, limit {quiet['limit_min']} min)." if quiet["limit_min"] else "."))
    if seed:
        md.append(f"- Seeding: {seed['accounts']:,} accounts in {seed['accounts_seconds']} s, then {seed['contacts']:,} contacts "
                  f"in {seed['contacts_seconds']} s = **{seed['contacts_rows_per_s']:,.0f} rows/s** "
                  f"(sequential atomic `POST /api/v1/batch` of {seed['batch_size']} creates; median batch "
                  f"{seed['batch_seconds_median']} s, slowest {seed['batch_seconds_max']} s).")
    if rss:
        md.append(f"- Peak RSS of the server under the benchmark load (VmHWM): **{rss['load_vmhwm_kb'] / 1024:,.0f} MiB** "
                  f"(VmRSS at the end {rss['load_vmrss_kb'] / 1024:,.0f} MiB). The server was restarted after seeding; "
                  f"the seeding server's own VmHWM was {rss['seed_vmhwm_kb'] / 1024:,.0f} MiB.")
    if "db_bytes" in rss:
        md.append(f"- Database size after seeding: {rss['db_bytes'] / 1048576:,.0f} MiB.")
    lat = [f"{k}: p50 {r['p50_ms']} / p90 {r['p90_ms']} / p99 {r['p99_ms']} ms, {r['requests']:,} requests, load avg {r.get('loadavg', '?')}"
           for k, r in res.items() if r]
    md.append("- Latency detail (wrk `--latency`; `load avg` is the 1-minute load just before the measurement): " + "; ".join(lat) + ".")
    errs = {k: (r["non2xx"], r["socket_errors"]) for k, r in res.items() if r and r["errors"]}
    md.append("- Errors seen by wrk: " + ("none." if not errs else json.dumps(errs)))
    md.append("- Server log: " + ("no error, warning or timeout lines." if not hits else
                                  ", ".join(f"{n} `{k}`" for k, n in hits.items()) + " lines; first ones:"))
    md += [f"  - `{s[:400]}`" for s in samples]
    ex = load(os.path.join(d, "explain.json"))
    if ex:
        md.append(f"- How {ex['engine']} runs the list query (`bench/explain.py`, after the load phase, on the seeded data"
                  + (f"; {ex['contacts_in_account']} contacts in the account" if "contacts_in_account" in ex else "") + "):")
        if "query" in ex:
            md.append(f"  `{ex['query']}`")
        for r in ex["runs"]:
            t = f"{r['us_per_query']} µs per query (Python sqlite3, {r.get('samples', 300)} random accounts)" if "us_per_query" in r \
                else f"{r['ms']:.2f} ms execution (EXPLAIN ANALYZE, best of several)"
            sql = f" `{r['sql']}`" if "sql" in r else ""
            md.append(f"  - {r['label']}:{sql} {t}; plan: " + " → ".join(p.strip() for p in r["plan"]))
    md.append("")
    return md, plain


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--wall", type=float, required=True)
    a = ap.parse_args()
    meta = load(os.path.join(a.out, "meta.json"))
    conns = load(os.path.join(a.out, "connections.json"))
    dbs = [db for db in ("sqlite", "postgres") if os.path.isdir(os.path.join(a.out, db))]

    md = ["# Rapport benchmark results", "",
          "Written by `bench/run.sh` (do not edit by hand; re-run it). Issue: *Performance — a benchmark under bench/*. "
          "This is a measurement, not a timed test: nothing fails on a missed target.", "",
          "## Machine and run", "",
          f"- Date (UTC): {meta['date']}; wall time of the whole run: {a.wall / 60:.1f} min ({a.wall:.0f} s)"
          + (f", invoked as `{meta['invocation']}`." if meta.get("invocation") else "."),
          f"- Machine: `nproc` = {meta['nproc']}, {meta['cpu']}, memory {meta['mem']}; load average at start {meta['loadavg_start']}. "
          "The machine is shared with other work (builds, tests) and is noisy: the figures are what was measured, unadjusted.",
          f"- Built from commit `{meta['commit']}`" + (f" plus {meta['dirty']} uncommitted/untracked paths under src/ (the build is a snapshot of the working tree)."
                                                         if meta.get("dirty") else "."),
          f"- Server: `rapport serve` published `-c Release` ({meta['dotnet']}), default settings (Server GC), logs to a file.",
          f"- Data: {meta['contacts']:,} contacts over {meta['accounts']:,} accounts (~{meta['contacts'] // meta['accounts']} per account), "
          "seeded through the API; the server is restarted after seeding, then each endpoint is warmed up for "
          f"{meta['warmup']} and measured for {meta['duration']}.",
          f"- Load: {meta['wrk_version']} on the same 2 cores as the server (so wrk's own CPU use is part of every figure, "
          "including the ceiling). Exact commands (`$TOKEN` is a fresh client-credentials token per endpoint; the id files are written by `bench/seed.py`):",
          "", "```", *meta["commands"], "```", ""]
    if conns:
        md += ["- Connections: chosen by a short exploration on SQLite with `GET /api/v1/contacts/{id}` "
               f"({conns['duration']} each): " +
               ", ".join(f"-c{c['c']}: {fmt_int(c['rps'])} req/s, p99 {c['p99_ms']} ms{'' if c['valid'] else ' (errors)'}" for c in conns["runs"]) +
               f". Kept **-c{conns['chosen']}** ({conns['rule']}) for every endpoint and both databases.", ""]
    else:
        md += [f"- Connections: -c{meta['connections']} (given on the command line).", ""]

    md += ["## Results", "",
           "Ratio to ceiling = the endpoint's req/s divided by `GET /health/live` on the same server in the same run "
           "(the better of its two runs, one before and one after the other endpoints). "
           "A run in which wrk saw any non-2xx response or socket error is an error, not a figure. "
           "*Server CPU per request* is the Rapport process's user+system CPU time during the measured run divided by the "
           "requests served (less sensitive to noise than req/s); *PostgreSQL CPU per request* the same for the database "
           "processes; *CPU bound* = 2 cores ÷ (server + PostgreSQL CPU per request): what the endpoint could serve if it "
           "had both cores to itself and wrk cost nothing, an upper limit to compare with the target; "
           "*other processes' share* is the machine's busy CPU time minus the server's, PostgreSQL's and wrk's, as a share "
           "of 2 cores × the run time: how much the shared machine was taking away while that figure was measured.", ""]
    table = []
    for db in dbs:
        section, plain = db_section(a.out, db)
        md += section
        table += [(db, *p) for p in plain]
    if meta.get("notes"):
        md += ["## Notes", "", *meta["notes"], ""]
    # Keep the other benchmarks' sections (bench/import/run.sh, bench/dedupe/run.sh), each between
    # <!-- NAME-benchmark:begin --> and <!-- NAME-benchmark:end -->.
    kept = ""
    if os.path.exists(a.results):
        old = open(a.results).read()
        for m in re.finditer(r"<!-- ([\w-]+)-benchmark:begin -->.*?<!-- \1-benchmark:end -->", old, re.S):
            kept += "\n" + m.group(0) + "\n"
    with open(a.results, "w") as f:
        f.write("\n".join(md) + kept)

    print(f"{'db':9} {'endpoint':11} {'req/s':>9} {'p99 ms':>8} {'ratio':>6}  met")
    for db, key, rps, p99, ratio, met in table:
        print(f"{db:9} {key:11} {rps:>9} {p99:>8} {ratio:>6}  {met}")
    print(f"wall time {a.wall:.0f} s; wrote {a.results}")


if __name__ == "__main__":
    main()
