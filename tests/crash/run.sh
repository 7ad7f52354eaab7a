#!/bin/sh
# Crash-only tests (docs/OPERATIONS.md), each against the real kiosk:
#  - every fault plugin (build/fault-plugins) in a supervised scripted run next to the health
#    guide: the first runs die on it, the third crash quarantines it, the last run passes (exit 0)
#    and walks the health guide; the journal and the log say why;
#  - a new build of a quarantined plugin (another file hash) lifts the quarantine;
#  - NOTIFY_SOCKET: READY=1, then WATCHDOG=1, then none while a plugin is stuck;
#  - SIGTERM while a plugin is stuck in frame stops the kiosk (exit 0) within 2 s.
# Header comments of tests/crash/*.script: "# plugin: NAME" (the fault plugin), "# expect-log:".
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${MD_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
OUT="$BUILD/crash-e2e"
GOLDEN="$ROOT/tests/golden/crash"
MADANG="$BUILD/bin/madang"
IMGDIFF="$BUILD/bin/md-imgdiff"
LISTEN="$BUILD/bin/md-notify-listen"
rm -rf "$OUT"
mkdir -p "$OUT/content"
ln -s "$ROOT/plugins/health/content" "$OUT/content/kr.go.ansan.health"
pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL $*"; fail=$((fail+1)); }
. "$ROOT/tests/lib/e2e.sh"
e2e_sanitizer_env "$ROOT"
export MD_SUPERVISE_BACKOFF_MS=10 MD_SUPERVISE_MAX_RESTARTS=6

# conf NAME PLUGIN_DIR STORAGE [RSS_CEILING_MB] [DEADLINE_MS]: writes $OUT/NAME.conf
conf() {
    sed -e "s|@PLUGINS@|$2|; s|@ROOT@|$ROOT|g; s|@BUILD@|$BUILD|g; s|@STORAGE@|$3|; s|@RSS_CEILING@|${4:-0}|" \
        -e "s|^callback_deadline_ms = .*|callback_deadline_ms = ${5:-1000}|" \
        "$ROOT/tests/crash/crash.conf" > "$OUT/$1.conf"
}
# plugins NAME FAULT: a plugin folder with the health guide and one fault plugin
plugins() {
    mkdir -p "$OUT/$1/plugins"
    ln -sf "$BUILD/plugins/health.so" "$OUT/$1/plugins/health.so"
    [ -n "$2" ] && ln -sf "$BUILD/fault-plugins/$2.so" "$OUT/$1/plugins/$2.so"
    echo "$OUT/$1/plugins"
}

# The RSS ceiling for the leak: what this build (ASan or not) uses at rest, plus 150 MB; the leak
# plugin adds ~375 MB in the 6 s it is open.
plugins probe "" >/dev/null
conf probe "$OUT/probe/plugins" "$OUT/probe/storage"
rest=$("$MADANG" --bench --frames 10 --size 1280x720 --config "$OUT/probe.conf" 2>/dev/null |
       sed -n 's/^bench peak_rss \([0-9]*\).*/\1/p')
ceiling=$(( ${rest:-200} + 150 ))

for script in "$ROOT"/tests/crash/*.script; do
    name=$(basename "$script" .script)
    fault=$(sed -n 's/^# plugin: //p' "$script")
    [ -n "$fault" ] || continue
    dir="$OUT/$name"
    pdir=$(plugins "$name" "$fault")
    conf "$name" "$pdir" "$dir/storage" "$ceiling"
    "$MADANG" --supervise --headless --config "$OUT/$name.conf" --script "$script" --out "$dir/out" \
        > "$dir/log.txt" 2>&1
    rc=$?
    journal="$dir/storage/crash.journal"
    if [ "$rc" != 0 ]; then
        bad "$name: supervised run exit $rc"; grep -v '^madang: PLUGIN: \[' "$dir/log.txt" | tail -n 8
        continue
    fi
    ok
    if [ "$fault" = fault_garbage_sizes ]; then
        # Refused at load: no crash, no restart, nothing journalled.
        if ! grep -q 'restart' "$dir/log.txt" && [ ! -s "$journal" ]; then ok
        else bad "$name: a refused plugin caused restarts or journal records"; fi
    else
        id=$(grep -o 'org\.madang\.test\.[a-z]*' "$journal" 2>/dev/null | head -n 1)
        crashes=$(grep -c "	crash	$id	" "$journal" 2>/dev/null)
        restarts=$(grep -c 'SUPERVISE: warning: .* restart [0-9]' "$dir/log.txt")
        if [ -n "$id" ] && [ "$crashes" = 3 ] && [ "$restarts" = 3 ] &&
           grep -q "	quarantine	$id	" "$journal" &&
           grep -q "PLUGIN: error: .*$id 1 quarantined: 3 crashes within 10 min" "$dir/log.txt"; then ok
        else bad "$name: expected 3 journalled crashes, 3 restarts and a quarantine (id '$id', crashes $crashes, restarts $restarts)"; cat "$journal" 2>/dev/null | tail -n 5; fi
    fi
    # The log names the plugin and the callback of every crash.
    case "$fault" in
    fault_segv_frame) want="CRASH: error: org.madang.test.segvframe 1 in frame: SIGSEGV" ;;
    fault_segv_reset) want="CRASH: error: org.madang.test.segvreset 1 in reset: SIGSEGV" ;;
    fault_abort_init) want="CRASH: error: org.madang.test.abortinit 1 in init: SIGABRT" ;;
    fault_loop_frame) want="CRASH: error: org.madang.test.loopframe 1 in frame: watchdog: frame did not return within" ;;
    fault_leak_frame) want="APP: warning: restarting cleanly between visitors: peak RSS" ;;
    *) want="" ;;
    esac
    if [ -z "$want" ] || grep -qF "$want" "$dir/log.txt"; then ok; else bad "$name: log lacks \"$want\""; fi
    check_expect_logs "$name" "$script" "$dir"
    golden_check_shots "$name" "$dir/out" "$GOLDEN" "$IMGDIFF"
done

# A new build of the quarantined segfault plugin (one more byte: another file hash) lifts the
# quarantine: its tile is back to normal.
mkdir -p "$OUT/newbuild/plugins"
ln -s "$BUILD/plugins/health.so" "$OUT/newbuild/plugins/health.so"
cat "$BUILD/fault-plugins/fault_segv_frame.so" > "$OUT/newbuild/plugins/fault_segv_frame.so"
printf '\0' >> "$OUT/newbuild/plugins/fault_segv_frame.so"
conf newbuild "$OUT/newbuild/plugins" "$OUT/segv_frame/storage"
printf 'tap "Touch the screen to start"\ntap "English"\nexpect "Segfault in frame"\nexpect-not "Temporarily unavailable"\n' > "$OUT/newbuild.script"
if "$MADANG" --headless --config "$OUT/newbuild.conf" --script "$OUT/newbuild.script" --out "$OUT/newbuild/out" \
    > "$OUT/newbuild/log.txt" 2>&1 && ! grep -q quarantined "$OUT/newbuild/log.txt"; then ok
else bad "newbuild: a new build is still quarantined"; tail -n 4 "$OUT/newbuild/log.txt"; fi

# Staff mode on the kiosk whose segfault plugin is quarantined: the PIN set with --set-staff-pin
# (stdin), the gesture, wrong PINs and the lock, the staff screen, lifting the quarantine by hand.
conf staff "$OUT/segv_frame/plugins" "$OUT/segv_frame/storage"
if printf '482916\n' | "$MADANG" --set-staff-pin --config "$OUT/staff.conf" > "$OUT/staff-pin.log" 2>&1 &&
   grep -q '^\$argon2id\$' "$OUT/segv_frame/storage/staff-pin" &&
   ! grep -q 482916 "$OUT/segv_frame/storage/staff-pin"; then ok
else bad "staff: --set-staff-pin did not store an argon2id hash"; cat "$OUT/staff-pin.log"; fi
mkdir -p "$OUT/staff"
"$MADANG" --headless --config "$OUT/staff.conf" --script "$ROOT/tests/crash/staff.script" \
    --out "$OUT/staff/out" > "$OUT/staff/log.txt" 2>&1; rc=$?
if [ "$rc" = 0 ]; then ok; else bad "staff: script exit $rc"; tail -n 5 "$OUT/staff/log.txt"; fi
grep -q "	lift	org.madang.test.segvframe	" "$OUT/segv_frame/storage/crash.journal" && ok ||
    bad "staff: lifting did not write a lift record"
# The PIN pad shows dots, never the digits (screen and tree).
! grep -q '1234' "$OUT/staff/out/staff-pin-typing.json" && ok || bad "staff: the PIN is in the tree"
# The staff screen's tree (scrolled parts too): the last log lines, with no visitor data in them.
grep -q '"label": "Recent log"' "$OUT/staff/out/staff.json" &&
    grep -q '"label": "STAFF: staff mode opened"' "$OUT/staff/out/staff.json" && ok ||
    bad "staff: the staff screen lacks the recent log"
golden_check_shots staff "$OUT/staff/out" "$GOLDEN" "$IMGDIFF"
printf 'tap "Touch the screen to start"\ntap "English"\nexpect "Segfault in frame"\nexpect-not "Temporarily unavailable"\n' > "$OUT/lifted.script"
if "$MADANG" --headless --config "$OUT/staff.conf" --script "$OUT/lifted.script" --out "$OUT/lifted" \
    > "$OUT/lifted.log" 2>&1 && ! grep -q quarantined "$OUT/lifted.log"; then ok
else bad "staff: still quarantined after the lift"; tail -n 4 "$OUT/lifted.log"; fi
printf 'drag 10 10 12 12 3200\nscreen staff-pin\ntap "4"\ntap "8"\ntap "2"\ntap "9"\ntap "1"\ntap "6"\ntap "OK"\nscreen staff\ntap "Restart kiosk"\n' > "$OUT/restart.script"
"$MADANG" --headless --config "$OUT/staff.conf" --script "$OUT/restart.script" --out "$OUT/restart" \
    > "$OUT/restart.log" 2>&1; rc=$?
[ "$rc" = 75 ] && grep -q 'restart asked for on the staff screen' "$OUT/restart.log" && ok ||
    bad "staff: Restart kiosk exited $rc, not 75 (a clean restart)"

# Text is never silently blank: with no font that can be opened at all (and the built-in Noto
# table left out), the log says so at error level and the screen says so in English and Korean.
mkdir -p "$OUT/nofont"
printf 'dir /nonexistent\n* * NoSuchFont.ttf 0\n' > "$OUT/nofont/fonts.conf"
pdir=$(plugins nofont "")
conf nofont "$pdir" "$OUT/nofont/storage"
sed -i "s|^fonts = .*|fonts = $OUT/nofont/fonts.conf|" "$OUT/nofont.conf"
printf 'screen attract\nshot no-font\n' > "$OUT/nofont.script"
MD_FONTS_BUILTIN=0 "$MADANG" --headless --config "$OUT/nofont.conf" --script "$OUT/nofont.script" \
    --out "$OUT/nofont/out" > "$OUT/nofont/log.txt" 2>&1; rc=$?
[ "$rc" = 0 ] && grep -q 'APP: error: no text engine' "$OUT/nofont/log.txt" && ok ||
    bad "nofont: exit $rc, or no error-level line"
golden_check_shots nofont "$OUT/nofont/out" "$GOLDEN" "$IMGDIFF"

# A NUL byte in a script is an error with file:line (it used to end the script there: exit 0).
printf 'screen attract\nexpect "Welcome"\000\nexpect "No such label"\n' > "$OUT/nul.script"
"$MADANG" --headless --config "$OUT/nofont.conf" --script "$OUT/nul.script" --out "$OUT/nul" \
    > "$OUT/nul.log" 2>&1; rc=$?
[ "$rc" = 1 ] && grep -q "nul.script:2: NUL byte in the script" "$OUT/nul.log" && ok ||
    bad "nul: a script with a NUL byte exited $rc without its file:line"

# systemd's notify protocol: this test binds NOTIFY_SOCKET itself. The hanging plugin sends
# X-MADANG-STUCK=1 just before it loops (datagrams of one process arrive in order): READY=1 first,
# then WATCHDOG=1, and no WATCHDOG=1 after the plugin is stuck.
pdir=$(plugins notify fault_loop_frame)
conf notify "$pdir" "$OUT/notify/storage"
sock="$OUT/notify/notify.sock"
"$LISTEN" "$sock" "$OUT/notify/datagrams.txt" & lpid=$!
i=0; while [ ! -S "$sock" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
printf 'tap "Touch the screen to start"\ntap "English"\nwait 2000\ntap "Loop in frame"\n' > "$OUT/notify.script"
NOTIFY_SOCKET="$sock" WATCHDOG_USEC=200000 "$MADANG" --headless --config "$OUT/notify.conf" \
    --script "$OUT/notify.script" --out "$OUT/notify/out" > "$OUT/notify/log.txt" 2>&1
kill -TERM "$lpid"; wait "$lpid"
d="$OUT/notify/datagrams.txt"
first=$(head -n 1 "$d" 2>/dev/null)
stuck=$(grep -n '^X-MADANG-STUCK=1$' "$d" | head -n 1 | cut -d: -f1)
wd_before=$(head -n "${stuck:-0}" "$d" | grep -c '^WATCHDOG=1$')
wd_after=$(tail -n +"${stuck:-1}" "$d" | grep -c '^WATCHDOG=1$')
if [ "$first" = READY=1 ] && [ -n "$stuck" ] && [ "$wd_before" -ge 1 ] && [ "$wd_after" = 0 ]; then ok
else bad "notify: expected READY=1, WATCHDOG=1, X-MADANG-STUCK=1 and no WATCHDOG=1 after it; got:"; cat "$d"; fi
grep -q 'watchdog: frame did not return within' "$OUT/notify/log.txt" && ok ||
    bad "notify: the hang was not journalled by the watchdog"

# SIGTERM while a plugin is stuck in frame (a deadline far away, so only SIGTERM can end it): the
# kiosk stops with exit 0 within 2 s.
pdir=$(plugins sigterm fault_loop_frame)
conf sigterm "$pdir" "$OUT/sigterm/storage" 0 600000
sock="$OUT/sigterm/notify.sock"
"$LISTEN" "$sock" "$OUT/sigterm/datagrams.txt" & lpid=$!
i=0; while [ ! -S "$sock" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done
printf 'tap "Touch the screen to start"\ntap "English"\ntap "Loop in frame"\n' > "$OUT/sigterm.script"
NOTIFY_SOCKET="$sock" "$MADANG" --headless --config "$OUT/sigterm.conf" --script "$OUT/sigterm.script" \
    --out "$OUT/sigterm/out" > "$OUT/sigterm/log.txt" 2>&1 & pid=$!
i=0; while ! grep -q 'X-MADANG-STUCK=1' "$OUT/sigterm/datagrams.txt" 2>/dev/null && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done
kill -TERM "$pid"
i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 20 ]; do sleep 0.1; i=$((i+1)); done
if kill -0 "$pid" 2>/dev/null; then
    bad "sigterm: still running 2 s after SIGTERM while a plugin is stuck"; kill -KILL "$pid"; wait "$pid"
else
    wait "$pid"; rc=$?
    if [ "$rc" = 0 ] && grep -q 'stopping (SIGTERM' "$OUT/sigterm/log.txt"; then ok
    else bad "sigterm: exit $rc"; tail -n 4 "$OUT/sigterm/log.txt"; fi
fi
kill -TERM "$lpid" 2>/dev/null; wait "$lpid" 2>/dev/null

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
