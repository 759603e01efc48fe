#!/usr/bin/env bash
# SyntheRela's aggregation detection (DDA), computed with the `syntherela` package itself
# (bench/peers/score_dda.py in its own venv, bench/.venv/peers/syntherela: it pins SDV 1.x and
# scikit-learn 1.3.1, which the SDV 2 venv cannot hold), for relsynth and SDV's HMASynthesizer
# side by side, at several seeds. relsynth's own report (`aggregation_detection_max`, the
# project's trees instead of XGBoost) is printed beside it.
#
# Usage: bench/dda.sh [--build DIR] [--datasets biodegradability,cora,demo] [--seeds 42,1,2]
#                     [--systems relsynth,sdv] [--limit-min 30] [--date YYYY-MM-DD]
#
# Work files go to bench/results/tmp/<date>/dda/<dataset>/<system>-<seed>/ (git-ignored); the
# table to bench/results/<date>.dda.md (also printed) and every figure to <date>.dda.json. A
# system that fails or times out is shown with its status. SDV runs each seed under --limit-min
# minutes (biodegradability takes about 5 minutes a seed, the demo more than 20).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/peers/datasets.sh"
repo=$(cd "$here/.." && pwd)
shared=$(cd "$repo/../shared/datasets" && pwd)
build="$repo/build"
datasets=biodegradability,cora,demo
seeds=42,1,2
systems=relsynth,sdv
limit_min=30
date=$(date -u +%Y-%m-%d)
while [ $# -gt 0 ]; do
  case "$1" in
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    --datasets) datasets=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --systems) systems=$2; shift 2 ;;
    --limit-min) limit_min=${2%%,*}; shift 2 ;;  # run_peers.sh's form: the default only
    --date) date=$2; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
