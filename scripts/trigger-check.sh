#!/usr/bin/env bash
# A triggered load end to end, without a Polygon key, as a new user runs it:
#   1. `./mdw up` pointed at scripts/provider-stub.py (a local stand-in for Polygon serving the recorded sample,
#      X:ETHUSD 5-minute bars, in pages of 200 bars answered 1 s apart), and a trigger key from `./mdw keys create`;
#   2. POST /api/v1/enrichment/trigger (JSON body) for X:ETHUSD 5m, then GET /api/v1/enrichment/jobs/{job_id} until it
#      ends, printing each distinct status with its per-partition progress: it must go queued → in_progress (with
#      progress part-way) → completed; a second identical trigger meanwhile must answer 409 with the same job id;
#   3. GET /api/v1/historical/X:ETHUSD must serve exactly the bars the stand-in served (same times and values).
# Runs its own MDW_HOME under a temp dir (removed when the check passes) on its own ports; stops what it started.
# Exit status 0 when all of it holds, else 1 with the reason on the last line.
#
# Usage: scripts/trigger-check.sh
# Environment: CHECK_API_PORT (28280), CHECK_NODE_PORT (28281), CHECK_STUB_PORT (28290), CHECK_PG_PORT (54349)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
api_port="${CHECK_API_PORT:-28280}" node_port="${CHECK_NODE_PORT:-28281}" stub_port="${CHECK_STUB_PORT:-28290}"
pg_port="${CHECK_PG_PORT:-54349}"
recording=data/sample/polygon-aggs-X_ETHUSD-5m-2023-03-13.json
recorded_bars=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["results"]))' "$recording")
api="http://localhost:$api_port"
home="$(mktemp -d "${TMPDIR:-/tmp}/trigger-check.XXXXXX")"
pids=()

fail() { echo "FAIL: $*" >&2; exit 1; }
cleanup() {
  local status=$? i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do wait "${pids[i]}" 2>/dev/null || true; done
  if [ -f "$home/postgres/postmaster.pid" ]; then kill -INT "$(head -1 "$home/postgres/postmaster.pid")" 2>/dev/null || true; fi
  if [ "$status" = 0 ]; then rm -rf "$home"; else echo "(logs kept in $home)" >&2; fi
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { python3 -c 'import sys; print("%.1f" % (float(sys.argv[2]) - float(sys.argv[1])))' "$1" "$(now)"; }
field() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1])).get(sys.argv[2], ""))' "$1" "$2"; }
trigger() { # JSON body → the HTTP status; the answer in $home/answer.json
  curl -sS -X POST -H "X-API-Key: $key" -H 'Content-Type: application/json' -d "$1" -o "$home/answer.json" \
    -w '%{http_code}' "$api/api/v1/enrichment/trigger"
}
# A job as one line: its status, then per partition what was read, written and rejected so far.
describe_job() {
  python3 - "$1" <<'PY'
import json, sys
job = json.load(open(sys.argv[1]))
parts = ["%s %s read %d written %d rejected %d" % (p["symbol"], p["timeframe"], p["read"], p["written"], p["rejected"])
         for p in job.get("partitions") or []]
print(job["status"], "|", "; ".join(parts) or "no partition started yet")
PY
}

for port in "$api_port" "$node_port" "$stub_port"; do
  if curl -s -o /dev/null "http://localhost:$port/"; then
    fail "port $port is taken: set CHECK_API_PORT, CHECK_NODE_PORT or CHECK_STUB_PORT"
  fi
done

