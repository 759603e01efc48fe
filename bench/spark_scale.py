#!/usr/bin/env python3
"""The Spark job against the single process (docs/BENCHMARKS.md, "relsynth on Spark"): trains
once on nycflights13, generates it at scale 50 (about 18M rows) to Parquet with
`relsynth generate` (2 threads, then 1 thread: the per-core rate) and with `relsynth-spark
generate` on local[2] (one task per unit, one thread per task), and prints one markdown row per
run: rows, seconds, rows/s, peak memory (the process; for Spark the largest Python worker and
the JVM), the load average, and whether the Spark output's digests equal the single run's.

Usage: PYTHONPATH=build/python .venv/bin/python bench/spark_scale.py [BUILD_DIR] [SCALE]"""

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
BUILD = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "build").resolve()
SCALE = sys.argv[2] if len(sys.argv) > 2 else "50"
DATASET = ROOT.parent / "shared" / "datasets" / "nycflights13.sqlite"
CLI = BUILD / "relsynth"


def timed(command: list[str], env=None, stdout=subprocess.DEVNULL) -> tuple[float, float]:
    """Wall seconds and peak resident MB of the command (GNU time: the largest of the process
    and the descendants it waited for, so the JVM under relsynth-spark)."""
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", out.name, *command], check=True,
                       env=env, stdout=stdout, stderr=subprocess.DEVNULL)
        seconds, kb = out.read().split()[-2:]
    return float(seconds), float(kb) / 1024


def main() -> None:
    if not shutil.which("java"):
        print("spark_scale: no Java, skipped")
        return
    sys.path.insert(0, str(BUILD / "python"))
    from relsynth.spark.digest import folder_digests

    work = pathlib.Path(tempfile.mkdtemp(prefix="relsynth-spark-bench-"))
    env = dict(os.environ, PYTHONPATH=str(BUILD / "python"), PYSPARK_PYTHON=sys.executable)
    try:
        model = work / "model.rsm"
        seconds, _ = timed([str(CLI), "-q", "train", str(DATASET), "-o", str(model), "--threads", "2"])
        print(f"Spark benchmark on nycflights13 at scale {SCALE}: train {seconds:.1f} s; "
              f"load average before {os.getloadavg()[0]:.2f}.\n")
        print("| run | rows | seconds | rows/s | rows/s per core | peak MB | load avg (1 min) | equal |")
        print("|---|---|---|---|---|---|---|---|")
        single = None
        for threads in ("2", "1"):
            out = work / f"single-{threads}"
            seconds, peak = timed([str(CLI), "-q", "generate", str(model), "--scale", SCALE,
                                   "--threads", threads, "--to", f"parquet:{out}"])
            load = os.getloadavg()[0]
            digests = folder_digests(out)
            rows = sum(r for r, _ in digests.values())
            if single is None:
                single = digests
            print(f"| relsynth generate, {threads} thread(s) | {rows:,} | {seconds:.1f} | "
                  f"{rows / seconds:,.0f} | {rows / seconds / int(threads):,.0f} | {peak:.0f} | "
                  f"{load:.2f} | {'yes' if digests == single else 'NO'} |")
            shutil.rmtree(out)
        out = work / "spark"
        log = work / "spark.log"
        with open(log, "w") as f:
            seconds, jvm_peak = timed([sys.executable, "-m", "relsynth.spark", "generate", str(model),
                                       "--scale", SCALE, "--to", str(out), "--master", "local[2]"],
                                      env=env, stdout=f)
        load = os.getloadavg()[0]
        summary = log.read_text().splitlines()[0]
        task_peak = summary.rsplit("peak task memory ", 1)[1].split(" MB")[0]
        task_seconds = float(summary.rsplit("median task ", 1)[1].split(" s")[0])
        units = int(-(-float(SCALE) // 1))
        digests = folder_digests(out)
        rows = sum(r for r, _ in digests.values())
        print(f"| relsynth-spark local[2], {int(float(SCALE))} tasks | {rows:,} | {seconds:.1f} | "
              f"{rows / seconds:,.0f} | {rows / seconds / 2:,.0f} | task {task_peak}, whole job {jvm_peak:.0f} | "
              f"{load:.2f} | {'yes' if digests == single else 'NO'} |")
        print(f"\n({summary})\n")
        print(f"Per task (one unit, one core): {rows / units:,.0f} rows in a median {task_seconds:.1f} s, "
              f"{rows / units / task_seconds:,.0f} rows/s per executor core.")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
