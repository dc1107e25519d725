#!/usr/bin/env python3
"""Sign-in under load (issue 9, findings 3 and 4): peak memory and timing spread.

Runs a real `libertas serve` (build it with `cargo build --release -p libertas`) on a fresh
data directory on 127.0.0.1 and prints:

  * RSS before and peak RSS (VmHWM, from /proc) while 250 sign-ins arrive at once (unknown
    usernames, the cheapest attack), and how they were answered;
  * median and p95 response time of sequential sign-ins for a known user with a wrong
    password, an unknown user, a locked account, a disabled account and an over-long
    password (100,000 characters).

Usage: bench/login_load.py [PATH/TO/libertas] [--samples N] [--flood N]

Only loopback is contacted; every loop is bounded. Python 3 standard library only. Rate
limits are turned off in the data directory's libertas.toml so that the flood reaches the
password hasher (the worst case: an attacker with many addresses).
"""

import argparse
import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

PASSWORD = "bench pass phrase for this account"


def run(binary, data, *args, stdin=None):
    out = subprocess.run(
        [binary, "--data-dir", data, *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def login_form(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    c.request("GET", "/login")
    r = c.getresponse()
    cookie = next(
        v.split(";")[0]
        for k, v in r.getheaders()
        if k.lower() == "set-cookie" and "libertas_pre=" in v
    )
    page = r.read().decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    c.close()
    return csrf, cookie


def login(port, form, username, password):
    """One sign-in; returns (status, seconds)."""
    body = urllib.parse.urlencode(
        {"csrf": form[0], "username": username, "password": password}
    )
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    start = time.perf_counter()
    c.request(
        "POST",
        "/login",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": form[1],
            "Origin": f"http://127.0.0.1:{port}",
        },
    )
    r = c.getresponse()
    r.read()
    took = time.perf_counter() - start
    c.close()
    return r.status, took


def rss_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary", nargs="?", default="target/release/libertas")
    ap.add_argument("--samples", type=int, default=40)
    ap.add_argument("--flood", type=int, default=250)
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    tmp = tempfile.mkdtemp(prefix="libertas-login-bench-")
    data = os.path.join(tmp, "data")
    run(binary, data, "init")
    run(binary, data, "org", "add", "North")
    for user in ("known", "locked", "gone"):
        run(binary, data, "user", "add", "--org", "North", "--username", user,
            "--role", "caseworker", stdin=PASSWORD + "\n")
    run(binary, data, "user", "disable", "gone", "--reason", "bench")
    with open(os.path.join(data, "libertas.toml"), "w") as f:
        f.write("rate_limits = false\nlogin_free_attempts = 100\n")
    port = free_port()
    server = subprocess.Popen(
        [binary, "--data-dir", data, "serve", "--listen", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        form = login_form(port)
        # Lock one account (100 failures from this client).
        for i in range(101):
            login(port, form, "locked", f"wrong guess {i}")
        # Warm up: the first hash allocates the hasher's memory.
        login(port, form, "known", "warm up guess")

        print(f"binary: {binary}")
        print(f"{'case':<34}{'median ms':>10}{'p95 ms':>10}")
        cases = [
            ("known user, wrong password", "known", "not the password"),
            ("unknown user", "nobody-at-all", "not the password"),
            ("locked account", "locked", "not the password"),
            ("disabled account", "gone", PASSWORD),
            ("over-long password (100,000)", "known", "y" * 100_000),
        ]
        for name, user, pw in cases:
            times = sorted(login(port, form, user, pw)[1] for _ in range(a.samples))
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            print(f"{name:<34}{statistics.median(times) * 1000:>10.1f}{p95 * 1000:>10.1f}")

        before = rss_kib(server.pid, "VmRSS")
        statuses = {}
        lock = threading.Lock()

        def one(i):
            try:
                status, _ = login(port, form, f"nobody{i}", "a guess of some length")
            except OSError as e:
                status = type(e).__name__
            with lock:
                statuses[status] = statuses.get(status, 0) + 1

        threads = [threading.Thread(target=one, args=(i,)) for i in range(a.flood)]
        peak_rss = before
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            peak_rss = max(peak_rss, rss_kib(server.pid, "VmRSS"))
            time.sleep(0.005)
        for t in threads:
            t.join()
        hwm = rss_kib(server.pid, "VmHWM")
        print(f"flood of {a.flood} concurrent sign-ins: answers {statuses}")
        print(f"RSS before {before / 1024:.0f} MiB, peak sampled {peak_rss / 1024:.0f} MiB, "
              f"VmHWM {hwm / 1024:.0f} MiB")
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    sys.exit(main())
