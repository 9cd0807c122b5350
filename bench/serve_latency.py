#!/usr/bin/env python3
"""Edit-to-reload latency of `gazette serve --watch` (standard library only).

Starts the server on a site, connects to its live-reload WebSocket like a browser tab,
then edits N articles one at a time (appending a line to the body) and measures, for each,
the time from just before the write to the arrival of the reload message. Prints the
server's own "rebuilt in" lines too, and the medians. With --css it edits a stylesheet in
the site's static/ instead (created before the server starts, so it is part of the site)
and waits for the stylesheet-swap message.

    python3 bench/serve_latency.py --bin target/release/gazette --root /dev/shm/corpus-plain-10000
    python3 bench/serve_latency.py --bin target/release/gazette --root /dev/shm/corpus-plain-10000 --css
"""

import argparse
import base64
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time


def ws_connect(port):
    s = socket.create_connection(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall(
        (
            f"GET /__gazette/ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    head = b""
    while b"\r\n\r\n" not in head:
        head += s.recv(1)
    assert b" 101 " in head.split(b"\r\n")[0], head
    return s


def ws_read(s):
    """One text message (server frames are unmasked)."""
    def exact(n):
        buf = b""
        while len(buf) < n:
            chunk = s.recv(n - len(buf))
            if not chunk:
                raise EOFError
            buf += chunk
        return buf

    b0, b1 = exact(2)
    n = b1 & 0x7F
    if n == 126:
        n = int.from_bytes(exact(2), "big")
    elif n == 127:
        n = int.from_bytes(exact(8), "big")
    payload = exact(n)
    if b0 & 0x0F == 1:
        return payload.decode()
    return ws_read(s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/gazette")
    ap.add_argument("--root", required=True)
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--pause", type=float, default=0.5, help="seconds between edits")
    ap.add_argument("--css", action="store_true", help="edit static/latency.css instead")
    args = ap.parse_args()
    css_path = os.path.join(args.root, "static", "latency.css")
    if args.css:
        os.makedirs(os.path.dirname(css_path), exist_ok=True)
        with open(css_path, "w") as f:
            f.write("/* bench/serve_latency.py */\n")

    proc = subprocess.Popen(
        [args.bin, "--root", args.root, "serve", "--watch", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines = []
    port_ready = threading.Event()
    port = [0]

    def reader():
        for line in proc.stdout:
            lines.append(line.rstrip())
            m = re.search(r"serving http://127\.0\.0\.1:(\d+)/", line)
            if m:
                port[0] = int(m.group(1))
                port_ready.set()

    threading.Thread(target=reader, daemon=True).start()
    try:
        t_start = time.monotonic()
        if not port_ready.wait(300):
            sys.exit("server did not start:\n" + "\n".join(lines))
        print(f"initial build + start: {time.monotonic() - t_start:.2f} s ({lines[0]})")
        ws = ws_connect(port[0])
        print("hello:", ws_read(ws))
        if args.css:
            picks = [css_path] * args.edits
            addition, awaited = "p.round-{} {{ margin: 0 }}\n", '"css"'
        else:
            md = []
            for dirpath, _, files in os.walk(os.path.join(args.root, "content")):
                md += [os.path.join(dirpath, f) for f in files if f.endswith(".md")]
            random.seed(1)
            picks = random.sample(md, args.edits)
            addition, awaited = "\nEdited for the latency benchmark, round {}.\n", '"reload"'
        latencies = []
        for i, path in enumerate(picks):
            time.sleep(args.pause)
            with open(path) as f:
                text = f.read()
            t0 = time.monotonic()
            with open(path, "w") as f:
                f.write(text + addition.format(i))
            while True:
                msg = ws_read(ws)
                if awaited in msg:
                    break
            latencies.append((time.monotonic() - t0) * 1000)
        time.sleep(0.3)
        rebuilt = [l for l in lines if "rebuilt in" in l]
        build_ms = [int(re.search(r"rebuilt in (\d+) ms", l).group(1)) for l in rebuilt]
        for l in rebuilt[-3:]:
            print("server:", l)
        print(f"edits: {len(latencies)}, rebuilds: {len(rebuilt)}")
        print(f"write -> {awaited.strip(chr(34))} message: median {statistics.median(latencies):.1f} ms, "
              f"min {min(latencies):.1f}, max {max(latencies):.1f}")
        print(f"server rebuild (event -> swap): median {statistics.median(build_ms)} ms")
    finally:
        proc.kill()
        proc.wait()


if __name__ == "__main__":
    main()
