#!/usr/bin/env bash
# Installs what relsynth needs to build and test, from Debian's packages. Idempotent and quiet
# when everything is already there.
set -euo pipefail

packages=(g++ make cmake ninja-build pkg-config libsqlite3-dev sqlite3 nlohmann-json3-dev
          libcli11-dev libgtest-dev python3)
[ "${1:-}" = "--dev" ] && packages+=(clang-format)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