relsynth="$build/relsynth"
[ -x "$relsynth" ] || { echo "no relsynth binary at $relsynth (build first, or pass --build)" >&2; exit 2; }
"$here/peers/setup.sh" --optional syntherela
py="$here/.venv/bin/python"
scorer="$here/.venv/peers/syntherela/bin/python"
[ -x "$scorer" ] || { echo "syntherela did not install (see bench/.venv/peers/syntherela/install.log)" >&2; exit 1; }
work="$here/results/tmp/$date/dda"
mkdir -p "$work"
has() { case ",$systems," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

IFS=, read -r -a dataset_list <<<"$datasets"
IFS=, read -r -a seed_list <<<"$seeds"
for ds in "${dataset_list[@]}"; do
  dsdir="$work/$ds"
  mkdir -p "$dsdir"
  source=$(dataset_source "$ds" "$dsdir")
  meta="$dsdir/meta.json"
  "$relsynth" inspect "$source" -o "$meta" -q >/dev/null
  for seed in "${seed_list[@]}"; do
    if has relsynth; then
      dir="$dsdir/relsynth-$seed"; rm -rf "$dir"; mkdir -p "$dir"
      log "$ds seed $seed: relsynth synth + report"
      "$relsynth" synth "$source" -m "$meta" --to "$dir/synthetic.sqlite" --seed "$seed" \
        --threads 2 -q
      "$relsynth" report --real "$source" --synthetic "$dir/synthetic.sqlite" -m "$meta" \
        --json "$dir/report.json" -q >/dev/null
    fi
    if has sdv; then
      dir="$dsdir/sdv-hma-$seed"; rm -rf "$dir"; mkdir -p "$dir"
      log "$ds seed $seed: SDV HMA fit + sample (limit $limit_min min)"
      "$py" "$here/peers/limit.py" --time-limit $((limit_min * 60)) --result "$dir/result.json" \
        --stderr "$dir/stderr.txt" -- "$py" "$here/peers/run_sdv.py" "$source" "$meta" "$dir" \
        --seed "$seed" >"$dir/stdout.txt" || true
      [ -f "$dir/synthetic.sqlite" ] &&
        "$relsynth" report --real "$source" --synthetic "$dir/synthetic.sqlite" -m "$meta" \
          --json "$dir/report.json" -q >/dev/null || true
    fi
  done
  # Every output of the dataset scored in one process (importing SDV 1.x is most of the time).
  pairs=()
  for seed in "${seed_list[@]}"; do
    for dir in "$dsdir"/relsynth-"$seed" "$dsdir"/sdv-hma-"$seed"; do
      [ -f "$dir/synthetic.sqlite" ] && pairs+=("$dir/synthetic.sqlite" "$dir/dda.json")
    done
  done
  if [ ${#pairs[@]} -gt 0 ]; then
    log "$ds: SyntheRela DDA of $((${#pairs[@]} / 2)) outputs"
    also=()
    for ((i = 2; i < ${#pairs[@]}; i += 2)); do also+=(--also "${pairs[i]}" "${pairs[i + 1]}"); done
    "$scorer" "$here/peers/score_dda.py" "$source" "${pairs[0]}" "$meta" "${pairs[1]}" \
      "${also[@]+"${also[@]}"}" || true
  fi
done

"$py" - "$work" "$here/results/$date.dda.json" "$here/results/$date.dda.md" "$date" \
  "relsynth at $(git -C "$repo" rev-parse --short HEAD)" <<'PY'
import glob, json, os, sys
work, out_json, out_md, date, version = sys.argv[1:]
runs = []
for path in sorted(glob.glob(os.path.join(work, "*", "*-*"))):
    dataset, name = path.split(os.sep)[-2:]
    system, seed = name.rsplit("-", 1)
    def load(file):
        try:
            with open(os.path.join(path, file)) as f:
                return json.load(f)
        except (OSError, ValueError):
            return None
    dda, report, result = load("dda.json"), load("report.json"), load("result.json")
    status = "ok" if dda and dda.get("status") == "ok" else (
        (result or {}).get("status") or (dda or {}).get("status") or "missing")
    runs.append({"dataset": dataset, "system": system, "seed": int(seed), "status": status,
                 "dda": (dda or {}).get("dda"), "table": (dda or {}).get("table"),
                 "tables": {t: v["accuracy"] for t, v in (dda or {}).get("tables", {}).items()},
                 "top_features": (dda or {}).get("tables", {}).get((dda or {}).get("table"), {})
                 .get("top_features", []),
                 "report_aggregation_detection_max":
                     ((report or {}).get("summary") or {}).get("aggregation_detection_max"),
                 "error": (result or {}).get("error") or (dda or {}).get("error")})
with open(out_json, "w") as f:
    json.dump({"date": date, "relsynth": version, "runs": runs}, f, indent=1)
seeds = sorted({r["seed"] for r in runs}, key=lambda s: (s != 42, s))
f = lambda v: "–" if v is None else f"{v:.3f}"
lines = [f"SyntheRela DDA (aggregation detection accuracy, max over tables; 0.5 = "
         f"indistinguishable), {date}, {version}. Beside it, relsynth report's own "
         f"aggregation_detection_max on the same output.", "",
         "| dataset | system | " + " | ".join(f"seed {s}" for s in seeds) +
         " | mean | worst table (seed " + str(seeds[0]) + ") | report's figure (mean) |",
         "|---|---|" + "---|" * len(seeds) + "---|---|---|"]
for key in sorted({(r["dataset"], r["system"]) for r in runs}):
    rs = {r["seed"]: r for r in runs if (r["dataset"], r["system"]) == key}
    cells = [f(rs[s]["dda"]) if s in rs and rs[s]["dda"] is not None
             else (rs[s]["status"] if s in rs else "–") for s in seeds]
    vals = [rs[s]["dda"] for s in seeds if s in rs and rs[s]["dda"] is not None]
    own = [rs[s]["report_aggregation_detection_max"] for s in seeds
           if s in rs and rs[s]["report_aggregation_detection_max"] is not None]
    first = rs.get(seeds[0], {})
    worst = first.get("table") or "–"
    if first.get("top_features"):
        worst += " (" + ", ".join(t["feature"] for t in first["top_features"][:3]) + ")"
    lines.append(f"| {key[0]} | {key[1]} | " + " | ".join(cells) +
                 f" | {f(sum(vals) / len(vals)) if vals else '–'} | {worst} | "
                 f"{f(sum(own) / len(own)) if own else '–'} |")
with open(out_md, "w") as fh:
    fh.write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
