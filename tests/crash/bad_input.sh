#!/bin/sh
# The bad-input table (docs/OPERATIONS.md, "Every input is bounded"): every input kind (the
# configuration, locales.conf, fonts.conf, a locale pack, the health guide's content JSON, its tile
# icon) x every kind of bad file (a FIFO, a symlink to /dev/zero, over the cap, truncated, empty, a
# NUL byte, a directory, invalid UTF-8). For each: the kiosk starts, the log names the file, and
# the home screen in Vietnamese is compared in pixels with the screen of a run on good files
# (after which the kiosk keeps last-good copies of locales.conf and the packs in storage, as a
# kiosk in service has). A refused icon leaves the tile without its picture, so icon cases are
# compared with a run whose icon is missing; a refused configuration falls back to the built-in
# defaults, so config cases are compared with a run on an empty configuration (a warning).
# Under ASan (slow start-up) it runs each kind once and each variant once (14 runs), not all 48.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${MD_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
OUT="$BUILD/bad-input"
MADANG="$BUILD/bin/madang"
IMGDIFF="$BUILD/bin/md-imgdiff"
ID=kr.go.ansan.health
rm -rf "$OUT"
mkdir -p "$OUT/good/plugins"
pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL $*"; fail=$((fail+1)); }
. "$ROOT/tests/lib/e2e.sh"
e2e_sanitizer_env "$ROOT"
full=1; case "$BUILD" in *asan*) full=0 ;; esac

# The good tree: its own copies of every input, so each case can break one.
G="$OUT/good"
ln -s "$BUILD/plugins/health.so" "$G/plugins/health.so"
cp -r "$ROOT/locales" "$G/locales"
cp "$ROOT/fonts/fonts.conf" "$G/fonts.conf"
mkdir -p "$G/content"; cp -r "$ROOT/plugins/health/content" "$G/content/$ID"
cat > "$G/kiosk.conf" <<CONF
# The bad-input table's kiosk (tests/crash/bad_input.sh). Paths are relative to this file.
[kiosk]
plugin_dir = plugins
content_dir = content
locales_dir = locales
storage_dir = storage
fonts = fonts.conf
width = 1280
height = 720
px_per_mm = 3.2
idle_timeout_s = 60
idle_warning_s = 20
languages = en ko vi ur
default_language = en
rss_ceiling_mb = 0

[plugin.$ID]
latitude = 37.32980
longitude = 126.79050
kiosk = yes
CONF
cat > "$OUT/home.script" <<'SCRIPT'
tap 640 360
screen languages
tap "Tiếng Việt"
screen home
shot home
SCRIPT

# run DIR: the kiosk on DIR/kiosk.conf; exit status in $rc, log in DIR/log.txt
run() {
    "$MADANG" --headless --size 1280x720 --config "$1/kiosk.conf" --script "$OUT/home.script" \
        --out "$1/out" > "$1/log.txt" 2>&1
    rc=$?
}
run "$G"
[ "$rc" = 0 ] && ok || { bad "good run: exit $rc"; tail -n 5 "$G/log.txt"; }
# References: no icon; an empty configuration (the built-in defaults, whose storage is the tree's).
cp -r "$G" "$OUT/noicon"; rm "$OUT/noicon/content/$ID/icons/home-symptoms.png"; run "$OUT/noicon"
mkdir -p "$OUT/defaults"; : > "$OUT/defaults/kiosk.conf"; run "$OUT/defaults"

# file_of KIND: the file a case breaks, relative to the tree
file_of() {
    case "$1" in
    config) echo kiosk.conf ;;
    locales) echo locales/locales.conf ;;
    fonts) echo fonts.conf ;;
    pack) echo locales/vi/runtime.po ;;
    content) echo "content/$ID/health.json" ;;
    icon) echo "content/$ID/icons/home-symptoms.png" ;;
    esac
}
cap_of() { # the bounded reader's caps (runtime/base/file.c)
    case "$1" in
    config) echo 262144 ;; locales | fonts) echo 65536 ;; pack) echo 4194304 ;;
    content) echo 4194304 ;; icon) echo 8388608 ;;
    esac
}

