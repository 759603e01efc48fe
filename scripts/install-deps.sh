#!/usr/bin/env bash
# Installs what relsynth needs to build and test, from Debian's packages. Idempotent and quiet
# when everything is already there.
set -euo pipefail

packages=(g++ make cmake ninja-build pkg-config libsqlite3-dev sqlite3 nlohmann-json3-dev
          libcli11-dev libgtest-dev python3 libpq-dev libmariadb-dev libyaml-cpp-dev libssl-dev
          libarchive-dev)
optional=()
[ "${1:-}" = "--dev" ] && packages+=(clang-format)
# The tests render the HTML report in headless Chromium; without it that one test is skipped.
[ "${1:-}" = "--test" ] && optional+=(chromium)
# The connector tests start real PostgreSQL and MariaDB servers on loopback.
[ "${1:-}" = "--test" ] && packages+=(postgresql mariadb-server)
# make bench also builds Python venvs for the peers (SDV, MOSTLY AI engine, REaLTabFormer).
[ "${1:-}" = "--bench" ] && packages+=(postgresql mariadb-server python3-venv python3-pip)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=()
for package in "${packages[@]}"; do installed "$package" || missing+=("$package"); done
missing_optional=()
for package in "${optional[@]}"; do installed "$package" || missing_optional+=("$package"); done
[ ${#missing[@]} -eq 0 ] && [ ${#missing_optional[@]} -eq 0 ] && exit 0

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
