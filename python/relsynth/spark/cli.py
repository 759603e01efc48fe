"""The `relsynth-spark` command (docs/SPARK.md): exit codes as relsynth's (2 usage, 3 input,
4 I/O, 1 a failed Spark job)."""

from __future__ import annotations

import argparse
import statistics
import sys

from .. import _core

USAGE_EXAMPLE = """examples:
  relsynth-spark generate shop.rsm --scale 4 --to out/shop --master 'local[2]'
  spark-submit --files shop.rsm "$(relsynth-spark launcher)" \\
      generate shop.rsm --scale 1000 --to s3://bucket/shop --partitions 400"""


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="relsynth-spark", description="Generates a relsynth model's database on Apache Spark.",
        epilog=USAGE_EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = top.add_subparsers(dest="command", required=True)
    gen = commands.add_parser(
        "generate", help="generate a scaled database into a folder of Parquet or Delta tables",
        description="Generates units 0..U-1 of a --scale N run (U = ceil(N)) in Spark tasks; "
                    "the output equals `relsynth generate MODEL --scale N --to parquet:DEST`.")
    gen.add_argument("model", metavar="MODEL", help="the model file (relsynth train -o)")
    gen.add_argument("--scale", type=float, default=1.0, help="rows relative to the source (default 1)")
    gen.add_argument("--to", required=True, metavar="DEST",
                     help="destination folder: a path (local or shared) or a URI pyarrow writes "
                          "(file://, s3://, gs://, hdfs://)")
    gen.add_argument("--format", choices=("parquet", "delta"), default="parquet",
                     help="Parquet part files, or Delta tables (needs Delta Lake's package)")
    gen.add_argument("--partitions", type=int, metavar="P",
                     help="Spark tasks sharing the units (default: one per unit)")
    gen.add_argument("--master", metavar="URL",
                     help="Spark master (default: spark-submit's, or local[*]); local[N] retries "
                          "a failed task as a cluster does")
    gen.add_argument("--seed", type=int, help="generation seed (default: the model's)")
    gen.add_argument("--overwrite", action="store_true",
                     help="replace a destination that holds only relsynth's earlier output")
    gen.add_argument("--ship-model", action="store_true",
                     help="send the model file to every executor (as spark-submit --files does)")
    gen.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    commands.add_parser("launcher", help="print the path of the script spark-submit runs")
    digest = commands.add_parser(
        "digest", help="print per-table rows and order-independent hashes of a Parquet folder",
        description="Rows and an order-independent hash per table of a folder of Parquet tables "
                    "(relsynth's <table>.parquet files or part-file folders): two outputs with "
                    "the same digests hold the same rows.")
    digest.add_argument("folder", metavar="DIR")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "launcher":
        import os

        print(os.path.join(os.path.dirname(os.path.abspath(__file__)), "__main__.py"))
        return 0
    if args.command == "digest":
        import json

        from .digest import folder_digests

        digests = folder_digests(args.folder)
        print(json.dumps({t: {"rows": r, "hash": f"{h:016x}"} for t, (r, h) in digests.items()}, indent=1))
        return 0
    if args.seed is not None and not 0 <= args.seed < 2**64:
        print("relsynth-spark: --seed takes 0 to 2^64-1", file=sys.stderr)
        return 2
    try:
        from . import generate
        from .job import SparkJobError

        try:
            import pyspark  # noqa: F401
        except ImportError:
            print("relsynth-spark: needs pyspark: pip install 'relsynth[spark]' (and Java 17)",
                  file=sys.stderr)
            return 2
        result = generate(args.model, args.scale, args.to, master=args.master, format=args.format,
                          partitions=args.partitions, seed=args.seed, overwrite=args.overwrite,
                          ship_model=args.ship_model)
    except _core.UsageError as error:
        return _fail(error, 2)
    except _core.InputError as error:
        return _fail(error, 3)
    except (_core.IoError, OSError) as error:
        return _fail(error, 4)
    except SparkJobError as error:
        return _fail(error, 1)
    if not args.quiet:
        total = sum(result.rows.values())
        print(f"wrote {total:,} rows in {len(result.rows)} tables to {result.destination} "
              f"({result.format}, {len(result.ranges)} tasks, {result.seconds:.1f} s, "
              f"median task {statistics.median(result.task_seconds):.1f} s, "
              f"peak task memory {max(result.task_peak_mb):.0f} MB)")
        for table, rows in sorted(result.rows.items()):
            print(f"  {table}: {rows:,}")
    return 0


def _fail(error: BaseException, code: int) -> int:
    print(f"relsynth-spark: {error}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
