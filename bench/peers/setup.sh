#!/usr/bin/env bash
# Installs the peer benchmark's Python side, idempotently:
#   bench/.venv                      SDV + SDMetrics (requirements.txt): required
#   bench/.venv/peers/mostlyai       mostlyai-engine (requirements-mostlyai.txt): optional
#   bench/.venv/peers/realtabformer  realtabformer (requirements-realtabformer.txt): optional
#   bench/.venv/peers/syntherela     syntherela, SyntheRela's metrics (requirements-syntherela.txt,
#                                    SDV 1.x): optional, for bench/dda.sh
# A venv is (re)installed only when its requirements file changed (a hash is kept in the venv).
# A failed optional install is recorded in bench/.venv/install-status.json, not fatal; run_peers.sh
# then records that peer as "not installed".
# Usage: bench/peers/setup.sh [--no-optional | --optional NAME[,NAME...]]
# PYTHON (default python3) chooses the interpreter (3.11 is what the pins were made with).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bench=$(cd "$here/.." && pwd)
python=${PYTHON:-python3}
optional_names="mostlyai realtabformer syntherela"
[ "${1:-}" = "--no-optional" ] && optional_names=""
[ "${1:-}" = "--optional" ] && optional_names=${2//,/ }

# install VENV REQUIREMENTS -> 0 on success; output of pip in VENV/install.log
install() {
  local venv=$1 req=$2 sum
  sum=$(sha256sum "$req" | cut -d' ' -f1)
  if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" = "$sum" ]; then
    return 0
  fi
  echo "setup: installing $(basename "$req") into ${venv#"$bench"/} (a few GB, a few minutes)" >&2
  [ -x "$venv/bin/python" ] || "$python" -m venv "$venv" || return 1
  rm -f "$venv/.requirements.sha256"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$req" \
    >"$venv/install.log" 2>&1 || { tail -5 "$venv/install.log" >&2; return 1; }
  echo "$sum" >"$venv/.requirements.sha256"
}

install "$bench/.venv" "$here/requirements.txt" || {
  echo "setup: installing SDV/SDMetrics failed (see bench/.venv/install.log)" >&2
  exit 1
}

status="$bench/.venv/install-status.json"
entries=()
if [ -n "$optional_names" ]; then
  for name in $optional_names; do
    venv="$bench/.venv/peers/$name"
    mkdir -p "$bench/.venv/peers"
    if install "$venv" "$here/requirements-$name.txt"; then
      entries+=("\"$name\": {\"status\": \"ok\", \"python\": \"$venv/bin/python\"}")
    else
      err=$(tail -3 "$venv/install.log" 2>/dev/null | tr '\n"\\' '   ' | cut -c1-500)
      entries+=("\"$name\": {\"status\": \"failed\", \"error\": \"$err\"}")
      echo "setup: optional peer $name did not install; it will be recorded as not installed" >&2
      rm -rf "$venv/bin/python"  # so run_peers.sh sees it as absent
    fi
  done
fi
{
  printf '{"sdv": {"status": "ok", "python": "%s"}' "$bench/.venv/bin/python"
  for e in "${entries[@]+"${entries[@]}"}"; do printf ', %s' "$e"; done
  printf '}\n'
} >"$status"
