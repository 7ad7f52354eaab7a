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
# The owner's path: madang-menu template -> import (photos copied, menu.pot written, the result
# accepted by the plugin's validator); a bad allergen and a missing photo are refused with file,
# line and reason, and nothing is written.
MM="$BUILD/bin/madang-menu"
T="$OUT/tool"
if "$MM" template "$T/in" > "$T.log" 2>&1 && mkdir -p "$T/in/photos" &&
    cp "$SAMPLE/photos/korean-home.png" "$T/in/photos/my-restaurant.png" &&
    "$MM" import "$T/in" "$T/out" >> "$T.log" 2>&1 && [ -s "$T/out/menu.json" ] &&
    [ -s "$T/out/photos/my-restaurant.png" ] && grep -q '^msgid "Kimchi stew"' "$T/out/menu.pot" &&
    grep -q '"pork"' "$T/out/menu.json"; then ok
else bad "madang-menu template/import: $(tail -n 3 "$T.log")"; fi
sed 's/새우 대두 밀 돼지고기/새우 nuts/' "$T/in/dishes.csv" > "$T/bad.csv" && mv "$T/bad.csv" "$T/in/dishes.csv"
if "$MM" import "$T/in" "$T/out2" > "$T.bad.log" 2>&1; then bad "madang-menu imported an unknown allergen"
elif grep -q 'dishes.csv:2: unknown allergen "nuts"' "$T.bad.log" && [ ! -e "$T/out2" ]; then ok
else bad "madang-menu's refusal: $(cat "$T.bad.log")"; fi
rm -f "$T/in/photos/my-restaurant.png"
sed 's/새우 nuts/새우/' "$T/in/dishes.csv" > "$T/ok.csv" && mv "$T/ok.csv" "$T/in/dishes.csv"
if "$MM" import "$T/in" "$T/out3" > "$T.photo.log" 2>&1; then bad "madang-menu imported without the photo"
elif grep -q 'photo .*my-restaurant.png: cannot read' "$T.photo.log" && [ ! -e "$T/out3" ]; then ok
else bad "madang-menu's photo refusal: $(cat "$T.photo.log")"; fi
# The sample content passes the plugin's validate entry (what madang-pack build runs).
if "$MM" msgids "$SAMPLE" > "$OUT/msgids.c" 2>&1 && cmp -s "$OUT/msgids.c" "$ROOT/plugins/menu/content_msgids.c"; then ok
else bad "plugins/menu/content_msgids.c is not what madang-menu msgids makes of the sample (run plugins/menu/tools/gen_msgids.sh)"; fi
# Privacy: the menus never write visitor data; the storage folder stays empty after every run.
if [ -n "$(find "$BUILD/menu-e2e-storage/$ID" -type f 2>/dev/null | head -n 1)" ]; then
    bad "files written to storage: $(find "$BUILD/menu-e2e-storage/$ID" -type f | head -n 3)"
else
    ok
fi
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
