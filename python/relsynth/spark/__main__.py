"""`python -m relsynth.spark` is the `relsynth-spark` command; this file is also what
spark-submit runs (`spark-submit $(relsynth-spark launcher) generate ...`), hence the absolute
import."""

import sys

from relsynth.spark.cli import main

if __name__ == "__main__":
    sys.exit(main())
