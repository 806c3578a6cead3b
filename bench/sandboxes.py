#!/usr/bin/env python3
"""The sandboxes' state under load: what a submit and a step cost in memory and in the state file.

    bench/sandboxes.py [--payouts 10000] [--threads 8] [--port 18190] [--no-build]

Starts the standalone sandboxes (sandboxes/Payouts.Sandboxes.Host, Release) twice, once with their state in memory
and once in a fresh state file, and in each sends N Tupay cashouts (signed JSON, as the adapter sends them) from
T threads. Steps are manual, so each phase is timed alone: the N submits, then two POST /tupay/_sandbox/steps that
each run N steps (0 -> 4, then 4 -> 1, each with a notification to a local sink). It reports submit latency and
rate, the time per step, and, for the file, how long a restart on it takes after a SIGKILL and whether every cashout
is still on record, submitted and paid once.
"""
import argparse
import hashlib
import hmac
import http.client
import http.server
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST_PROJECT = os.path.join(REPO, "sandboxes", "Payouts.Sandboxes.Host")
HOST_DLL = os.path.join(HOST_PROJECT, "bin", "Release", "net10.0", "Payouts.Sandboxes.Host.dll")
LOGIN, PASS, SIGNATURE_KEY = b"sandbox-tupay-login", b"sandbox-tupay-pass", b"sandbox-tupay-signature-key"


class Sink(http.server.BaseHTTPRequestHandler):
    """Takes every notification with 200, as the service's endpoint would."""
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class SinkServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a sandbox killed or stopped drops its connections: expected here


def start_sandbox(port, sink_port, state_path):
    args = ["dotnet", HOST_DLL, f"--Sandboxes:Port={port}", f"--Sandboxes:StatePath={state_path}",
            "--Sandboxes:ManualSteps=true", f"--Sandboxes:NotificationBaseUrl=http://127.0.0.1:{sink_port}/notifications/",
            "--Logging:LogLevel:Default=Warning"]
    started = time.monotonic()
    process = subprocess.Popen(args, cwd=os.path.dirname(HOST_DLL), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/tupay/_sandbox/record?reference=none", timeout=2)
        except urllib.error.HTTPError:
            return process, time.monotonic() - started  # 404 for the unknown reference: it serves
        except OSError:
            if process.poll() is not None:
                sys.exit("the sandbox did not start: " + process.stderr.read().decode())
            time.sleep(0.05)


def record(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/tupay/_sandbox/record", timeout=60) as response:
        return json.load(response)["records"]


def submit_all(port, sink_port, payouts, threads, run):
    latencies, failures = [], []
    lock = threading.Lock()

    def work(index):
        connection = http.client.HTTPConnection("127.0.0.1", port)
        mine = []
        for n in range(index, payouts, threads):
            body = json.dumps({
                "login": LOGIN.decode(), "pass": PASS.decode(), "external_id": f"{run}-{n}", "country": "PE",
                "amount": "100.00", "currency": "PEN", "document_type": "DNI", "document_id": "12345678",
                "beneficiary_name": "Ana", "beneficiary_lastname": "Quispe", "bank_account": "00219300153895206813",
                "account_type": "S", "notification_url": f"http://127.0.0.1:{sink_port}/notifications/tupay",
                "comments": "bench"}).encode()
            signature = hmac.new(SIGNATURE_KEY, body, hashlib.sha256).hexdigest()
            started = time.perf_counter()
            connection.request("POST", "/tupay/v3/cashout", body, {"Content-Type": "application/json", "Payload-Signature": signature})
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status != 200:
                with lock:
                    failures.append(response.status)
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return latencies, time.monotonic() - started, failures


def step(port):
    """Moves every cashout on one step; answers once all of them have moved."""
    started = time.monotonic()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/tupay/_sandbox/steps", data=b'{"count":1}',
                                     headers={"Content-Type": "application/json"}, method="POST")
    urllib.request.urlopen(request, timeout=600).read()
    return time.monotonic() - started


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--payouts", type=int, default=10000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--port", type=int, default=18190)
    parser.add_argument("--no-build", action="store_true")
    options = parser.parse_args()

    if not options.no_build:
        subprocess.run(["dotnet", "build", HOST_PROJECT, "-c", "Release", "-nologo", "-v", "quiet"], check=True)

    sink = SinkServer(("127.0.0.1", options.port + 1), Sink)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    folder = tempfile.mkdtemp(prefix="sandboxes-bench-")
    rows = []
    try:
        for mode in ("memory", "file"):
            state = os.path.join(folder, "sandboxes.db") if mode == "file" else ""
            process, _ = start_sandbox(options.port, options.port + 1, state)
            latencies, seconds, failures = submit_all(options.port, options.port + 1, options.payouts, options.threads, mode)
            steps = step(options.port) + step(options.port)
            paid = sum(1 for e in record(options.port) if e["outcome"] == "Paid")
            row = {
                "mode": mode, "submits/s": options.payouts / seconds,
                "submit p50 ms": statistics.median(latencies) * 1000, "submit p99 ms": percentile(latencies, 0.99) * 1000,
                "refused": len(failures), "step us": steps / (2 * options.payouts) * 1e6, "paid": paid,
            }
            if mode == "file":
                process.send_signal(signal.SIGKILL)
                process.wait()
                row["file MiB"] = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder)) / 2**20
                process, row["restart s"] = start_sandbox(options.port, options.port + 1, state)
                entries = record(options.port)
                row["kept"] = sum(1 for e in entries if e["submits"] == 1 and e["payments"] == 1 and e["outcome"] == "Paid")
            process.send_signal(signal.SIGTERM)
            process.wait()
            rows.append(row)
    finally:
        sink.shutdown()
        shutil.rmtree(folder, ignore_errors=True)

    print(f"{options.payouts} Tupay cashouts from {options.threads} threads, two manual steps each")
    for row in rows:
        print("  " + ", ".join(f"{k}: {v:,.2f}" if isinstance(v, float) else f"{k}: {v}" for k, v in row.items()))


if __name__ == "__main__":
    main()
