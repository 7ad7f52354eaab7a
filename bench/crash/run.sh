#!/bin/sh
# Crash-only figures (docs/OPERATIONS.md). Prints "bench <name> <value> <unit>" lines, never
# pass/fail.
#  - crash_to_interactive: `madang --supervise` with the development configuration in an
#    offscreen window; the kiosk is killed with SIGSEGV, and the figure is the time from the kill
#    to the restarted kiosk's READY=1 (sent after its first frame is on screen), read from a
#    NOTIFY_SOCKET this script binds. 5 crashes; aim: at most 1 s.
#  - soak: 1,000,000 pseudo-random visitor events (madang --soak), RSS growth per 100,000 after a
#    20,000-event warm-up; aim: under 1 MB in all. Bounded to MD_SOAK_SECONDS (default 300): if
#    the events do not fit, it says how many ran.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${MD_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
MADANG="$BUILD/bin/madang"
T=$(mktemp -d /tmp/md-bench-crash-XXXXXX)
trap 'rm -rf "$T"' EXIT
# The development configuration with its relative paths made absolute and a private storage.
sed -e "s|= \.\./build/plugins|= $BUILD/plugins|; s|= \.\./|= $ROOT/|; s|^storage_dir = .*|storage_dir = $T/storage|" \
    "$ROOT/config/dev.conf" > "$T/dev.conf"
sock="$T/notify.sock"
"$BUILD/bin/md-notify-listen" "$sock" "$T/datagrams.txt" -t & lpid=$!
i=0; while [ ! -S "$sock" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
SDL_VIDEODRIVER=offscreen SDL_FRAMEBUFFER_ACCELERATION=0 SDL_RENDER_DRIVER=software \
    NOTIFY_SOCKET="$sock" MD_SUPERVISE_BACKOFF_MS=100 \
    "$MADANG" --supervise --windowed 1280x720 --config "$T/dev.conf" > "$T/log.txt" 2>&1 & spid=$!
readies() { n=$(grep -c ' READY=1$' "$T/datagrams.txt" 2>/dev/null); echo "${n:-0}"; }
wait_ready() { # wait_ready N: until N READY=1 arrived (at most 30 s)
    i=0; while [ "$(readies)" -lt "$1" ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; }
wait_ready 1
total=0; worst=0; n=0
for k in 1 2 3 4 5; do
    child=$(pgrep -P "$spid" | head -n 1)
    [ -n "$child" ] || break
    t0=$(date +%s%3N)
    kill -SEGV "$child"
    wait_ready $((k + 1))
    t1=$(grep ' READY=1$' "$T/datagrams.txt" | sed -n "$((k + 1))p" | cut -d' ' -f1)
    [ -n "$t1" ] || break
    d=$((t1 - t0)); total=$((total + d)); n=$((n + 1)); [ $d -gt $worst ] && worst=$d
done
kill -TERM "$spid" 2>/dev/null; wait "$spid" 2>/dev/null
kill -TERM "$lpid" 2>/dev/null; wait "$lpid" 2>/dev/null
if [ $n -gt 0 ]; then
    echo "bench crash_to_interactive_mean $((total / n)) ms (aim: at most 1000 ms; $n crashes, supervisor back-off 100 ms first)"
    echo "bench crash_to_interactive_worst $worst ms"
else
    echo "bench crash_to_interactive_mean n/a (the supervised kiosk did not come back; see $T/log.txt)"
fi
"$MADANG" --soak 1000000 --soak-seconds "${MD_SOAK_SECONDS:-300}" --size 1280x720 \
    --config "$T/dev.conf" 2>/dev/null | grep '^bench '
