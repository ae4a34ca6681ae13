#!/usr/bin/env python3
"""Writes the events section of bench/RESULTS.md from one bench/events/run.sh run directory.

Usage: report.py OUT RESULTS INVOCATION ROWS HOOKS. Keeps everything outside the events markers.
"""
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "import"))
from report import timev, write_section  # noqa: E402

BEGIN = "<!-- events-benchmark:begin -->"
END = "<!-- events-benchmark:end -->"


def load(path):
    return json.load(open(path)) if os.path.exists(path) else None


def started(out):
    """When the run started, from its folder's name (events-YYYYMMDDTHHMMSSZ), so a report written again keeps its date."""
    try:
        return datetime.datetime.strptime(os.path.basename(os.path.normpath(out)), "events-%Y%m%dT%H%M%SZ")
    except ValueError:
        return datetime.datetime.now(datetime.timezone.utc)


def main():
    out, results, invocation, rows, hooks = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
    build = load(os.path.join(out, "build.json")) or {"commit": "unknown"}
    lines = [
        BEGIN,
        "## Change feed, webhooks and bus (bench/events/run.sh)",
        "",
        f"- Date (UTC): {started(out):%Y-%m-%d %H:%M} (start); invoked as `{invocation}`; built from commit "
        f"`{build['commit']}`; machine: 2 cores, shared and noisy; load, server, database, broker and receiver all on these 2 cores.",
        f"- Feed and bus: {rows:,} contacts imported with `rapport import` (one `created` change each), then the whole feed read over HTTP "
        "in pages of 10,000 (`feed-read.mjs`: node:http with keep-alive, counting entries as the streamed body arrives; its client CPU in brackets) five times — the fifth read counts (a server that has been running a while); the first one "
        "(its time in brackets) also JITs the server and, on PostgreSQL, waits for the sequencer to number the 200,000 new changes, and the "
        "second to fourth (rates in brackets) show the runtime's tiered compilation reaching its steady code; on PostgreSQL the reads after the "
        "first wait until autovacuum has finished with the numbered changes (every one was updated once) — and, on a fresh private RabbitMQ node with a queue bound to `rapport.events` (`#`), "
        "`rapport serve` with `RAPPORT_RABBITMQ` publishing every change persistent with publisher confirms (`bus-consume.mjs` counts distinct "
        "message ids and acknowledges 500 at a time; rate from the first to the last event).",
        f"- Webhooks: a fresh database and server with a local receiver (Node http, answers 204) subscribed to `contact.*`; throughput = "
        f"{hooks:,} contacts imported with `rapport import` while the server runs, deliveries/s from the first to the last arrival; latency = "
        "`POST /api/v1/contacts` (node:http, keep-alive) at 500 writes/s for 5 s of warm-up (not counted) and then 20 s, from just before each request to its delivery's arrival (`webhook-load.mjs`); "
        "on PostgreSQL it starts once autovacuum has finished with the throughput phase's deliveries and changes (every one was updated once): started at once "
        "after the throughput phase instead, in a side run on 2026-11-22 (16:20), it gave p50 34 ms, p99 85 ms (before that day's cheaper "
        "clients and connection handling: p50 136 ms, p99 1.4 s).",
        "",
        "| database | feed read | bus publish (confirms) | webhook deliveries | write → delivered p50 / p99 (at 500 writes/s) | import with changes |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind in ("sqlite", "postgres"):
        feed = load(os.path.join(out, f"{kind}-feed.json"))
        if feed is None:
            continue
        bus = load(os.path.join(out, f"{kind}-bus.json"))
        hooks_r = load(os.path.join(out, f"{kind}-hooks.json"))
        lat = load(os.path.join(out, f"{kind}-latency.json"))
        import_s, _ = timev(os.path.join(out, f"{kind}-import.time"))
        first = load(os.path.join(out, f"{kind}-feed-first.json"))
        middle = [load(os.path.join(out, f"{kind}-feed-{n}.json")) for n in (2, 3, 4) if os.path.exists(os.path.join(out, f"{kind}-feed-{n}.json"))]
        warming = ", ".join(f"{m['perSecond']:,.0f}" for m in middle)
        lines.append(
            f"| {kind} | **{feed['perSecond']:,.0f} changes/s** ({feed['changes']:,} in {feed['seconds']:.1f} s, client CPU {feed.get('clientCpuSeconds', 0):.1f} s; first read {first['seconds']:.1f} s; reads 2–4: {warming}/s) "
            f"| **{bus['perSecond']:,.0f} events/s** ({bus['distinct']:,} of {rows:,} in {bus['seconds']:.1f} s) "
            f"| **{hooks_r['perSecond']:,.0f}/s** ({hooks_r['deliveries']:,} in {hooks_r['seconds']:.1f} s, {hooks_r['duplicates']} repeated) "
            + (f"| **{lat['p50']:.1f} / {lat['p99']:.1f} ms** (max {lat['max']:.0f} ms; " if lat.get('delivered') else "| **none delivered** (")
            + f"{lat['delivered']:,} of {lat['writes']:,} delivered, "
            f"{lat['achievedRate']:.0f} writes/s achieved, {lat['writeErrors']} write errors) "
            f"| {rows / import_s:,.0f} rows/s ({import_s:.1f} s) |")
    lines += ["",
              "Targets (issue): feed ≥ 100,000 changes/s; bus ≥ 10,000 events/s with confirms; ≥ 2,000 webhooks/s sustained; "
              "write → webhook p50 < 50 ms and p99 < 250 ms at 500 writes/s.",
              END, ""]
    write_section(results, BEGIN, END, "\n".join(lines))


if __name__ == "__main__":
    main()
