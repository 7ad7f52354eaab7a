#!/bin/sh
# End-to-end locale tests against the real kiosk (needs runtime/app):
#  0. the language picker shows every endonym (golden tests/golden/locale/languages.png);
#  1. the home screen in each of the 17 languages of locales.conf, reached through the attract
#     screen and the language picker: compared with tests/golden/locale/home-<code>.png, and every
#     translated label in the semantic tree equals the pack's translation;
#  2. the idle warning's plural countdown in every language is what `madang-locale preview` gives;
#  3. the width check of `madang-locale lint --trees` on those trees finds no errors;
#  4. hot reload in a running kiosk: an edited pack is picked up, a broken edit is refused with
#     file, line and reason and the last good pack stays (the interactive loop, through its log);
#  5. the same seen on the screen: headless, the next frame after an edit shows the new text, and
#     after a broken edit the screen keeps the last good text.
# MD_UPDATE_GOLDEN=1 rewrites the golden images (look at them before committing);
# MD_TREES_OUT=DIR keeps the semantic trees (home and idle warning in every language) in DIR.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build="$root/${MD_BUILD:-build}"
madang="$build/bin/madang"; tool="$build/bin/madang-locale"; imgdiff="$build/bin/md-imgdiff"
golden="$root/tests/golden/locale"
pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { fail=$((fail+1)); echo "FAIL: $*"; }

t=$(mktemp -d /tmp/md-locale-e2e-XXXXXX)
mkdir -p "$t/plugins" "$t/storage" "$t/out"
cp -r "$root/locales" "$t/locales"
# No plugins: the home screen then shows only runtime strings, so other teams' plugins do not
# change these images.
cat > "$t/kiosk.conf" <<CONF
[kiosk]
plugin_dir = $t/plugins
content_dir = $root/content
locales_dir = $root/locales
storage_dir = $t/storage
fonts = $root/fonts/fonts.conf
width = 1280
height = 720
px_per_mm = 3.2
idle_timeout_s = 600
idle_warning_s = 20
default_language = ko
kiosk = yes
CONF

conf="$root/locales/locales.conf"
codes=$(awk -F'[][]' '/^\[/ { print $2 }' "$conf")
n_codes=0
for code in $codes; do
    n_codes=$((n_codes+1))
    endonym=$(awk -v s="[$code]" '$0 == s { f = 1; next } /^\[/ { f = 0 } f && /^endonym/ { sub(/^endonym *= */, ""); print; exit }' "$conf")
    printf 'screen attract\ntap 640 360\nscreen languages\ntap "%s"\nscreen home\nshot home-%s\ntree home-%s\nwait 605000\nscreen idle-warning\ntree idle-%s\n' \
        "$endonym" "$code" "$code" "$code" > "$t/$code.script"
    if ! "$madang" --headless --config "$t/kiosk.conf" --script "$t/$code.script" --out "$t/out" >"$t/$code.log" 2>&1; then
        bad "home in $code: script failed"; tail -n 5 "$t/$code.log"; continue
    fi
    if [ "${MD_UPDATE_GOLDEN:-0}" = 1 ]; then
        mkdir -p "$golden"; cp "$t/out/home-$code.png" "$golden/home-$code.png"
    fi
    if "$imgdiff" "$golden/home-$code.png" "$t/out/home-$code.png" --diff "$t/diff-$code.png" >"$t/$code.diff" 2>&1; then ok; else
        bad "home in $code differs from $golden/home-$code.png: $(cat "$t/$code.diff")"; fi
    # Every label with a msgid of the runtime pack is that pack's translation (fuzzy ones too).
    po="$root/locales/$code/runtime.po"
    mismatch=0
    for msgid in "Language" "What do you need?" "No services are available right now." "Start over"; do
        want=$(awk -v id="msgid \"$msgid\"" '$0 == id { getline; sub(/^msgstr "/, ""); sub(/"$/, ""); print; exit }' "$po")
        grep -qF "\"label\": \"$want\", \"msgid\": \"$msgid\"" "$t/out/home-$code.json" || {
            mismatch=1; echo "  $code: label of \"$msgid\" is not \"$want\""; }
    done
    [ $mismatch = 0 ] && ok || bad "home in $code: labels"
done
[ "$n_codes" = 17 ] && ok || bad "locales.conf offers $n_codes languages, want 17"

# The idle warning's countdown is an ICU plural: in every language the label is exactly what
# `madang-locale preview` formats for the same number of seconds (read from the English run).
idle="The screen will start over in {seconds, plural, one {# second} other {# seconds}}."
label_of() { grep -F "\"msgid\": \"$idle\"" "$1" | sed 's/.*"label": "\([^"]*\)".*/\1/'; }
secs=$(label_of "$t/out/idle-en.json" | sed 's/[^0-9]//g')
mismatch=0
for code in $codes; do
    want=$("$tool" preview "$code" "$idle" seconds="$secs")
    got=$(label_of "$t/out/idle-$code.json")
    [ -n "$secs" ] && [ "$got" = "$want" ] || { mismatch=1; echo "  idle $code: \"$got\", want \"$want\""; }
done
[ $mismatch = 0 ] && ok || bad "idle warning plurals"

# The language picker: every endonym of locales.conf, each in its own script, visible at once.
printf 'screen attract\ntap 640 360\nscreen languages\nshot languages\n' > "$t/picker.script"
for code in $codes; do
    endonym=$(awk -v s="[$code]" '$0 == s { f = 1; next } /^\[/ { f = 0 } f && /^endonym/ { sub(/^endonym *= */, ""); print; exit }' "$conf")
    printf 'expect "%s"\n' "$endonym" >> "$t/picker.script"
