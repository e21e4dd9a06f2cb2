#!/usr/bin/env python3
"""A local stand-in for Polygon's aggregates API, for scripts/check-monitoring.sh (this machine cannot reach Polygon).

Serves the bars of a Polygon-format JSON file for any ticker, cut to the requested [from, to] (epoch ms), with the
key checked as a bearer token. Tickers starting with X:BAD are refused with 403 (a load that fails), and the first
--faults requests answer 429 then 500 (so that retries and backoff show up in the metrics).
Usage: provider-stub.py PORT FILE [--faults N]
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse

port, data_file = int(sys.argv[1]), sys.argv[2]
faults = int(sys.argv[sys.argv.index("--faults") + 1]) if "--faults" in sys.argv else 2
with open(data_file) as f:
    bars = json.load(f)["results"]
lock = threading.Lock()
served = 0


class Aggregates(BaseHTTPRequestHandler):
    def do_GET(self):
        global served
        with lock:
            served += 1
            n = served
        # /v2/aggs/ticker/{ticker}/range/{multiplier}/{timespan}/{from}/{to}
        parts = urlparse(self.path).path.split("/")
        if len(parts) != 10 or parts[1:4] != ["v2", "aggs", "ticker"]:
            return self.answer(404, {"status": "NOT_FOUND"})
        if not self.headers.get("Authorization", "").startswith("Bearer "):
            return self.answer(401, {"status": "ERROR", "error": "missing key"})
        ticker, start, end = parts[4], int(parts[8]), int(parts[9])
        if n <= faults:
            return self.answer(429, {"status": "ERROR"}, {"Retry-After": "1"}) if n % 2 else self.answer(500, {"status": "ERROR"})
        if ticker.startswith("X:BAD"):
            return self.answer(403, {"status": "NOT_AUTHORIZED", "message": "plan does not cover " + ticker})
        results = [bar for bar in bars if start <= bar["t"] <= end]
        self.answer(200, {"ticker": ticker, "queryCount": len(results), "resultsCount": len(results), "adjusted": True,
                          "results": results, "status": "OK", "request_id": str(n)})

    def answer(self, status, body, headers=None):
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, fmt, *args):
        sys.stderr.write("provider-stub: " + (fmt % args) + "\n")


ThreadingHTTPServer(("127.0.0.1", port), Aggregates).serve_forever()
