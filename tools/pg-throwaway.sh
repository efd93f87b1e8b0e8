#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on a private loopback port for tests, and prints
# the DATABASE_URL to use. Usage: eval "$(bash tools/pg-throwaway.sh start)"; … ; bash tools/pg-throwaway.sh stop
# PostgreSQL refuses to run as root, so as root the server runs as the "postgres" user.
# TASKFRONT_PG_DIR and TASKFRONT_PG_PORT let several run at once (the fault tests do).
# For fault tests, on a running throwaway server:
#   crash     stop it as a crash or failover does (pg_ctl -m immediate: no checkpoint, connections cut)
#   restart   start it again on the same data (after crash; it recovers from its WAL)
#   pause     SIGSTOP the server and all its processes: it hangs, connections stay open
#   resume    SIGCONT them
set -euo pipefail
DIR="${TASKFRONT_PG_DIR:-/tmp/taskfront-pg}"
PORT="${TASKFRONT_PG_PORT:-55432}"

find_bin() {
  if command -v "$1" >/dev/null 2>&1; then command -v "$1"; return; fi
  ls /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n 1
}
INITDB=$(find_bin initdb); PG_CTL=$(find_bin pg_ctl)
if [ -z "$INITDB" ] || [ -z "$PG_CTL" ]; then
  echo "PostgreSQL server programs not found. On Debian: apt-get install -y postgresql" >&2
  exit 2
fi
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# The postmaster (first line of postmaster.pid) and its children, by process id.
signal_all() {
  local main; main=$(head -n 1 "$DIR/data/postmaster.pid")
  kill -"$1" "$main" $(pgrep -P "$main" || true)
}

case "${1:-start}" in
  start)
    as_owner "$PG_CTL" -D "$DIR/data" stop -m immediate >/dev/null 2>&1 || true
    rm -rf "$DIR"; mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_owner "$INITDB" -D "$DIR/data" -U taskfront --auth=trust --no-sync -E UTF8 >"$DIR/initdb.log" 2>&1 || { cat "$DIR/initdb.log" >&2; exit 2; }
    as_owner "$PG_CTL" -D "$DIR/data" -l "$DIR/server.log" -w \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null || { cat "$DIR/server.log" >&2; exit 2; }
    echo "export DATABASE_URL=postgres://taskfront@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    # A paused server cannot stop; wake it first.
    signal_all CONT 2>/dev/null || true
    as_owner "$PG_CTL" -D "$DIR/data" stop -m fast >/dev/null 2>&1 || true
    rm -rf "$DIR"
    ;;
  crash)
    as_owner "$PG_CTL" -D "$DIR/data" stop -m immediate >/dev/null
    ;;
  restart)
    as_owner "$PG_CTL" -D "$DIR/data" -l "$DIR/server.log" -w \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null || { cat "$DIR/server.log" >&2; exit 2; }
    ;;
  pause) signal_all STOP ;;
  resume) signal_all CONT ;;
  *) echo "usage: $0 start|stop|crash|restart|pause|resume" >&2; exit 2 ;;
esac
