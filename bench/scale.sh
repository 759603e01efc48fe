#!/usr/bin/env bash
# Scale benchmark: trains once on the largest shared dataset, then generates it at several scales
# to a SQLite file and to a directory of CSV files (2 threads), and prints one markdown row per
# run: rows written, wall seconds, rows/s, peak resident memory and output size. Peak memory
# staying flat while the rows grow 100-fold is what shows generation is bounded.
# Usage: bench/scale.sh [BUILD_DIR] [SCALES (default "1 10 50 100")] [DATASET (default: largest)]
set -euo pipefail
build=${1:-build}
scales=${2:-1 10 50 100}
shared=$(cd "$(dirname "$0")/../../shared/datasets" && pwd)
dataset=${3:-$(ls -S "$shared"/*.sqlite | head -1)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

name=$(basename "$dataset" .sqlite)
/usr/bin/time -f "%e %M" -o "$work/time" \
  "$build/relsynth" train "$dataset" -o "$work/model.rsm" --threads 2 -q
read -r seconds kb <"$work/time"
echo "Scale benchmark on $name: train $seconds s, peak $((kb / 1024)) MB."
echo
echo "| dataset | scale | format | rows | seconds | rows/s | peak MB | output MB |"
echo "|---|---|---|---|---|---|---|---|"
for scale in $scales; do
  for format in sqlite csv; do
    case $format in
      sqlite) out="$work/out.sqlite" ;;
      csv) out="csv:$work/out-csv" ;;
    esac
    /usr/bin/time -f "%e %M" -o "$work/time" "$build/relsynth" generate "$work/model.rsm" \
      --to "$out" --scale "$scale" --threads 2 --overwrite -q
    read -r seconds kb <"$work/time"
    if [ "$format" = sqlite ]; then
      rows=$(python3 - "$work/out.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
names = [r[0] for r in db.execute("select name from sqlite_master where type = 'table'")]
print(sum(db.execute(f'select count(*) from "{n}"').fetchone()[0] for n in names))
PY
)
      bytes=$(stat -c %s "$work/out.sqlite")
    else
      # CSV rows: lines minus each file's header (values holding newlines are quoted and rare here)
      rows=$(($(cat "$work"/out-csv/*.csv | wc -l) - $(ls "$work"/out-csv/*.csv | wc -l)))
      bytes=$(du -sb "$work/out-csv" | cut -f1)
    fi
    python3 -c "import sys; n,s,k,b=map(float,sys.argv[1:]); print(f'| $name | $scale | $format | {int(n):,} | {s:.1f} | {n/max(s,0.01):,.0f} | {k/1024:.0f} | {b/2**20:,.0f} |')" \
      "$rows" "$seconds" "$kb" "$bytes"
    rm -rf "$work/out.sqlite" "$work/out-csv"
  done
done
