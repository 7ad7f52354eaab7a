#!/bin/sh
# `make run`: the kiosk in a window with the sample content, talking to the hub TEST DOUBLE
# (tests/doubles/hub, 127.0.0.1 only), which this script starts before and stops after.
#   tools/run-with-hub.sh BUILD MADANG-COMMAND...
# The command runs with config/dev.conf replaced by config/dev.conf plus a [hub] section pointing
# at the double (BUILD/dev-hub.conf). To use a real hub, see docs/DATAHUB.md.
set -u
BUILD=${1:-build}
shift
ROOT=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$ROOT/$BUILD"
PORT_FILE="$ROOT/$BUILD/dev-hub.port"
rm -f "$PORT_FILE"
# Ctrl-C (or SIGTERM to this script) stops the kiosk with SIGTERM, which flushes its hour to the
# double on the way out; the double ignores Ctrl-C and is stopped afterwards.
(trap '' INT; exec python3 "$ROOT/tests/doubles/hub/hub_double.py" --port 0 --port-file "$PORT_FILE" \
    --client-id kiosk-dev --client-secret dev-secret > "$ROOT/$BUILD/dev-hub.log" 2>&1) &
DPID=$!
trap 'kill "$DPID" 2>/dev/null; wait "$DPID" 2>/dev/null' EXIT
i=0; while [ ! -s "$PORT_FILE" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
PORT=$(cat "$PORT_FILE" 2>/dev/null)
CONF="$ROOT/config/dev.conf"
if [ -n "$PORT" ]; then
    CONF="$ROOT/$BUILD/dev-hub.conf"
    sed "s|= \.\./|= $ROOT/|" "$ROOT/config/dev.conf" > "$CONF"
    cat >> "$CONF" <<CONF

[kiosk]
id = kiosk-dev
location = 37.3298, 126.7905

[hub]
# The hub TEST DOUBLE on loopback (tools/run-with-hub.sh); a real hub: docs/DATAHUB.md.
url = http://127.0.0.1:$PORT
dialect = keti
token_url = http://127.0.0.1:$PORT/oauth2.0/token
client_id = kiosk-dev
client_secret = dev-secret
publish = yes
status_interval_s = 300
allow_http = yes
CONF
else
    echo "run-with-hub: the hub double did not start (see $BUILD/dev-hub.log); running without a hub" >&2
fi
n=$#
i=0
while [ $i -lt $n ]; do # the command, with config/dev.conf swapped for the generated one
    a=$1; shift; i=$((i+1))
    [ "$a" = config/dev.conf ] && a=$CONF
    set -- "$@" "$a"
done
"$@" &
KPID=$!
trap 'kill -TERM "$KPID" 2>/dev/null' INT TERM
while kill -0 "$KPID" 2>/dev/null; do wait "$KPID"; done
