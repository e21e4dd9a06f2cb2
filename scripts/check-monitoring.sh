#!/usr/bin/env bash
# Checks the monitoring end to end on this machine, with Debian's Prometheus and Alertmanager:
#   1. promtool: both Prometheus configs and the alert rules parse; the alert rules' unit tests pass; amtool: the
#      Alertmanager config parses, as is and with a webhook added (alertmanager/render-config.sh), and every alert
#      rule's severity has its route; the compose file validates (when a docker compose is installed);
#   2. starts the embedded stack (a batch node and the API, on their own ports and MDW_HOME, so that a stack you
#      already run is left alone), a local stand-in for Polygon, a local webhook receiver, an Alertmanager sending
#      to it, and a Prometheus scraping both apps and sending alerts to that Alertmanager with
#      prometheus/prometheus-local.yml (targets and Alertmanager moved to those ports);
#   3. runs loads through the cluster (./mdw submit: two that complete, two the provider refuses) and API requests;
#   4. asks Prometheus whether every PromQL expression of every Grafana dashboard panel returns data, whether every
#      metric they name exists, and whether every alert rule is loaded, healthy and evaluated;
#   5. follows MdwLoadJobFailed (the refused loads) from Prometheus through Alertmanager to the webhook.
# Debian's Alertmanager is 0.25, the compose stack's 0.27: the config keeps to what both read.
# Stops everything it started. Exit status 0 when all of it holds.
#
# Usage: scripts/check-monitoring.sh
# Environment: CHECK_HOME (default var/check-monitoring: the check's embedded PostgreSQL and logs),
#              CHECK_NODE_PORT (28081), CHECK_API_PORT (28080), CHECK_PROMETHEUS_PORT (29090), CHECK_STUB_PORT (28090),
#              CHECK_ALERTMANAGER_PORT (29093), CHECK_WEBHOOK_PORT (28093)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
home="$(mkdir -p "${CHECK_HOME:-$root/var/check-monitoring}" && cd "${CHECK_HOME:-$root/var/check-monitoring}" && pwd)"
node_port="${CHECK_NODE_PORT:-28081}" api_port="${CHECK_API_PORT:-28080}"
prom_port="${CHECK_PROMETHEUS_PORT:-29090}" stub_port="${CHECK_STUB_PORT:-28090}"
am_port="${CHECK_ALERTMANAGER_PORT:-29093}" hook_port="${CHECK_WEBHOOK_PORT:-28093}"
logs="$home/logs"
mkdir -p "$logs"
pids=()

say() { printf '\n### %s\n' "$*"; }
stop_all() {
  local i
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do wait "${pids[i]}" 2>/dev/null || true; done
}
trap stop_all EXIT

wait_for() { # url, what, pid, log
  local i
  for i in $(seq 1 240); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then echo "$2 did not start; see $4" >&2; tail -20 "$4" >&2; return 1; fi
    sleep 1
  done
  echo "$2 did not answer at $1 within 4 minutes; see $4" >&2
  return 1
}

# the total of a counter over a scrape of the node (all label sets whose line contains $2)
node_metric() {
  curl -fsS "http://localhost:$node_port/actuator/prometheus" | awk -v name="$1" -v has="$2" \
    'index($0, name) == 1 && index($0, has) { sum += $NF } END { printf "%d\n", sum }'
}

jobs_ended() { node_metric 'spring_batch_job_seconds_count{' 'spring_batch_job_name="loadBars"'; }

submit_and_wait() { # symbols
  local before i
  before="$(jobs_ended)"
  MDW_HOME="$home" ./mdw submit --symbols "$1" --timeframes 5m --from 2023-03-13 --to 2023-03-15
  for i in $(seq 1 180); do
    if [ "$(jobs_ended)" -gt "$before" ]; then return 0; fi
    sleep 1
  done
  echo "the load of $1 did not end within 3 minutes; see $logs/node.log" >&2
  return 1
}

