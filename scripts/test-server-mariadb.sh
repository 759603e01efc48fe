#!/usr/bin/env bash
# Starts and stops a throw-away MariaDB server for the connector tests.
#
#   scripts/test-server-mariadb.sh start DIR   creates a data directory in DIR, starts mariadbd
#                                              on a free port of 127.0.0.1 and prints one line
#                                              on stdout:
#                                              mysql://relsynth:PASSWORD@127.0.0.1:PORT/relsynth_test
#   scripts/test-server-mariadb.sh stop DIR    shuts it down and waits until it is gone
#
# The user `relsynth` (@127.0.0.1 and @localhost) has a random password and every privilege,
# WITH GRANT OPTION (tests create users with fewer rights). The server reads no option file
# (--no-defaults), so nothing in /etc/mysql applies; its socket, pid file, logs and temporary
# files live in DIR and it never touches /var/lib/mysql. Run as root, the server runs as root
# (--user=root); run as another user, as that user. Everything but the URL goes to stderr.
# Needs the `mariadb-server` package (Debian 12: 10.11); no systemd involved.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR | stop DIR" >&2
  exit 2
}
[ $# -eq 2 ] || usage
command="$1"
dir="$2"
case "$dir" in /*) ;; *) dir="$(pwd)/$dir" ;; esac

log() { echo "test-server-mariadb: $*" >&2; }

# The first of several names that exists (MariaDB renamed mysqld to mariadbd in 10.5).
find_binary() {
  local name
  for name in "$@"; do
    if command -v "$name" >/dev/null 2>&1; then
      command -v "$name"
      return
    fi
    for prefix in /usr/sbin /usr/bin /usr/local/sbin /usr/local/bin /usr/local/mysql/bin; do
      if [ -x "$prefix/$name" ]; then
        echo "$prefix/$name"
        return
      fi
    done
  done
  log "none of $* found (install the mariadb-server package)"
  exit 1
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

os_user() {
  if [ "$(id -u)" -eq 0 ]; then echo root; else id -un; fi
}

# The client as the server's root account, over the socket in DIR.
client() {
  "$(find_binary mariadb mysql)" --no-defaults --protocol=socket --socket="$dir/mysqld.sock" \
    --user=root --batch --skip-column-names "$@"
}

server_pid() {
  [ -s "$dir/mysqld.pid" ] || return 1
  local pid
  pid="$(cat "$dir/mysqld.pid")"
  kill -0 "$pid" 2>/dev/null || return 1
  echo "$pid"
}

start() {
  local server install_db password port started=0 attempt pid
  server="$(find_binary mariadbd mysqld)"
  install_db="$(find_binary mariadb-install-db mysql_install_db)"
  if [ -e "$dir/data/mysql" ]; then
    log "$dir already holds a data directory; stop it and remove $dir first"
    exit 1
  fi
  mkdir -p "$dir/data" "$dir/tmp"
  chmod 700 "$dir"

  "$install_db" --no-defaults --user="$(os_user)" --datadir="$dir/data" \
    --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve \
    >"$dir/install.log" 2>&1 || {
    cat "$dir/install.log" >&2
    log "mariadb-install-db failed"
    exit 1
  }

  password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  # A test server: durability buys nothing and costs time.
  local options=(
    --no-defaults --user="$(os_user)" --datadir="$dir/data" --tmpdir="$dir/tmp"
    --socket="$dir/mysqld.sock" --pid-file="$dir/mysqld.pid" --log-error="$dir/server.log"
    --bind-address=127.0.0.1 --skip-name-resolve --skip-log-bin
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci
    --innodb-buffer-pool-size=128M --innodb-log-file-size=64M
    --innodb-flush-log-at-trx-commit=0 --innodb-doublewrite=0 --innodb-flush-method=nosync
    --max-connections=200 --max-allowed-packet=64M
  )

  # Another process may grab the port between the check and the start: try a few.
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    rm -f "$dir/mysqld.pid"
    "$server" "${options[@]}" --port="$port" </dev/null >/dev/null 2>&1 &
    pid=$!
    local ready=0
    for _ in $(seq 1 300); do
      if ! kill -0 "$pid" 2>/dev/null; then break; fi
      if client -e "SELECT 1" >/dev/null 2>&1 && port_in_use "$port"; then
        ready=1
        break
      fi
      sleep 0.1
    done
    if [ $ready -eq 1 ]; then
      started=1
      break
    fi
    log "start on port $port failed (attempt $attempt)"
    tail -n 5 "$dir/server.log" >&2 || true
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  [ $started -eq 1 ] || {
    log "the server did not start"
    exit 1
  }
  echo "$port" >"$dir/port"

  client >&2 <<EOF
CREATE USER 'relsynth'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER 'relsynth'@'localhost' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON *.* TO 'relsynth'@'127.0.0.1' WITH GRANT OPTION;
GRANT ALL PRIVILEGES ON *.* TO 'relsynth'@'localhost' WITH GRANT OPTION;
CREATE DATABASE relsynth_test CHARACTER SET utf8mb4;
EOF
  log "MariaDB $(client -e 'SELECT VERSION()') running in $dir on 127.0.0.1:$port"
  echo "mysql://relsynth:$password@127.0.0.1:$port/relsynth_test"
}

stop() {
  local pid
  if ! pid="$(server_pid)"; then
    log "no server running in $dir"
    return 0
  fi
  # SHUTDOWN over the socket; a signal if that fails. Either way wait until it is gone.
  client -e "SHUTDOWN" >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 600); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  log "the server (pid $pid) did not stop within 60 s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

case "$command" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac
