#!/bin/sh
# Scripted end-to-end runs of the health guide: every tests/health/*.script with
# `madang --headless` on tests/health/health.conf and the plugin's sample content, then each
# screenshot compared with its golden image in tests/golden/health/ (md-imgdiff, small tolerance).
# Header comments a script may carry:
#   # content: broken-clinics   content whose clinics.json fails validation (an overlapping range)
#   # expect-log: TEXT          the log (stderr) must contain TEXT
# Virtual time: a headless run starts at the runtime's virtual epoch, 2026-03-01T00:00Z, which is
# Sunday 1 March 2026, 09:00 in Seoul and a public holiday; a script sets another time with the
# `clock` command (e.g. `clock 2026-03-03T13:30+09:00`) or waits at the attract screen.
# MD_UPDATE_GOLDEN=1 writes missing or changed goldens (look at every one!).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${MD_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
OUT="$BUILD/health-e2e"
GOLDEN="$ROOT/tests/golden/health"
MADANG="$BUILD/bin/madang"
IMGDIFF="$BUILD/bin/md-imgdiff"
SAMPLE="$ROOT/plugins/health/content"
ID=kr.go.ansan.health
rm -rf "$OUT" "$BUILD/health-e2e-storage"
# Only the health plugin is loaded, so other plugins never change these runs.
mkdir -p "$OUT/plugins" "$OUT/content-good" "$OUT/content-broken-clinics/$ID"
ln -s "$BUILD/plugins/health.so" "$OUT/plugins/health.so"
ln -s "$SAMPLE" "$OUT/content-good/$ID"
for f in "$SAMPLE"/*.json; do cp "$f" "$OUT/content-broken-clinics/$ID/"; done
ln -s "$SAMPLE/icons" "$OUT/content-broken-clinics/$ID/icons"
# Monday 09:00-13:00 then 09:00-15:00: overlapping ranges, which validation refuses.
sed -i '0,/"09:00-13:00", "14:00-18:30"/s//"09:00-13:00", "09:00-15:00"/' \
    "$OUT/content-broken-clinics/$ID/clinics.json"
pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL $*"; fail=$((fail+1)); }
. "$ROOT/tests/lib/e2e.sh"
e2e_sanitizer_env "$ROOT"

for script in "$ROOT"/tests/health/*.script; do
    name=$(basename "$script" .script)
    content=$(sed -n 's/^# content: //p' "$script")
    content="$OUT/content-${content:-good}"
    conf="$OUT/$name.conf"
    sed -e "s|@PLUGINS@|$OUT/plugins|g; s|@BUILD@|$BUILD|g; s|@ROOT@|$ROOT|g; s|@CONTENT@|$content|g" \
        "$ROOT/tests/health/health.conf" > "$conf"
    dir="$OUT/$name"
    mkdir -p "$dir"
    "$MADANG" --headless --config "$conf" --script "$script" --out "$dir" > "$dir/log.txt" 2>&1
    rc=$?
    if [ "$rc" != 0 ]; then
        bad "$name: exit $rc"; grep -v '^madang: PLUGIN: \[' "$dir/log.txt" | tail -n 8
        continue
    fi
    check_expect_logs "$name" "$script" "$dir"
    golden_check_shots "$name" "$dir" "$GOLDEN" "$IMGDIFF"
done
# Privacy: the guide never writes visitor data; its storage folder stays empty after every run.
if [ -n "$(find "$BUILD/health-e2e-storage/$ID" -type f 2>/dev/null | head -n 1)" ]; then
    bad "files written to storage: $(find "$BUILD/health-e2e-storage/$ID" -type f | head -n 3)"
else
    ok
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
