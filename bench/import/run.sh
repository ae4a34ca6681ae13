#!/usr/bin/env bash
# Bulk import/export benchmark (issue "Bulk data exchange", performance section). A measurement, not a
# timed test: it fails only when something breaks, never because a target was missed.
#
# For SQLite and then PostgreSQL (skip it with --sqlite-only):
#   1. publishes src/Rapport.Cli -c Release from a snapshot of the working tree (or --skip-build);
#   2. generates bench/out/import-data: 1,000,000 contacts (15 columns: an account relation by ERP id,
#      two custom fields, a dd.MM.yyyy date, a value map; 1 % bad rows) and 10,000 accounts (gen_contacts.py);
#   3. fresh database; the custom fields are created through the API; the accounts are imported;
#   4. `rapport import contacts contacts.csv --mapping mapping.yaml` under /usr/bin/time -v: rows/s (the
#      CLI's own clock, from first row to summary) and peak RSS; checks the counts and the rejected lines;
#   5. the ceilings, side by side: sqlite3's `.import` of the same file into a bare table (SQLite) and
#      `psql \copy` into a bare table of 15 text columns (PostgreSQL); and the schema ceiling: the database
#      itself copying the rows the import stored (contacts, their external ids, changes and audit entries)
#      into empty copies of those tables with all their indexes, in one transaction: no importer can store
#      this data model faster;
#   6. `rapport export contacts --format csv` of the million rows, three times: rows/s (the median counts);
#   7. writes the import section of bench/RESULTS.md (between the import markers; the rest is run.sh's);
#   8. deletes the databases (gigabytes), keeping the logs and timings.
# Only 127.0.0.1 is contacted; every process started here is stopped on exit.
#
# Options: --sqlite-only  --skip-build  --rows N (default 1000000)  --accounts N (default 10000)
#          --results FILE (default bench/RESULTS.md)
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO=$(cd "$BENCH/.." && pwd)
SQLITE_ONLY=0; SKIP_BUILD=0; ROWS=1000000; ACCOUNTS=10000; RESULTS="$BENCH/RESULTS.md"
PORT=18082; PG_PORT=55441; PG_BIN=/usr/lib/postgresql/15/bin
INVOCATION="bench/import/run.sh${*:+ $*}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sqlite-only) SQLITE_ONLY=1 ;;
    --skip-build) SKIP_BUILD=1 ;;
    --rows) ROWS=$2; shift ;;
    --accounts) ACCOUNTS=$2; shift ;;
    --results) RESULTS=$2; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "import/run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

RUN_ID=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$BENCH/out/import-$RUN_ID"
DATA="$BENCH/out/import-data-$ROWS-$ACCOUNTS"
APP="$BENCH/out/app/rapport"
mkdir -p "$OUT"
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }

source "$BENCH/lib.sh"

command -v sqlite3 >/dev/null || { echo "import/run.sh: sqlite3 is missing (apt-get install sqlite3)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "import/run.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

[[ $SKIP_BUILD -eq 0 ]] && publish_app
[[ -x "$APP" ]] || { echo "import/run.sh: $APP missing (drop --skip-build)" >&2; exit 1; }
cp "$BENCH/out/app-build.json" "$OUT/build.json" 2>/dev/null || echo '{"commit": "unknown", "dirty": 0}' > "$OUT/build.json"

if [[ ! -f "$DATA/bad_lines.txt" ]]; then
  log "generating $ROWS contacts and $ACCOUNTS accounts"
  python3 "$BENCH/import/gen_contacts.py" "$DATA" --rows "$ROWS" --accounts "$ACCOUNTS"
fi
BAD=$(wc -l < "$DATA/bad_lines.txt")
log "data: $(du -h "$DATA/contacts.csv" | cut -f1) contacts.csv, $BAD bad rows"

# Creates the two custom fields through the API of a short-lived server.
custom_fields() { # DB
  local creds cid secret token
  creds=$("$APP" clients create --name bench-admin --scopes "crm.admin" --json --db "$1")
  cid=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["client_id"])' "$creds")
  secret=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["client_secret"])' "$creds")
  "$APP" serve --urls "http://127.0.0.1:$PORT" --db "$1" > "$OUT/fields-server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.2; done
  token=$(curl -sf -X POST "http://127.0.0.1:$PORT/oauth/token" -d "grant_type=client_credentials&client_id=$cid&client_secret=$secret" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
  curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/metadata/fields/contacts" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"name":"tier","label":"Tier","type":"picklist","options":["gold","silver","bronze"]}' >/dev/null
  curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/metadata/fields/contacts" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d '{"name":"score","label":"Score","type":"number"}' >/dev/null
  stop_server
}

run_phase() { # LABEL DB
  local label=$1 db=$2
  log "$label: custom fields and $ACCOUNTS accounts"
  custom_fields "$db"
  measured "$label-accounts" "$APP" import accounts "$DATA/accounts.csv" --quiet --db "$db"
  log "$label: importing $ROWS contacts"
  measured "$label-import" "$APP" import contacts "$DATA/contacts.csv" --mapping "$DATA/mapping.yaml" --errors "$OUT/$label-errors.csv" --quiet --db "$db" || true
  grep -q "status.*completed" "$OUT/$label-import.out" || { cat "$OUT/$label-import.out" "$OUT/$label-import.err" >&2; exit 1; }
  log "$label: exporting (three times: the first runs right after the import, on a database just written)"
  for n in 1 2 3; do
    measured "$label-export$n" "$APP" export contacts --format csv --out "$OUT/$label-export.csv" --db "$db"
  done
}

