# Shared by bench/run.sh and bench/import/run.sh (sourced, not run). Expects BENCH, REPO, OUT, PG_BIN
# and a log function to be set by the caller.

# Cleanup: everything a benchmark starts is tracked by PID (or by its own data directory for
# PostgreSQL) and stopped on exit, whatever the exit path.
SERVER_PID=""
PG_DIR=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
as_postgres() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
stop_postgres() {
  if [[ -n "$PG_DIR" && -f "$PG_DIR/data/postmaster.pid" ]]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  PG_DIR=""
}
cleanup() { stop_server; stop_postgres; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# Publishes src/Rapport.Cli -c Release into bench/out/app. The working tree is copied first (without
# bin/obj) so that this build never touches the bin/obj folders other people are building in, and so
# that the binary is one consistent snapshot. bench/out/app-build.json records the commit and how many
# paths under src/ differed from it when the snapshot was taken.
publish_app() {
  log "publishing a snapshot of the working tree ($(git -C "$REPO" rev-parse --short HEAD))"
  local snap="$BENCH/out/src-snapshot"
  rm -rf "$snap"; mkdir -p "$snap"
  tar -C "$REPO" --exclude='bin' --exclude='obj' -cf - Directory.Build.props Directory.Packages.props global.json src \
    | tar -C "$snap" -xf -
  [[ -f "$REPO/NuGet.config" ]] && cp "$REPO/NuGet.config" "$snap/"
  rm -rf "$BENCH/out/app"
  printf '{"commit": "%s", "dirty": %s}\n' "$(git -C "$REPO" rev-parse --short HEAD)" \
    "$(git -C "$REPO" status --porcelain -- src | wc -l)" > "$BENCH/out/app-build.json"
  dotnet publish "$snap/src/Rapport.Cli" -c Release -o "$BENCH/out/app" -v quiet -nologo > "$OUT/publish.log" 2>&1 \
    || { tail -30 "$OUT/publish.log" >&2; echo "publish failed (log: $OUT/publish.log)" >&2; exit 1; }
}

# Runs one measured command under /usr/bin/time -v: NAME, then the command. Writes NAME.time and NAME.out.
measured() {
  local name=$1; shift
  /usr/bin/time -v -o "$OUT/$name.time" "$@" > "$OUT/$name.out" 2> "$OUT/$name.err" || { cat "$OUT/$name.err" >&2; return 1; }
}
