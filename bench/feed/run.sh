#!/usr/bin/env bash
# Feed load benchmark (issue 3): a release build of `comune`, the demo instance plus POSTS posts
# (with comments and likes) across its channels, on SQLite and on PostgreSQL. For each backend,
# wrk measures requests per second and latency percentiles of `/healthz` and of a channel's
# feed (first page of 20, newest first and "active" order, read anonymously, and newest first read
# by a signed-in resident) against the same server in the same run, and each one's throughput as a
# share of `/healthz`'s.
#
#   bench/feed/run.sh                       # both backends, 100,000 posts
#   POSTS=10000 DURATION=5s bench/feed/run.sh sqlite
#
# Needs: wrk (apt-get install -y wrk), python3, psql and a PostgreSQL server for the postgres run
# (PG_URL, default postgres://postgres@127.0.0.1:5432; a database comune_bench_feed is
# recreated). Prints a Markdown table; copy it into docs/benchmarks.md with the date and machine.
set -euo pipefail
cd "$(dirname "$0")/../.."

POSTS=${POSTS:-100000}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=${PORT:-18461}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
backends=("$@")
[ ${#backends[@]} -eq 0 ] && backends=(sqlite postgres)

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
# COMUNE_BIN: an already built release binary to measure instead of building one.
if [ -n "${COMUNE_BIN:-}" ]; then
  bin=$COMUNE_BIN
else
  cargo build --release --locked --bin comune >&2
  bin=$PWD/target/release/comune
fi
work=$(mktemp -d)
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

start_server() { # data dir, database URL
  COMUNE_DATA_DIR=$1 COMUNE_DATABASE_URL=$2 COMUNE_BIND=127.0.0.1:$PORT \
    COMUNE_PUBLIC_URL=http://localhost:$PORT COMUNE_DEMO=true COMUNE_LOG=warn \
    "$bin" serve >"$1/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$1/server.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "the server did not come up" >&2; exit 1
}

stop_server() {
  kill -TERM "$server_pid"; wait "$server_pid" || true; server_pid=
}

# One wrk run: prints "requests/s p50 p99" (latencies in ms). Extra arguments go to wrk.
measure() {
  local url=$1; shift
  wrk --latency -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$@" "$url" | python3 -c '
import re, sys
text = sys.stdin.read()
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
lat = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)\.000%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)}
if not lat:
    lat = {p: ms(v, u) for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)}
errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
if errors:
    sys.exit("wrk saw %s failed responses:\n%s" % (errors.group(1), text))
print("%.0f %.2f %.2f" % (rps, lat["50"], lat["99"]))
'
}

rows=()
for backend in "${backends[@]}"; do
  dir=$work/$backend
  mkdir -p "$dir"
  case $backend in
    sqlite) url="sqlite://$dir/comune.db" ;;
    postgres)
      psql -q -X "$PG_URL/postgres" -c "DROP DATABASE IF EXISTS comune_bench_feed WITH (FORCE)" >&2
      psql -q -X "$PG_URL/postgres" -c "CREATE DATABASE comune_bench_feed" >&2
      url="$PG_URL/comune_bench_feed" ;;
    *) echo "unknown backend $backend (sqlite or postgres)" >&2; exit 2 ;;
  esac
  echo "== $backend: demo, then $POSTS posts" >&2
  start_server "$dir" "$url"
  stop_server
  if [ "$backend" = sqlite ]; then
    python3 bench/feed/seed.py --sqlite "$dir/comune.db" --posts "$POSTS"
  else
    python3 bench/feed/seed.py --postgres "$url" --posts "$POSTS"
  fi
  start_server "$dir" "$url"
  base=http://127.0.0.1:$PORT
  channel=$(curl -sf "$base/api/v1/communities" | python3 -c '
import json, sys, urllib.request
base = sys.argv[1]
slug = json.load(sys.stdin)["items"][0]["slug"]
channels = json.load(urllib.request.urlopen(f"{base}/api/v1/communities/{slug}/channels"))
print(next(c["id"] for c in channels if c["kind"] == "dialogue" and c["visibility"] == "public"))
' "$base")
  feed="$base/api/v1/channels/$channel/posts"
  # Warm the caches (and the page cache) before measuring.
  wrk -t1 -c4 -d3s "$feed" >/dev/null
  read -r h_rps h_p50 h_p99 < <(measure "$base/healthz")
  read -r f_rps f_p50 f_p99 < <(measure "$feed")
  read -r a_rps a_p50 a_p99 < <(measure "$feed?order=active")
  # A resident's own read: signed in, so never served from the anonymous cache.
  token=$(python3 -c '
import json, sys, urllib.request
username, password = open(sys.argv[2]).read().split("\n")[:2]
req = urllib.request.Request(sys.argv[1] + "/api/v1/auth/login", method="POST",
    data=json.dumps({"login": username, "password": password}).encode(),
    headers={"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(req))["access_token"])
' "$base" "$dir/demo-admin.txt")
  read -r s_rps s_p50 s_p99 < <(measure "$feed" -H "Authorization: Bearer $token")
  stop_server
  ratio() { python3 -c "print(f'{100 * $1 / $2:.0f} %')"; }
  rows+=("| $backend | \`/healthz\` | $h_rps | $h_p50 | $h_p99 | 100 % |")
  rows+=("| $backend | feed, newest first | $f_rps | $f_p50 | $f_p99 | $(ratio "$f_rps" "$h_rps") |")
  rows+=("| $backend | feed, active | $a_rps | $a_p50 | $a_p99 | $(ratio "$a_rps" "$h_rps") |")
  rows+=("| $backend | feed, newest first, signed in | $s_rps | $s_p50 | $s_p99 | $(ratio "$s_rps" "$h_rps") |")
done

echo
echo "$POSTS posts; wrk -t$THREADS -c$CONNECTIONS -d$DURATION; $(nproc) cores; $(date -u +%F)"
echo
echo "| backend | request | requests/s | p50 ms | p99 ms | share of /healthz |"
echo "| --- | --- | ---: | ---: | ---: | ---: |"
printf '%s\n' "${rows[@]}"
