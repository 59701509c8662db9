#!/usr/bin/env bash
# Federation benchmark (issue 5, acceptance 5), on loopback, on SQLite and on PostgreSQL:
#
# - inbound: signed activities posted to the shared inbox, verified and stored, per second
#   (Like, with the community announcing each like back to its followers; and Create(Note)
#   comments, which nothing announces), with latency percentiles;
# - fan-out: the time from the API's answer to a new post until the last of 100 receiving
#   instances (1,000 followers, 10 per instance, shared inboxes) has it.
#
# Each measure gets a fresh `comune serve` (release build) with a fresh database. The bench
# program (bench/federation, built in target/bench-federation) plays the other instances on
# PEER_PORT, under the plain host names the server resolves there.
#
#   bench/federation/run.sh                        # both backends
#   bench/federation/run.sh sqlite
#   COMUNE_BIN=target/release/comune ACTIVITIES=2000 bench/federation/run.sh postgres
#
# Settings: COMUNE_BIN (a comune binary to measure instead of building the release one),
# ACTIVITIES (5000), PEOPLE (100), POSTS (50, the posts comments go to), CONCURRENCY (32), KINDS ("like note"), HOSTS (100),
# PER_HOST (10), RUNS (5), PORT (18471), PEER_PORT (18473), PG_URL
# (postgres://postgres@127.0.0.1:5432; the database comune_bench_federation is dropped and
# recreated), PG_PARAMS (sslmode=disable: the connection parameters the server gets; TLS to a
# database on the same machine protects nothing and cost a quarter of the throughput here, see
# docs/benchmarks.md; PG_PARAMS= keeps libpq's default, TLS when the server offers it).
# Prints Markdown tables; copy them into docs/benchmarks.md with the date and machine.
set -euo pipefail
cd "$(dirname "$0")/../.."

ACTIVITIES=${ACTIVITIES:-5000}
PEOPLE=${PEOPLE:-100}
POSTS=${POSTS:-50}
CONCURRENCY=${CONCURRENCY:-32}
KINDS=${KINDS:-like note}
HOSTS=${HOSTS:-100}
PER_HOST=${PER_HOST:-10}
RUNS=${RUNS:-5}
PORT=${PORT:-18471}
PEER_PORT=${PEER_PORT:-18473}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
PG_PARAMS=${PG_PARAMS-sslmode=disable}
PG_DB=comune_bench_federation
backends=("$@")
[ ${#backends[@]} -eq 0 ] && backends=(sqlite postgres)

if [ -n "${COMUNE_BIN:-}" ]; then
  bin=$(realpath "$COMUNE_BIN")
else
  timeout 3600 cargo build --release --locked --bin comune >&2
  bin=$PWD/target/release/comune
fi
CARGO_TARGET_DIR=target/bench-federation \
  timeout 3600 cargo build --release --locked --manifest-path bench/federation/Cargo.toml >&2
fedbench=$PWD/target/bench-federation/release/fedbench

export FEDBENCH_PASSWORD=bench-federation-Passw0rd-2026
resolve=$("$fedbench" resolve --peer "127.0.0.1:$PEER_PORT" --hosts "$HOSTS")
work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT

server_env() { # data dir, database URL, command...
  exec env COMUNE_DATA_DIR="$1" COMUNE_DATABASE_URL="$2" COMUNE_BIND="127.0.0.1:$PORT" \
    COMUNE_PUBLIC_URL=http://comune.bench COMUNE_DEMO=false COMUNE_LOG=warn \
    COMUNE_FEDERATION_ALLOW_PRIVATE=true COMUNE_FEDERATION_RESOLVE="$resolve" \
    COMUNE_THROTTLE_NEW_ACCOUNT_WRITES_PER_HOUR=100000 \
    "${@:3}"
}

# A fresh database and data folder, a server on them, and the admin the bench signs in as.
start_fresh() { # backend, name
  local dir=$work/$1-$2 url
  mkdir -p "$dir"
  case $1 in
    sqlite) url="sqlite://$dir/comune.db" ;;
    postgres)
      psql -q -X "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >&2
      psql -q -X "$PG_URL/postgres" -c "CREATE DATABASE $PG_DB" >&2
      url="$PG_URL/$PG_DB${PG_PARAMS:+?$PG_PARAMS}" ;;
    *) echo "unknown backend $1 (sqlite or postgres)" >&2; exit 2 ;;
  esac
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz"; then
    echo "something already listens on port $PORT" >&2; exit 1
  fi
  (server_env "$dir" "$url" "$bin" serve >"$dir/server.log" 2>&1) &
  server_pid=$!
  local up=
  for _ in $(seq 1 600); do
    if curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; then up=1; break; fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$up" ] || { echo "the server did not come up" >&2; exit 1; }
  printf '%s\n' "$FEDBENCH_PASSWORD" |
    (server_env "$dir" "$url" "$bin" admin create --username bench --email bench@example.org >&2)
}

stop_server() {
  kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=
}

common() {
  echo --server "127.0.0.1:$PORT" --peer "127.0.0.1:$PEER_PORT" --server-pid "$server_pid"
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

inbound_rows=()
fanout_rows=()
echo "load average at the start: $(load)" >&2
for backend in "${backends[@]}"; do
  for kind in $KINDS; do
    echo "== $backend: inbound $kind" >&2
    start_fresh "$backend" "inbound-$kind"
    # shellcheck disable=SC2046
    inbound_rows+=("$("$fedbench" inbound $(common) --label "$backend" --kind "$kind" \
      --activities "$ACTIVITIES" --people "$PEOPLE" --posts "$POSTS" --concurrency "$CONCURRENCY")")
    stop_server
  done
  echo "== $backend: fan-out" >&2
  start_fresh "$backend" fanout
  # shellcheck disable=SC2046
  fanout_rows+=("$("$fedbench" fanout $(common) --label "$backend" \
    --hosts "$HOSTS" --per-host "$PER_HOST" --runs "$RUNS")")
  stop_server
done
if [[ " ${backends[*]} " == *" postgres "* ]]; then
  psql -q -X "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >&2
fi

echo
echo "$(date -u +%F); $(nproc) cores; $(free -g | awk '/^Mem:/ {print $2 " GiB RAM"}'); load average at the end: $(load)"
echo "comune: $("$bin" --version) ($bin)"
echo "PostgreSQL: $PG_URL${PG_PARAMS:+?$PG_PARAMS}"
echo
echo "Inbound: $ACTIVITIES signed activities from $PEOPLE people, $CONCURRENCY in flight"
echo
echo "| backend | activity | activities | posts | in flight | accepted/s | p50 ms | p90 ms | p99 ms | max ms | server CPU | announces back (all arrived after) |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
printf '%s\n' "${inbound_rows[@]}"
echo
echo "Fan-out: one post to $((HOSTS * PER_HOST)) followers on $HOSTS instances, $RUNS runs (seconds from the API's answer)"
echo
echo "| backend | followers | runs | last host, median | last host, max | last host, each run | first host, each run | follows accepted in |"
echo "| --- | --- | ---: | ---: | ---: | --- | --- | ---: |"
printf '%s\n' "${fanout_rows[@]}"
