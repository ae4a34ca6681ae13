#!/usr/bin/env bash
# Rapport performance benchmark (issue "Performance — a benchmark under bench/, results in bench/RESULTS.md").
# A measurement, not a timed test: it never fails because a target was missed, only when something breaks.
#
# What it does, for SQLite and then PostgreSQL (skip PostgreSQL with --sqlite-only):
#   1. publishes src/Rapport.Cli -c Release from a snapshot of the working tree into bench/out/app;
#   2. creates a fresh database, an API client (crm.read crm.write) and starts `rapport serve` on 127.0.0.1;
#   3. seeds 1,000 accounts and 100,000 contacts through atomic POST /api/v1/batch (bench/seed.py);
#   4. restarts the server (so its peak RSS reflects the load only), then for each endpoint warms up
#      for 5 s and measures for 15 s with wrk --latency: GET /health/live (the ceiling),
#      GET /api/v1/contacts/{id}, GET /api/v1/contacts?accountId=..&limit=50, POST /api/v1/contacts,
#      and /health/live again (noise check);
#      Around each measured run it also records the CPU time of the server, of PostgreSQL, of wrk and of the
#      whole machine, so the report can give CPU per request and how much other processes took (shared machine);
#   5. reads VmHWM from /proc/PID/status, stops the server, and shows how the database runs the list query
#      with and without a composite index (bench/explain.py; on a copy / in a rolled-back transaction);
#   6. prints a table and writes bench/RESULTS.md (bench/report.py).
# Raw output of every step (wrk text, server logs, ids, JSON) goes to bench/out/run-<UTC time>/ (git-ignored).
#
# Options:
#   --sqlite-only        skip the PostgreSQL phase
#   --skip-build         reuse bench/out/app from an earlier run
#   --connections N      wrk -c N for everything (default: explore 32/64/128 on SQLite and keep the best)
#   --contacts N         contacts to seed (default 100000); --accounts N (default 1000)
#   --duration D         measured wrk duration (default 15s); --warmup D (default 5s)
#   --results FILE       where to write the Markdown (default bench/RESULTS.md)
#   --wait-quiet MIN     before each database's load phase, wait up to MIN minutes for a 5 s window in
#                        which the machine is >= 80 % idle (the machine is shared); default 0 = don't wait
# Only 127.0.0.1 is contacted. Processes it starts (servers, PostgreSQL) are stopped on exit by PID.
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH/.." && pwd)

SQLITE_ONLY=0
SKIP_BUILD=0
CONNECTIONS=""
CONTACTS=100000
ACCOUNTS=1000
THREADS=2
DURATION=15s
WARMUP=5s
EXPLORE_DURATION=10s
RESULTS="$BENCH/RESULTS.md"
WAIT_QUIET=0
PORT_SQLITE=18080     # rapport serve, SQLite phase
PORT_POSTGRES=18081   # rapport serve, PostgreSQL phase
PG_PORT=55440         # the PostgreSQL server this script starts
PG_BIN=/usr/lib/postgresql/15/bin

INVOCATION="bench/run.sh${*:+ $*}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sqlite-only) SQLITE_ONLY=1 ;;
    --skip-build) SKIP_BUILD=1 ;;
    --connections) CONNECTIONS=$2; shift ;;
    --contacts) CONTACTS=$2; shift ;;
    --accounts) ACCOUNTS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --results) RESULTS=$2; shift ;;
    --wait-quiet) WAIT_QUIET=$2; shift ;;
    -h|--help) sed -n '2,29p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

START_EPOCH=$(date +%s)
RUN_ID=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$BENCH/out/run-$RUN_ID"
APP="$BENCH/out/app/rapport"
mkdir -p "$OUT"
LOADAVG_START=$(cut -d' ' -f1-3 /proc/loadavg)
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }

source "$BENCH/lib.sh"

# ---------------------------------------------------------------------------------------------
# Tools.
need_port_free() {
  if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    echo "run.sh: port $1 on 127.0.0.1 is already in use; free it or edit the port at the top of run.sh" >&2; exit 1
  fi
}
if ! command -v wrk >/dev/null; then
  [[ $EUID -eq 0 ]] || { echo "run.sh: wrk is missing (apt-get install wrk)" >&2; exit 1; }
  log "installing wrk"
  apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