echo "--- 1. ./mdw up pointed at a local stand-in for Polygon (MDW_HOME=$home)"
./mdw --version >/dev/null   # builds if needed
python3 scripts/provider-stub.py "$stub_port" "$recording" --page 200 --delay 1 >"$home/provider-stub.log" 2>&1 &
pids+=($!)
# No bundled sample (it is the same recording): every X:ETHUSD bar the API serves below comes from the triggered load.
touch "$home/.sample-loaded"
# As the README runs it, plus: one load at a time on the node, one series at a time in a load, so that a first load
# keeps the node busy for a few seconds and the load under test is seen waiting; no client-side rate limit to wait for.
started=$(now)
MDW_HOME="$home" MDW_EMBEDDED_PORT="$pg_port" SERVER_PORT="$api_port" MANAGEMENT_SERVER_PORT="$node_port" \
  POLYGON_BASE_URL="http://127.0.0.1:$stub_port" POLYGON_API_KEY=stand-in MDW_BATCH_CHUNK_SIZE=100 \
  MDW_SCHEDULER_THREADS=1 MDW_BATCH_CONCURRENCY=1 POLYGON_CALLS_PER_MINUTE=600 ./mdw up >"$home/up.log" 2>&1 &
up_pid=$!
pids+=($up_pid)
for _ in $(seq 1 300); do
  curl -fsS -o /dev/null "$api/health" 2>/dev/null && break
  kill -0 "$up_pid" 2>/dev/null || fail "./mdw up stopped: $(tail -1 "$home/up.log")"
  sleep 1
done
curl -fsS -o /dev/null "$api/health" || fail "the API did not answer at $api/health within 5 minutes"
echo "up in $(since "$started") s: the API on :$api_port, a batch node on :$node_port, the stand-in on :$stub_port"

key=$(MDW_HOME="$home" MDW_EMBEDDED_PORT="$pg_port" ./mdw keys create --name trigger-check --scopes trigger | tail -1)
[[ "$key" == mdw_* ]] || fail "./mdw keys create printed no key: $key"
echo "trigger key created with ./mdw keys create"
bars_url="$api/api/v1/historical/X:ETHUSD?timeframe=5m&start=2023-03-13&end=2023-03-15&validated_only=false"
before=$(curl -s -o /dev/null -w '%{http_code}' "$bars_url")
[ "$before" = 404 ] || fail "the warehouse already had X:ETHUSD 5m bars before the trigger (GET answered $before)"

echo "--- 2. triggered loads, followed through GET /api/v1/enrichment/jobs/{job_id}"
# The stand-in has no bars for X:BTCUSD: four series answered empty, a second each, keep the node busy meanwhile.
code=$(trigger '{"symbols":["X:BTCUSD"],"timeframes":["1m","15m","1h","1d"],"start":"2023-03-13","end":"2023-03-15"}')
[ "$code" = 202 ] || fail "the first trigger answered $code: $(cat "$home/answer.json")"
first_job=$(field "$home/answer.json" job_id)
echo "X:BTCUSD 1m, 15m, 1h, 1d (no recorded bars; keeps the node's one worker busy for 4 s or more): job $first_job"

body='{"symbols":["X:ETHUSD"],"timeframes":["5m"],"start":"2023-03-13","end":"2023-03-15"}'   # as in the README
posted=$(now)
code=$(trigger "$body")
[ "$code" = 202 ] || fail "the trigger answered $code: $(cat "$home/answer.json")"
job=$(field "$home/answer.json" job_id)
echo "POST /api/v1/enrichment/trigger $body"
echo "  → 202, job $job, status $(field "$home/answer.json" status), asset class $(field "$home/answer.json" asset_class)"
[ "$(field "$home/answer.json" asset_class)" = crypto ] || fail "X:ETHUSD was taken for a $(field "$home/answer.json" asset_class), not crypto"

