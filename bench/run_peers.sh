#!/usr/bin/env bash
# Peer benchmark: relsynth vs SDV HMASynthesizer (and, where installed, MOSTLY AI's engine and
# REaLTabFormer) on every shared dataset and the demo database, same machine, same real data,
# same metadata, scale 1. Every output is scored twice: `relsynth report --json` and SDMetrics'
# multi-table QualityReport + DiagnosticReport (bench/peers/score_sdmetrics.py).
#
# Usage: bench/run_peers.sh [--limit-min 30[,SYSTEM=MIN...]] [--mem-gb 16] [--datasets a,b,...]
#                           [--systems relsynth,sdv,mostlyai,realtabformer] [--build DIR]
#                           [--date YYYY-MM-DD] [--fresh] [--max-score-rows N] [--no-setup]
#
# Datasets: names of ../shared/datasets/*.sqlite plus "demo" (default: all of them).
# Each system gets --limit-min minutes (fit + sample) and --mem-gb GB of resident memory per
# dataset (bench/peers/limit.py); a system that fails or times out is recorded with its error.
# A system's own limit overrides the default: --limit-min 30,mostlyai=6,realtabformer=6.
# Scoring runs under the default limit. Work files go to bench/results/tmp/<date>/<dataset>/
# <system>/ (kept; git-ignored), the results to bench/results/<date>.json and .md (also
# printed). Re-running with some --systems/--datasets replaces those runs and re-aggregates
# everything of that date; --fresh first drops that date's earlier runs (`make bench` does).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
. "$here/peers/datasets.sh"
repo=$(cd "$here/.." && pwd)
shared=$(cd "$repo/../shared/datasets" && pwd)
limit_spec=30
mem_gb=16
datasets=""
systems="relsynth,sdv,mostlyai,realtabformer"
build="$repo/build"
date=$(date -u +%Y-%m-%d)
max_score_rows=100000
setup=1
fresh=0
while [ $# -gt 0 ]; do
  case "$1" in
    --limit-min) limit_spec=$2; shift 2 ;;
    --mem-gb) mem_gb=$2; shift 2 ;;
    --datasets) datasets=$2; shift 2 ;;
    --systems) systems=$2; shift 2 ;;
    --build) build=$(cd "$2" && pwd); shift 2 ;;
    --date) date=$2; shift 2 ;;
    --max-score-rows) max_score_rows=$2; shift 2 ;;
    --fresh) fresh=1; shift ;;
    --no-setup) setup=0; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