command -v python3 >/dev/null || { echo "run.sh: python3 is required" >&2; exit 1; }
command -v curl >/dev/null || { echo "run.sh: curl is required" >&2; exit 1; }
need_port_free "$PORT_SQLITE"
if [[ $SQLITE_ONLY -eq 0 ]]; then
  need_port_free "$PORT_POSTGRES"; need_port_free "$PG_PORT"
  [[ -x "$PG_BIN/initdb" ]] || { echo "run.sh: PostgreSQL 15 not found in $PG_BIN (or use --sqlite-only)" >&2; exit 1; }
fi

# ---------------------------------------------------------------------------------------------
# 1. Build (publish_app in bench/lib.sh).
[[ $SKIP_BUILD -eq 0 ]] && publish_app
cp "$BENCH/out/app-build.json" "$OUT/build.json" 2>/dev/null || echo '{"commit": "unknown", "dirty": 0}' > "$OUT/build.json"
[[ -x "$APP" ]] || { echo "run.sh: $APP missing (drop --skip-build)" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Server helpers.
# start_server DIR DB PORT LOGNAME: runs `rapport serve` with DIR as working directory, waits for /health/ready.
start_server() {
  local dir=$1 db=$2 port=$3 name=$4
  (cd "$dir" && exec "$APP" serve --urls "http://127.0.0.1:$port" --db "$db") >>"$dir/server-$name.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      tail -20 "$dir/server-$name.log" >&2; echo "run.sh: the server exited during start-up" >&2; exit 1
    fi
    [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" == 200 ]] && return 0
    sleep 0.5
  done
  echo "run.sh: the server did not become ready in 60 s" >&2; exit 1
}
# proc_kb PID FIELD: a field of /proc/PID/status in kB (VmHWM = peak RSS, VmRSS = current).
proc_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }
# token PORT: a fresh access token for the bench client (tokens live 15 minutes).
token() {
  curl -sf -X POST "http://127.0.0.1:$1/oauth/token" -d grant_type=client_credentials \
    --data-urlencode "client_id=$CLIENT_ID" --data-urlencode "client_secret=$CLIENT_SECRET" \
    | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])'
}

# Busy and idle clock ticks of the whole machine (/proc/stat "cpu" line), and a process's user+system ticks.
machine_ticks() { awk '/^cpu / { print $2+$3+$4+$7+$8+$9, $5+$6 }' /proc/stat; }
process_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# CPU ticks of the PostgreSQL this script started: the postmaster (with its reaped children, cutime+cstime)
# plus every live child (backends, background workers); 0 when none runs.
db_ticks() {
  local pm
  if [[ -z "$PG_DIR" || ! -f "$PG_DIR/data/postmaster.pid" ]]; then echo 0; return; fi
  pm=$(head -1 "$PG_DIR/data/postmaster.pid")
  { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pm/stat"
    for c in $(ps -o pid= --ppid "$pm"); do awk '{ print $14 + $15 }' "/proc/$c/stat" 2>/dev/null || true; done
  } | awk '{ t += $1 } END { print t + 0 }'
}

# wait_quiet DIR: if --wait-quiet was given, wait (at most that many minutes) for a 5 s window with the
# machine >= 80 % idle; records what happened in DIR/quiet.json either way.
wait_quiet() {
  local dir=$1 start now idle=0 b0 i0 b1 i1
  start=$(date +%s)
  while :; do
    read -r b0 i0 < <(machine_ticks); sleep 5; read -r b1 i1 < <(machine_ticks)
    idle=$(( 100 * (i1 - i0) / ((b1 - b0) + (i1 - i0) + 1) ))
    now=$(date +%s)
    if (( idle >= 80 || now - start >= WAIT_QUIET * 60 )); then break; fi
    (( (now - start) % 60 < 5 )) && log "  waiting for a quieter machine: ${idle}% idle over 5 s"
  done
  printf '{"waited_s": %s, "idle_pct": %s, "limit_min": %s}\n' "$((now - start))" "$idle" "$WAIT_QUIET" > "$dir/quiet.json"
  log "  machine ${idle}% idle over the last 5 s (waited $((now - start)) s)"
}

