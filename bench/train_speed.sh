#!/usr/bin/env bash
# Training speed against a baseline relsynth on the same machine (issue #22 item 4). Trains the
# wide database (bench/wide_db.cpp: 28 tables, wide parents, 100k-row children) and nycflights13
# with the baseline binary and with this build, one after the other, and prints per dataset each
# side's CPU seconds (user + sys), wall seconds and peak memory, and the ratio baseline / this
# build. Then synthesises the wide database grown to about 1M rows end to end on 2 threads with
# this build: wall seconds, and peak memory against the source's in-memory size
# (bench_source_memory).
# Other jobs on the machine move absolute times; runs made side by side keep their ratio.
# Usage: bench/train_speed.sh [BUILD_DIR] [BASELINE]
#   BASELINE: a relsynth binary, or a git commit to build into a temporary directory
#   (default: the commit named in bench/train_speed.baseline, the engine before #22 item 4).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
baseline=${2:-$(cat "$here/train_speed.baseline")}
shared=$(cd "$here/../../shared/datasets" && pwd)
work=$(mktemp -d)
cleanup() {
  if [ -d "$work/base" ]; then git -C "$here/.." worktree remove --force "$work/base" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -x "$baseline" ]; then
  base_bin=$baseline
else
  echo "building the baseline $baseline ..." >&2
  git -C "$here/.." worktree add --detach "$work/base" "$baseline" >/dev/null 2>&1
  cmake -S "$work/base" -B "$work/base/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$work/base/build" --target relsynth_cli -j 2 >/dev/null
  base_bin=$work/base/build/relsynth
fi
wide_db=$build/relsynth_wide_db

"$wide_db" "$work/wide.sqlite" >/dev/null
"$wide_db" "$work/wide-1m.sqlite" --scale 165 >/dev/null

# Runs a command under /usr/bin/time; sets cpu, wall and peak_mb.
measure() {
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
    cat "$work/stderr" >&2
    return 1
  }
  local kb user sys
  read -r wall user sys kb <"$work/time"
  cpu=$(python3 -c "print(f'{$user + $sys:.1f}')")
  peak_mb=$((kb / 1024))
}

echo "| dataset | rows | baseline CPU s | CPU s | baseline wall s | wall s | baseline peak MB | peak MB | CPU ratio |"
echo "|---|---|---|---|---|---|---|---|---|"
for source in "$work/wide.sqlite" "$shared/nycflights13.sqlite"; do
  name=$(basename "$source" .sqlite)
  rows=$(python3 - "$source" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
names = [r[0] for r in db.execute("select name from sqlite_master where type = 'table'")]
print(sum(db.execute(f'select count(*) from "{n}"').fetchone()[0] for n in names))
PY
)
  measure "$base_bin" train "$source" -o "$work/base.rsm" --threads 2 -q
  base_cpu=$cpu base_wall=$wall base_peak=$peak_mb
  measure "$build/relsynth" train "$source" -o "$work/new.rsm" --threads 2 -q
  python3 -c "import sys; b, n = float(sys.argv[1]), float(sys.argv[2]); print(f'| $name | {int($rows):,} | {b:.1f} | {n:.1f} | $base_wall | $wall | $base_peak | $peak_mb | {b / max(n, 0.01):.1f}x |')" \
    "$base_cpu" "$cpu"
done

echo
source_mb=$("$build/bench_source_memory" "$work/wide-1m.sqlite")
rows=$(python3 - "$work/wide-1m.sqlite" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
names = [r[0] for r in db.execute("select name from sqlite_master where type = 'table'")]
print(sum(db.execute(f'select count(*) from "{n}"').fetchone()[0] for n in names))
PY
)
measure "$build/relsynth" synth "$work/wide-1m.sqlite" --to "$work/out.sqlite" --threads 2 -q
echo "End to end on the wide database at $rows rows, 2 threads: $wall s wall, $cpu s CPU" \
  "(target: 120 s); peak $peak_mb MB, $(python3 -c "print(f'{$peak_mb / max($source_mb, 1):.1f}')")x" \
  "the source's $source_mb MB in memory (target: 2x)."
