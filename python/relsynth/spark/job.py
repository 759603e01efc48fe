"""The Spark job: units 0..U-1 of a scale-N run split into contiguous ranges, one Spark task per
range, each generating its units with the core straight to Parquet (docs/SPARK.md).

A task writes `<table>.parquet` per table with the core's own Parquet writer into a folder of its
own (one per attempt), then renames each file to `STAGING/<table>/part-<first>-<last>.parquet`:
the name depends only on the unit range, so a retried or speculative attempt replaces its
predecessor's file with the same rows, and no file of a failed attempt is ever taken. The driver
collects the row counts, converts each table to Delta when asked, and renames the staging folder
onto the destination; a failed job removes the staging folder, so no partial table is left."""

from __future__ import annotations

import os
import posixpath
import shutil
import socket
import tempfile
import time
from dataclasses import dataclass, field

from .. import _core
from . import output

# What a task reads from the environment of the driver for tests (shipped with the task):
# RELSYNTH_SPARK_FAULT="fail:I" fails the first attempt of task I after it published part of its
# files; "fail-always:I" fails every attempt; "hide-model" makes tasks act as if the model's path
# were not readable on their machine.
FAULT_VARIABLE = "RELSYNTH_SPARK_FAULT"

DELTA_PACKAGE = "io.delta:delta-spark_2.12:3.2.1"  # Delta 3.2 is the line built for Spark 3.5
DELTA_CONF = {
    "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
    "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
}


class SparkJobError(_core.Error):
    """The Spark job failed; the message is the task's own where a task failed."""


@dataclass
class Result:
    """What a job wrote: rows per table, the unit ranges run, and the seconds it took."""

    destination: str
    rows: dict[str, int]
    ranges: list[tuple[int, int]]
    seconds: float
    format: str = "parquet"
    task_seconds: list[float] = field(default_factory=list)
    task_peak_mb: list[float] = field(default_factory=list)  # each task's Python worker, at its end


def unit_count(model_path: str, scale: float) -> int:
    """How many units a scale-N run has (the model says: the scale rounded up)."""
    from ..synthesizer import Synthesizer

    synth = Synthesizer.load(model_path, quiet=True)
    if not callable(getattr(synth, "units", None)):
        raise _core.UsageError("this relsynth core cannot generate unit ranges (no "
                               "Synthesizer.units): install a relsynth with #27's units")
    return int(synth.units(scale=scale))


def unit_ranges(units: int, partitions: int) -> list[tuple[int, int]]:
    """0..units-1 in `partitions` contiguous half-open ranges whose sizes differ by at most one
    (never more ranges than units)."""
    if units < 1:
        raise _core.UsageError("a run has at least one unit")
    if partitions < 1:
        raise _core.UsageError(f"--partitions must be at least 1, not {partitions}")
    count = min(partitions, units)
    base, extra = divmod(units, count)
    ranges, start = [], 0
    for i in range(count):
        end = start + base + (1 if i < extra else 0)
        ranges.append((start, end))
        start = end
    return ranges


def part_name(first: int, end: int, units: int) -> str:
    """The part file of units first..end-1 (`part-00000-00003.parquet` for units 0..3)."""
    width = max(5, len(str(units - 1)))
    return f"part-{first:0{width}d}-{end - 1:0{width}d}.parquet"


# -- inside a task --------------------------------------------------------------------------

_loaded: dict[str, object] = {}  # model path -> Synthesizer, kept while a Python worker is reused


def _model_path(model: str, fault: str) -> str:
    """The model on this machine: the path as given when readable (a shared path), else the
    copy shipped with spark-submit --files (or --ship-model), else a clear error."""
    if fault != "hide-model" and os.access(model, os.R_OK):
        return model
    try:
        from pyspark import SparkFiles

        shipped = SparkFiles.get(os.path.basename(model))
    except Exception:
        shipped = None
    if shipped and os.access(shipped, os.R_OK):
        return shipped
    raise RuntimeError(
        f"relsynth-spark: the model file {model!r} cannot be read on executor {socket.gethostname()}: "
        "put it on a path every executor reads, or ship it with spark-submit --files "
        f"{model} (relsynth-spark --ship-model does the same)")


