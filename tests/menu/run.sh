#!/bin/sh
# Scripted end-to-end runs of the menu plugin: every tests/menu/*.script with `madang --headless`
# on tests/menu/menu.conf and the plugin's sample content, then each screenshot compared with its
# golden image in tests/golden/menu/ (md-imgdiff, small tolerance).
# Header comments a script may carry:
#   # content: broken   content whose menu.json fails validation (an unknown allergen code)
#   # expect-log: TEXT  the log (stderr) must contain TEXT
# MD_UPDATE_GOLDEN=1 writes missing or changed goldens (look at every one!).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${MD_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
OUT="$BUILD/menu-e2e"
GOLDEN="$ROOT/tests/golden/menu"
MADANG="$BUILD/bin/madang"
IMGDIFF="$BUILD/bin/md-imgdiff"
SAMPLE="$ROOT/plugins/menu/content"
ID=kr.go.ansan.menu
rm -rf "$OUT" "$BUILD/menu-e2e-storage"
# Only the menu plugin is loaded, so other plugins never change these runs.
mkdir -p "$OUT/plugins" "$OUT/content-good" "$OUT/content-broken/$ID"
ln -s "$BUILD/plugins/menu.so" "$OUT/plugins/menu.so"
ln -s "$SAMPLE" "$OUT/content-good/$ID"
cp "$SAMPLE/menu.json" "$OUT/content-broken/$ID/"
ln -s "$SAMPLE/icons" "$OUT/content-broken/$ID/icons"
ln -s "$SAMPLE/photos" "$OUT/content-broken/$ID/photos"
# An allergen code that is not one of the 19: validation refuses the whole file.
sed -i '0,/"allergens": \[/s//"allergens": ["nuts", /' "$OUT/content-broken/$ID/menu.json"
pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL $*"; fail=$((fail+1)); }
. "$ROOT/tests/lib/e2e.sh"
e2e_sanitizer_env "$ROOT"

for script in "$ROOT"/tests/menu/*.script; do
    name=$(basename "$script" .script)
    content=$(sed -n 's/^# content: //p' "$script")
    content="$OUT/content-${content:-good}"
    conf="$OUT/$name.conf"
    sed -e "s|@PLUGINS@|$OUT/plugins|g; s|@BUILD@|$BUILD|g; s|@ROOT@|$ROOT|g; s|@CONTENT@|$content|g" \
        "$ROOT/tests/menu/menu.conf" > "$conf"
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
# Privacy: the menus never write visitor data; the storage folder stays empty after every run.
if [ -n "$(find "$BUILD/menu-e2e-storage/$ID" -type f 2>/dev/null | head -n 1)" ]; then
    bad "files written to storage: $(find "$BUILD/menu-e2e-storage/$ID" -type f | head -n 3)"
else
    ok
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