# break_file PATH VARIANT KIND
break_file() {
    f=$1
    size=$(wc -c < "$f")
    case "$2" in
    fifo) rm -f "$f"; mkfifo "$f" ;;
    devzero) rm -f "$f"; ln -s /dev/zero "$f" ;;
    overcap) # the good file, then padding past the cap (comments where the format has them)
        n=$(( $(cap_of "$3") - size + 16 ))
        if [ "$3" = content ] || [ "$3" = icon ]; then head -c "$n" /dev/zero | tr '\0' ' ' >> "$f"
        else awk -v n="$n" 'BEGIN { while (n > 0) { print "# padding padding padding padding"; n -= 34 } }' >> "$f"; fi ;;
    truncated) # cut at 60 %; a pack is cut inside the first msgstr after that, mid-string
        at=$((size * 3 / 5))
        if [ "$3" = pack ]; then
            at=$(awk -v from="$at" '{ if (pos >= from && /^msgstr "/) { print pos + 10; exit } pos += length($0) + 1 }' "$f")
        fi
        head -c "$at" "$f" > "$f.cut"; mv "$f.cut" "$f" ;;
    empty) : > "$f" ;;
    nul) { head -c $((size / 2)) "$f"; printf '\000'; tail -c +$((size / 2 + 1)) "$f"; } > "$f.nul"; mv "$f.nul" "$f" ;;
    directory) rm -f "$f"; mkdir "$f" ;;
    badutf8) { head -c $((size / 2)) "$f"; printf '\377\376'; tail -c +$((size / 2 + 1)) "$f"; } > "$f.bad"; mv "$f.bad" "$f" ;;
    esac
}

# one_case KIND VARIANT: one row of the table; its results go to DIR/result.txt ("ok" or
# "FAIL ..." lines), so two cases can run at once (they share nothing).
one_case() {
    kind=$1 variant=$2 name="$1-$2" d="$OUT/$1-$2"
    r="$d.result"
    cp -r "$G" "$d"; rm -rf "$d/out" "$d/log.txt"
    rel=$(file_of "$kind")
    break_file "$d/$rel" "$variant" "$kind"
    run "$d"
    if [ "$rc" != 0 ]; then echo "FAIL $name: exit $rc: $(tail -n 2 "$d/log.txt" | tr '\n' ' ')" > "$r"; return; fi
    : > "$r"
    # The log names the file (a refusal, a skipped line, a last-good copy in its place).
    base=$(basename "$rel")
    if grep -aE '(error|warning)' "$d/log.txt" | grep -aqF "$base"; then echo ok >> "$r"
    else echo "FAIL $name: no error or warning names $base" >> "$r"; fi
    ref="$G/out/home.png"
    [ "$kind" = icon ] && ref="$OUT/noicon/out/home.png"
    # A configuration refused whole gives the defaults; a truncated one, or one with a line of
    # invalid UTF-8, loses only those lines (here: timeouts and the window size, which --size
    # overrides), so its home screen is the good one.
    case "$name" in
    config-truncated | config-badutf8) ;;
    config-*) ref="$OUT/defaults/out/home.png" ;;
    esac
    if "$IMGDIFF" "$ref" "$d/out/home.png" --diff "$d/home.diff.png" > "$d/diff.txt" 2>&1; then echo ok >> "$r"
    else echo "FAIL $name: the home screen differs from $(basename "$(dirname "$(dirname "$ref")")"): $(cat "$d/diff.txt")" >> "$r"; fi
}

jobs_running=0
for kind in config locales fonts pack content icon; do
    k=0
    for variant in fifo devzero overcap truncated empty nul directory badutf8; do
        k=$((k+1))
        # ASan: the diagonal only (each kind once, each variant once).
        if [ "$full" = 0 ]; then
            case "$kind" in config) want=1 ;; locales) want=2 ;; fonts) want=3 ;; pack) want=4 ;; content) want=5 ;; icon) want=6 ;; esac
            [ "$k" = "$want" ] || { [ "$kind" = icon ] && [ "$k" -ge 7 ]; } || continue
        fi
        one_case "$kind" "$variant" &
        jobs_running=$((jobs_running+1))
        if [ "$jobs_running" -ge 2 ]; then wait; jobs_running=0; fi
    done
