#!/usr/bin/env python3
"""A slow local stand-in for Polygon's aggregates API, for scripts/cluster-check.sh: any ticker, one 1-minute bar
per minute of the requested [from, to] (deterministic prices), pages of PAGE bars linked by next_url, each page
answered after DELAY seconds, so that a load lasts long enough to kill the node running it.
Usage: slow-provider.py PORT DELAY_SECONDS [PAGE]
"""
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlparse

port, delay = int(sys.argv[1]), float(sys.argv[2])
page = int(sys.argv[3]) if len(sys.argv) > 3 else 500
MINUTE = 60_000


class Aggregates(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlparse(self.path)
        parts = url.path.split("/")  # /v2/aggs/ticker/{ticker}/range/{multiplier}/{timespan}/{from}/{to}
        ticker, start, end = unquote(parts[4]), int(parts[8]), int(parts[9])
        cursor = int(parse_qs(url.query).get("cursor", ["0"])[0])
        first = -(-start // MINUTE) * MINUTE + cursor * MINUTE
        times = list(range(first, end + 1, MINUTE))[:page]
        results = []
        for t in times:
            price = 100 + (t // MINUTE) % 97 / 10
            results.append({"t": t, "o": round(price, 2), "h": round(price + 0.5, 2), "l": round(price - 0.5, 2),
                            "c": round(price + 0.1, 2), "v": 10 + (t // MINUTE) % 7})
        body = {"ticker": ticker, "status": "OK", "resultsCount": len(results), "results": results}
        if len(times) == page and times[-1] + MINUTE <= end:
            body["next_url"] = f"http://127.0.0.1:{port}{url.path}?cursor={cursor + page}"
        data = json.dumps(body).encode()
        time.sleep(delay)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Aggregates).serve_forever()
