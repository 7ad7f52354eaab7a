#!/bin/sh
# Scripted end-to-end tests: runs every tests/e2e/*.script with `madang --headless` on the test
# configuration, checks exit status and log lines the script declares, and compares every
# screenshot with its golden image in tests/golden/screens/ (md-imgdiff, small tolerance).
# The kiosk loads $BUILD/e2e-plugins (the example plugin only), so other plugins never change
# these screens. Header comments a script may carry:
#   # plugins: test-plugins      load $BUILD/test-plugins (ABI-mismatched and failing plugins)
#   # plugins: none              a plugin directory that does not exist
#   # expect-error: TEXT         madang must exit 1 with TEXT in its error output
#   # expect-log: TEXT           the log (stderr) must contain TEXT
#   # args: OPTIONS              more madang options (e.g. --rotate 90 --size 720x1280)
# MD_UPDATE_GOLDEN=1 writes missing or changed goldens instead of failing (look at them!).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${MD_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
OUT="$BUILD/e2e"
GOLDEN="$ROOT/tests/golden/screens"
MADANG="$BUILD/bin/madang"
IMGDIFF="$BUILD/bin/md-imgdiff"
rm -rf "$OUT" "$BUILD/e2e-storage"
mkdir -p "$OUT"
pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL $*"; fail=$((fail+1)); }
. "$ROOT/tests/lib/e2e.sh"
e2e_sanitizer_env "$ROOT"

for script in "$ROOT"/tests/e2e/*.script; do
    name=$(basename "$script" .script)
    plugins="$BUILD/e2e-plugins"
    grep -q '^# plugins: test-plugins' "$script" && plugins="$BUILD/test-plugins"
    grep -q '^# plugins: none' "$script" && plugins="$OUT/no-such-plugin-dir"
    conf="$OUT/$name.conf"
    sed -e "s|@BUILD@/plugins|$plugins|; s|@BUILD@|$BUILD|g; s|@ROOT@|$ROOT|g" \
        "$ROOT/tests/e2e/test.conf" > "$conf"
    dir="$OUT/$name"
    mkdir -p "$dir"
    args=$(sed -n 's/^# args: //p' "$script")
    # shellcheck disable=SC2086 # the args line is a list of options
    "$MADANG" --headless --config "$conf" --script "$script" --out "$dir" $args > "$dir/log.txt" 2>&1
    rc=$?
    expect_err=$(sed -n 's/^# expect-error: //p' "$script")
    if [ -n "$expect_err" ]; then
        if [ "$rc" = 1 ] && grep -qF -- "$expect_err" "$dir/log.txt"; then ok
        else bad "$name: expected exit 1 with \"$expect_err\", got exit $rc:"; tail -n 5 "$dir/log.txt"; fi
        continue
    fi
    if [ "$rc" != 0 ]; then
        bad "$name: exit $rc"; grep -v '^madang: PLUGIN [a-z]' "$dir/log.txt" | tail -n 8
        continue
    fi
    check_expect_logs "$name" "$script" "$dir"
    golden_check_shots "$name" "$dir" "$GOLDEN" "$IMGDIFF"
done
# README's command as given, without --config: a development build uses config/dev.conf (the kiosk
# of `make run`, sample content included) when /etc/madang/madang.conf does not exist.
if [ -e /etc/madang/madang.conf ]; then
    bad "dev-defaults: /etc/madang/madang.conf exists on this machine, so the development defaults cannot be tested"
else
    mkdir -p "$OUT/dev-defaults"
    if "$MADANG" --headless --script "$ROOT/tests/e2e/dev/defaults.script" --out "$OUT/dev-defaults" \
        > "$OUT/dev-defaults/log.txt" 2>&1 &&
        grep -q 'using the development configuration .*/config/dev.conf' "$OUT/dev-defaults/log.txt"; then ok
    else bad "dev-defaults:"; tail -n 5 "$OUT/dev-defaults/log.txt"; fi
fi

# The interactive loop stops on SIGTERM (the one way to stop a kiosk) and exits 0.
conf="$OUT/sigterm.conf"
sed -e "s|@BUILD@/plugins|$BUILD/e2e-plugins|; s|@BUILD@|$BUILD|g; s|@ROOT@|$ROOT|g" \
    "$ROOT/tests/e2e/test.conf" > "$conf"
# ASan's slow unwinder (fast_unwind_on_malloc=0, above) deadlocks on libgcc's lock when Mesa's
# llvmpipe JIT allocates while registering frames, so this run keeps ASan's default unwinder and
# the software renderer.
ASAN_OPTIONS= SDL_VIDEODRIVER=offscreen SDL_FRAMEBUFFER_ACCELERATION=0 SDL_RENDER_DRIVER=software \
    "$MADANG" --windowed --config "$conf" > "$OUT/sigterm.log" 2>&1 &
pid=$!
# Wait until it is up (at most 30 s, ASan start-up is slow), stop it, and never wait forever.
i=0
while [ $i -lt 300 ] && ! grep -q 'PLUGIN: \[' "$OUT/sigterm.log" 2>/dev/null; do sleep 0.1; i=$((i+1)); done
kill -TERM "$pid"
i=0
while [ $i -lt 150 ] && kill -0 "$pid" 2>/dev/null; do sleep 0.1; i=$((i+1)); done
kill -0 "$pid" 2>/dev/null && { echo "sigterm: still running 15 s after SIGTERM" >> "$OUT/sigterm.log"; kill -KILL "$pid"; }
wait "$pid"; rc=$?
if [ "$rc" = 0 ] && grep -q 'APP: stopping' "$OUT/sigterm.log"; then ok
else bad "sigterm: exit $rc"; tail -n 5 "$OUT/sigterm.log"; fi
# `--windowed` without a size (what `make run` uses) honours the configuration's width and height.
if grep -q "window 1280x720 (the configuration's width and height)" "$OUT/sigterm.log"; then ok
else bad "windowed: not the configuration's 1280x720"; grep 'window' "$OUT/sigterm.log"; fi
if (cd "$ROOT" && make -s -n MD_INNER=1 run 2>/dev/null | grep -q -- '--windowed  *--config config/dev.conf'); then ok
else bad "make run: does not open the window at config/dev.conf's size"; fi

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
