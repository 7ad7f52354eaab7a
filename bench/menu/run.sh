#!/bin/sh
# Menu benchmark: content load of 50 restaurants x 40 dishes (bench-menu), and frame p99 while a
# finger scrolls a 40-dish menu against the home screen's frame p99 (madang --bench-frames at
# 1920x1080 in the software renderer; aim: at most 2x). Prints "bench <name> <value> <unit>".
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${MD_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
TMP=$(mktemp -d /tmp/md-bench-menu-XXXXXX)
trap 'rm -rf "$TMP"' EXIT INT TERM
ID=kr.go.ansan.menu
mkdir -p "$TMP/content/$ID" "$TMP/plugins"
ln -s "$ROOT/plugins/menu/content/icons" "$TMP/content/$ID/icons"
ln -s "$BUILD/plugins/menu.so" "$TMP/plugins/menu.so"
"$BUILD/bin/bench-menu" "$TMP/content/$ID" || exit 1
cat > "$TMP/bench.conf" <<CONF
[kiosk]
plugin_dir = $TMP/plugins
content_dir = $TMP/content
locales_dir = $ROOT/locales
storage_dir = $TMP/storage
fonts = $ROOT/fonts/fonts.conf
px_per_mm = 4.5
default_language = en
languages = en ko vi ne ur
[plugin.$ID]
latitude = 37.32980
longitude = 126.79050
CONF
"$BUILD/bin/madang" --bench-frames --frames 300 --size 1920x1080 --config "$TMP/bench.conf" \
    "menu40=$ROOT/bench/menu/menu40.script" > "$TMP/frames.txt" 2> "$TMP/err.txt" || {
    echo "bench-menu: madang --bench-frames failed:" >&2; tail -n 5 "$TMP/err.txt" >&2; exit 1; }
grep -E '^bench frame_(home|menu40)_' "$TMP/frames.txt"
home=$(sed -n 's/^bench frame_home_p99 \([0-9.]*\) ms/\1/p' "$TMP/frames.txt")
menu=$(sed -n 's/^bench frame_menu40_p99 \([0-9.]*\) ms/\1/p' "$TMP/frames.txt")
awk -v h="$home" -v m="$menu" 'BEGIN { if (h > 0) printf "bench menu_scroll_vs_home_p99 %.2f x (aim: at most 2)\n", m / h }'
