#!/usr/bin/env bash
# Runs a command with real PostgreSQL and MariaDB servers started on loopback in a temporary
# directory, their URLs exported as RELSYNTH_TEST_POSTGRES_URL and RELSYNTH_TEST_MYSQL_URL.
# The servers are stopped and their data removed when the command ends, however it ends.
#   scripts/with-test-servers.sh ctest --output-on-failure
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(mktemp -d /tmp/relsynth-servers.XXXXXX)"
chmod 755 "$root"

cleanup() {
  "$here/test-server-postgres.sh" stop "$root/postgres" >/dev/null 2>&1 || true
  "$here/test-server-mariadb.sh" stop "$root/mariadb" >/dev/null 2>&1 || true
  rm -rf "$root"
}
trap cleanup EXIT

RELSYNTH_TEST_POSTGRES_URL="$("$here/test-server-postgres.sh" start "$root/postgres")"
RELSYNTH_TEST_MYSQL_URL="$("$here/test-server-mariadb.sh" start "$root/mariadb")"
# The connector tests fail instead of skipping when a server was meant to be there.
export RELSYNTH_TEST_POSTGRES_URL RELSYNTH_TEST_MYSQL_URL RELSYNTH_TEST_SERVERS_REQUIRED=1
echo "test servers: $RELSYNTH_TEST_POSTGRES_URL $RELSYNTH_TEST_MYSQL_URL" |
  sed 's#//\([^:/@]*\):[^@]*@#//\1:***@#g' >&2
"$@"