done
wait
for r in "$OUT"/*.result; do
    while IFS= read -r line; do
        case "$line" in ok) ok ;; *) bad "${line#FAIL }" ;; esac
    done < "$r"
done

# fonts.conf with one bad line still draws every script: the language picker (all 17 endonyms, each
# in its own script) with a broken line is the same picture as with the good table.
printf 'tap 640 360\nscreen languages\nshot languages\n' > "$OUT/languages.script"
langs=$(sed -n 's/^\[\(.*\)\]$/\1/p' "$ROOT/locales/locales.conf" | tr '\n' ' ')
fonts_run() { # fonts_run NAME: the picker with DIR/fonts.conf
    sed -i "s/^languages = .*/languages = $langs/" "$1/kiosk.conf"
    "$MADANG" --headless --size 1280x720 --config "$1/kiosk.conf" --script "$OUT/languages.script" \
        --out "$1/out" > "$1/log.txt" 2>&1
    rc=$?
}
cp -r "$G" "$OUT/fonts-good"; rm -rf "$OUT/fonts-good/out"; fonts_run "$OUT/fonts-good"
[ "$rc" = 0 ] && ok || bad "fonts-good: exit $rc"
n=0
for edit in 's|^dir /usr/share/fonts/truetype/noto.*|dir usr/share/fonts/truetype/noto (typo)|' \
            's|^Thai \* NotoSansThai-Regular.ttf 0|Thai * NotoSansThai-Regular.ttf|' \
            's|^Arab ur NotoNastaliqUrdu-Regular.ttf|Arab ur NotoNastaliqUrdu-Regular.ttf zero|' \
            's|^Mymr \*|Mymr\x00 *|'; do
    n=$((n+1)); d="$OUT/fonts-line-$n"
    cp -r "$G" "$d"; rm -rf "$d/out" "$d/log.txt"
    sed -i "$edit" "$d/fonts.conf"
    fonts_run "$d"
    if [ "$rc" = 0 ] && grep -aqE "fonts.conf:[0-9]+: .*skipped" "$d/log.txt"; then ok
    else bad "fonts-line-$n: exit $rc or no file:line for the bad line"; grep -a TEXT "$d/log.txt" | head -n 3; fi
    if "$IMGDIFF" "$OUT/fonts-good/out/languages.png" "$d/out/languages.png" > "$d/diff.txt" 2>&1; then ok
    else bad "fonts-line-$n: the language picker differs from the good table's: $(cat "$d/diff.txt")"; fi
done

# Hot reload of a pack written in two steps with a pause: the kiosk checks the file during the
# pause and again after, and the screen never shows English or a cut translation.
H="$OUT/reload"
cp -r "$G" "$H"; rm -rf "$H/out" "$H/log.txt"
po="$H/locales/vi/runtime.po"
cat > "$OUT/reload.script" <<'SCRIPT'
tap 640 360
tap "Tiếng Việt"
screen home
expect "Bạn cần gì?"
wait-file step1
wait 1000
expect "Bạn cần gì?"
expect-not "What do you need?"
shot step1
wait-file step2
wait 2000
expect "Bạn cần gì lúc này?"
shot step2
SCRIPT
"$MADANG" --headless --size 1280x720 --config "$H/kiosk.conf" --script "$OUT/reload.script" \
    --out "$H/out" > "$H/log.txt" 2>&1 & pid=$!
appears() { i=0; while [ $i -lt 600 ] && [ ! -e "$1" ] && kill -0 "$pid" 2>/dev/null; do sleep 0.05; i=$((i+1)); done; }
appears "$H/out"
sed 's/^msgstr "Bạn cần gì?"$/msgstr "Bạn cần gì lúc này?"/' "$po" > "$H/new.po"
size=$(wc -c < "$H/new.po")
at=$(awk '{ if (/^msgstr "Bạn cần gì lúc/) { print pos + 14; exit } pos += length($0) + 1 }' "$H/new.po")
head -c "$at" "$H/new.po" > "$po"        # step 1: up to the middle of the edited string
touch "$H/out/step1"
appears "$H/out/step1.png"
tail -c +"$((at + 1))" "$H/new.po" >> "$po" # step 2: the rest, after the pause
touch "$H/out/step2"
wait "$pid"; rc=$?
if [ "$rc" = 0 ]; then ok; else bad "reload: script exit $rc"; tail -n 4 "$H/log.txt"; fi
"$IMGDIFF" "$G/out/home.png" "$H/out/step1.png" > "$H/diff.txt" 2>&1 && ok ||
    bad "reload: during the pause the screen is not the good Vietnamese home: $(cat "$H/diff.txt")"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
