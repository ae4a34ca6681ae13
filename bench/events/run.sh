#!/usr/bin/env bash
# Change-feed, webhook and bus benchmark (issue "Real-time openness", performance section). A measurement,
# not a timed test: it fails only when something breaks, never because a target was missed.
#
#   1. publishes src/Rapport.Cli -c Release from a snapshot of the working tree (or --skip-build);
#   2. per database (SQLite; PostgreSQL unless --sqlite-only): imports N generated contacts with `rapport import`
#      (each row leaves a change), then
#      a. feed: reads the whole change feed over HTTP, pages of 10,000 (feed-read.mjs), five times: the last read
#         counts (the first one JITs and, on PostgreSQL, waits for the sequencer to number the import's changes;
#         the runtime's tiered compilation needs a few more to reach its steady code); every read is kept;
#      b. bus: starts a private RabbitMQ node, binds a queue to rapport.events, starts `rapport serve` with
#         RAPPORT_RABBITMQ: the server publishes the N changes with publisher confirms; events/s at the queue;
#      c. webhooks, throughput: a fresh database and server, a local receiver subscribed to contact.*, then
#         `rapport import` of M contacts while the server runs: deliveries/s at the receiver;
#      d. webhooks, latency: POST /api/v1/contacts at 500 writes/s for 5 s (warm-up) + 20 s: write→delivered p50/p99;
#   3. writes the events section of bench/RESULTS.md (between the events markers).
# Only 127.0.0.1 is contacted; every process started here is stopped on exit.
#
# Options: --skip-build  --rows N (default 200000)  --hooks M (default 40000)  --sqlite-only  --results FILE
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO=$(cd "$BENCH/.." && pwd)
SKIP_BUILD=0; ROWS=200000; HOOKS=40000; SQLITE_ONLY=0; RESULTS="$BENCH/RESULTS.md"; PORT=18084; PG_BIN=/usr/lib/postgresql/15/bin
INVOCATION="bench/events/run.sh${*:+ $*}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-build) SKIP_BUILD=1 ;;
    --rows) ROWS=$2; shift ;;
    --hooks) HOOKS=$2; shift ;;
    --sqlite-only) SQLITE_ONLY=1 ;;
    --results) RESULTS=$2; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "events/run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

RUN_ID=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$BENCH/out/events-$RUN_ID"
APP="$BENCH/out/app/rapport"
mkdir -p "$OUT"
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }

source "$BENCH/lib.sh"
RABBIT_DIR=""; RABBIT_NODE=""
stop_rabbit() {
  if [[ -n "$RABBIT_NODE" ]]; then
    rabbit_env /usr/lib/rabbitmq/bin/rabbitmqctl -n "$RABBIT_NODE" stop >/dev/null 2>&1 || true
  fi
  RABBIT_NODE=""
}
trap 'stop_server; stop_rabbit; stop_postgres' EXIT

