#!/usr/bin/env python3
"""A local webhook receiver for scripts/check-monitoring.sh: stands in for what MDW_ALERT_WEBHOOK_URL names.
Answers every POST 200 and appends its body (Alertmanager's webhook notification, JSON) as one line to FILE.
Usage: webhook-stub.py PORT FILE
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, path = int(sys.argv[1]), sys.argv[2]


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with open(path, "a") as f:
            f.write(json.dumps(json.loads(body)) + "\n")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, fmt, *args):
        sys.stderr.write("webhook-stub: " + (fmt % args) + "\n")


open(path, "w").close()
print("webhook-stub: listening on http://127.0.0.1:%d, notifications to %s" % (port, path), file=sys.stderr, flush=True)
ThreadingHTTPServer(("127.0.0.1", port), Receiver).serve_forever()
