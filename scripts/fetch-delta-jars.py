#!/usr/bin/env python3
"""Has Spark resolve Delta Lake's jars (io.delta:delta-spark_2.12:3.2.1, the line for Spark 3.5)
into ~/.ivy2/jars, where python/tests/test_spark_job.py finds them without the network. Run by
`scripts/install-deps.sh --test`; does nothing when they are there; on failure says so (the
Delta test is then skipped) and exits 0."""

import os
import shutil
import sys

PACKAGE = "io.delta:delta-spark_2.12:3.2.1"
JARS = [os.path.expanduser(f"~/.ivy2/jars/io.delta_{name}-3.2.1.jar")
        for name in ("delta-spark_2.12", "delta-storage")]

if all(os.path.exists(jar) for jar in JARS):
    sys.exit(0)
if not shutil.which("java"):
    print("no Java: Delta Lake's jars not fetched (the Spark tests are skipped)", file=sys.stderr)
    sys.exit(0)
try:
    from pyspark.sql import SparkSession

    print(f"fetching {PACKAGE} for the Delta test", file=sys.stderr)
    spark = (SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false")
             .config("spark.jars.packages", PACKAGE).getOrCreate())
    spark.stop()
except Exception as error:  # offline, or Maven unreachable: the Delta test is skipped
    print(f"could not fetch {PACKAGE} ({str(error).splitlines()[0]}); the Delta test is skipped",
          file=sys.stderr)
