#!/usr/bin/env python3
"""Two or more gazette binaries on one site, alternated (A B A B ...): median wall and CPU.

For changes too small for bench/run.py's three runs to tell apart from the machine's
noise: the binaries build the same site in turn, so a slow minute slows both.

    python3 bench/ab.py --root SITE --runs 9 OLD-BINARY NEW-BINARY

Each build runs with GAZETTE_NO_CACHE=1 into an output folder emptied beforehand.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import time


def build(binary: str, root: str, out: str) -> tuple[float, float]:
    """One build: (wall seconds, user + system CPU seconds)."""
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [binary, "--root", root, "build", "--output", out, "--quiet"],
        env=dict(os.environ, GAZETTE_NO_CACHE="1"),
        check=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binaries", nargs="+", help="gazette binaries to compare")
    ap.add_argument("--root", required=True, help="the site to build")
    ap.add_argument("--runs", type=int, default=9, help="builds per binary (default 9)")
    ap.add_argument("--out", default="/dev/shm/gazette-ab-out", help="output folder (emptied)")
    args = ap.parse_args()
    runs: dict[str, list[tuple[float, float]]] = {b: [] for b in args.binaries}
    for _ in range(args.runs):
        for binary in args.binaries:
            runs[binary].append(build(binary, args.root, args.out))
    shutil.rmtree(args.out, ignore_errors=True)
    for binary, times in runs.items():
        wall = statistics.median(t[0] for t in times)
        cpu = statistics.median(t[1] for t in times)
        print(f"{binary}: wall median {wall * 1000:.1f} ms, CPU median {cpu * 1000:.1f} ms "
              f"({len(times)} builds)")


if __name__ == "__main__":
    main()
