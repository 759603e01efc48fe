# Sourced by bench/run_peers.sh and bench/dda.sh: the source database of a benchmark dataset.
# dataset_source NAME DIR prints the path of NAME: DIR/demo.sqlite (generated once with
# $build/relsynth_demo_db) for "demo", else $shared/NAME.sqlite; exits 2 when it is missing.
dataset_source() {
  local name=$1 dir=$2 path
  if [ "$name" = demo ]; then
    path="$dir/demo.sqlite"
    [ -f "$path" ] || "$build/relsynth_demo_db" "$path" >/dev/null
  else
    path="$shared/$name.sqlite"
    [ -f "$path" ] || { echo "no dataset $path" >&2; exit 2; }
  fi
  echo "$path"
}
