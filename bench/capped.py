#!/usr/bin/env python3
"""Runs one benchmark command under /usr/bin/time -v with a memory cap and a time limit, so a
runaway cannot take the shared machine down.

The command runs in its own session; every 50 ms the resident set of its whole process tree
is summed from /proc, and the session is killed (SIGKILL) when it passes --cap-mb or when
--timeout seconds have gone by. prlimit --as would be simpler but counts address space, not
memory: mimalloc and numpy reserve far more than they touch, so it kills healthy runs.

Prints one JSON line: {"wall_s", "peak_rss_mb", "rc", "status"} with status "ok", "exit N",
"killed at cap" or "timeout". peak_rss_mb is /usr/bin/time's maximum resident set of the
command when it ended by itself, else the largest sampled sum. The command's stdout and
stderr go to <log>.out and <log>.err.

Usage: capped.py --cap-mb 6144 --timeout 600 --log bench/cache/x -- cmd args...
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time


def tree_rss_kb(root):
    """Sum of VmRSS over `root` and its descendants, in KiB."""
    total = 0
    stack = [root]
    seen = set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as f:
                    stack.extend(int(c) for c in f.read().split())
        except (OSError, ValueError):
            pass
    return total


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cap-mb", type=int, default=6144)
    ap.add_argument("--timeout", type=float, default=600)
    ap.add_argument("--log", required=True)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd and args.cmd[0] == "--" else args.cmd
    if not cmd:
        sys.exit("capped.py: no command")
    t0 = time.monotonic()
    with open(args.log + ".out", "w") as out, open(args.log + ".err", "w") as err:
        p = subprocess.Popen(["/usr/bin/time", "-v"] + cmd, stdout=out, stderr=err, start_new_session=True)
        status = None
        peak_kb = 0
        while p.poll() is None:
            rss = tree_rss_kb(p.pid)
            peak_kb = max(peak_kb, rss)
            if rss > args.cap_mb * 1024:
                status = "killed at cap"
            elif time.monotonic() - t0 > args.timeout:
                status = "timeout"
            if status:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
                break
            time.sleep(0.05)
    wall = time.monotonic() - t0
    rc = p.returncode
    if status is None:
        status = "ok" if rc == 0 else f"exit {rc}"
        # /usr/bin/time's figures are exact; prefer them when the command ended by itself.
        text = open(args.log + ".err", errors="replace").read()
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
        if m:
            peak_kb = int(m.group(1))
        m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", text)
        if m:
            wall = int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3))
    print(json.dumps({"wall_s": round(wall, 2), "peak_rss_mb": round(peak_kb / 1024), "rc": rc, "status": status}))


if __name__ == "__main__":
    main()
