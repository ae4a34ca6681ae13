#!/usr/bin/env python3
"""Reads the text output of `wrk --latency` and prints one JSON object:
{"rps", "p50_ms", "p90_ms", "p99_ms", "requests", "non2xx", "socket_errors": {...}, "errors", "valid"}.
`valid` is false when wrk saw any non-2xx/3xx response or any socket error (connect/read/write/timeout):
such a run is reported as an error, not as a figure.

Usage: wrkparse.py WRK_OUTPUT_FILE
"""
import json
import re
import sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def ms(text):
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    return round(float(m.group(1)) * UNITS[m.group(2)], 3) if m else None


def parse(text):
    out = {"rps": None, "p50_ms": None, "p90_ms": None, "p99_ms": None, "requests": None, "non2xx": 0,
           "socket_errors": {"connect": 0, "read": 0, "write": 0, "timeout": 0}}
    if m := re.search(r"Requests/sec:\s+([\d.]+)", text):
        out["rps"] = round(float(m.group(1)), 1)
    if m := re.search(r"(\d+) requests in ([\d.]+\w+)", text):
        out["requests"] = int(m.group(1))
    for pct in ("50", "90", "99"):
        if m := re.search(rf"^\s+{pct}%\s+(\S+)", text, re.M):
            out[f"p{pct}_ms"] = ms(m.group(1))
    if m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text):
        out["non2xx"] = int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text):
        out["socket_errors"] = dict(zip(("connect", "read", "write", "timeout"), map(int, m.groups())))
    out["errors"] = out["non2xx"] + sum(out["socket_errors"].values())
    out["valid"] = out["rps"] is not None and out["p99_ms"] is not None and out["errors"] == 0
    return out


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        print(json.dumps(parse(f.read())))