for port in "$node_port" "$api_port" "$prom_port" "$stub_port" "$am_port" "$hook_port"; do
  if curl -s -o /dev/null "http://localhost:$port/"; then
    echo "port $port is taken: set CHECK_NODE_PORT, CHECK_API_PORT, CHECK_PROMETHEUS_PORT, CHECK_STUB_PORT," \
      "CHECK_ALERTMANAGER_PORT or CHECK_WEBHOOK_PORT" >&2
    exit 1
  fi
done

packages=()
if ! command -v promtool >/dev/null || ! command -v prometheus >/dev/null; then packages+=(prometheus); fi
if ! command -v amtool >/dev/null || ! command -v prometheus-alertmanager >/dev/null; then
  packages+=(prometheus-alertmanager)
fi
if [ ${#packages[@]} -gt 0 ]; then
  say "Installing Debian's ${packages[*]} (promtool comes with prometheus, amtool with prometheus-alertmanager)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${packages[@]}" >/dev/null
  # the packages start system services on :9090 and :9093; this check runs its own
  for package in "${packages[@]}"; do $SUDO systemctl disable --now "$package" >/dev/null 2>&1 || true; done
fi

say "promtool: configs, alert rules, alert rule unit tests"
promtool check config prometheus/prometheus.yml
promtool check config prometheus/prometheus-local.yml
promtool check rules prometheus/alerts.yml
promtool test rules prometheus/alerts.test.yml

say "amtool: the Alertmanager config, as is and with a webhook; the route of every alert rule"
mkdir -p "$home/alertmanager"
amtool check-config alertmanager/alertmanager.yml
# as the compose service renders it when MDW_ALERT_WEBHOOK_URL is set; the webhook stand-in below receives it
MDW_ALERT_WEBHOOK_URL="http://127.0.0.1:$hook_port/alerts" alertmanager/render-config.sh alertmanager/alertmanager.yml \
  >"$home/alertmanager/alertmanager.yml"
amtool check-config "$home/alertmanager/alertmanager.yml"
# each rule's alert must take the route of its severity (not the root's fallback) to the receiver mdw
routes_ok=1
while read -r alert severity; do
  tree="$(amtool config routes test --config.file=alertmanager/alertmanager.yml --tree --verify.receivers=mdw \
    alertname="$alert" severity="$severity" 2>&1)" || true
  if grep -qF "{severity=\"$severity\"}  receiver: mdw" <<<"$tree"; then
    echo "  ok   $alert (severity $severity): route {severity=\"$severity\"}, receiver mdw"
  else
    echo "  FAIL $alert (severity $severity): $tree"
    routes_ok=0
  fi
done < <(awk '$1 == "-" && $2 == "alert:" { alert = $3 } $1 == "severity:" { print alert, $2 }' prometheus/alerts.yml)
[ "$routes_ok" = 1 ] || { echo "an alert rule has no route of its severity in alertmanager/alertmanager.yml" >&2; exit 1; }

say "docker-compose.yml"
if docker compose version >/dev/null 2>&1; then
  docker compose config -q && echo "docker compose config: valid"
elif command -v docker-compose >/dev/null; then
  docker-compose config -q && echo "docker-compose config: valid"
else
  echo "no docker compose to validate it with (apt-get install docker-compose): skipped"
fi

say "Building (if the sources changed) and starting the stack in $home"
./mdw --version >/dev/null
python3 scripts/provider-stub.py "$stub_port" data/sample/polygon-aggs-X_ETHUSD-5m-2023-03-13.json --faults 2 \
  >"$logs/provider-stub.log" 2>&1 &
pids+=($!)
python3 scripts/webhook-stub.py "$hook_port" "$logs/webhook-notifications.jsonl" >"$logs/webhook-stub.log" 2>&1 &
pids+=($!)
rm -rf "$home/alertmanager/data"
# no cluster (its gossip port, 9094, would be shared with any Alertmanager already running here)
prometheus-alertmanager --config.file="$home/alertmanager/alertmanager.yml" --storage.path="$home/alertmanager/data" \
  --web.listen-address="127.0.0.1:$am_port" --cluster.listen-address= >"$logs/alertmanager.log" 2>&1 &
am_pid=$!
pids+=($am_pid)
wait_for "http://localhost:$am_port/-/ready" "Alertmanager" "$am_pid" "$logs/alertmanager.log"

export MDW_HOME="$home"
MANAGEMENT_SERVER_PORT="$node_port" POLYGON_BASE_URL="http://127.0.0.1:$stub_port" POLYGON_API_KEY=check-monitoring \
  POLYGON_CALLS_PER_MINUTE=600 POLYGON_INITIAL_BACKOFF=200ms MDW_METRICS_STALENESS_REFRESH=5s \
  java ${MDW_JAVA_OPTS:--Xmx512m} -jar batch-jobs/target/batch-jobs.jar node >"$logs/node.log" 2>&1 &
node_pid=$!
pids+=($node_pid)
wait_for "http://localhost:$node_port/actuator/health" "the batch node" "$node_pid" "$logs/node.log"

# As shipped: the latency histogram the API dashboard's percentiles need is the API's own application.yml setting.
SERVER_PORT="$api_port" java ${MDW_JAVA_OPTS:--Xmx512m} -jar api-gateway/target/api-gateway.jar >"$logs/api.log" 2>&1 &
api_pid=$!
pids+=($api_pid)
wait_for "http://localhost:$api_port/health" "the API" "$api_pid" "$logs/api.log"

mkdir -p "$home/prometheus/data"
cp prometheus/alerts.yml "$home/prometheus/alerts.yml"
sed -e "s/localhost:8081/localhost:$node_port/" -e "s/localhost:8080/localhost:$api_port/" \
  -e "s/localhost:9093/localhost:$am_port/" prometheus/prometheus-local.yml >"$home/prometheus/prometheus.yml"
rm -rf "$home/prometheus/data"
prometheus --config.file="$home/prometheus/prometheus.yml" --storage.tsdb.path="$home/prometheus/data" \
  --web.listen-address="127.0.0.1:$prom_port" >"$logs/prometheus.log" 2>&1 &
prom_pid=$!
pids+=($prom_pid)
wait_for "http://localhost:$prom_port/-/ready" "Prometheus" "$prom_pid" "$logs/prometheus.log"

say "Loads through the cluster (the provider stand-in answers 429 then 500 first, and refuses X:BADUSD)"
# each outcome twice: a counter's first sample shows no increase
submit_and_wait X:ETHUSD
submit_and_wait X:BADUSD
submit_and_wait X:ETHUSD
submit_and_wait X:BADUSD

say "API requests"
for round in 1 2 3; do
  for path in /health /api/v1/status /api/v1/symbols /api/v1/symbols/detailed \
      "/api/v1/historical/X:ETHUSD?timeframe=5m&start=2023-03-13&end=2023-03-15&validated_only=false" \
      /api/v1/enrichment/status/X:ETHUSD /api/v1/data/quality/X:ETHUSD \
      "/api/v1/historical/NOPE?timeframe=1d&start=2023-03-13&end=2023-03-15" /api/v1/no-such-route; do
    printf '%s %s\n' "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$api_port$path")" "$path"
  done | sort | uniq -c | sed 's/^/  /' | { [ "$round" = 1 ] && cat || cat >/dev/null; }
  sleep 6
done

say "Waiting for Prometheus to scrape the latest values"
sleep 12
curl -fsS "http://localhost:$prom_port/api/v1/targets" | python3 -c "
import json, sys
for t in json.load(sys.stdin)['data']['activeTargets']:
    print('  target', t['labels']['job'], t['scrapeUrl'] + ':', t['health'], t['lastError'])"

status=0
say "Dashboards and alert rules against Prometheus"
python3 scripts/monitoring-queries.py "http://localhost:$prom_port" grafana/dashboards/*.json || status=1

say "An alert from Prometheus through Alertmanager (:$am_port) to the webhook (:$hook_port)"
python3 scripts/alerts-delivered.py "http://localhost:$prom_port" "http://localhost:$am_port" \
  "$logs/webhook-notifications.jsonl" MdwLoadJobFailed || status=1
exit "$status"
