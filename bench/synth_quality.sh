#!/usr/bin/env bash
# Synthesises every shared dataset (and the demo and wide databases) at scale 1 on 2 threads, reports each
# against its source, and prints one markdown row per dataset: wall time and peak memory of
# `synth`, then the report's summary. Usage: [SEED=N] bench/synth_quality.sh [BUILD_DIR]
set -euo pipefail
build=${1:-build}
shared=$(cd "$(dirname "$0")/../../shared/datasets" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/relsynth_demo_db" "$work/demo.sqlite" >/dev/null
"$build/relsynth_wide_db" "$work/wide.sqlite" >/dev/null  # 28 tables, 616,258 rows
sources=("$work/demo.sqlite")
for f in "$shared"/*.sqlite; do sources+=("$f"); done
sources+=("$work/wide.sqlite")

echo "| dataset | rows | synth s | peak MB | column shapes | pair trends | cardinality | inter-table | sequence trends | detection AUC mean / max | integrity violations | rule violations (rules) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for source in "${sources[@]}"; do
  name=$(basename "$source" .sqlite)
  out="$work/$name.synthetic.sqlite"
  /usr/bin/time -f "%e %M" -o "$work/time" "$build/relsynth" synth "$source" --to "$out" --threads 2 --seed "${SEED:-42}" -q
  read -r seconds kb < "$work/time"
  "$build/relsynth" report --real "$source" --synthetic "$out" --json "$work/$name.json" -q >/dev/null
  python3 - "$work/$name.json" "$name" "$seconds" "$kb" <<'PY'
import json, sys
path, name, seconds, kb = sys.argv[1:]
report = json.load(open(path))
s = report["summary"]
rows = sum(t["real_rows"] for t in report["tables"])
f = lambda v: "n/a" if v is None else f"{v:.3f}"
print(f"| {name} | {rows:,} | {float(seconds):.2f} | {int(kb) / 1024:.0f} | {f(s['column_shapes'])} | "
      f"{f(s['column_pair_trends'])} | {f(s['cardinality_shapes'])} | {f(s['intertable_trends'])} | "
      f"{f(s.get('sequence_trends'))} | "
      f"{f(s['detection_auc_mean'])} / {f(s['detection_auc_max'])} | {s['integrity_violations']} | "
      f"{s['rule_violations']} ({s['rules_checked']}) |")
PY
done
