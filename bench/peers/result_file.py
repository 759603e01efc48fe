"""A peer runner's OUT_DIR/result.json, rewritten atomically after every step, so a runner
killed by limit.py leaves its last state behind (limit.py then marks it as a timeout)."""
import argparse
import json
import os
import resource
import sys
import traceback


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class ResultFile:
    def __init__(self, path, system):
        self.path = path
        self.data = {"system": system, "status": "running", "error": None, "fit_s": None,
                     "sample_s": None, "peak_rss_mb": None}
        self.save()

    def save(self):
        self.data["peak_rss_mb"] = round(peak_rss_mb(), 1)
        tmp = self.path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(self.data, f, indent=1, default=str)
        os.replace(tmp, self.path)

    def fail(self, exc):
        """Records the exception being handled; returns the runner's exit status."""
        self.data["status"] = "failed"
        self.data["error"] = f"{type(exc).__name__}: {exc}".strip()[:2000]
        self.data["traceback"] = traceback.format_exc()[-4000:]
        self.save()
        print(self.data["error"], file=sys.stderr)
        return 1


def neural_runner_arguments(description):
    """The arguments the neural peers' runners share: source, metadata, output directory,
    time limit, threads and seed (the caller adds its own)."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("db")
    ap.add_argument("meta")
    ap.add_argument("out_dir")
    ap.add_argument("--time-limit-min", type=float, default=30)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=42)
    return ap


def start_result(out_dir, system):
    """Creates out_dir and its result.json (status running)."""
    os.makedirs(out_dir, exist_ok=True)
    return ResultFile(os.path.join(out_dir, "result.json"), system)
