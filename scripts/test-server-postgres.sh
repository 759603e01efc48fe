#!/usr/bin/env bash
# Starts and stops a throw-away PostgreSQL server for the connector tests.
#
#   scripts/test-server-postgres.sh start DIR   creates a cluster in DIR, starts it on a free
#                                               port of 127.0.0.1 and prints one line on stdout:
#                                               postgresql://relsynth:PASSWORD@127.0.0.1:PORT/relsynth_test
#   scripts/test-server-postgres.sh stop DIR    stops it (fast shutdown)
#
# The role `relsynth` is a superuser with a random password (scram-sha-256 over TCP, which
# only listens on 127.0.0.1); the unix socket lives in DIR itself. Everything but the URL goes
# to stderr. Run as root, the server runs as the `postgres` OS user (PostgreSQL refuses root);
# run as another user, it runs as that user. Needs the `postgresql` package (Debian 12: 15).
set -euo pipefail

usage() {
  echo "usage: $0 start DIR | stop DIR" >&2
  exit 2
}
[ $# -eq 2 ] || usage
command="$1"
dir="$2"
case "$dir" in /*) ;; *) dir="$(pwd)/$dir" ;; esac

log() { echo "test-server-postgres: $*" >&2; }

bindir() {
  local candidate
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
      echo "$candidate"
      return
    fi
  done
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return
  fi
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v initdb)"
    return
  fi
  log "no PostgreSQL server binaries found (install the postgresql package)"
  exit 1
}

# Runs a command as the server's OS user, from a directory that user can enter.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    (cd "$dir" && runuser -u postgres -- "$@")
  else
    (cd "$dir" && "$@")
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local port tries=0
  while [ $tries -lt 200 ]; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    if ! port_in_use "$port"; then
      echo "$port"
      return
    fi
    tries=$((tries + 1))
  done
  log "no free TCP port found"
  exit 1
}

start() {
  local bin password port started=0 attempt
  bin="$(bindir)"
  if [ -e "$dir/data/PG_VERSION" ]; then
    log "$dir already holds a cluster; stop it and remove $dir first"
    exit 1
  fi
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      log "running as root needs the postgres OS user (installed with the postgresql package)"
      exit 1
    fi
    chown postgres: "$dir"
  fi
  chmod 700 "$dir"

  password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    log "initdb failed"
    exit 1
  }
  # Only loopback TCP with passwords, and the unix socket in DIR (peer: the OS user only).
  cat >"$dir/data/pg_hba.conf" <<'EOF'
local all all peer
host  all all 127.0.0.1/32 scram-sha-256
EOF
  # A test server: durability buys nothing and costs time.
  cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
password_encryption = 'scram-sha-256'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 64MB
log_min_messages = warning
EOF

  # Another process may grab the port between the check and the start: try a few.
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port" start >&2; then
      started=1
      break
    fi
    log "start on port $port failed (attempt $attempt)"
    tail -n 5 "$dir/server.log" >&2 || true
  done
  [ $started -eq 1 ] || {
    log "the server did not start"
    exit 1
  }
  echo "$port" >"$dir/port"

  local ready=0
  for _ in $(seq 1 100); do
    if as_owner "$bin/pg_isready" -q -h "$dir" -p "$port"; then
      ready=1
      break
    fi
    sleep 0.1
  done
  [ $ready -eq 1 ] || {
    log "the server does not accept connections"
    exit 1
  }

  as_owner "$bin/psql" -X -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    >&2 <<EOF
CREATE ROLE relsynth LOGIN SUPERUSER PASSWORD '$password';
CREATE DATABASE relsynth_test OWNER relsynth ENCODING 'UTF8' TEMPLATE template0;
EOF
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running in $dir on 127.0.0.1:$port"
  echo "postgresql://relsynth:$password@127.0.0.1:$port/relsynth_test"
}

stop() {
  local bin
  bin="$(bindir)"
  if [ ! -e "$dir/data/postmaster.pid" ]; then
    log "no server running in $dir"
    return 0
  fi
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >&2
}

case "$command" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
