#!/bin/sh
# `make run`: starts the shuttle booking service for the demo — a throwaway PostgreSQL cluster
# (backend/booking/pg-test-cluster.sh) and madang-booking on 127.0.0.1 with the sample GTFS —
# registers this kiosk, runs the command with a config that adds the booking settings to the
# shuttle plugin's section, and stops both afterwards.
#   tools/run-with-booking.sh BUILD COMMAND... --config FILE ...
# Without PostgreSQL or the service, the command runs as given (the shuttle then shows its
# timetable and says booking is not offered). docs/SHUTTLE.md says how to use a real service.
set -u
BUILD=${1:-build}
shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case "$BUILD" in /*) B=$BUILD ;; *) B=$ROOT/$BUILD ;; esac
DIR=$B/dev-booking
mkdir -p "$DIR"; chmod 755 "$DIR"
SPID=""
cleanup() {
    [ -n "$SPID" ] && kill "$SPID" 2>/dev/null && wait "$SPID" 2>/dev/null
    "$ROOT/backend/booking/pg-test-cluster.sh" stop "$DIR/pg" >/dev/null 2>&1
}
trap cleanup EXIT
conn=$("$ROOT/backend/booking/pg-test-cluster.sh" "$DIR/pg" 2>"$DIR/pg.err")
token=""
if [ -n "$conn" ]; then
    "$B/bin/madang-booking" add-kiosk --db "$conn" --id kiosk-dev > "$DIR/token" 2>>"$DIR/admin.log" ||
        token=$(cat "$DIR/token.kept" 2>/dev/null) # the cluster outlives runs: keep the first token
    [ -s "$DIR/token" ] && cp "$DIR/token" "$DIR/token.kept"
    token=${token:-$(cat "$DIR/token.kept" 2>/dev/null)}
fi
port=$(( 20000 + $$ % 12000 ))
while ss -ltn 2>/dev/null | grep -q ":$port "; do port=$((port + 1)); done
if [ -n "$token" ]; then
    "$B/bin/madang-booking" --listen "127.0.0.1:$port" --db "$conn" \
        --gtfs "$ROOT/plugins/shuttle/content/gtfs" > "$DIR/service.out" 2> "$DIR/service.log" &
    SPID=$!
    i=0; while [ $i -lt 50 ] && ! grep -q ready "$DIR/service.out" 2>/dev/null; do sleep 0.1; i=$((i+1)); done
fi
n=$#
i=0
while [ $i -lt $n ]; do # the command, with --config FILE swapped for FILE + the booking settings
    a=$1; shift; i=$((i+1))
    if [ "$a" = --config ] && [ $i -lt $n ] && [ -n "$SPID" ]; then
        src=$1; shift; i=$((i+1))
        conf=$DIR/kiosk.conf
        base=$(cd "$(dirname "$src")" && pwd)
        sed "s|= \.\./|= $base/../|" "$src" > "$conf"
        cat >> "$conf" <<CONF

[plugin.kr.go.ansan.shuttle]
# The demo booking service on loopback (tools/run-with-booking.sh); a real one: docs/SHUTTLE.md.
kiosk_id = kiosk-dev
booking_url = http://127.0.0.1:$port
booking_token = $token
allowed_origins = http://127.0.0.1:$port
allow_http = yes
CONF
        set -- "$@" --config "$conf"
        continue
    fi
    set -- "$@" "$a"
done
[ -n "$SPID" ] || echo "run-with-booking: no booking service (see $DIR/*.log); the shuttle shows its timetable only" >&2
"$@" &
KPID=$!
trap 'kill -TERM "$KPID" 2>/dev/null' INT TERM
while kill -0 "$KPID" 2>/dev/null; do wait "$KPID"; done
