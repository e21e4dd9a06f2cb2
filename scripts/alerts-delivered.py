#!/usr/bin/env python3
"""Part of scripts/check-monitoring.sh: follows an alert from Prometheus to the webhook. Asks Prometheus whether it
sends to the check's Alertmanager (/api/v1/alertmanagers), waits until Prometheus reports ALERT firing, until
Alertmanager holds it (/api/v2/alerts), and until the webhook stand-in got a notification of it (its FILE of
notifications, one JSON per line). Prints one line per step; exits 1 if any fails.
Usage: alerts-delivered.py PROMETHEUS_URL ALERTMANAGER_URL WEBHOOK_FILE ALERT
"""
import json
import sys
import time
import urllib.request

prometheus, alertmanager = sys.argv[1].rstrip("/"), sys.argv[2].rstrip("/")
webhook_file, alert = sys.argv[3], sys.argv[4]
TIMEOUT = 120  # seconds per step; the critical route waits 10 s before its first notification


def get(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def wait(what, find):
    deadline = time.monotonic() + TIMEOUT
    while True:
        found = find()
        if found or time.monotonic() > deadline:
            print(f"  {'ok  ' if found else 'FAIL'} {what}: {found or f'not within {TIMEOUT} s'}", flush=True)
            return bool(found)
        time.sleep(2)


def active_alertmanagers():
    urls = [am["url"] for am in get(prometheus + "/api/v1/alertmanagers")["data"]["activeAlertmanagers"]]
    return ", ".join(urls) if any(url.startswith(alertmanager + "/") for url in urls) else None


def firing_in_prometheus():
    alerts = [a for a in get(prometheus + "/api/v1/alerts")["data"]["alerts"]
              if a["labels"].get("alertname") == alert and a["state"] == "firing"]
    return "; ".join(f"{a['labels']} since {a['activeAt']}" for a in alerts)


def held_by_alertmanager():
    alerts = [a for a in get(alertmanager + "/api/v2/alerts") if a["labels"].get("alertname") == alert]
    return "; ".join(f"{a['status']['state']} {a['labels']} receivers {[r['name'] for r in a['receivers']]}"
                     for a in alerts)


def notified():
    with open(webhook_file) as f:
        notifications = [json.loads(line) for line in f if line.strip()]
    return "; ".join(f"receiver {n['receiver']}, status {n['status']}, groupLabels {n['groupLabels']}, "
                     f"{len(n['alerts'])} alert(s): {[a['labels'].get('instance') for a in n['alerts']]}"
                     for n in notifications
                     if n["status"] == "firing" and any(a["labels"].get("alertname") == alert for a in n["alerts"]))


ok = wait("Prometheus sends alerts to " + alertmanager, active_alertmanagers)
ok = wait(f"{alert} firing in Prometheus", firing_in_prometheus) and ok
ok = wait(f"{alert} held by Alertmanager", held_by_alertmanager) and ok
ok = wait(f"{alert} notified to the webhook", notified) and ok
everything = sorted({a["labels"]["alertname"] + " " + a["status"]["state"] for a in get(alertmanager + "/api/v2/alerts")})
print(f"  Alertmanager holds: {', '.join(everything) or 'nothing'}")
print(f"\n{alert} from Prometheus through Alertmanager to the webhook: {'OK' if ok else 'FAILED'}")
sys.exit(0 if ok else 1)
