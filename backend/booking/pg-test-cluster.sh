#!/bin/sh
# A throwaway PostgreSQL 15 cluster for tests and the `make run` demo.
#   pg-test-cluster.sh DIR        create (if needed) and start a cluster in DIR; prints its
#                                 connection string on stdout
#   pg-test-cluster.sh stop DIR   (or: DIR stop) stop it; the files stay until DIR is removed
# The server listens on a unix socket in DIR and on 127.0.0.1 only, on a free port. As root the
# cluster runs as the `postgres` user (initdb refuses root); otherwise as the caller.
set -eu
if [ "${1:-}" = stop ]; then action=stop; dir=${2:?usage: pg-test-cluster.sh stop DIR}
elif [ "${2:-}" = stop ]; then action=stop; dir=$1
else action=start; dir=${1:?usage: pg-test-cluster.sh DIR | stop DIR}
fi
bin=""
for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { bin=$d; break; }
done
[ -n "$bin" ] || { echo "pg-test-cluster: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$action" = stop ]; then
    [ -f "$dir/data/postmaster.pid" ] || exit 0
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null
    exit 0
fi
if [ "$(id -u)" = 0 ]; then
    chown postgres "$dir"
    runuser -u postgres -- test -w "$dir" || {
        echo "pg-test-cluster: the postgres user cannot reach $dir (a parent folder is private?)" >&2; exit 1; }
fi
if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_owner "$bin/initdb" -D "$dir/data" -U madang --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
fi
# A free loopback port: probe upwards from a start that differs per caller (ss, from iproute2).
port=$(( 15000 + $$ % 5000 )) # below the ephemeral range (32768+)
i=0
while [ $i -lt 200 ]; do
    ss -ltn 2>/dev/null | grep -q ":$port " || break
    port=$((port + 1)); i=$((i + 1))
done
as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" \
    start >/dev/null || { tail -n 20 "$dir/server.log" >&2; exit 1; }
"$bin/psql" -h "$dir" -p "$port" -U madang -d postgres -qAt \
    -c "SELECT 1 FROM pg_database WHERE datname = 'madang'" | grep -q 1 || \
    "$bin/createdb" -h "$dir" -p "$port" -U madang madang
echo "host=$dir port=$port user=madang dbname=madang"
