#!/usr/bin/env python3
"""Runs one command under a wall-clock limit and a memory limit and measures it.

    limit.py [--time-limit SEC] [--mem-mb MB] [--measure OUT.json] [--result RESULT.json] -- CMD...

The command runs in its own session; every 0.2 s the resident memory of all its processes is
summed (from /proc). Over --mem-mb the whole session is killed ("failed", memory limit); past
--time-limit it gets SIGTERM, then SIGKILL 10 s later ("timeout"). The peak is the larger of the
sampled sum and the kernel's ru_maxrss of the waited-for children (what `/usr/bin/time %M` shows).

--measure writes {wall_s, peak_rss_mb, exit_code, status, error, stderr_tail}. --result patches a
runner's result.json (the contract of run_sdv.py and friends): a killed or crashed runner that
could not write its own status gets "timeout"/"failed" and the error, and peak_rss_mb becomes the
larger of the two measurements. Exit code: the command's (124 on timeout, 137 when killed for
memory).
"""
import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import time

PAGE = os.sysconf("SC_PAGE_SIZE")


def session_rss_bytes(sid):
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
            fields = stat[stat.rindex(")") + 2:].split()
            # fields[0] is state (field 3); session id is field 6 -> index 3; rss field 24 -> 21
            if int(fields[3]) != sid:
                continue
            total += int(fields[21]) * PAGE
        except (OSError, ValueError, IndexError):
            continue
    return total


def kill_session(sid, sig):
    try:
        os.killpg(sid, sig)
    except ProcessLookupError:
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--time-limit", type=float, default=1800)
    ap.add_argument("--mem-mb", type=float, default=16 * 1024)
    ap.add_argument("--measure")
    ap.add_argument("--result")
    ap.add_argument("--stderr", help="also save the command's stderr here")
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.cmd[1:] if args.cmd and args.cmd[0] == "--" else args.cmd
    if not cmd:
        ap.error("no command")

    err_path = args.stderr or (args.measure + ".stderr" if args.measure else None)
    err_f = open(err_path, "wb") if err_path else subprocess.DEVNULL
    start = time.monotonic()
    proc = subprocess.Popen(cmd, start_new_session=True, stderr=err_f)
    sid = proc.pid

    def forward(signum, _frame):  # limit.py interrupted: take the command down with it
        kill_session(sid, signal.SIGKILL)
        sys.exit(128 + signum)
    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    signal.signal(signal.SIGHUP, forward)
    peak = 0
    status, error = None, None
    term_at = None
    while True:
        rc = proc.poll()
        if rc is not None:
            break
        rss = session_rss_bytes(sid)
        peak = max(peak, rss)
        elapsed = time.monotonic() - start
        if status is None and rss > args.mem_mb * 1024 * 1024:
            status = "failed"
            error = f"memory limit: resident memory {rss / 2**20:.0f} MB > {args.mem_mb:.0f} MB; killed"
            kill_session(sid, signal.SIGKILL)
        elif status is None and elapsed > args.time_limit:
            status = "timeout"
            error = f"time limit: still running after {args.time_limit:.0f} s; killed"
            kill_session(sid, signal.SIGTERM)
            term_at = time.monotonic()
        elif term_at is not None and time.monotonic() - term_at > 10:
            kill_session(sid, signal.SIGKILL)
            term_at = None
        time.sleep(0.2)
    wall = time.monotonic() - start
    kill_session(sid, signal.SIGKILL)  # stray grandchildren
    if err_path:
        err_f.close()
    ru = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    peak_mb = max(peak, ru) / 2**20
    tail = ""
    if err_path and os.path.exists(err_path):
        with open(err_path, "rb") as f:
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(0, size - 4000))
            tail = f.read().decode("utf-8", "replace")
    if status is None:
        status = "ok" if rc == 0 else "failed"
        if rc != 0:
            lines = [l for l in tail.strip().splitlines() if l.strip()]
            error = f"exit code {rc}" + (f": {lines[-1]}" if lines else "")
    code = {"timeout": 124}.get(status, rc if rc is not None else 1)
    if status == "failed" and error and error.startswith("memory limit"):
        code = 137
    measure = {"wall_s": round(wall, 3), "peak_rss_mb": round(peak_mb, 1), "exit_code": rc,
               "status": status, "error": error, "stderr_tail": tail[-2000:],
               "time_limit_s": args.time_limit, "mem_limit_mb": args.mem_mb,
               "command": cmd}
    if args.measure:
        with open(args.measure, "w") as f:
            json.dump(measure, f, indent=1)
    if args.result:
        res = {}
        if os.path.exists(args.result):
            try:
                with open(args.result) as f:
                    res = json.load(f)
            except ValueError:
                res = {}
        if status != "ok" and res.get("status") in (None, "running", "ok"):
            res["status"] = status
            res["error"] = error if status != "failed" or not res.get("error") else res["error"]
        elif status != "ok" and not res.get("error"):
            res["error"] = error
        res["wall_s"] = round(wall, 3)
        res["peak_rss_mb"] = round(max(peak_mb, res.get("peak_rss_mb") or 0), 1)
        res["limits"] = {"time_limit_s": args.time_limit, "mem_limit_mb": args.mem_mb}
        os.makedirs(os.path.dirname(os.path.abspath(args.result)), exist_ok=True)
        with open(args.result, "w") as f:
            json.dump(res, f, indent=1)
    print(f"[limit] {status} in {wall:.1f} s, peak {peak_mb:.0f} MB"
          + (f": {error}" if error else ""), file=sys.stderr)
    sys.exit(code)


if __name__ == "__main__":
    main()
