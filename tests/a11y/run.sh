#!/bin/sh
# Accessibility runs: every tests/a11y/*.script with `madang --headless --speech-log`, on
# tests/a11y/a11y.conf (health guide and example plugin). For each script:
#   - every line of tests/a11y/NAME.speech must appear in the speech log, in that order (what a
#     visitor would hear: {"lang":…,"voice":…,"text":…} per utterance);
#   - "# expect-log: TEXT" header lines must appear in the log;
#   - every screenshot is compared with tests/golden/a11y/ and checked by md-a11y-lint (contrast
#     and text size of the mode in force; in low-reach mode every control 380-1220 mm up).
# MD_UPDATE_GOLDEN=1 writes missing or changed goldens (look at every one!).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${MD_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
OUT="$BUILD/a11y-e2e"
GOLDEN="$ROOT/tests/golden/a11y"
MADANG="$BUILD/bin/madang"
IMGDIFF="$BUILD/bin/md-imgdiff"
rm -rf "$OUT" "$BUILD/a11y-e2e-storage"
mkdir -p "$OUT/plugins" "$OUT/content"
ln -s "$BUILD/plugins/health.so" "$OUT/plugins/health.so"
ln -s "$BUILD/plugins/example.so" "$OUT/plugins/example.so"
ln -s "$ROOT/plugins/health/content" "$OUT/content/kr.go.ansan.health"
pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL $*"; fail=$((fail+1)); }
. "$ROOT/tests/lib/e2e.sh"
e2e_sanitizer_env "$ROOT"

for script in "$ROOT"/tests/a11y/*.script; do
    name=$(basename "$script" .script)
    conf="$OUT/$name.conf"
    sed -e "s|@PLUGINS@|$OUT/plugins|g; s|@BUILD@|$BUILD|g; s|@ROOT@|$ROOT|g; s|@CONTENT@|$OUT/content|g" \
        "$ROOT/tests/a11y/a11y.conf" > "$conf"
    dir="$OUT/$name"
    mkdir -p "$dir"
    "$MADANG" --headless --config "$conf" --script "$script" --out "$dir" \
        --speech-log "$dir/speech.jsonl" > "$dir/log.txt" 2>&1
    rc=$?
    if [ "$rc" != 0 ]; then
        bad "$name: exit $rc"; grep -v '^madang: PLUGIN' "$dir/log.txt" | tail -n 8
        continue
    fi
    check_expect_logs "$name" "$script" "$dir"
    want="$ROOT/tests/a11y/$name.speech"
    if [ -f "$want" ]; then
        # Each wanted line, in order, somewhere after the previous one.
        if awk 'BEGIN { i = 0; n = 0 } NR == FNR { w[n++] = $0; next } i < n && $0 == w[i] { i++ }
                END { if (i < n) { print "missing: " w[i]; exit 1 } }' "$want" "$dir/speech.jsonl" \
                > "$dir/speech-check.txt"; then ok
        else bad "$name: speech log $(cat "$dir/speech-check.txt") (heard: $dir/speech.jsonl)"; fi
    fi
    golden_check_shots "$name" "$dir" "$GOLDEN" "$IMGDIFF"
done
# The lint itself fails where it should: a fixture with grey on grey, two controls on top of each
# other, a truncated label, text too small for large-text mode and controls out of reach.
"$BUILD/bin/md-a11y-lint" "$ROOT/tests/a11y/lint-bad/bad.png" > "$OUT/lint-bad.txt" 2>&1
rc=$?
if [ "$rc" = 1 ] && grep -q 'contrast 1.26:1 (#888888 on #777777), needs 7.0:1' "$OUT/lint-bad.txt" &&
    grep -q '"Grey on grey" and "On top" overlap' "$OUT/lint-bad.txt" &&
    grep -q '"On top" (button) is truncated' "$OUT/lint-bad.txt" &&
    grep -q 'capital height 4.46 mm (20 px), needs 9.6 mm' "$OUT/lint-bad.txt" &&
    grep -q 'outside 380-1220 mm' "$OUT/lint-bad.txt"; then ok
else bad "md-a11y-lint on tests/a11y/lint-bad: exit $rc, $(cat "$OUT/lint-bad.txt")"; fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