# measure DIR KEY ARGS...: warm-up run, then the measured run with --latency; ARGS are wrk's
# target arguments (URL, script, script args). A literal {TAG} in ARGS becomes a per-run tag.
# Around the measured run it records the CPU time of the server, of wrk and of the whole machine, so
# the report can say how much of the 2 cores other processes took (the machine is shared).
# The command is logged to DIR/commands.txt with the token redacted.
measure() {
  local dir=$1 key=$2; shift 2
  wrk -t"$THREADS" -c"$C" -d"$WARMUP" "${@//\{TAG\}/${key}w${RANDOM}}" > "$dir/warmup-$key.txt" 2>&1
  local loadavg; loadavg=$(cut -d' ' -f1 /proc/loadavg)
  local args=("${@//\{TAG\}/${key}m${RANDOM}}")
  local m0 s0 d0 m1 s1 d1 w0 w1 wrk_cpu
  m0=$(machine_ticks); s0=$(process_ticks "$SERVER_PID"); d0=$(db_ticks); w0=$(date +%s.%N)
  wrk_cpu=$( { TIMEFORMAT='%3U %3S'; time wrk -t"$THREADS" -c"$C" -d"$DURATION" --latency "${args[@]}" > "$dir/wrk-$key.txt" 2>&1; } 2>&1 )
  m1=$(machine_ticks); s1=$(process_ticks "$SERVER_PID"); d1=$(db_ticks); w1=$(date +%s.%N)
  python3 "$BENCH/wrkparse.py" "$dir/wrk-$key.txt" | python3 -c '
import json, os, sys
d = json.load(sys.stdin)
hz, ncpu = os.sysconf("SC_CLK_TCK"), os.cpu_count()
(m0, _), (m1, _) = (map(int, sys.argv[1].split())), (map(int, sys.argv[2].split()))
server = (int(sys.argv[4]) - int(sys.argv[3])) / hz
wrk = sum(map(float, sys.argv[5].split()))
wall = float(sys.argv[7]) - float(sys.argv[6])
busy = (m1 - m0) / hz
db = (int(sys.argv[10]) - int(sys.argv[9])) / hz
d.update(loadavg=float(sys.argv[8]), wall_s=round(wall, 2), server_cpu_s=round(server, 2), wrk_cpu_s=round(wrk, 2),
         db_cpu_s=round(db, 2), machine_busy_s=round(busy, 2),
         others_cpu_pct=round(max(0.0, busy - server - wrk - db) * 100 / (ncpu * wall), 1),
         server_cpu_ms_per_req=round(server * 1000 / d["requests"], 3) if d.get("requests") else None,
         db_cpu_ms_per_req=round(db * 1000 / d["requests"], 3) if d.get("requests") and db > 0 else None)
print(json.dumps(d))' "$m0" "$m1" "$s0" "$s1" "$wrk_cpu" "$w0" "$w1" "$loadavg" "$d0" "$d1" > "$dir/wrk-$key.json"
  echo "wrk -t$THREADS -c$C -d$DURATION --latency ${args[*]}" | sed "s#$TOKEN#\$TOKEN#g; s#$OUT/[a-z]*/#OUT/#g; s# ${key}m[0-9]*\$# RUN_TAG#" >> "$dir/commands.txt"
  log "  $key: $(python3 -c "import json; d=json.load(open('$dir/wrk-$key.json')); print(f\"{d['rps']} req/s, p99 {d['p99_ms']} ms, errors {d['errors']}, server {d['server_cpu_ms_per_req']} CPU-ms/req, others took {d['others_cpu_pct']}% of the machine\")")"
}

