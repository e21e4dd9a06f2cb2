#!/usr/bin/env bash
# Two batch nodes on one warehouse, checked as the clustering issue asks:
#   1. several submitted loads each run exactly once, and both nodes take work; submission-to-start latency;
#   2. the node running a long load is killed with kill -9; the other node recovers it, and the warehouse ends with
#      every bar exactly once; the recovery shows in the job history.
# Runs its own embedded warehouse under var/cluster-check and a slow local stand-in for Polygon; leaves nothing running.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
home="$root/var/cluster-check"
pg_port="${CHECK_PG_PORT:-54339}" stub_port="${CHECK_STUB_PORT:-28190}" node1_port=28181 node2_port=28182
rm -rf "$home" && mkdir -p "$home"
export MDW_HOME="$home" MDW_EMBEDDED_PORT="$pg_port" POLYGON_API_KEY=cluster-check POLYGON_CALLS_PER_MINUTE=100000 \
       POLYGON_BASE_URL="http://127.0.0.1:$stub_port" MDW_BATCH_CHUNK_SIZE=500
db_url="jdbc:postgresql://localhost:$pg_port/postgres?user=postgres"
pids=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  if [ -f "$home/postgres/postmaster.pid" ]; then kill -INT "$(head -1 "$home/postgres/postmaster.pid")" 2>/dev/null || true; fi
}
trap cleanup EXIT
sql() { psql "postgresql://postgres@localhost:$pg_port/postgres" -Atc "$1"; }
wait_health() { for _ in $(seq 1 120); do curl -fsS "http://localhost:$1/actuator/health" >/dev/null 2>&1 && return 0; sleep 1; done; echo "node on :$1 did not start" >&2; exit 1; }
status_of() { sql "select e.status from batch_job_execution e join batch_job_execution_params p using (job_execution_id)
                   where p.parameter_name = 'requestId' and p.parameter_value = '$1' order by e.job_execution_id desc limit 1"; }
wait_completed() { for _ in $(seq 1 600); do [ "$(status_of "$1")" = COMPLETED ] && return 0; sleep 1; done; echo "job $1 did not complete" >&2; exit 1; }

./mdw --version >/dev/null   # builds if needed
python3 scripts/slow-provider.py "$stub_port" 0.4 & pids+=($!)
MANAGEMENT_SERVER_PORT=$node1_port ./mdw node >"$home/node1.log" 2>&1 & pids+=($!); node1=$!
wait_health $node1_port
MDW_DB_URL="$db_url" MANAGEMENT_SERVER_PORT=$node2_port ./mdw node >"$home/node2.log" 2>&1 & pids+=($!); node2=$!
wait_health $node2_port
echo "two nodes up: :$node1_port (pid $node1) and :$node2_port (pid $node2), warehouse on port $pg_port"

echo "--- 1. six short loads"
ids=() submitted=()
for i in 1 2 3 4 5 6; do
  answer=$(MDW_DB_URL="$db_url" ./mdw submit --symbols "X:SHORT$i" --timeframes 1m --from 2024-01-01 --to 2024-01-01)
  ids+=("$(echo "$answer" | awk '{print $NF}')")
  submitted+=("$(date -d "$(echo "$answer" | sed -E 's/^queued at ([^ ]+): job .*/\1/')" +%s.%N)")
  sleep 2
done
for id in "${ids[@]}"; do wait_completed "$id"; done
for n in "${!ids[@]}"; do
  id=${ids[$n]}
  runs=$(sql "select count(*) from batch_job_execution_params where parameter_name = 'requestId' and parameter_value = '$id'")
  line=$(grep -h "Running load job $id" "$home/node1.log" "$home/node2.log")
  on=$(grep -l "Running load job $id" "$home/node1.log" "$home/node2.log" | xargs -n1 basename | tr '\n' ' ')
  started=$(date -d "$(echo "$line" | awk '{print $1}')" +%s.%N)
  echo "job $id: $runs execution(s), ran on $on, started $(echo "($started - ${submitted[$n]}) * 1000 / 1" | bc) ms after it was queued"
  [ "$runs" = 1 ] || { echo "FAIL: job $id ran $runs times" >&2; exit 1; }
done
echo "jobs per node: node1 $(grep -c 'Running load job' "$home/node1.log"), node2 $(grep -c 'Running load job' "$home/node2.log")"

echo "--- 2. a long load, its node killed with kill -9"
long=$(MDW_DB_URL="$db_url" ./mdw submit --symbols X:LONG --timeframes 1m --from 2024-01-01 --to 2024-02-15 | awk '{print $NF}')
for _ in $(seq 1 60); do grep -q "Running load job $long" "$home/node1.log" "$home/node2.log" && break; sleep 1; done
sleep 8
if grep -q "Running load job $long" "$home/node1.log"; then victim=$node1 survivor=node2; else victim=$node2 survivor=node1; fi
stored=$(sql "select count(*) from bars where symbol = 'X:LONG'")
echo "killing pid $victim with kill -9 at $(date -u +%T) ($stored bars committed so far)"
kill -9 "$victim"
killed=$(date +%s)
wait_completed "$long"
recovered=$(grep -h "Running load job $long (recovering)" "$home/node1.log" "$home/node2.log" | awk '{print $1}')
echo "recovered by $survivor $(( $(date -d "$recovered" +%s) - killed )) s after the kill; completed $(( $(date +%s) - killed )) s after it"
read -r total distinct <<<"$(sql "select count(*), count(distinct time) from bars where symbol = 'X:LONG'" | tr '|' ' ')"
echo "bars of X:LONG: $total stored, $distinct distinct, 66240 expected"
[ "$total" = 66240 ] && [ "$distinct" = 66240 ] || { echo "FAIL: not every bar exactly once" >&2; exit 1; }
echo "history:"
sql "select e.job_execution_id, e.status, coalesce(e.exit_message, '') from batch_job_execution e
       join batch_job_execution_params p using (job_execution_id)
      where p.parameter_name = 'requestId' and p.parameter_value = '$long' order by 1" | sed 's/^/  /'
echo "OK: every load ran once, both nodes took work, the killed node's load was recovered with every bar exactly once"
