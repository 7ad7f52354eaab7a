#!/bin/sh
# Scripted end-to-end runs of the Korean lessons: every tests/courseware/*.script with
# `madang --headless` on tests/courseware/courseware.conf and the plugin's sample content, each
# screenshot compared with its golden image in tests/golden/courseware/ (md-imgdiff). Each script
# starts with empty storage, so the pooled item statistics start from the content's levels and the
# progress code a script types is always the same. Header comments a script may carry:
#   # content: broken     content whose course.json fails validation (two decks in one code slot)
#   # expect-log: TEXT    the log (stderr) must contain TEXT
#   # expect-speech: TEXT the speech log (--speech-log) must contain TEXT
# After each run the plugin's storage may hold only the pooled statistics: item ids, counts and
# difficulties, never a code or anything else of a visitor.
# MD_UPDATE_GOLDEN=1 writes missing or changed goldens (look at every one!).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${MD_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
OUT="$BUILD/courseware-e2e"
GOLDEN="$ROOT/tests/golden/courseware"
MADANG="$BUILD/bin/madang"
IMGDIFF="$BUILD/bin/md-imgdiff"
SAMPLE="$ROOT/plugins/courseware/content"
ID=kr.go.ansan.courseware
rm -rf "$OUT"
mkdir -p "$OUT/plugins" "$OUT/content-good" "$OUT/content-broken/$ID"
ln -s "$BUILD/plugins/courseware.so" "$OUT/plugins/courseware.so"
ln -s "$SAMPLE" "$OUT/content-good/$ID"
ln -s "$SAMPLE/pictures" "$OUT/content-broken/$ID/pictures"
# The second deck claims the first deck's code slot: validation refuses the whole file.
sed '0,/"slot": 2,/s//"slot": 1,/' "$SAMPLE/course.json" > "$OUT/content-broken/$ID/course.json"
pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL $*"; fail=$((fail+1)); }
. "$ROOT/tests/lib/e2e.sh"
e2e_sanitizer_env "$ROOT"

for script in "$ROOT"/tests/courseware/*.script; do
    name=$(basename "$script" .script)
    content=$(sed -n 's/^# content: //p' "$script")
    content="$OUT/content-${content:-good}"
    storage="$OUT/$name-storage"
    conf="$OUT/$name.conf"
    sed -e "s|@PLUGINS@|$OUT/plugins|g; s|@STORAGE@|$storage|g; s|@BUILD@|$BUILD|g; s|@ROOT@|$ROOT|g; s|@CONTENT@|$content|g" \
        "$ROOT/tests/courseware/courseware.conf" > "$conf"
    dir="$OUT/$name"
    mkdir -p "$dir"
    "$MADANG" --headless --config "$conf" --script "$script" --out "$dir" \
        --speech-log "$dir/speech.log" > "$dir/log.txt" 2>&1
    rc=$?
    if [ "$rc" != 0 ]; then
        bad "$name: exit $rc"; grep -v '^madang: PLUGIN: \[' "$dir/log.txt" | tail -n 8
        continue
    fi
    ok
    check_expect_logs "$name" "$script" "$dir"
    sed -n 's/^# expect-speech: //p' "$script" | while IFS= read -r want; do
        grep -qF -- "$want" "$dir/speech.log" || echo "$want"
    done > "$dir/speech-missing.txt"
    if [ -s "$dir/speech-missing.txt" ]; then
        bad "$name: speech log lacks \"$(head -n 1 "$dir/speech-missing.txt")\""
    else
        ok
    fi
    golden_check_shots "$name" "$dir" "$GOLDEN" "$IMGDIFF"
    # Privacy: only the pooled statistics file, and in it only "<item id> TAB count TAB difficulty".
    others=$(find "$storage" -type f ! -name items.tsv 2>/dev/null | head -n 3)
    if [ -n "$others" ]; then
        bad "$name: files written to storage: $others"
    elif [ -f "$storage/$ID/items.tsv" ] &&
        sed 1d "$storage/$ID/items.tsv" | grep -qvE '^[a-z0-9.-]+	[0-9]+	-?[0-9]+\.[0-9]{4}$'; then
        bad "$name: items.tsv holds more than counts and difficulties"
    else
        ok
    fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