# The tables one imported contact writes to, and the rows of each that belong to the contacts.
CEILING_TABLES=(contacts external_ids changes record_audit)
ceiling_select() { # TABLE COLUMNS SCHEMA ORDER: the import's rows of TABLE (ORDER: the order they were written in)
  local where=""
  [[ $1 != contacts ]] && where=" WHERE object = 'contacts'"
  echo "SELECT $2 FROM $3.$1$where$4"
}

schema_ceiling_sqlite() { # DB
  local db=$1 copy="$OUT/sqlite/schema-ceiling.db" t cols sql=()
  for t in "${CEILING_TABLES[@]}"; do sqlite3 "$db" ".schema $t"; done > "$OUT/sqlite/schema-ceiling.sql"
  sqlite3 "$copy" < "$OUT/sqlite/schema-ceiling.sql"
  for t in "${CEILING_TABLES[@]}"; do
    # changes.seq is left to the copy's AUTOINCREMENT, as the import leaves it to the database.
    cols=$(sqlite3 "$db" "SELECT group_concat(name, ', ') FROM pragma_table_info('$t') WHERE name <> 'seq'")
    sql+=("INSERT INTO main.$t ($cols) $(ceiling_select "$t" "$cols" src " ORDER BY rowid")")
  done
  # The settings of Rapport's bulk connection (SqliteConnectionPool, CliServices): WAL, synchronous=NORMAL,
  # an 8 MiB page cache, a checkpoint every 16,384 pages.
  measured sqlite-schema-ceiling sqlite3 "$copy" "PRAGMA journal_mode=WAL" "PRAGMA synchronous=NORMAL" "PRAGMA cache_size=-8192" \
    "PRAGMA wal_autocheckpoint=16384" "ATTACH '$db' AS src" \
    "BEGIN" "${sql[@]}" "COMMIT"
}

schema_ceiling_postgres() { # PSQL-ARGS...
  local t cols sql="BEGIN;"
  "$@" -qc "CREATE SCHEMA ceiling; $(for t in "${CEILING_TABLES[@]}"; do echo "CREATE TABLE ceiling.$t (LIKE public.$t INCLUDING ALL);"; done)" >/dev/null
  for t in "${CEILING_TABLES[@]}"; do
    # The change feed's position (an identity column) is left to the copy, as the import leaves it to the database.
    cols=$("$@" -Atc "SELECT string_agg(column_name, ', ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '$t' AND is_identity = 'NO'")
    sql+=" INSERT INTO ceiling.$t ($cols) $(ceiling_select "$t" "$cols" public "");"
  done
  measured postgres-schema-ceiling "$@" -v ON_ERROR_STOP=1 -qc "$sql COMMIT;"
}

# ---------------------------------------------------------------------------------------------
SQLITE_DB="$OUT/sqlite/rapport.db"
mkdir -p "$OUT/sqlite"
run_phase sqlite "sqlite:$SQLITE_DB"
log "sqlite: ceiling, sqlite3 .import into a bare table"
measured sqlite-ceiling sqlite3 "$OUT/sqlite/bare.db" -cmd ".mode csv" ".import $DATA/contacts.csv bare"
log "sqlite: schema ceiling, sqlite3 copying the imported rows into empty copies of their tables"
schema_ceiling_sqlite "$SQLITE_DB"
rm -f "$OUT"/sqlite/*.db "$OUT"/sqlite/*.db-wal "$OUT"/sqlite/*.db-shm "$OUT/sqlite-export.csv"

if [[ $SQLITE_ONLY -eq 0 ]]; then
  [[ -x "$PG_BIN/initdb" ]] || { echo "import/run.sh: PostgreSQL 15 not found (or --sqlite-only)" >&2; exit 1; }
  PG_DIR="$OUT/pg"
  mkdir -p "$PG_DIR"; chown postgres "$PG_DIR" 2>/dev/null || true
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust > "$OUT/pg-initdb.log" 2>&1
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=on" -w start > /dev/null
  psql -h 127.0.0.1 -p $PG_PORT -U postgres -qc "CREATE DATABASE rapport" >/dev/null
  run_phase postgres "postgres:Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=rapport"
  log "postgres: ceiling, psql \\copy into a bare table"
  psql -h 127.0.0.1 -p $PG_PORT -U postgres -d rapport -qc "CREATE TABLE bare ($(head -1 "$DATA/contacts.csv" | tr -d '\r' | python3 -c 'import sys; print(", ".join(f"c{i} text" for i,_ in enumerate(sys.stdin.read().split(","))))'))" >/dev/null
  measured postgres-ceiling psql -h 127.0.0.1 -p $PG_PORT -U postgres -d rapport -c "\\copy bare FROM '$DATA/contacts.csv' WITH (FORMAT csv, HEADER true)"
  log "postgres: schema ceiling, PostgreSQL copying the imported rows into empty copies of their tables"
  schema_ceiling_postgres psql -h 127.0.0.1 -p $PG_PORT -U postgres -d rapport
  PG_DATA="$PG_DIR/data"
  stop_postgres
  rm -rf "$PG_DATA" "$OUT/postgres-export.csv"
fi

python3 "$BENCH/import/report.py" --out "$OUT" --data "$DATA" --rows "$ROWS" --bad "$BAD" --results "$RESULTS" --invocation "$INVOCATION"
