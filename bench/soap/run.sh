#!/usr/bin/env bash
# SOAP benchmark (issue "SOAP API with WSDL ...", performance section): SOAP RetrieveContact against the
# REST GET /api/v1/contacts/{id} of the same contacts, on one server, in alternating rounds of one run.
# A measurement, not a test: it fails only when something breaks (a non-2xx answer, a server that does not start).
#
#   1. publishes src/Rapport.Cli -c Release (bench/lib.sh publish_app) unless --skip-build;
#   2. starts `rapport serve` on a fresh SQLite file on 127.0.0.1, registers a client, creates N contacts;
#   3. warms both calls up, then runs ROUNDS x (REST, SOAP) with wrk, each for DURATION, rotating over the ids;
#   4. prints the medians and their ratio and writes the soap section of bench/RESULTS.md.
# Options: --skip-build, --contacts N (1000), --rounds N (3), --duration D (10s), --connections N (32), --results FILE
set -euo pipefail

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO=$(cd "$BENCH/.." && pwd)
SKIP_BUILD=0; CONTACTS=1000; ROUNDS=3; DURATION=10s; CONNECTIONS=32; RESULTS="$BENCH/RESULTS.md"; PORT=18086
PG_BIN=/usr/lib/postgresql/15/bin
INVOCATION="bench/soap/run.sh${*:+ $*}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --skip-build) SKIP_BUILD=1 ;;
    --contacts) CONTACTS=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --results) RESULTS=$2; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

OUT="$BENCH/out/soap-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
source "$BENCH/lib.sh"

[[ $SKIP_BUILD -eq 1 && -x "$BENCH/out/app/rapport" ]] || publish_app
APP="$BENCH/out/app/rapport"
DB="sqlite:$OUT/rapport.db"
URL="http://127.0.0.1:$PORT"

"$APP" migrate --db "$DB" > "$OUT/migrate.log"
CREDS=$("$APP" clients create --name soap-bench --scopes "crm.read crm.write" --json --db "$DB")
"$APP" serve --db "$DB" --urls "$URL" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do curl -sf "$URL/health/live" >/dev/null && break; sleep 0.5; done
curl -sf "$URL/health/live" >/dev/null || { cat "$OUT/server.log" >&2; exit 1; }

TOKEN=$(python3 - "$URL" "$CREDS" <<'PY'
import json, sys, urllib.parse, urllib.request
url, creds = sys.argv[1], json.loads(sys.argv[2])
form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": creds["client_id"], "client_secret": creds["client_secret"]}).encode()
print(json.load(urllib.request.urlopen(url + "/oauth/token", form))["access_token"])
PY
)
export TOKEN IDS_FILE="$OUT/ids.txt"

log "creating $CONTACTS contacts"
python3 - "$URL" "$TOKEN" "$CONTACTS" > "$IDS_FILE" <<'PY'
import json, sys, urllib.request
url, token, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
for start in range(0, n, 500):
    ops = [{"method": "POST", "path": "/contacts", "body": {
        "firstName": f"Bench{i}", "lastName": f"Soap{i}", "title": "Buyer",
        "emails": [{"address": f"bench{i}@example.com", "type": "work", "primary": True}],
        "phones": [{"number": "+33123456789", "type": "work"}],
        "address": {"street": "1 rue de la Paix", "city": "Paris", "postalCode": "75002", "country": "FR"}}}
        for i in range(start, min(n, start + 500))]
    req = urllib.request.Request(url + "/api/v1/batch", json.dumps({"atomic": True, "operations": ops}).encode(),
                                 {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    for result in json.load(urllib.request.urlopen(req))["results"]:
        print(result["body"]["id"])
PY

run_wrk() { # MODE NAME DURATION
  MODE=$1 wrk -t2 -c"$CONNECTIONS" -d"$3" --latency -s "$BENCH/soap/retrieve.lua" "$URL" > "$OUT/$2.txt"
  if grep -q "Non-2xx" "$OUT/$2.txt"; then cat "$OUT/$2.txt" >&2; echo "non-2xx answers in $2" >&2; exit 1; fi
}
log "warming up"
run_wrk rest warm-rest 5s; run_wrk soap warm-soap 5s
for r in $(seq 1 "$ROUNDS"); do
  log "round $r: REST GET, then SOAP RetrieveContact ($DURATION each, $CONNECTIONS connections)"
  run_wrk rest "rest-$r" "$DURATION"; run_wrk soap "soap-$r" "$DURATION"
done
RSS=$(awk '/VmHWM/ {print $2}' "/proc/$SERVER_PID/status")
stop_server

python3 - "$OUT" "$ROUNDS" "$RESULTS" "$INVOCATION" "$CONTACTS" "$CONNECTIONS" "$DURATION" "$RSS" <<'PY'
import pathlib, re, statistics, sys, subprocess, datetime
out, rounds, results, invocation, contacts, conns, duration, rss = sys.argv[1:9]
def figures(name):
    text = pathlib.Path(out, name + ".txt").read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", text)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    return rps, float(p99.group(1)) * scale
rest = [figures(f"rest-{r}") for r in range(1, int(rounds) + 1)]
soap = [figures(f"soap-{r}") for r in range(1, int(rounds) + 1)]
rest_rps = statistics.median(r for r, _ in rest); soap_rps = statistics.median(r for r, _ in soap)
rest_p99 = statistics.median(p for _, p in rest); soap_p99 = statistics.median(p for _, p in soap)
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
rows = "\n".join(f"| {i} | {r[0]:,.0f} | {s[0]:,.0f} | {s[0] / r[0]:.2f} |" for i, (r, s) in enumerate(zip(rest, soap), 1))
section = f"""<!-- soap-benchmark:begin -->
## SOAP RetrieveContact against REST GET

`{invocation}` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}, SQLite, {contacts} contacts,
wrk -t2 -c{conns}, {rounds} alternating rounds of {duration} each (median shown); server, wrk and database share the 2 cores.

| | req/s | p99 | target |
|---|---:|---:|---|
| REST `GET /api/v1/contacts/{{id}}` | {rest_rps:,.0f} | {rest_p99:.1f} ms | |
| SOAP 1.1 `RetrieveContact` | {soap_rps:,.0f} | {soap_p99:.1f} ms | >= 5,000 req/s |
| ratio SOAP / REST | {soap_rps / rest_rps:.2f} | | |

| round | REST req/s | SOAP req/s | ratio |
|---:|---:|---:|---:|
{rows}

Server peak RSS {int(rss) / 1024:.0f} MiB. Raw wrk output: `{pathlib.Path(out).name}` under bench/out (not committed).
<!-- soap-benchmark:end -->"""
path = pathlib.Path(results)
text = path.read_text() if path.exists() else "# Benchmark results\n"
if "<!-- soap-benchmark:begin -->" in text:
    text = re.sub(r"<!-- soap-benchmark:begin -->.*?<!-- soap-benchmark:end -->", lambda _: section, text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n" + section + "\n"
path.write_text(text)
print(f"REST {rest_rps:,.0f} req/s, SOAP {soap_rps:,.0f} req/s, ratio {soap_rps / rest_rps:.2f}")
PY
