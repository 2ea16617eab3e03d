#!/usr/bin/env python3
"""Load and abuse checks for `folio serve`; scripts/serve-check.sh runs them. Not a test.

  serve-load.py HOST PORT concurrent N ROUNDS   N connections open at once, each sends GET / and
                                                 reads the answer; ROUNDS times. Prints the
                                                 statuses counted and the wall time.
  serve-load.py HOST PORT idle N SECONDS         N connections that send half a request head and
                                                 stall; meanwhile GET / is timed every second.
  serve-load.py HOST PORT header KIB             one request with KIB KiB of headers; prints the
                                                 status.
  serve-load.py HOST PORT trickle SECONDS         a request head sent a byte every 200 ms for up
                                                 to SECONDS; prints what the server answered and
                                                 when.
  serve-load.py HOST PORT raw TARGET             GET TARGET sent as is (for targets curl cannot
                                                 send: `*`, `http://host/x`, `x`); prints the
                                                 status line, the Location and the body's start.
"""
import select
import socket
import sys
import threading
import time
from collections import Counter


def status_of(sock):
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except OSError as e:
        if not data:
            return type(e).__name__
    line = data.split(b"\r\n", 1)[0].decode("latin-1")
    # Read the rest so that the server sees a clean close.
    try:
        while sock.recv(65536):
            pass
    except OSError:
        pass
    return line[9:12] if line.startswith("HTTP/1.") else ("closed" if not line else line)


def get(host, port, path="/", timeout=30):
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            return status_of(s)
    except OSError as e:
        return type(e).__name__


def concurrent(host, port, n, rounds):
    counts = Counter()
    lock = threading.Lock()
    start = time.time()
    for _ in range(rounds):
        barrier = threading.Barrier(n)
        socks = [None] * n

        def one(i):
            try:
                s = socket.create_connection((host, port), timeout=30)
            except OSError as e:
                barrier.wait()
                with lock:
                    counts[type(e).__name__] += 1
                return
            barrier.wait()  # all n connections are open here
            try:
                s.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
                result = status_of(s)
            except OSError as e:
                result = type(e).__name__
            finally:
                s.close()
            with lock:
                counts[result] += 1

        threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    took = time.time() - start
    print(f"concurrent: {n} connections x {rounds} rounds in {took:.2f} s: "
          + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    return counts


def idle(host, port, n, seconds):
    socks = []
    for _ in range(n):
        try:
            s = socket.create_connection((host, port), timeout=5)
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")  # never finished
            socks.append(s)
        except OSError:
            break
    print(f"idle: {len(socks)} stalled connections open")
    worst = 0.0
    results = Counter()
    for _ in range(int(seconds)):
        t = time.time()
        results[get(host, port, timeout=30)] += 1
        worst = max(worst, time.time() - t)
        time.sleep(max(0.0, 1 - (time.time() - t)))
    # All at once: a socket the server answered (503, 408) or closed is readable.
    readable, _, _ = select.select(socks, [], [], 0.2) if socks else ([], [], [])
    still_open = len(socks) - len(readable)
    for s in socks:
        s.close()
    print(f"idle: meanwhile GET /: " + ", ".join(f"{k}: {v}" for k, v in results.items())
          + f"; slowest {worst:.2f} s; {still_open} of {len(socks)} stalled connections still held open by the server")


def header(host, port, kib):
    with socket.create_connection((host, port), timeout=30) as s:
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        try:
            for _ in range(kib):
                s.sendall(b"X-Pad: " + b"a" * 1014 + b"\r\n")
            s.sendall(b"\r\n")
        except OSError:
            pass
        print(f"header: {kib} KiB of headers: {status_of(s)}")


def trickle(host, port, seconds):
    s = socket.create_connection((host, port), timeout=5)
    s.settimeout(0.2)
    s.sendall(b"GET / HTTP/1.1\r\nX-Slow: ")
    start = time.time()
    answer = b""
    while time.time() - start < seconds:
        try:
            chunk = s.recv(4096)
            if not chunk:
                break
            answer += chunk
        except socket.timeout:
            pass
        except OSError:
            break
        try:
            s.sendall(b"a")
        except OSError:
            break
    line = answer.split(b"\r\n", 1)[0].decode("latin-1") or "no answer"
    print(f"trickle: {line!r} after {time.time() - start:.1f} s")


def raw(host, port, target):
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode("latin-1"))
        data = b""
        try:
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        except OSError:
            pass
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    location = next((l for l in lines if l.lower().startswith("location:")), "")
    print(f"{lines[0]}\t{location}\t{body[:200]!r}")


if __name__ == "__main__":
    host, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if mode == "concurrent":
        concurrent(host, port, int(sys.argv[4]), int(sys.argv[5]))
    elif mode == "idle":
        idle(host, port, int(sys.argv[4]), float(sys.argv[5]))
    elif mode == "header":
        header(host, port, int(sys.argv[4]))
    elif mode == "trickle":
        trickle(host, port, float(sys.argv[4]))
    elif mode == "raw":
        raw(host, port, sys.argv[4])