done
if "$madang" --headless --config "$t/kiosk.conf" --script "$t/picker.script" --out "$t/out" >"$t/picker.log" 2>&1; then
    ok
    [ "${MD_UPDATE_GOLDEN:-0}" = 1 ] && cp "$t/out/languages.png" "$golden/languages.png"
    "$imgdiff" "$golden/languages.png" "$t/out/languages.png" >"$t/picker.diff" 2>&1 && ok ||
        bad "language picker differs from $golden/languages.png: $(cat "$t/picker.diff")"
else
    bad "language picker: not every endonym is visible"; tail -n 3 "$t/picker.log"
fi

if [ -n "${MD_TREES_OUT:-}" ]; then # keep the trees for `madang-locale lint --trees`
    mkdir -p "$MD_TREES_OUT" && cp "$t"/out/*.json "$MD_TREES_OUT/"
fi
out=$("$tool" lint --trees "$t/out" "$root/locales" 2>&1); rc=$?
[ $rc = 0 ] && printf '%s\n' "$out" | tail -n 1 | grep -q ' 0 error(s)' && ok || { bad "lint --trees"; printf '%s\n' "$out" | tail -n 10; }

# Hot reload in a running kiosk (interactive loop, offscreen video, software renderer so no GL
# driver is loaded; it polls the packs each second).
sed "s|locales_dir = .*|locales_dir = $t/locales|" "$t/kiosk.conf" > "$t/reload.conf"
po="$t/locales/ru/runtime.po"
# A pack that is broken from the start: refused when the kiosk reads its packs, which also tells
# this test that the kiosk has started (so the edits below are reloads, not the first read).
printf 'msgid "x"\n' > "$t/locales/ru/e2e.startup.po"
SDL_VIDEODRIVER=offscreen SDL_RENDER_DRIVER=software "$madang" --config "$t/reload.conf" >"$t/reload.log" 2>&1 &
pid=$!
wait_for() { # waits (up to 30 s) for a line of the kiosk's log
    i=0; while [ $i -lt 300 ]; do grep -qF "$1" "$t/reload.log" && return 0; sleep 0.1; i=$((i+1)); done; return 1; }
wait_for "$t/locales/ru/e2e.startup.po:1: missing msgstr after msgid (pack refused)" && ok ||
    bad "kiosk start: a broken pack was not refused with file, line and reason"
sed -i 's/^msgstr "Язык"$/msgstr "Язык (новый)"/' "$po"
wait_for "$po: reloaded" && ok || bad "hot reload: an edited pack was not reloaded"
line=$(grep -n '^msgstr "Продолжить"$' "$po" | cut -d: -f1)
sed -i 's/^msgstr "Продолжить"$/msgstr "Продолжить {oops"/' "$po"
wait_for "$po:$line: translation: unterminated '{oops' (at character 12) (pack refused)" && ok ||
    bad "hot reload: broken pack not refused with $po:$line and the reason"
wait_for "$po: keeping the last good pack" && ok || bad "hot reload: last good pack not kept"
# Stop the kiosk (SIGTERM; SIGKILL if it is still there after 10 s: this test must never hang).
kill "$pid" 2>/dev/null
i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null

# Hot reload seen on the screen (headless, virtual time; the kiosk checks the packs on every
# second of virtual time, as the interactive loop does on real time, and takes a changed file at
# the second check that sees it unchanged: hence wait 2000). The script pauses with
# wait-file while this driver edits the pack, so each edit lands at a known point.
cp -r "$root/locales" "$t/locales2"
po2="$t/locales2/ru/runtime.po"
sed "s|locales_dir = .*|locales_dir = $t/locales2|" "$t/kiosk.conf" > "$t/reload2.conf"
mkdir -p "$t/reload2"
cat > "$t/reload2.script" <<'SCRIPT'
tap 640 360
tap "Русский"
screen home
expect "Язык"
tree before-edit
wait-file edited
wait 2000
expect "Язык (новый)"
expect-not "Язык"
tree after-edit
wait-file broken
wait 2000
expect "Язык (новый)"
tree after-broken
SCRIPT
"$madang" --headless --config "$t/reload2.conf" --script "$t/reload2.script" --out "$t/reload2" \
    >"$t/reload2.log" 2>&1 &
pid=$!
appears() { # waits (up to 60 s) for a file the script writes, while the kiosk runs
    i=0; while [ $i -lt 600 ] && [ ! -e "$1" ] && kill -0 "$pid" 2>/dev/null; do sleep 0.1; i=$((i+1)); done; }
appears "$t/reload2/before-edit.json"
sed -i 's/^msgstr "Язык"$/msgstr "Язык (новый)"/' "$po2"
touch "$t/reload2/edited"
appears "$t/reload2/after-edit.json"
line=$(grep -n '^msgstr "Продолжить"$' "$po2" | cut -d: -f1)
sed -i 's/^msgstr "Продолжить"$/msgstr "Продолжить {oops"/' "$po2"
touch "$t/reload2/broken"
wait "$pid"; rc=$?
if [ $rc = 0 ]; then ok; else bad "hot reload on screen: script failed (exit $rc)"; tail -n 5 "$t/reload2.log"; fi
grep -qF "$po2:$line: translation: unterminated '{oops'" "$t/reload2.log" && ok ||
    bad "hot reload on screen: the broken edit was not refused with $po2:$line and the reason"
grep -qF '"label": "Язык (новый)", "msgid": "Language"' "$t/reload2/after-broken.json" 2>/dev/null && ok ||
    bad "hot reload on screen: after the broken edit the tree does not show the last good text"

rm -rf "$t"
echo "$pass passed, $fail failed"
[ $fail = 0 ]
