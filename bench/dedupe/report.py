#!/usr/bin/env python3
"""Writes the dedupe section of bench/RESULTS.md from one bench/dedupe/run.sh run directory.

Quality is pairwise, against the generator's answer key: a pair of records is a true duplicate when both
are the same generated person; the pairs found are those inside the reported clusters.
"""
import argparse
import csv
import datetime
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "import"))
from report import timev, write_section  # noqa: E402  (shared with the import benchmark)

BEGIN = "<!-- dedupe-benchmark:begin -->"
END = "<!-- dedupe-benchmark:end -->"


def pairs_of(groups):
    pairs = set()
    for g in groups:
        g = sorted(g)
        for i in range(len(g)):
            for j in range(i + 1, len(g)):
                pairs.add((g[i], g[j]))
    return pairs


def main():
    ap = argparse.ArgumentParser()
    for name in ("--out", "--data", "--results", "--invocation"):
        ap.add_argument(name, required=True)
    ap.add_argument("--rows", type=int, required=True)
    a = ap.parse_args()
    build = json.load(open(os.path.join(a.out, "build.json")))

    person = {}
    with open(os.path.join(a.data, "truth.csv"), newline="") as f:
        for r in csv.DictReader(f):
            person[r["bench"]] = r["person"]
    by_person = {}
    for key, p in person.items():
        by_person.setdefault(p, []).append(key)
    truth = pairs_of(g for g in by_person.values() if len(g) > 1)

    report = json.load(open(os.path.join(a.out, "report.json")))
    clusters = [[m["externalIds"]["bench"] for m in c["members"]] for c in report["clusters"]]
    found = pairs_of(clusters)
    correct = len(found & truth)
    precision = correct / len(found) if found else 0.0
    recall = correct / len(truth) if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    wall, rss = timev(os.path.join(a.out, "dedupe.time"))
    import_wall, _ = timev(os.path.join(a.out, "import.time"))
    times = [float(t) for t in open(os.path.join(a.out, "check-times.txt")).read().split()]
    hwm = open(os.path.join(a.out, "server-hwm.txt")).read().split()
    server_rss = int(hwm[1]) / 1024 if len(hwm) >= 2 else float("nan")

    incoming = json.load(open(os.path.join(a.data, "check.json")))
    answers = json.load(open(os.path.join(a.out, "check-6.json")))["results"]
    ids = {}
    with open(os.path.join(a.out, "id-bench.csv"), newline="") as f:
        for r in csv.reader(f):
            ids[r[0]] = r[1]
    hits = misses = wrong = false_alarms = 0
    for case, answer in zip(incoming, answers):
        found_people = {person.get(ids.get(d["id"], ""), None) for d in answer["duplicates"]}
        if case["person"] is None:
            false_alarms += 1 if answer["duplicates"] else 0
        elif str(case["person"]) in found_people:
            hits += 1
        elif answer["duplicates"]:
            wrong += 1
        else:
            misses += 1

    febrl_rows = []
    for name in ("dataset1", "dataset2"):
        path = os.path.join(a.out, f"febrl-{name}.json")
        if os.path.exists(path):
            r = json.load(open(path))
            febrl_rows.append(f"| FEBRL {name} | {r['records']:,} ({r['rejected']} rejected by the import: no surname) | {r['clusters']:,} "
                              f"| {r['pairs']:,} / {r['truePairs']:,} | **{r['precision']:.4f} / {r['recall']:.4f} / {r['f1']:.4f}** | {r['scanSeconds']:.1f} s |")
    febrl = ("\n| data | records | clusters | pairs found / true | precision / recall / F1 | scan job |\n|---|---:|---:|---:|---|---:|\n"
             + "\n".join(febrl_rows) + "\n\nFEBRL: imported through `POST /api/v1/jobs/import` with `tests/data/febrl/mapping.yaml` (rec_id as "
             "`externalIds.febrl`, date of birth and social security number as text custom fields), scanned through "
             "`POST /api/v1/duplicates/scan` with the default configuration (target F1 ≥ 0.97 on both). Recall counts the true pairs "
             "of the whole file, so pairs with a rejected record count as missed.\n") if febrl_rows else ""
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
    warm = sorted(times[1:])
    section = f"""{BEGIN}
## Duplicate detection (bench/dedupe/run.sh)

- Date (UTC): {now}; invoked as `{a.invocation}`; built from commit `{build['commit']}`; machine: 2 cores, shared and noisy.
- Data (`bench/dedupe/gen_people.py`, deterministic): {a.rows:,} contacts (names, email, phone, street, city, postcode,
  country, birth date), 10 % of them duplicates of realistic kinds (typos, nicknames and initials, swapped names, another
  or no email, national phone format, day and month swapped, moved house, several at once); imported with
  `rapport import` in {import_wall:.0f} s. The answer key is never imported (each row's `externalIds.bench` is unique).
- Scan: `rapport dedupe contacts --report report.json`, default configuration, model learned by EM on the data.

| | figure | target |
|---|---:|---|
| scan of {a.rows:,} contacts, wall time (whole process: load, train, block, score, cluster, store, report) | **{wall:.1f} s** | < 60 s |
| scan peak RSS | **{rss:,.0f} MiB** | < 2 GB |
| clusters | {len(clusters):,} ({len(found):,} pairs; {len(truth):,} true pairs) | |
| pairwise precision / recall / F1 | **{precision:.4f} / {recall:.4f} / {f1:.4f}** | |
| `POST /duplicates/check`, 1,000 records, first call (builds the index of {a.rows:,}) | {times[0]:.2f} s | |
| `POST /duplicates/check`, 1,000 records, next 5 calls (median, slowest) | **{warm[len(warm) // 2]:.3f} s**, {warm[-1]:.3f} s | < 1 s |
| check: of 500 variants of stored people, found / missed / matched to someone else | {hits} / {misses} / {wrong} | |
| check: of 500 people not stored, wrongly matched | {false_alarms} | |
| server peak RSS with the index | {server_rss:,.0f} MiB | |
{febrl}{END}
"""
    print(section)
    write_section(a.results, BEGIN, END, section)


if __name__ == "__main__":
    main()