[[ $SKIP_BUILD -eq 0 ]] && publish_app
[[ -x "$APP" ]] || { echo "events/run.sh: $APP missing (drop --skip-build)" >&2; exit 1; }
cp "$BENCH/out/app-build.json" "$OUT/build.json" 2>/dev/null || echo '{"commit": "unknown", "dirty": 0}' > "$OUT/build.json"
if [[ ! -d "$BENCH/events/node_modules/amqplib" ]]; then
  log "installing the benchmark's node packages (amqplib)"
  (cd "$BENCH/events" && npm install --no-audit --no-fund --silent >/dev/null 2>&1)
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# A private RabbitMQ node on free 127.0.0.1 ports (as tests/…/RabbitMqServer.cs does); sets AMQP.
rabbit_env() {
  env HOME="$RABBIT_DIR/home" RABBITMQ_NODENAME="$RABBIT_NODE" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$RABBIT_PORT" \
    RABBITMQ_DIST_PORT="$RABBIT_DIST" ERL_EPMD_PORT="$RABBIT_EPMD" ERL_EPMD_ADDRESS=127.0.0.1 \
    RABBITMQ_MNESIA_BASE="$RABBIT_DIR/mnesia" RABBITMQ_LOG_BASE="$RABBIT_DIR/log" RABBITMQ_CONFIG_FILE="$RABBIT_DIR/rabbitmq.conf" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$RABBIT_DIR/advanced.config" RABBITMQ_CONF_ENV_FILE="$RABBIT_DIR/rabbitmq-env.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$RABBIT_DIR/enabled_plugins" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" "$@"
}
start_rabbit() {
  RABBIT_DIR="$OUT/rabbit"; RABBIT_NODE="rapport-bench-$$@localhost"
  RABBIT_PORT=$(free_port); RABBIT_DIST=$(free_port); RABBIT_EPMD=$(free_port)
  rm -rf "$RABBIT_DIR"; mkdir -p "$RABBIT_DIR/home" "$RABBIT_DIR/mnesia" "$RABBIT_DIR/log"
  printf 'log.console = false\n' > "$RABBIT_DIR/rabbitmq.conf"; : > "$RABBIT_DIR/rabbitmq-env.conf"; echo '[].' > "$RABBIT_DIR/enabled_plugins"
  head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$RABBIT_DIR/home/.erlang.cookie"; chmod 400 "$RABBIT_DIR/home/.erlang.cookie"
  rabbit_env /usr/lib/rabbitmq/bin/rabbitmq-server > "$RABBIT_DIR/server.out" 2>&1 &
  for _ in $(seq 1 120); do
    rabbit_env /usr/lib/rabbitmq/bin/rabbitmqctl -n "$RABBIT_NODE" await_startup >/dev/null 2>&1 && break
    sleep 0.5
  done
  AMQP="amqp://guest:guest@127.0.0.1:$RABBIT_PORT/"
  log "RabbitMQ node $RABBIT_NODE on port $RABBIT_PORT"
}

# A client with all scopes on DB; prints "client_id client_secret".
client_for() { "$APP" clients create --name "bench-$2" --scopes "crm.read crm.write crm.admin crm.bulk" --json --db "$1" \
  | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["client_id"], d["client_secret"])'; }