if [ -z "$datasets" ]; then
  datasets=demo
  for f in "$shared"/*.sqlite; do datasets="$datasets,$(basename "$f" .sqlite)"; done
fi

relsynth="$build/relsynth"
[ -x "$relsynth" ] || { echo "no relsynth binary at $relsynth (build first, or pass --build)" >&2; exit 2; }
[ "$setup" = 1 ] && "$here/peers/setup.sh"
py="$here/.venv/bin/python"
# The minutes SYSTEM gets: its own entry in --limit-min, else the default (the bare number).
limit_of() { # SYSTEM
  local entry minutes=30 entries
  IFS=, read -r -a entries <<<"$limit_spec"
  for entry in "${entries[@]}"; do
    case "$entry" in
      *=*) [ "${entry%%=*}" = "$1" ] && { echo "${entry#*=}"; return; } ;;
      *) minutes=$entry ;;
    esac
  done
  echo "$minutes"
}
for entry in ${limit_spec//,/ }; do
  [[ "${entry#*=}" =~ ^[0-9]+$ ]] || { echo "bad --limit-min entry: $entry" >&2; exit 2; }
done
limit_min=$(limit_of "")
limit_s=$((limit_min * 60))
mem_mb=$((mem_gb * 1024))
work="$here/results/tmp/$date"
[ "$fresh" = 1 ] && rm -rf "$work"
mkdir -p "$work" "$here/results"
has() { case ",$systems," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
limited() { "$py" "$here/peers/limit.py" --time-limit "$limit_s" --mem-mb "$mem_mb" "$@"; }

# Scores one system's output with both relsynth report and SDMetrics (each under the limits).
score() { # DIR SOURCE META
  local dir=$1 source=$2 meta=$3
  [ -f "$dir/synthetic.sqlite" ] || return 0
  # a peer that models only some tables leaves the metadata of those (mostlyai, realtabformer)
  [ -f "$dir/meta.covered.json" ] && meta="$dir/meta.covered.json"
  log "  scoring $(basename "$dir"): relsynth report"
  limited --measure "$dir/report.measure.json" -- "$relsynth" report --real "$source" \
    --synthetic "$dir/synthetic.sqlite" -m "$meta" --json "$dir/report.json" -q \
    >"$dir/report.txt" || true
  log "  scoring $(basename "$dir"): SDMetrics"
  limited --measure "$dir/sdmetrics.measure.json" -- "$py" "$here/peers/score_sdmetrics.py" \
    "$source" "$dir/synthetic.sqlite" "$meta" "$dir/sdmetrics.json" \
    --max-rows "$max_score_rows" || true
}

# Runs a Python peer runner (run_sdv.py, run_mostlyai.py, ...) with its own interpreter.
peer() { # SYSTEM NAME PYTHON RUNNER DIR SOURCE META [ARGS...]
  local system=$1 name=$2 python=$3 runner=$4 dir=$5 source=$6 meta=$7; shift 7
  rm -rf "$dir"; mkdir -p "$dir"
  if [ ! -x "$python" ]; then
    printf '{"system": "%s", "status": "failed", "error": "not installed (see bench/.venv/install-status.json)"}\n' \
      "$name" >"$dir/result.json"
    log "  $name: not installed"
    return 0
  fi
  local minutes; minutes=$(limit_of "$system")
  log "  $name: fit + sample (limit ${minutes} min, ${mem_gb} GB)"
  limit_s=$((minutes * 60)) limited --result "$dir/result.json" --stderr "$dir/stderr.txt" -- \
    "$python" "$here/peers/$runner" "$source" "$meta" "$dir" "$@" >"$dir/stdout.txt" || true
  score "$dir" "$source" "$meta"
}

start=$(date +%s)
IFS=, read -r -a dataset_list <<<"$datasets"
for ds in "${dataset_list[@]}"; do
  dsdir="$work/$ds"
  mkdir -p "$dsdir"
  source=$(dataset_source "$ds" "$dsdir")
  meta="$dsdir/meta.json"
  log "$ds: relsynth inspect"
  "$relsynth" inspect "$source" -o "$meta" -q >/dev/null
  echo "$source" >"$dsdir/source.txt"

  if has relsynth; then
    dir="$dsdir/relsynth"; rm -rf "$dir"; mkdir -p "$dir"
    log "  relsynth: train + generate (2 threads)"
    limited --measure "$dir/fit.measure.json" -- "$relsynth" train "$source" -m "$meta" \
      -o "$dir/model.rsm" --threads 2 -q || true
    if [ -f "$dir/model.rsm" ]; then
      limited --measure "$dir/sample.measure.json" -- "$relsynth" generate "$dir/model.rsm" \
        --to "$dir/synthetic.sqlite" --threads 2 -q || true
    fi
    "$py" "$here/peers/aggregate.py" relsynth-result "$dir" "$relsynth"
    score "$dir" "$source" "$meta"
  fi
  if has sdv; then
    peer sdv sdv-hma "$here/.venv/bin/python" run_sdv.py "$dsdir/sdv-hma" "$source" "$meta"
  fi
  if has mostlyai; then
    peer mostlyai mostlyai-engine "$here/.venv/peers/mostlyai/bin/python" run_mostlyai.py \
      "$dsdir/mostlyai-engine" "$source" "$meta" --time-limit-min "$(limit_of mostlyai)"
  fi
  if has realtabformer; then
    peer realtabformer realtabformer "$here/.venv/peers/realtabformer/bin/python" run_realtabformer.py \
      "$dsdir/realtabformer" "$source" "$meta" --time-limit-min "$(limit_of realtabformer)"
  fi
done
# A peer that covers only some tables is compared with relsynth on those tables: relsynth's output
# is scored again with that peer's meta.covered.json (redone when relsynth's output is newer).
for dsdir in "$work"/*/; do
  rs="$dsdir/relsynth"
  [ -f "$rs/synthetic.sqlite" ] || continue
  for covered in "$dsdir"/*/meta.covered.json; do
    [ -f "$covered" ] || continue
    peer_name=$(basename "$(dirname "$covered")")
    out="$rs/sdmetrics.$peer_name.json"
    [ -f "$out" ] && [ "$out" -nt "$rs/synthetic.sqlite" ] && [ "$out" -nt "$covered" ] && continue
    log "$(basename "$dsdir"): scoring relsynth on the tables $peer_name covers"
    limited --measure "$rs/sdmetrics.$peer_name.measure.json" -- "$py" \
      "$here/peers/score_sdmetrics.py" "$(cat "$dsdir/source.txt")" "$rs/synthetic.sqlite" \
      "$covered" "$out" --max-rows "$max_score_rows" || true
  done
done
elapsed=$(( $(date +%s) - start ))
log "done in ${elapsed} s"
printf '{"systems": "%s", "datasets": "%s", "limit_min": "%s", "mem_gb": %s, "seconds": %s, "finished": "%s"}\n' \
  "$systems" "$datasets" "$limit_spec" "$mem_gb" "$elapsed" "$(date -u +%FT%TZ)" >>"$work/invocations.jsonl"
"$py" "$here/peers/aggregate.py" summary "$work" --date "$date" \
  --json "$here/results/$date.json" --md "$here/results/$date.md" \
  --run-seconds "$elapsed" --limit-min "$limit_min" --mem-gb "$mem_gb" --relsynth "$relsynth"
cat "$here/results/$date.md"
