#!/usr/bin/env bash
# Builds the fuzz targets with clang's libFuzzer (ASan + UBSan) and runs each for SECONDS
# (default 1800), in parallel. Inputs that crash land in fuzz/found/<target>/ and are then
# replayed by `make test`. Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-1800}
shift || true
targets=("${@:-csv_reader metadata_json model_loader}")
targets=(${targets[@]})
build=build-fuzz
command -v clang++ >/dev/null || { apt-get update -qq && apt-get install -y -qq clang >/dev/null; }
cmake -S . -B $build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DRELSYNTH_FUZZ=ON -DRELSYNTH_BUILD_TESTS=OFF >/dev/null
cmake --build $build --target $(printf '%s_fuzz ' "${targets[@]}") relsynth_cli
for target in "${targets[@]}"; do
  work=$build/corpus/$target
  mkdir -p "$work" "fuzz/found/$target"
  cp -n fuzz/corpus/$target/* "$work/" 2>/dev/null || true
  if [ "$target" = model_loader ]; then
    # A model of the current format as a seed, trained on a seed CSV.
    seed_dir=$(mktemp -d)
    cp fuzz/corpus/csv_reader/basic.csv "$seed_dir/t.csv"
    $build/relsynth -q train "csv:$seed_dir" -o "$work/current.rsm" --trees 2 --depth 4
    rm -rf "$seed_dir"
  fi
  echo "fuzzing $target for ${seconds}s (log: $build/$target.log)"
  (cd "fuzz/found/$target" && ../../../$build/${target}_fuzz -max_total_time="$seconds" \
     -max_len=8192 -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 "../../../$work" \
     > "../../../$build/$target.log" 2>&1; echo "$target: exit $?" >> "../../../$build/$target.log") &
done
wait
for target in "${targets[@]}"; do
  echo "== $target"; grep -E "^(#[0-9]+.*DONE|stat::number_of_executed_units|.*exit [0-9]+|==[0-9]+==ERROR)" \
    "$build/$target.log" | tail -4
done