# explore DIR PORT: -c 32/64/128 on GET by id; keeps the best error-free setting, preferring those
# that meet the p99 < 20 ms target. Writes OUT/connections.json and sets C.
explore() {
  local dir=$1 port=$2 c
  TOKEN=$(token "$port")
  C=64
  wrk -t"$THREADS" -c64 -d"$WARMUP" -s "$BENCH/wrk/get_by_id.lua" "http://127.0.0.1:$port" -- "$TOKEN" "$dir/contact_ids.txt" > /dev/null 2>&1
  for c in 32 64 128; do
    wrk -t"$THREADS" -c"$c" -d"$EXPLORE_DURATION" --latency -s "$BENCH/wrk/get_by_id.lua" "http://127.0.0.1:$port" -- "$TOKEN" "$dir/contact_ids.txt" \
      > "$dir/explore-c$c.txt" 2>&1
    python3 "$BENCH/wrkparse.py" "$dir/explore-c$c.txt" > "$dir/explore-c$c.json"
    log "  explore -c$c: $(cat "$dir/explore-c$c.json")"
  done
  C=$(python3 - "$dir" "$EXPLORE_DURATION" "$OUT/connections.json" <<'EOF'
import json, sys
d, duration, out = sys.argv[1:]
runs = []
for c in (32, 64, 128):
    r = json.load(open(f"{d}/explore-c{c}.json")); r["c"] = c; runs.append(r)
ok = [r for r in runs if r["valid"]]
meeting = [r for r in ok if r["p99_ms"] < 20]
pool, rule = (meeting, "the highest req/s among the settings with p99 < 20 ms") if meeting else \
             (ok, "the highest req/s; none had p99 < 20 ms") if ok else (runs, "no setting was error-free")
best = max(pool, key=lambda r: r["rps"] or 0)
json.dump({"duration": duration, "runs": runs, "chosen": best["c"], "rule": rule}, open(out, "w"), indent=2)
print(best["c"])
EOF
)
  log "  keeping -c$C"
}

# ---------------------------------------------------------------------------------------------
# One database phase: phase NAME DB_SPEC PORT
phase() {
  local name=$1 db=$2 port=$3
  local dir="$OUT/$name"
  mkdir -p "$dir"
  log "== $name: database $(echo "$db" | sed 's/Password=[^;]*/Password=***/')"

  # API client (this also migrates the fresh database)
  local creds
  creds=$("$APP" clients create --name bench --scopes "crm.read crm.write" --json --db "$db")
  CLIENT_ID=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["client_id"])' "$creds")
  CLIENT_SECRET=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["client_secret"])' "$creds")

  # Seed
  start_server "$dir" "$db" "$port" seed
  log "seeding $ACCOUNTS accounts and $CONTACTS contacts (server PID $SERVER_PID)"
  python3 "$BENCH/seed.py" --url "http://127.0.0.1:$port" --token "$(token "$port")" --out "$dir" \
    --accounts "$ACCOUNTS" --contacts "$CONTACTS" 2>&1 | tee -a "$OUT/run.log"
  [[ ${PIPESTATUS[0]} -eq 0 ]] || { echo "run.sh: seeding failed" >&2; exit 1; }
  local seed_hwm; seed_hwm=$(proc_kb "$SERVER_PID" VmHWM)
  stop_server

  # Restart: the load phase starts from a fresh process on the seeded database.
  start_server "$dir" "$db" "$port" load
  log "load phase (server PID $SERVER_PID)"
  wait_quiet "$dir"
  [[ -z "$C" ]] && explore "$dir" "$port"

  TOKEN=$(token "$port"); measure "$dir" health "http://127.0.0.1:$port/health/live"
  TOKEN=$(token "$port"); measure "$dir" get -s "$BENCH/wrk/get_by_id.lua" "http://127.0.0.1:$port" -- "$TOKEN" "$dir/contact_ids.txt"
  TOKEN=$(token "$port"); measure "$dir" list -s "$BENCH/wrk/list_by_account.lua" "http://127.0.0.1:$port" -- "$TOKEN" "$dir/account_ids.txt"
  TOKEN=$(token "$port"); measure "$dir" post -s "$BENCH/wrk/create_contact.lua" "http://127.0.0.1:$port" -- "$TOKEN" "$dir/account_ids.txt" "{TAG}"
  TOKEN=$(token "$port"); measure "$dir" health_end "http://127.0.0.1:$port/health/live"

  local hwm rss; hwm=$(proc_kb "$SERVER_PID" VmHWM); rss=$(proc_kb "$SERVER_PID" VmRSS)
  stop_server
  local db_bytes=0
  if [[ "$db" == sqlite:* ]]; then db_bytes=$(du -cb "${db#sqlite:}"* | tail -1 | cut -f1); fi
  if [[ "$db" == postgres:* ]]; then
    db_bytes=$("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench -Atc "select pg_database_size('bench')")
  fi
  # How the database runs the list query, with and without a composite index (changes nothing measured).
  if [[ "$db" == sqlite:* ]]; then
    python3 "$BENCH/explain.py" sqlite --db "${db#sqlite:}" --accounts "$dir/account_ids.txt" --out "$dir" | tee -a "$OUT/run.log" \
      || log "explain.py failed (continuing)"
  else
    python3 "$BENCH/explain.py" postgres --psql "$PG_BIN/psql" --port "$PG_PORT" --accounts "$dir/account_ids.txt" --out "$dir" \
      | tee -a "$OUT/run.log" || log "explain.py failed (continuing)"
  fi
  printf '{"seed_vmhwm_kb": %s, "load_vmhwm_kb": %s, "load_vmrss_kb": %s, "db_bytes": %s}\n' \
    "$seed_hwm" "$hwm" "$rss" "$db_bytes" > "$dir/rss.json"
  log "$name: peak RSS under load $((hwm / 1024)) MiB (seeding server: $((seed_hwm / 1024)) MiB)"
}

