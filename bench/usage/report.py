#!/usr/bin/env python3
"""Prints and writes the usage section of bench/RESULTS.md from one bench/usage/run.sh run directory.

Usage: report.py OUT RESULTS INVOCATION ROWS ROUNDS DURATION CONNECTIONS THREADS. Keeps everything outside the usage markers.
"""
import datetime
import glob
import json
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "import"))
from report import write_section  # noqa: E402

BEGIN = "<!-- usage-benchmark:begin -->"
END = "<!-- usage-benchmark:end -->"


def runs(out, mode):
    found = []
    for path in sorted(glob.glob(os.path.join(out, f"wrk-{mode}-*.json")), key=lambda p: int(re.search(r"-(\d+)\.json$", p).group(1))):
        found.append(json.load(open(path)))
    return found


def counted(metrics_path, operation):
    total = 0
    for line in open(metrics_path):
        if line.startswith("rapport_http_requests_total{") and f'operation="{operation}"' in line:
            total += int(float(line.rsplit(" ", 1)[1]))
    return total


def rates(runs_):
    return ", ".join(f"{r['rps']:,.0f}" for r in runs_)


def main():
    out, results, invocation = sys.argv[1], sys.argv[2], sys.argv[3]
    rows, rounds, duration, connections, threads = int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7], sys.argv[8]
    build = json.load(open(os.path.join(out, "build.json")))
    on, off = runs(out, "on"), runs(out, "off")
    invalid = [r for r in on + off if not r["valid"]]
    on_rps, off_rps = statistics.median(r["rps"] for r in on), statistics.median(r["rps"] for r in off)
    ratio = on_rps / off_rps
    overhead = (1 - ratio) * 100
    per_round = [round(a["rps"] / b["rps"], 3) for a, b in zip(on, off)]
    on_p99, off_p99 = round(statistics.median(r["p99_ms"] for r in on), 2), round(statistics.median(r["p99_ms"] for r in off), 2)
    on_cpu, off_cpu = round(statistics.median(r["server_cpu_us_per_req"] for r in on), 1), round(statistics.median(r["server_cpu_us_per_req"] for r in off), 1)
    cpu_overhead = (on_cpu / off_cpu - 1) * 100
    recorded = counted(os.path.join(out, "metrics-on.txt"), "GET /api/v1/contacts/{id}")
    sent = sum(r["requests"] for r in on)
    promtool = open(os.path.join(out, "promtool.status")).read().strip()
    verdict = "meets" if overhead <= 5 else "misses"
    load_path = os.path.join(out, "loadavg.txt")
    load = open(load_path).read().split() if os.path.exists(load_path) else None

    print(f"recording on : median {on_rps:,.0f} req/s (rounds: {rates(on)}), p99 {on_p99} ms")
    print(f"recording off: median {off_rps:,.0f} req/s (rounds: {rates(off)}), p99 {off_p99} ms")
    print(f"ratio on/off : {ratio:.3f} (per round {per_round}); overhead {overhead:.1f} % -> {verdict} the 5 % target")
    print(f"server CPU   : {on_cpu} µs/request recording, {off_cpu} µs/request not: {cpu_overhead:+.1f} %")
    if invalid:
        print(f"WARNING: {len(invalid)} runs saw errors", file=sys.stderr)

    lines = [
        BEGIN,
        "## Usage metrics overhead (bench/usage/run.sh)",
        "",
        f"- Date (UTC): {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M}; invoked as `{invocation}`; built from commit "
        f"`{build['commit']}`{' (with uncommitted changes under src/)' if build.get('dirty') else ''}; machine: 2 cores, shared and noisy; wrk and both servers on these 2 cores"
        + (f"; 1-minute load average {load[0]} before the rounds and {load[1]} after (other work on the machine included)." if load else "."),
        f"- {rows:,} contacts imported into one SQLite file; two `rapport serve --no-workers` on it, one recording usage (default), one with "
        f"`RAPPORT_USAGE=off`; both warmed up (2 × 5 s each), then `wrk -t{threads} -c{connections} -d{duration} --latency` "
        f"`GET /api/v1/contacts/{{id}}` (random ids, `bench/wrk/get_by_id.lua`) against each in turn, {rounds} rounds, alternating which goes first.",
        "",
        "| recording | median req/s | rounds (req/s) | median p99 | median server CPU per request |",
        "|---|---:|---|---:|---:|",
        f"| on | **{on_rps:,.0f}** | {rates(on)} | {on_p99} ms | {on_cpu} µs |",
        f"| off (`RAPPORT_USAGE=off`) | **{off_rps:,.0f}** | {rates(off)} | {off_p99} ms | {off_cpu} µs |",
        "",
        f"Throughput with recording / without: **{ratio:.3f}** (per round: {', '.join(str(r) for r in per_round)}), an overhead of "
        f"**{overhead:.1f} %**: this run {verdict} the issue's target (at most 5 %). Server CPU time per request, less sensitive to the "
        f"other load on this machine: {cpu_overhead:+.1f} % with recording."
        + (f" The rounds' ratios range from {min(per_round)} to {max(per_round)}: the difference is within this machine's noise."
           if min(per_round) < 1 < max(per_round) else "")
        + " The recording server's `/metrics` counted "
        f"{recorded:,} `GET /api/v1/contacts/{{id}}` calls after the run (wrk reported {sent:,} in the measured rounds, plus warm-up); "
        f"`promtool check metrics` on it: {promtool}."
        + (f" {len(invalid)} wrk runs saw errors." if invalid else ""),
        END,
        "",
    ]
    write_section(results, BEGIN, END, "\n".join(lines))


if __name__ == "__main__":
    main()
