#!/usr/bin/env python3
"""Writes the import section of bench/RESULTS.md from one bench/import/run.sh run directory.

The section sits between the markers below; bench/report.py (the API benchmark) keeps it when it
rewrites the file, and this script keeps everything outside it.
"""
import argparse
import datetime
import json
import os
import re

BEGIN = "<!-- import-benchmark:begin -->"
END = "<!-- import-benchmark:end -->"


def timev(path):
    text = open(path).read()
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (.+)", text).group(1).strip()
    parts = [float(p) for p in wall.split(":")]
    seconds = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) == 3 else 0)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    return seconds, rss_kb / 1024


def write_section(results, begin, end, section):
    """Replaces the part of RESULTS between the markers with SECTION (or appends it), keeping the rest."""
    text = open(results).read() if os.path.exists(results) else "# Rapport benchmark results\n"
    if begin in text:
        text = text[:text.index(begin)] + section + text[text.index(end) + len(end) + 1:]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    open(results, "w").write(text)


def summary(path):
    values = {}
    for line in open(path):
        m = re.match(r"^(\w+)\s{2,}(.+)$", line.rstrip())
        if m:
            values[m.group(1)] = m.group(2)
    return values


def num(text):
    return int(text.replace(",", "").split()[0])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--bad", type=int, required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--invocation", required=True)
    a = ap.parse_args()
    build = json.load(open(os.path.join(a.out, "build.json")))
    bad_lines = set(int(x) for x in open(os.path.join(a.data, "bad_lines.txt")).read().split())
    rows_md = []
    notes = []
    for label, ceiling_name in (("sqlite", "sqlite3 `.import` into a bare table"), ("postgres", "`psql \\copy` into a bare table")):
        imp = os.path.join(a.out, f"{label}-import.out")
        if not os.path.exists(imp):
            continue
        s = summary(imp)
        m = re.search(r"([\d.,]+) s \(([\d,]+) rows/s\)", s["time"])
        seconds, rate = float(m.group(1).replace(",", "")), num(m.group(2))
        wall, rss = timev(os.path.join(a.out, f"{label}-import.time"))
        ceiling_wall, _ = timev(os.path.join(a.out, f"{label}-ceiling.time"))
        ceiling_rate = a.rows / ceiling_wall
        created = num(s["created"])
        schema_path = os.path.join(a.out, f"{label}-schema-ceiling.time")
        if os.path.exists(schema_path):
            schema_wall, _ = timev(schema_path)
            schema_rate = created / schema_wall
            schema_cell = f"{schema_rate:,.0f} rows/s ({schema_wall:.1f} s) | {rate / schema_rate:.2f}"
        else:
            schema_cell = "— | —"
        exports = []
        for n in (1, 2, 3):
            exp_err = open(os.path.join(a.out, f"{label}-export{n}.err")).read()
            em = re.search(r"exported ([\d,]+) contacts to .* in ([\d.,]+) s", exp_err)
            exp_rows, exp_s = num(em.group(1)), float(em.group(2).replace(",", ""))
            exports.append((exp_rows / exp_s, exp_s, timev(os.path.join(a.out, f"{label}-export{n}.time"))[1]))
        exp_rate, exp_s, exp_rss = sorted(exports)[1]
        exp_runs = ", ".join(f"{r:,.0f}" for r, _, _ in exports)
        reported = set()
        errors_csv = os.path.join(a.out, f"{label}-errors.csv")
        if os.path.exists(errors_csv):
            import csv
            with open(errors_csv, newline="", encoding="utf-8") as f:
                for r in csv.DictReader(f):
                    reported.add(int(r["_line"]))
        exact = reported == bad_lines
        rows_md.append(
            f"| {label} | {created:,} created, {num(s['failed']):,} failed | **{rate:,.0f} rows/s** ({seconds:.1f} s; process wall {wall:.1f} s) "
            f"| {rss:,.0f} MiB | {ceiling_name}: {ceiling_rate:,.0f} rows/s ({ceiling_wall:.1f} s) | {rate / ceiling_rate:.2f} | {schema_cell} "
            f"| **{exp_rate:,.0f} rows/s** (median of 3: {exp_runs}; {exp_s:.1f} s, peak RSS {exp_rss:,.0f} MiB) |")
        notes.append(f"- {label}: the error report lists {len(reported):,} lines; the generator made {len(bad_lines):,} bad rows; "
                     f"{'exactly the same lines' if exact else 'THE LINES DIFFER'}.")
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M")
    section = f"""{BEGIN}
## Bulk import and export (bench/import/run.sh)

- Date (UTC): {now}; invoked as `{a.invocation}`; built from commit `{build['commit']}`; machine: 2 cores, shared and noisy.
- Data (`bench/import/gen_contacts.py`, deterministic): {a.rows:,} contacts in CSV with 15 columns (legacy id, names, email, phone,
  title, the account by its ERP id, street, city, postcode, country, lifecycle stage through a value map, birth date as `dd.MM.yyyy`,
  custom picklist `tier`, custom number `score`) and {a.bad:,} bad rows (1 %); 10,000 accounts imported first.
- Import: `rapport import contacts contacts.csv --mapping mapping.yaml` (validation, relation lookup by `account.externalIds.erp`,
  commit per batch of 1,000 with the checkpoint). Rate = rows read ÷ the CLI's own clock; peak RSS from `/usr/bin/time -v`.
- Ceiling, run in the same script right after: the database's own bulk loader reading the same file into a bare table of text
  columns (no validation, no relations, no indexes).
- Schema ceiling, run right after that: the database itself copying the rows the import stored (each contact, its external id,
  its change entry and its normalisation audit entry) into empty copies of those four tables with all their keys and indexes, in
  one transaction (`INSERT … SELECT`; no parsing, no validation, no commits in between): how fast this data model can be stored at
  all, by any importer. Its rate counts the contacts created.
- Export: `rapport export contacts --format csv` of all rows, three times in a row (the first right after the import);
  rate = rows ÷ the CLI's own clock, the median of the three counts (the three rates in brackets, in order).

| database | rows | import | peak RSS | ceiling (bare table) | ratio | schema ceiling | ratio | export to CSV |
|---|---|---:|---:|---:|---:|---:|---:|---:|
""" + "\n".join(rows_md) + "\n\n" + "\n".join(notes) + f"\n\nTargets (issue): import into SQLite ≥ 70,000 rows/s with peak RSS < 500 MB; export ≥ 200,000 rows/s.\n{END}\n"
    print(section)
    write_section(a.results, BEGIN, END, section)


if __name__ == "__main__":
    main()