C="$CONNECTIONS"

# SQLite: a fresh file in the run directory.
mkdir -p "$OUT/sqlite"
phase sqlite "sqlite:$OUT/sqlite/bench.db" "$PORT_SQLITE"

# PostgreSQL: a fresh cluster in bench/out/pg, fsync on, synchronous_commit default.
if [[ $SQLITE_ONLY -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || useradd -r -M postgres
  PG_DIR="$BENCH/out/pg"
  if [[ -f "$PG_DIR/data/postmaster.pid" ]]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"; mkdir -p "$PG_DIR"
  [[ $EUID -eq 0 ]] && chown postgres "$PG_DIR"
  log "== postgres: initdb + start on 127.0.0.1:$PG_PORT"
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --no-sync > "$OUT/pg-initdb.log" 2>&1
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" \
    -o "-k $PG_DIR -h 127.0.0.1 -p $PG_PORT -c max_connections=200 -c shared_buffers=256MB" -l "$PG_DIR/log" -w start > /dev/null
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres bench
  phase postgres "postgres:Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=bench" "$PORT_POSTGRES"
  cp "$PG_DIR/log" "$OUT/postgres/postgresql.log" 2>/dev/null || true
  stop_postgres
fi

# ---------------------------------------------------------------------------------------------
# Report.
WALL=$(( $(date +%s) - START_EPOCH ))
export OUT CONTACTS ACCOUNTS WARMUP DURATION C LOADAVG_START REPO INVOCATION
python3 - <<'EOF'
import json, os, subprocess
env = os.environ
def sh(cmd):
    return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
commands = []
for db in ("sqlite", "postgres"):
    p = os.path.join(env["OUT"], db, "commands.txt")
    if os.path.exists(p):
        commands += [f"# {db}"] + open(p).read().splitlines()
bench = os.path.join(env["REPO"], "bench")
commands = [c.replace(bench + "/", "bench/") for c in commands]
mem_kb = int(sh("awk '/MemTotal/ {print $2}' /proc/meminfo") or 0)
meta = {
    "date": sh("date -u '+%Y-%m-%d %H:%M'"),
    "nproc": sh("nproc"),
    "cpu": sh("awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo") or "cpu unknown",
    "mem": f"{mem_kb / 1048576:.1f} GiB",
    "loadavg_start": env["LOADAVG_START"],
    **json.load(open(os.path.join(env["OUT"], "build.json"))),  # commit and dirty paths at build time
    "dotnet": "SDK " + sh("dotnet --version"),
    "contacts": int(env["CONTACTS"]), "accounts": int(env["ACCOUNTS"]),
    "warmup": env["WARMUP"], "duration": env["DURATION"], "connections": env["C"],
    "wrk_version": sh("wrk --version 2>&1 | head -1 | cut -d' ' -f1-2"),
    "invocation": env["INVOCATION"],
    "commands": commands,
}
json.dump(meta, open(os.path.join(env["OUT"], "meta.json"), "w"), indent=2)
EOF
python3 "$BENCH/report.py" --out "$OUT" --results "$RESULTS" --wall "$WALL" | tee -a "$OUT/run.log"
log "raw output in ${OUT#"$REPO"/}"
