#!/usr/bin/env bash
# Usage-metrics overhead benchmark (issue "Usage metrics": recording must not cost more than 5 % of request
# throughput). A measurement, not a timed test: it fails only when something breaks, never because a target was missed.
#
#   1. publishes src/Rapport.Cli -c Release from a snapshot of the working tree (or --skip-build);
#   2. imports N generated contacts into a fresh SQLite file with `rapport import` and exports their ids;
#   3. starts two servers on that file, both --no-workers: one recording usage (the default) and one with
#      RAPPORT_USAGE=off; warms both up, then runs the same wrk GET /api/v1/contacts/{id} load (bench/wrk/get_by_id.lua)
#      against them in turn for R rounds, alternating which goes first, so drift of this shared machine hits both alike;
#   4. prints requests/s and the server's CPU time per request of each round, and the ratios of the medians (on / off);
#      checks that the recording server's /metrics counted the load (and that promtool accepts it, when installed);
#   5. writes the usage section of bench/RESULTS.md (between the usage markers), keeping the other sections.
# Only 127.0.0.1 is contacted; every process started here is stopped on exit.
#
# Options: --skip-build  --rows N (default 20000)  --rounds R (default 6)  --duration D (default 10s)
#          --connections C (default 64)  --results FILE
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO=$(cd "$BENCH/.." && pwd)
SKIP_BUILD=0; ROWS=20000; ROUNDS=6; DURATION=10s; WARMUP=5s; C=64; THREADS=2; RESULTS="$BENCH/RESULTS.md"; PG_BIN=/usr/lib/postgresql/15/bin
INVOCATION="bench/usage/run.sh${*:+ $*}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-build) SKIP_BUILD=1 ;;
    --rows) ROWS=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --connections) C=$2; shift ;;
    --results) RESULTS=$2; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "usage/run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

RUN_ID=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$BENCH/out/usage-$RUN_ID"
APP="$BENCH/out/app/rapport"
mkdir -p "$OUT"
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }

source "$BENCH/lib.sh"
OFF_PID=""
stop_off() {
  if [[ -n "$OFF_PID" ]] && kill -0 "$OFF_PID" 2>/dev/null; then
    kill -TERM "$OFF_PID" 2>/dev/null || true
    wait "$OFF_PID" 2>/dev/null || true
  fi
  OFF_PID=""
}
trap 'stop_server; stop_off' EXIT
command -v wrk >/dev/null || { echo "usage/run.sh: wrk is missing (apt-get install wrk)" >&2; exit 1; }

[[ $SKIP_BUILD -eq 0 ]] && publish_app
[[ -x "$APP" ]] || { echo "usage/run.sh: $APP missing (drop --skip-build)" >&2; exit 1; }
cp "$BENCH/out/app-build.json" "$OUT/build.json" 2>/dev/null || echo '{"commit": "unknown", "dirty": 0}' > "$OUT/build.json"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_ready() { # PORT NAME
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "server $2 did not start (log: $OUT/server-$2.log)" >&2; exit 1
}

DB="sqlite:$OUT/bench.db"
log "importing $ROWS contacts"
python3 - "$OUT/contacts.csv" "$ROWS" <<'PY'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("firstName,lastName,email,title\n")
    for i in range(rows):
        f.write(f"First{i},Last{i},person{i}@example.com,Title {i % 50}\n")
PY
"$APP" import contacts "$OUT/contacts.csv" --db "$DB" > "$OUT/import.out" 2>&1
"$APP" export contacts --format jsonl --out "$OUT/contacts.jsonl" --db "$DB" > "$OUT/export.out" 2>&1
python3 -c 'import json,sys; [print(json.loads(l)["id"]) for l in open(sys.argv[1]) if l.strip()]' "$OUT/contacts.jsonl" > "$OUT/contact_ids.txt"
read -r CLIENT_ID CLIENT_SECRET < <("$APP" clients create --name bench-usage --scopes "crm.read" --json --db "$DB" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["client_id"], d["client_secret"])')

