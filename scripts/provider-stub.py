#!/usr/bin/env python3
"""A local stand-in for Polygon's aggregates API (this machine cannot reach Polygon): serves a recorded Polygon-format
JSON file, such as data/sample/polygon-aggs-X_ETHUSD-5m-2023-03-13.json, over HTTP as Polygon would.

Only the recorded series has bars: the file's ticker at its bar size (the smallest step between its bars, e.g.
5/minute). A request for it gets the recorded bars in the requested [from, to] (epoch ms), at most `limit` (and at
most --page) per answer, the rest through next_url, as Polygon pages. Any other ticker or bar size gets what Polygon
answers for a series without data: status OK and no results. The key must come as a bearer token (any value).
Tickers starting with X:BAD are refused with 403 (a load that fails); the first --faults requests answer 429 then
500 (retries and backoff, for scripts/check-monitoring.sh); --delay holds every answer back, so that a load takes
long enough to watch it run (scripts/trigger-check.sh).
Usage: provider-stub.py PORT FILE [--page BARS] [--delay SECONDS] [--faults N]
"""
import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse

options = argparse.ArgumentParser(description="A local stand-in for Polygon's aggregates API")
options.add_argument("port", type=int)
options.add_argument("file", help="a Polygon aggregates response, e.g. data/sample/polygon-aggs-X_ETHUSD-5m-2023-03-13.json")
options.add_argument("--page", type=int, default=50_000, help="most bars in one answer (Polygon's own cap: 50000)")
options.add_argument("--delay", type=float, default=0.0, help="seconds before each answer")
options.add_argument("--faults", type=int, default=0, help="answer the first N requests 429, 500, 429, ...")
args = options.parse_args()

with open(args.file) as f:
    recording = json.load(f)
bars = sorted(recording["results"], key=lambda bar: bar["t"])
recorded_ticker = recording["ticker"]
recorded_step_ms = min(b["t"] - a["t"] for a, b in zip(bars, bars[1:]))
TIMESPAN_MS = {"second": 1_000, "minute": 60_000, "hour": 3_600_000, "day": 86_400_000}
lock = threading.Lock()
served = 0


class Aggregates(BaseHTTPRequestHandler):
    def do_GET(self):
        global served
        with lock:
            served += 1
            n = served
        url = urlparse(self.path)
        # /v2/aggs/ticker/{ticker}/range/{multiplier}/{timespan}/{from}/{to}
        parts = url.path.split("/")
        if len(parts) != 10 or parts[1:4] != ["v2", "aggs", "ticker"] or parts[5] != "range":
            return self.answer(404, {"status": "NOT_FOUND", "message": "not an aggregates path: " + url.path})
        if not self.headers.get("Authorization", "").startswith("Bearer "):
            return self.answer(401, {"status": "ERROR", "error": "missing key"})
        ticker, multiplier, timespan = unquote(parts[4]), int(parts[6]), parts[7]
        start, end = int(parts[8]), int(parts[9])
        query = parse_qs(url.query)
        cursor = int(query.get("cursor", ["0"])[0])
        limit = min(int(query.get("limit", [str(args.page)])[0]), args.page)
        if n <= args.faults:
            return self.answer(429, {"status": "ERROR"}, {"Retry-After": "1"}) if n % 2 else self.answer(500, {"status": "ERROR"})
        if ticker.startswith("X:BAD"):
            return self.answer(403, {"status": "NOT_AUTHORIZED", "message": "plan does not cover " + ticker})
        if ticker != recorded_ticker or multiplier * TIMESPAN_MS.get(timespan, 0) != recorded_step_ms:
            self.log_message("no recorded bars for %s %d/%s (only %s at %d ms)", ticker, multiplier, timespan,
                             recorded_ticker, recorded_step_ms)
            return self.answer(200, {"ticker": ticker, "queryCount": 0, "resultsCount": 0, "adjusted": True,
                                     "status": "OK", "request_id": str(n)})
        in_window = [bar for bar in bars if start <= bar["t"] <= end]
        results = in_window[cursor:cursor + limit]
        body = {"ticker": ticker, "queryCount": len(results), "resultsCount": len(results), "adjusted": True,
                "results": results, "status": "OK", "request_id": str(n)}
        if cursor + limit < len(in_window):
            host = self.headers.get("Host", "127.0.0.1:%d" % args.port)
            body["next_url"] = "http://%s%s?cursor=%d&limit=%d" % (host, url.path, cursor + limit, limit)
        self.answer(200, body)

    def answer(self, status, body, headers=None):
        payload = json.dumps(body).encode()
        time.sleep(args.delay)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, fmt, *args):
        sys.stderr.write("provider-stub: " + (fmt % args) + "\n")


print("provider-stub: serving %d bars of %s (every %d ms) on http://127.0.0.1:%d" % (
    len(bars), recorded_ticker, recorded_step_ms, args.port), file=sys.stderr, flush=True)
ThreadingHTTPServer(("127.0.0.1", args.port), Aggregates).serve_forever()
