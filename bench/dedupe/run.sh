#!/usr/bin/env bash
# Duplicate-detection benchmark (issue "Data quality", performance section). A measurement, not a timed
# test: it fails only when something breaks, never because a target was missed.
#
#   1. publishes src/Rapport.Cli -c Release from a snapshot of the working tree (or --skip-build);
#   2. generates bench/out/dedupe-data-N (gen_people.py, deterministic): N contacts, 10 % of them duplicates
#      of realistic kinds, the answer key (never imported) and 1,000 incoming records for duplicates/check;
#   3. imports the contacts into a fresh SQLite database (`rapport import`);
#   4. `rapport dedupe contacts --report report.json` under /usr/bin/time -v: wall time and peak RSS, and
#      pairwise precision, recall and F1 of the clusters against the answer key;
#   5. starts `rapport serve` and posts the 1,000 incoming records to POST /api/v1/duplicates/check: the first
#      call (which builds the in-memory index) and then 5 more, each timed; recall on the 500 variants of stored
#      people and how many of the 500 new people were wrongly matched;
#   0. first, the FEBRL quality target: each file imported through the API with tests/data/febrl/mapping.yaml
#      into a fresh database, scanned, the clusters scored against the truth (febrl.py);
#   6. writes the dedupe section of bench/RESULTS.md (between the dedupe markers).
# Only 127.0.0.1 is contacted; every process started here is stopped on exit.
#
# Options: --skip-build  --rows N (default 1000000)  --results FILE (default bench/RESULTS.md)
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO=$(cd "$BENCH/.." && pwd)
SKIP_BUILD=0; ROWS=1000000; RESULTS="$BENCH/RESULTS.md"; PORT=18083; PG_BIN=/usr/lib/postgresql/15/bin
INVOCATION="bench/dedupe/run.sh${*:+ $*}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-build) SKIP_BUILD=1 ;;
    --rows) ROWS=$2; shift ;;
    --results) RESULTS=$2; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "dedupe/run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

RUN_ID=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$BENCH/out/dedupe-$RUN_ID"
DATA="$BENCH/out/dedupe-data-$ROWS"
APP="$BENCH/out/app/rapport"
mkdir -p "$OUT"
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" | tee -a "$OUT/run.log" >&2; }

source "$BENCH/lib.sh"
[[ -x /usr/bin/time ]] || { echo "dedupe/run.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

[[ $SKIP_BUILD -eq 0 ]] && publish_app
[[ -x "$APP" ]] || { echo "dedupe/run.sh: $APP missing (drop --skip-build)" >&2; exit 1; }
cp "$BENCH/out/app-build.json" "$OUT/build.json" 2>/dev/null || echo '{"commit": "unknown", "dirty": 0}' > "$OUT/build.json"

if [[ ! -f "$DATA/check.json" ]]; then
  log "generating $ROWS contacts with 10 % duplicates"
  python3 "$BENCH/dedupe/gen_people.py" "$DATA" --rows "$ROWS"
fi

# Registers a client with SCOPES, starts the server on DB (log: NAME-server.log) and sets TOKEN.
serve_with_token() { # DB SCOPES NAME
  local creds cid secret
  creds=$("$APP" clients create --name "bench-$3" --scopes "$2" --json --db "$1")
  cid=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["client_id"])' "$creds")
  secret=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["client_secret"])' "$creds")
  "$APP" serve --urls "http://127.0.0.1:$PORT" --db "$1" > "$OUT/$3-server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 0.2; done
  TOKEN=$(curl -sf -X POST "http://127.0.0.1:$PORT/oauth/token" -d "grant_type=client_credentials&client_id=$cid&client_secret=$secret" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
}

# FEBRL quality through the API, each file into a fresh database (the issue's quality target).
febrl() { # FILE
  serve_with_token "sqlite:$OUT/febrl-$1.db" "crm.read crm.write crm.admin crm.bulk" "febrl-$1"
  python3 "$BENCH/dedupe/febrl.py" --base "http://127.0.0.1:$PORT" --token "$TOKEN" \
    --file "$REPO/tests/data/febrl/$1.csv" --mapping "$REPO/tests/data/febrl/mapping.yaml" > "$OUT/febrl-$1.json"
  stop_server
}
log "FEBRL dataset1 and dataset2 through the API"
febrl dataset1
febrl dataset2

DB="sqlite:$OUT/rapport.db"
log "importing $ROWS contacts"
measured import "$APP" import contacts "$DATA/contacts.csv" --quiet --db "$DB" || true
grep -q "status.*completed" "$OUT/import.out" || { cat "$OUT/import.out" "$OUT/import.err" >&2; exit 1; }

log "rapport dedupe contacts"
measured dedupe "$APP" dedupe contacts --report "$OUT/report.json" --quiet --db "$DB"

log "duplicates/check: 1,000 incoming records, 6 calls"
serve_with_token "$DB" "crm.read" check
python3 -c 'import json,sys; print(json.dumps({"object": "contacts", "records": [c["record"] for c in json.load(open(sys.argv[1]))]}))' \
  "$DATA/check.json" > "$OUT/check-request.json"
for i in 1 2 3 4 5 6; do
  curl -sf -o "$OUT/check-$i.json" -w '%{time_total}\n' -X POST "http://127.0.0.1:$PORT/api/v1/duplicates/check" \
    -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary "@$OUT/check-request.json" >> "$OUT/check-times.txt"
done
grep "VmHWM" "/proc/$SERVER_PID/status" > "$OUT/server-hwm.txt" || true
stop_server
# Record id -> externalIds.bench, to score the check's answers against the answer key.
sqlite3 -csv "$OUT/rapport.db" "SELECT id, json_extract(external_ids, '\$.bench') FROM contacts" > "$OUT/id-bench.csv"

python3 "$BENCH/dedupe/report.py" --out "$OUT" --data "$DATA" --rows "$ROWS" --results "$RESULTS" --invocation "$INVOCATION"
log "done: $OUT"