def _synthesizer(path: str):
    from ..synthesizer import Synthesizer

    if path not in _loaded:
        _loaded[path] = Synthesizer.load(path, quiet=True)
    return _loaded[path]


def _publish(attempt_dir: str, staging: output.Place, name: str, fail: bool) -> None:
    """Moves (or uploads) each `<table>.parquet` of the attempt to `<table>/<name>`."""
    files = sorted(f for f in os.listdir(attempt_dir) if f.endswith(".parquet"))
    fs = staging.fs
    for i, file in enumerate(files):
        if fail and i == len(files) // 2:
            raise RuntimeError("relsynth-spark: injected failure (RELSYNTH_SPARK_FAULT) after "
                               f"publishing {i} of {len(files)} tables")
        table_dir = posixpath.join(staging.path, file[: -len(".parquet")])
        fs.create_dir(table_dir, recursive=True)
        target = posixpath.join(table_dir, name)
        source = os.path.join(attempt_dir, file)
        if staging.local:
            os.replace(source, target)  # the same file system: a rename, atomic
        else:  # uploaded under a hidden name, then moved: a file under `name` is always whole
            import secrets

            import pyarrow.fs as pafs

            upload = posixpath.join(table_dir, f".{name}.{secrets.token_hex(4)}.upload")
            pafs.copy_files(source, upload, source_filesystem=pafs.LocalFileSystem(),
                            destination_filesystem=fs)
            fs.move(upload, target)


def run_task(spec: dict, index: int, ranges) -> list[tuple]:
    """One Spark task: generates its unit range and publishes the files; returns
    [(first, end, rows by table, seconds, peak MB of this Python worker so far)]."""
    import resource

    from pyspark import TaskContext

    started = time.monotonic()
    context = TaskContext.get()
    attempt = context.attemptNumber() if context else 0
    fault = spec.get("fault", "")
    out = []
    for first, end in ranges:
        synth = _synthesizer(_model_path(spec["model"], fault))
        staging = spec["staging"]
        scratch_parent = staging.path if staging.local else None
        # A folder of this attempt's own: beside the tables (a rename away) on a shared path,
        # else the executor's temporary folder (uploaded from there).
        if scratch_parent:
            os.makedirs(os.path.join(scratch_parent, "_attempts"), exist_ok=True)
            scratch = tempfile.mkdtemp(prefix=f"{first}-{end}-attempt{attempt}-",
                                       dir=os.path.join(scratch_parent, "_attempts"))
        else:
            scratch = tempfile.mkdtemp(prefix=f"relsynth-spark-{first}-{end}-")
        try:
            attempt_dir = os.path.join(scratch, "out")
            settings = {"threads": spec["threads"]}
            if spec.get("seed") is not None:
                settings["seed"] = spec["seed"]
            rows = synth.sample(scale=spec["scale"], units=range(first, end),
                                to=f"parquet:{attempt_dir}", **settings)
            fail = (fault == f"fail:{index}" and attempt == 0) or fault == f"fail-always:{index}"
            _publish(attempt_dir, staging, part_name(first, end, spec["units"]), fail)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        out.append((first, end, dict(rows), time.monotonic() - started, peak_mb))
    return out


# -- the driver -----------------------------------------------------------------------------


def _task_message(error: BaseException) -> str:
    """The task's own message out of Spark's wrapping (a Py4J error with the Python traceback)."""
    text = str(error)
    for line in reversed(text.splitlines()):
        line = line.strip()
        for marker in ("relsynth-spark: ",):
            if marker in line:
                return line[line.index(marker) + len(marker):]
        for kind in ("relsynth._core.InputError: ", "relsynth._core.IoError: ",
                     "relsynth._core.UsageError: ", "relsynth._core.Error: "):
            if line.startswith(kind):
                return line[len(kind):]
    first = text.strip().splitlines()[0] if text.strip() else type(error).__name__
    return first


