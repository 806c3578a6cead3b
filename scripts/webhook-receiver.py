#!/usr/bin/env python3
"""A webhook receiver for trying Payouts on your machine: it checks each delivery's Standard Webhooks signature
with your merchant token, as README's "Verifying a webhook" describes, and prints one line per delivery.

    MERCHANT_TOKEN=tk_... scripts/webhook-receiver.py --port 9000

Then create payouts with "webhookUrl": "http://localhost:9000/hooks" (plain http to this machine is accepted in
Development only, Payouts:AllowHttpLoopbackUrls). Only the standard library: nothing to install.
"""
import argparse
import base64
import hashlib
import hmac
import http.server
import json
import os
import sys
import threading
import time

TOLERANCE_SECONDS = 300

# Deliveries are handled on threads of their own, and print() writes a line and its end separately: two deliveries
# at once could run into one line ("... EURverified ...").
_output = threading.Lock()


def say(line):
    with _output:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def is_authentic(key, headers, body, now):
    webhook_id = headers.get("webhook-id", "")
    timestamp = headers.get("webhook-timestamp", "")
    if not timestamp.isdigit() or abs(now - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    expected = "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    # One signature per active merchant token (rotation): any one match is enough, compared in constant time.
    return any(hmac.compare_digest(s, expected) for s in headers.get("webhook-signature", "").split(" "))


def handler_for(key):
    class Receiver(http.server.BaseHTTPRequestHandler):
        # HTTP/1.1 keeps the sender's connections open. Under HTTP/1.0 the server closed each one after its answer, and
        # a sender reusing a pooled connection at that moment lost the delivery ("response ended prematurely").
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            if not is_authentic(key, self.headers, body, int(time.time())):
                say(f"REJECTED {self.headers.get('webhook-id', '?')}: signature or timestamp does not verify")
                self.send_response(400)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            event = json.loads(body)
            data = event.get("data", {})
            say(f"verified {event['type']} {event['id']} sequence {event['sequence']}: "
                f"status {data.get('status')}, {data.get('initiationStatus')}, {data.get('amount')} {data.get('currency')}")
            self.send_response(204)
            self.end_headers()

        def log_message(self, format, *args):
            pass  # one line per delivery is printed above; the access log would only repeat it

    return Receiver


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--host", default="127.0.0.1")
    arguments = parser.parse_args()
    token = os.environ.get("MERCHANT_TOKEN", "")
    if not token:
        sys.exit("webhook-receiver: set MERCHANT_TOKEN to the merchant token the payouts are created with")
    key = hashlib.sha256(token.encode()).digest()
    server = http.server.ThreadingHTTPServer((arguments.host, arguments.port), handler_for(key))
    say(f"listening on http://{arguments.host}:{arguments.port}/")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