ON_PORT=$(free_port); OFF_PORT=$(free_port)
# One after the other: the first start of a fresh database creates its token signing key, which the second then loads.
(cd "$OUT" && exec "$APP" serve --no-workers --urls "http://127.0.0.1:$ON_PORT" --db "$DB") > "$OUT/server-on.log" 2>&1 &
SERVER_PID=$!
wait_ready "$ON_PORT" on
(cd "$OUT" && RAPPORT_USAGE=off exec "$APP" serve --no-workers --urls "http://127.0.0.1:$OFF_PORT" --db "$DB") > "$OUT/server-off.log" 2>&1 &
OFF_PID=$!
wait_ready "$OFF_PORT" off
token() { # PORT
  curl -sf -X POST "http://127.0.0.1:$1/oauth/token" -d grant_type=client_credentials \
    --data-urlencode "client_id=$CLIENT_ID" --data-urlencode "client_secret=$CLIENT_SECRET" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
ON_TOKEN=$(token "$ON_PORT"); OFF_TOKEN=$(token "$OFF_PORT")

load() { # PORT DURATION OUTFILE
  local token=$ON_TOKEN; [[ $1 == "$OFF_PORT" ]] && token=$OFF_TOKEN
  wrk -t"$THREADS" -c"$C" -d"$2" --latency -s "$BENCH/wrk/get_by_id.lua" "http://127.0.0.1:$1" -- "$token" "$OUT/contact_ids.txt" > "$3" 2>&1
}
log "warming up both servers ($WARMUP each, twice)"
for _ in 1 2; do load "$ON_PORT" "$WARMUP" /dev/null; load "$OFF_PORT" "$WARMUP" /dev/null; done

cut -d' ' -f1 /proc/loadavg > "$OUT/loadavg.txt"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system time of a process, in clock ticks
for r in $(seq 1 "$ROUNDS"); do
  if (( r % 2 == 1 )); then order="on off"; else order="off on"; fi
  for mode in $order; do
    port=$ON_PORT; pid=$SERVER_PID; [[ $mode == off ]] && { port=$OFF_PORT; pid=$OFF_PID; }
    c0=$(cpu_ticks "$pid")
    load "$port" "$DURATION" "$OUT/wrk-$mode-$r.txt"
    c1=$(cpu_ticks "$pid")
    python3 "$BENCH/wrkparse.py" "$OUT/wrk-$mode-$r.txt" | python3 -c '
import json, sys
d = json.load(sys.stdin)
cpu_s = (int(sys.argv[2]) - int(sys.argv[1])) / int(sys.argv[3])
d.update(server_cpu_s=round(cpu_s, 2), server_cpu_us_per_req=round(cpu_s * 1e6 / d["requests"], 1) if d["requests"] else None)
print(json.dumps(d))' "$c0" "$c1" "$(getconf CLK_TCK)" > "$OUT/wrk-$mode-$r.json"
    log "  round $r, recording $mode: $(python3 -c "import json; d=json.load(open('$OUT/wrk-$mode-$r.json')); print(f\"{d['rps']} req/s, p99 {d['p99_ms']} ms, server {d['server_cpu_us_per_req']} CPU-µs/req, errors {d['errors']}\")")"
  done
done

cut -d' ' -f1 /proc/loadavg >> "$OUT/loadavg.txt"
curl -sf "http://127.0.0.1:$ON_PORT/metrics" > "$OUT/metrics-on.txt"
curl -sf "http://127.0.0.1:$OFF_PORT/metrics" > "$OUT/metrics-off.txt"
if command -v promtool >/dev/null; then
  promtool check metrics < "$OUT/metrics-on.txt" > "$OUT/promtool.txt" 2>&1 && echo ok > "$OUT/promtool.status" || echo failed > "$OUT/promtool.status"
else
  echo "not installed" > "$OUT/promtool.status"
fi
python3 "$BENCH/usage/report.py" "$OUT" "$RESULTS" "$INVOCATION" "$ROWS" "$ROUNDS" "$DURATION" "$C" "$THREADS"
log "results written to $RESULTS"
