#!/usr/bin/env python3
"""Part of scripts/check-monitoring.sh: asks a running Prometheus whether every PromQL expression of every Grafana
dashboard panel returns data, whether every metric those expressions name exists, and whether every alert rule is
loaded, healthy and evaluated. Prints one line per expression and per rule; exits 1 if any fails.
Usage: monitoring-queries.py PROMETHEUS_URL DASHBOARD.json...
"""
import json
import re
import sys
import urllib.parse
import urllib.request

prometheus, dashboards = sys.argv[1].rstrip("/"), sys.argv[2:]
# Grafana's variables, as the check's window sees them: loads ran in the last few minutes.
VARIABLES = {"$__rate_interval": "5m", "$__interval": "1m", "$__range": "1h", "$symbol": ".*", "$timeframe": ".*"}
METRIC = re.compile(r"\b((?:mdw|spring_batch|resilience4j|http_server|up)\w*)\b")


def api(path, **params):
    url = prometheus + path + "?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url, timeout=30) as response:
        body = json.load(response)
    if body.get("status") != "success":
        raise RuntimeError(f"{path}: {body}")
    return body["data"]


def substitute(expr):
    for name, value in sorted(VARIABLES.items(), key=lambda kv: -len(kv[0])):
        expr = expr.replace(name, value)
    return expr


def metric_names(expr):
    # strings, grouping clauses and label matchers name labels, not metrics
    without_strings = re.sub(r'"[^"]*"', '""', expr)
    without_strings = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", without_strings)
    names = set()
    for match in METRIC.finditer(without_strings):
        rest = without_strings[match.end():].lstrip()
        if not rest.startswith(("=", "!=", "=~", "!~")):
            names.add(match.group(1))
    return names


def panels(dashboard):
    for panel in dashboard["panels"]:
        yield panel
        yield from panel.get("panels", [])


failures = 0
expressions = 0
known = set(api("/api/v1/label/__name__/values"))
for path in dashboards:
    with open(path) as f:
        dashboard = json.load(f)
    print(f"\n== {dashboard['title']} ({path})")
    for variable in dashboard.get("templating", {}).get("list", []):
        query = variable["query"]["query"] if isinstance(variable["query"], dict) else variable["query"]
        metric = re.match(r"label_values\((\w+),\s*(\w+)\)", query)
        values = api("/api/v1/label/" + metric.group(2) + "/values", **{"match[]": metric.group(1)}) if metric else []
        ok = bool(values)
        failures += not ok
        print(f"  {'ok  ' if ok else 'FAIL'} variable ${variable['name']}: {len(values)} values {values[:5]}")
    for panel in panels(dashboard):
        for target in panel.get("targets", []):
            expressions += 1
            expr = substitute(target["expr"])
            missing = sorted(name for name in metric_names(expr) if name not in known)
            try:
                result = api("/api/v1/query", query=expr)["result"]
                error = None
            except Exception as e:  # a query Prometheus refuses
                result, error = [], str(e)
            values = [sample["value"][1] for sample in result]
            ok = bool(result) and not missing and error is None
            failures += not ok
            shown = ", ".join(values[:4]) + (" ..." if len(values) > 4 else "")
            why = f" error: {error}" if error else f" unknown metrics: {missing}" if missing else "" if result else " no data"
            print(f"  {'ok  ' if ok else 'FAIL'} {panel['title']} [{target['refId']}]: {len(result)} series ({shown}){why}")

print("\n== Alert rules")
rules = [rule for group in api("/api/v1/rules")["groups"] for rule in group["rules"]]
for rule in rules:
    evaluated = not rule.get("lastEvaluation", "").startswith("0001-")
    ok = rule.get("health") == "ok" and evaluated
    failures += not ok
    firing = f", {len(rule.get('alerts', []))} alert(s)" if rule.get("alerts") else ""
    print(f"  {'ok  ' if ok else 'FAIL'} {rule['name']}: health {rule.get('health')}, state {rule.get('state')}"
          f"{firing}, evaluated {rule.get('lastEvaluation')}{' ' + rule['lastError'] if rule.get('lastError') else ''}")

print(f"\n{expressions} dashboard expressions and {len(rules)} alert rules checked: "
      f"{'all OK' if failures == 0 else str(failures) + ' failed'}")
sys.exit(1 if failures else 0)