statuses=() last="" midway="" duplicate=""
for _ in $(seq 1 900); do
  code=$(curl -sS -H "X-API-Key: $key" -o "$home/job.json" -w '%{http_code}' "$api/api/v1/enrichment/jobs/$job")
  [ "$code" = 200 ] || fail "GET /api/v1/enrichment/jobs/$job answered $code: $(cat "$home/job.json")"
  line=$(describe_job "$home/job.json")
  status=${line%% *}
  if [ "$line" != "$last" ]; then
    printf '  +%5s s  %s\n' "$(since "$posted")" "$line"
    last=$line
    [ "${#statuses[@]}" -gt 0 ] && [ "${statuses[-1]}" = "$status" ] || statuses+=("$status")
    if [ "$status" = in_progress ] && [[ "$line" =~ written\ ([1-9][0-9]*) ]] \
        && [ "${BASH_REMATCH[1]}" -lt "$recorded_bars" ]; then
      midway=$line
    fi
  fi
  if [ -z "$duplicate" ] && { [ "$status" = queued ] || [ "$status" = in_progress ]; }; then
    code=$(trigger "$body")
    again=$(field "$home/answer.json" job_id)
    echo "  the same trigger again while $status → $code, job_id $again"
    [ "$code" = 409 ] && [ "$again" = "$job" ] || fail "a second identical trigger answered $code with job id '$again', not 409 with $job"
    duplicate=done
  fi
  case "$status" in completed | failed) break ;; esac
  sleep 0.2
done
took=$(since "$posted")
echo "status sequence: ${statuses[*]} (${took} s from the trigger)"
[ "${statuses[*]}" = "queued in_progress completed" ] \
  || fail "job $job went '${statuses[*]}', not 'queued in_progress completed' (error: $(field "$home/job.json" error_message))"
[ -n "$duplicate" ] || fail "the job was never seen queued or running, so the duplicate trigger was not tried"
[ -n "$midway" ] || fail "no progress was seen while the job ran (no in_progress answer with some bars written)"
first_status=$(describe_job <(curl -fsS -H "X-API-Key: $key" "$api/api/v1/enrichment/jobs/$first_job"))
echo "the X:BTCUSD job: $first_status"

echo "--- 3. what the API serves against what the stand-in served"
python3 - "$bars_url" "http://127.0.0.1:$stub_port" "$home/provider-stub.log" "$home/job.json" <<'PY'
import json, re, sys
from datetime import datetime
from decimal import Decimal
from urllib.request import Request, urlopen

bars_url, stub, stub_log, job_file = sys.argv[1:]
def get(url, headers={}):
    return json.loads(urlopen(Request(url, headers=headers)).read(), parse_float=Decimal)

# the pages the node asked for, as the stand-in logged them; replaying its first request gives what it served
requests = re.findall(r'"GET (/v2/aggs/ticker/X:ETHUSD/\S+) HTTP', open(stub_log).read())
served, url = [], stub + requests[0]
while url:
    page = get(url, {"Authorization": "Bearer stand-in"})
    served += page.get("results", [])
    url = page.get("next_url")
stored = get(bars_url)["data"]
job = json.load(open(job_file))
written = sum(p["written"] for p in job["partitions"])
print("the node fetched %d pages; the stand-in served %d bars, the job wrote %d, the API serves %d"
      % (len(requests), len(served), written, len(stored)))

def epoch_ms(iso):
    return int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1000)
mismatches = [(s, b) for s, b in zip(served, stored)
              if (s["t"], s["o"], s["h"], s["l"], s["c"], s["v"])
              != (epoch_ms(b["time"]), b["open"], b["high"], b["low"], b["close"], b["volume"])]
if len(served) != len(stored) or written != len(served) or mismatches:
    print("FAIL: the API does not serve exactly the bars the stand-in served (%d served, %d stored; first difference: %s)"
          % (len(served), len(stored), mismatches[:1]), file=sys.stderr)
    sys.exit(1)
print("every bar matches in time, open, high, low, close and volume (first %s %s, last %s %s)"
      % (stored[0]["time"], stored[0]["close"], stored[-1]["time"], stored[-1]["close"]))
PY
echo "OK: the trigger went queued → in_progress → completed in $took s, a duplicate got 409 with its job id, and the API serves exactly the bars the stand-in served"
