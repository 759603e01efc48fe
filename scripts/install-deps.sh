#!/usr/bin/env bash
# Installs what relsynth needs to build and test, from Debian's packages. Idempotent and quiet
# when everything is already there.
set -euo pipefail

packages=(g++ make cmake ninja-build pkg-config libsqlite3-dev sqlite3 nlohmann-json3-dev
          libcli11-dev libgtest-dev python3 libpq-dev libmariadb-dev libyaml-cpp-dev libssl-dev
          libarchive-dev libxlsxwriter-dev libexpat1-dev libfreexl-dev libminizip-dev python3-venv
          libcpp-httplib-dev)
# The web UI (web/) is built with npm at `make build`; a Node.js that brings its own npm (as
# NodeSource's does) is kept, else Debian's nodejs and npm.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
optional=()
[ "${1:-}" = "--dev" ] && packages+=(clang-format)
# The tests render the HTML report in headless Chromium; without it that one test is skipped.
[ "${1:-}" = "--test" ] && optional+=(chromium)
# The Spark tests (pyspark in the Python environment) need Java; without it they are skipped.
[ "${1:-}" = "--test" ] && optional+=(openjdk-17-jre-headless)
# The connector tests start real PostgreSQL and MariaDB servers on loopback.
[ "${1:-}" = "--test" ] && packages+=(postgresql mariadb-server)
# make bench also builds Python venvs for the peers (SDV, MOSTLY AI engine, REaLTabFormer).
[ "${1:-}" = "--bench" ] && packages+=(postgresql mariadb-server python3-venv python3-pip)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=()
for package in "${packages[@]}"; do installed "$package" || missing+=("$package"); done
missing_optional=()
for package in "${optional[@]}"; do installed "$package" || missing_optional+=("$package"); done

# The project's Python environment (.venv, or $RELSYNTH_VENV): Arrow C++ for the Parquet
# connector comes from the pyarrow wheel (Debian has no Arrow packages), and the Python package
# builds with nanobind and scikit-build-core. The pins are in scripts/python-requirements.txt.
python_env() {
  local venv="${RELSYNTH_VENV:-$(cd "$(dirname "$0")/.." && pwd)/.venv}"
  local requirements
  requirements="$(cd "$(dirname "$0")" && pwd)/python-requirements.txt"
  local stamp="$venv/.requirements"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$requirements"; then return; fi
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  echo "installing the Python environment in $venv" >&2
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$requirements"
  cp "$requirements" "$stamp"
}

# The Delta test's jars, resolved by Spark once into ~/.ivy2 (the test itself stays offline).
delta_jars() {
  [ "${1:-}" = "--test" ] || return 0
  "${RELSYNTH_VENV:-$(cd "$(dirname "$0")/.." && pwd)/.venv}/bin/python" \
    "$(dirname "$0")/fetch-delta-jars.py" || true
}

if [ ${#missing[@]} -eq 0 ] && [ ${#missing_optional[@]} -eq 0 ]; then
  python_env
  delta_jars "${1:-}"
  exit 0
fi

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ${#missing_optional[@]} -gt 0 ]; then
  echo "installing (optional): ${missing_optional[*]}" >&2
  $sudo apt-get install -y -qq --no-install-recommends "${missing_optional[@]}" >/dev/null ||
    echo "could not install ${missing_optional[*]}; the tests that need it are skipped" >&2
fi
python_env
delta_jars "${1:-}"
