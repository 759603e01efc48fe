#!/usr/bin/env python3
"""The Python path against the CLI on the same database and seed (overhead, target <= 10%), and
the DataFrame boundary's transfer rate (a 1M-row table into relsynth's columns and back).

Usage: PYTHONPATH=build/python .venv/bin/python bench/python_overhead.py BUILD [DATABASE...]
Prints a Markdown table for docs/BENCHMARKS.md. CPU seconds (user+sys) are the figure: wall time
on a shared 2-core machine varies with the neighbours."""

import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd
import pyarrow as pa

import relsynth as rs
from relsynth import _core
from relsynth.tables import tables_source, read_tables


def cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli_run(cli: str, database: str, out: str) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), cpu_children()
    subprocess.run([cli, "-q", "synth", database, "--to", out, "--seed", "1", "--threads", "2"],
                   check=True)
    return time.perf_counter() - wall, cpu_children() - cpu


def python_run(database: str, out: str) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), cpu_self()
    rs.Synthesizer(seed=1, threads=2, quiet=True).fit(database).sample(to=out, seed=1)
    return time.perf_counter() - wall, cpu_self() - cpu


def transfer(rows: int = 1_000_000) -> list[str]:
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({
        "id": np.arange(rows, dtype=np.int64),
        "amount": rng.normal(100, 15, rows),
        "when": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 10**6, rows), unit="s"),
        "code": pd.Categorical(rng.choice(["alpha", "beta", "gamma", "delta"], rows)),
        "flag": rng.random(rows) < 0.3,
    })
    lines = []
    start = time.perf_counter()
    arrow = tables_source({"t": frame})
    to_arrow = time.perf_counter() - start
    start = time.perf_counter()
    streams = _core.echo_tables(arrow)
    boundary = time.perf_counter() - start
    start = time.perf_counter()
    back = read_tables(streams)
    to_pandas = time.perf_counter() - start
    assert len(back["t"]) == rows
    lines.append(f"| DataFrame -> Arrow (pyarrow) | {rows:,} | {to_arrow:.2f} s | {rows / to_arrow / 1e6:.1f} M rows/s |")
    lines.append(f"| Arrow -> relsynth columns -> Arrow (the boundary, both ways) | {rows:,} | {boundary:.2f} s | {rows / boundary / 1e6:.1f} M rows/s |")
    lines.append(f"| Arrow -> DataFrame (nullable dtypes) | {rows:,} | {to_pandas:.2f} s | {rows / to_pandas / 1e6:.1f} M rows/s |")
    total = to_arrow + boundary + to_pandas
    lines.append(f"| DataFrame in and out, in all | {rows:,} | {total:.2f} s | {rows / total / 1e6:.1f} M rows/s |")
    return lines


def main() -> None:
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    cli = os.path.join(build, "relsynth")
    databases = sys.argv[2:] or [os.path.join(os.path.dirname(__file__), "..", "..", "shared",
                                              "datasets", name + ".sqlite")
                                 for name in ("chinook", "nycflights13")]
    print("| database | CLI synth CPU s | Python fit+sample CPU s | overhead | CLI wall s | Python wall s |")
    print("|---|---|---|---|---|---|")
    for database in databases:
        with tempfile.TemporaryDirectory() as folder:
            cli_wall, cli_cpu = cli_run(cli, database, os.path.join(folder, "cli.sqlite"))
            py_wall, py_cpu = python_run(database, os.path.join(folder, "py.sqlite"))
        name = os.path.basename(database)
        print(f"| {name} | {cli_cpu:.2f} | {py_cpu:.2f} | {100 * (py_cpu / cli_cpu - 1):+.1f}% | "
              f"{cli_wall:.2f} | {py_wall:.2f} |")
    print()
    print("| transfer | rows | time | rate |")
    print("|---|---|---|---|")
    for line in transfer():
        print(line)


if __name__ == "__main__":
    main()