def run(spark, model: str, scale: float, dest: str, *, format: str = "parquet",
        partitions: int | None = None, seed: int | None = None, overwrite: bool = False,
        ship_model: bool = False, fault: str | None = None) -> Result:
    """Generates a scale-`scale` database of the model file on `spark` into `dest`."""
    started = time.monotonic()
    if format not in ("parquet", "delta"):
        raise _core.UsageError(f"--format is parquet or delta, not {format!r}")
    if not (scale > 0):
        raise _core.UsageError(f"--scale must be above 0, not {scale}")
    model = _driver_model_path(model)
    target = output.place(dest)
    output.check_target(target, overwrite)  # before any work
    if format == "delta":
        _check_delta(spark)
    units = unit_count(model, scale)
    sc = spark.sparkContext
    ranges = unit_ranges(units, units if partitions is None else partitions)
    if ship_model:
        sc.addFile(model)
    staging = output.sibling(target, "staging")
    staging.fs.create_dir(staging.path, recursive=True)
    spec = {
        "model": model, "scale": float(scale), "seed": seed, "units": units, "staging": staging,
        "threads": int(spark.conf.get("spark.task.cpus", "1")),
        "fault": fault if fault is not None else os.environ.get(FAULT_VARIABLE, ""),
    }
    try:
        try:
            results = (sc.parallelize(ranges, len(ranges))
                       .mapPartitionsWithIndex(lambda i, it: run_task(spec, i, list(it)))
                       .collect())
        except Exception as error:
            raise SparkJobError(f"the Spark job failed: {_task_message(error)}") from error
        rows: dict[str, int] = {}
        for _, _, table_rows, _, _ in results:
            for table, count in table_rows.items():
                rows[table] = rows.get(table, 0) + int(count)
        output.remove(staging.child("_attempts"))
        tables = sorted(info.base_name for info in output.listing(staging)
                        if info.type.name == "Directory")
        for table in tables:  # uploads that a killed attempt left under their hidden names
            output.remove_hidden_files(staging.child(table))
        if format == "delta":  # each conversion is many small Spark jobs: run them side by side
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(max_workers=min(8, len(tables) or 1)) as pool:
                list(pool.map(lambda t: _convert_to_delta(spark, staging.child(t)), tables))
        output.write_manifest(staging, tables)
        output.commit(staging, target, overwrite)
    except BaseException:
        output.remove(staging)
        raise
    return Result(destination=target.uri, rows=rows, ranges=ranges,
                  seconds=time.monotonic() - started, format=format,
                  task_seconds=[r[3] for r in results], task_peak_mb=[r[4] for r in results])


def _driver_model_path(model: str) -> str:
    """The model on the driver: the path given, or (spark-submit --files in cluster mode) the
    copy Spark placed in the driver's working folder."""
    path = os.path.abspath(os.path.expanduser(model))
    if os.access(path, os.R_OK):
        return path
    try:
        from pyspark import SparkFiles

        shipped = SparkFiles.get(os.path.basename(model))
        if os.access(shipped, os.R_OK):
            return shipped
    except Exception:
        pass
    raise _core.IoError(f"cannot read the model file {model!r}" +
                        ("" if os.path.exists(path) else ": no such file"))


def _check_delta(spark) -> None:
    extensions = spark.conf.get("spark.sql.extensions", "") or ""
    if "DeltaSparkSessionExtension" not in extensions:
        raise _core.UsageError(
            "--format delta needs Delta Lake in the Spark session: relsynth-spark adds it to a "
            f"session it starts (the package {DELTA_PACKAGE}, resolved from Maven); with "
            f"spark-submit pass --packages {DELTA_PACKAGE} " +
            " ".join(f"--conf {k}={v}" for k, v in DELTA_CONF.items()))


def _convert_to_delta(spark, table: output.Place) -> None:
    location = table.uri if not table.local else table.path
    try:
        spark.sql(f"CONVERT TO DELTA parquet.`{location}`")
    except Exception as error:
        raise SparkJobError(f"converting {posixpath.basename(table.path)!r} to Delta failed: "
                            f"{_task_message(error)}") from error