token_for() { # ID SECRET
  curl -sf -d "grant_type=client_credentials&client_id=$1&client_secret=$2" "http://127.0.0.1:$PORT/oauth/token" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'; }
serve() { # DB NAME [ENV=VALUE ...]
  local db=$1 name=$2; shift 2
  env "$@" "$APP" serve --db "$db" --urls "http://127.0.0.1:$PORT" > "$OUT/$name-server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1 && return 0; sleep 0.5; done
  echo "server did not start (log: $OUT/$name-server.log)" >&2; exit 1
}

# Generated contacts, deterministic: NAME ROWS -> FILE
contacts_csv() {
  python3 - "$1" "$2" <<'PY'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("firstName,lastName,email,title\n")
    for i in range(rows):
        f.write(f"First{i},Last{i},person{i}@example.com,Title {i % 50}\n")
PY
}

contacts_csv "$OUT/contacts.csv" "$ROWS"
contacts_csv "$OUT/hooks.csv" "$HOOKS"

# Waits (up to 3 minutes) until no autovacuum worker runs and DATABASE's change and delivery tables have been
# vacuumed since the phase before (default: feed).
wait_for_autovacuum() { # [DATABASE]
  local started=$SECONDS database=${1:-feed}
  while (( SECONDS - started < 180 )); do
    local busy
    busy=$("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$database" -Atc \
      "SELECT (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker')
            + (SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('changes', 'webhook_deliveries') AND n_dead_tup > 10000)")
    [[ $busy == 0 ]] && { log "postgres: autovacuum ($database) done after $(( SECONDS - started )) s"; return; }
    sleep 2
  done
  log "postgres: autovacuum ($database) still busy after 180 s; going on anyway"
}

run_database() { # KIND DB_FOR_FEED DB_FOR_HOOKS
  local kind=$1 db=$2 hooks_db=$3 creds id secret token
  log "$kind: importing $ROWS contacts"
  measured "$kind-import" "$APP" import contacts "$OUT/contacts.csv" --db "$db"
  read -r id secret < <(client_for "$db" "$kind")

  log "$kind: reading the change feed"
  serve "$db" "$kind-feed"
  token=$(token_for "$id" "$secret")
  # A first full read, not counted: it JITs the server and, on PostgreSQL, waits until the sequencer has numbered
  # the import's changes (timed on its own as the "sequencing" figure).
  node "$BENCH/events/feed-read.mjs" "http://127.0.0.1:$PORT" "$token" 10000 > "$OUT/$kind-feed-first.json"
  # Numbering the import's changes updated every one of them: on PostgreSQL, let autovacuum finish with the
  # table (as it would on a server that has been running a while) before the reads that show the steady rate.
  [[ $kind == postgres ]] && wait_for_autovacuum
  for n in 2 3 4; do node "$BENCH/events/feed-read.mjs" "http://127.0.0.1:$PORT" "$token" 10000 > "$OUT/$kind-feed-$n.json"; done
  node "$BENCH/events/feed-read.mjs" "http://127.0.0.1:$PORT" "$token" 10000 > "$OUT/$kind-feed.json"
  log "$kind: feed $(cat "$OUT/$kind-feed.json")"
  stop_server

  log "$kind: publishing the changes to RabbitMQ"
  start_rabbit
  node "$BENCH/events/bus-consume.mjs" "$AMQP" "$ROWS" > "$OUT/$kind-bus.json" 2> "$OUT/$kind-bus.err" &
  local consumer=$!
  for _ in $(seq 1 100); do grep -q bound "$OUT/$kind-bus.err" 2>/dev/null && break; sleep 0.2; done
  serve "$db" "$kind-bus" RAPPORT_RABBITMQ="$AMQP"
  wait "$consumer"
  log "$kind: bus $(cat "$OUT/$kind-bus.json")"
  stop_server; stop_rabbit

  log "$kind: webhook throughput ($HOOKS contacts imported while the server delivers)"
  read -r id secret < <(client_for "$hooks_db" "$kind-hooks")
  serve "$hooks_db" "$kind-hooks" RAPPORT_WEBHOOKS_ALLOW_PRIVATE=true
  token=$(token_for "$id" "$secret")
  node "$BENCH/events/webhook-load.mjs" "http://127.0.0.1:$PORT" "$token" throughput "$HOOKS" > "$OUT/$kind-hooks.json" 2> "$OUT/$kind-hooks.err" &
  local receiver=$!
  for _ in $(seq 1 100); do grep -q subscribed "$OUT/$kind-hooks.err" 2>/dev/null && break; sleep 0.2; done
  "$APP" import contacts "$OUT/hooks.csv" --db "$hooks_db" > "$OUT/$kind-hooks-import.out" 2>&1
  wait "$receiver"
  log "$kind: webhooks $(cat "$OUT/$kind-hooks.json")"

  log "$kind: webhook latency at 500 writes/s for 20 s"
  # The throughput phase just updated every one of its deliveries and changes: on PostgreSQL, let autovacuum
  # finish with them first, as before the feed reads, so the latency is not measured beside that clean-up.
  [[ $kind == postgres ]] && wait_for_autovacuum hooks
  token=$(token_for "$id" "$secret")
  node "$BENCH/events/webhook-load.mjs" "http://127.0.0.1:$PORT" "$token" latency 500 20 > "$OUT/$kind-latency.json" 2> "$OUT/$kind-latency.err"
  log "$kind: latency $(cat "$OUT/$kind-latency.json")"
  stop_server
}

run_database sqlite "sqlite:$OUT/feed.db" "sqlite:$OUT/hooks.db"

if [[ $SQLITE_ONLY -eq 0 ]]; then
  [[ -x "$PG_BIN/initdb" ]] || { echo "events/run.sh: PostgreSQL 15 not found in $PG_BIN (or use --sqlite-only)" >&2; exit 1; }
  id postgres >/dev/null 2>&1 || useradd -r -M postgres
  PG_DIR="$OUT/pg"; PG_PORT=$(free_port)
  rm -rf "$PG_DIR"; mkdir -p "$PG_DIR"
  [[ $EUID -eq 0 ]] && chown postgres "$PG_DIR"
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --no-sync > "$OUT/pg-initdb.log" 2>&1
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" \
    -o "-k $PG_DIR -h 127.0.0.1 -p $PG_PORT -c max_connections=200 -c shared_buffers=256MB" -l "$PG_DIR/log" -w start > /dev/null
  for name in feed hooks; do "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$name"; done
  run_database postgres "postgres:Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=feed" "postgres:Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=hooks"
fi

python3 "$BENCH/events/report.py" "$OUT" "$RESULTS" "$INVOCATION" "$ROWS" "$HOOKS"
log "results written to $RESULTS"
