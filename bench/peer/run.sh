#!/bin/sh
# Madang side by side with a Chromium kiosk showing the same screens (`make bench`). Prints
#   bench NAME VALUE UNIT (chromium VALUE UNIT, madang/chromium RATIO; aim ...)
# for: exec to first frame and to interactive home, headless and in a real window under Xvfb
# (software and GL renderers); RSS, PSS and peak RSS after a full visit (every language, every
# plugin's screens) and back at the attract screen after the visitor left (all processes of the
# peer summed); frame p50/p99 while scrolling the longest lists, as multiples of the floor (a
# full-screen texture copy); start-up with 0 to 64 plugins; memory with 1 to 17 languages used.
# The clock of every start-up figure starts before exec, outside the process (bench/launch).
# The peer page is built from madang's own semantic trees (bench/peer/md_peer_page.c). Every loop
# is bounded; Xvfb and every browser are stopped before this script ends. Figures only: nothing
# here passes or fails on a number.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${MD_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
BIN=$BUILD/bin
MADANG=$BIN/madang
LAUNCH=$BIN/md-launch
CONF=$ROOT/config/dev.conf
W=1920 H=1080
RUNS=${MD_BENCH_RUNS:-5}
CHROME=${MD_BENCH_CHROMIUM:-/usr/bin/chromium}
TMP=$(mktemp -d /tmp/md-bench-peer-XXXXXX)
XVFB_PID=""
cleanup() {
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null && wait "$XVFB_PID" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
trap "exit 1" INT TERM

chrome_flags="--no-sandbox --disable-quic --no-first-run --disable-background-networking \
--disable-component-update --disable-sync --enable-logging=stderr --v=0 --window-size=$W,$H \
--window-position=0,0"

# "point NAME ... KEY=V" of a md-launch output
pt() { sed -n "s/^point $2 //p" "$1" | head -n 1 | tr ' ' '\n' | sed -n "s/^$3=//p"; }
peak() { sed -n "s/^peak .*$2=\([0-9]*\).*/\1/p" "$1" | head -n 1; }
median() { sort -n | awk '{v[NR]=$1} END {if (NR) print v[int((NR+1)/2)]; else print ""}'; }
mb() { awk -v k="$1" 'BEGIN { if (k == "") print "n/a"; else printf "%.1f", k / 1024 }'; }
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == "n/a" || b == "n/a" || b + 0 <= 0) print "n/a"; else printf "%.3f", a / b }'
}
# fig NAME VALUE UNIT PEER_VALUE [AIM]
fig() {
    if [ -n "$4" ]; then
        printf 'bench %s %s %s (chromium %s %s, madang/chromium %s%s)\n' "$1" "${2:-n/a}" "$3" \
            "$4" "$3" "$(ratio "$2" "$4")" "${5:+; aim $5}"
    else
        printf 'bench %s %s %s%s\n' "$1" "${2:-n/a}" "$3" "${5:+ (aim $5)}"
    fi
}

echo "bench machine $(nproc) cpus, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start (figures are wall-clock; load inflates them)"

# ---- the peer pages, from madang's own trees ------------------------------------------------
langs=$(sed -n 's/^languages *= *//p' "$CONF")
[ -n "$langs" ] || langs="ko en"
default_lang=$(sed -n 's/^default_language *= *//p' "$CONF")
[ -n "$default_lang" ] || default_lang=$(echo "$langs" | cut -d' ' -f1)

# A visit: home in every language, then every plugin (its first screen in every language), and
# the health guide's clinic list (the heaviest screen) in every language, scrolled. Every step is
# drawn (the script's `draw`: pixels, no file) and its tree kept for the peer. The visitor then leaves: idle timeout, countdown,
# reset, attract.
probe=$TMP/probe
cat > "$TMP/probe.script" <<EOF
tap 960 540
tap "English"
screen home
tree home
EOF
if ! "$MADANG" --headless --config "$CONF" --size ${W}x$H --script "$TMP/probe.script" \
        --out "$probe" >"$TMP/probe.log" 2>&1; then
    echo "bench-peer: madang cannot reach home: $(tail -n 3 "$TMP/probe.log")" >&2
    exit 1
fi
tiles=$(sed -n 's/.*"role": "tile", "label": "\([^"]*\)".*/\1/p' "$probe/home.json")

# visit_script FILE N_LANGS: the visit with the first N languages
visit_script() {
    vs_n=0
    use=""
    for vs_l in $langs; do
        vs_n=$((vs_n + 1))
        [ $vs_n -le "$2" ] && use="$use $vs_l"
    done
    step=0
    {
        echo "clock 2026-03-03T13:30+09:00"
        echo "tap 960 540"
        echo "screen languages"
        echo "draw"
        echo "tree s000"
        echo "tap \"English\""
        echo "screen home"
        cycle() {
            for vs_l in $use; do
                step=$((step + 1))
                vs_s=$(printf 's%03d' $step)
                echo "lang $vs_l"
                echo "draw"
                echo "tree $vs_s"
            done
            echo "lang en"
        }
        cycle
        echo "$tiles" | while IFS= read -r vs_t; do
            [ -n "$vs_t" ] || continue
            echo "tap \"$vs_t\""
            cycle
            if [ "$vs_t" = "Health guide" ]; then
                echo "tap \"Find a clinic\""
                cycle
                echo "tap \"Internal medicine\""
                echo "tree clinics"
                cycle
                echo "drag 960 900 960 300 300"
                echo "drag 960 900 960 300 300"
                echo "draw"
            fi
            echo "key Escape"
            echo "screen home"
        done
        echo "tree visited"
        echo "wait-file go"
        echo "wait 200000"
        echo "screen attract"
        echo "draw"
        echo "tree left"
        echo "wait-file never"
    } > "$1"
}
all_n=$(echo $langs | wc -w)
visit_script "$TMP/visit.script" "$all_n"

# madang's full visit: memory at "visited" and "left"
vout=$TMP/visit
"$LAUNCH" --timeout-ms 300000 --poll-ms 20 --file visited="$vout/visited.json" \
    --touch visited="$vout/go" --file left="$vout/left.json" --stop left -- \
    "$MADANG" --headless --config "$CONF" --size ${W}x$H --script "$TMP/visit.script" \
    --out "$vout" > "$TMP/madang-visit.txt" 2>&1
if ! grep -q "^end ok" "$TMP/madang-visit.txt"; then
    echo "bench-peer: the madang visit did not finish:" >&2
    tail -n 5 "$TMP/madang-visit.txt" >&2
fi

# the peer pages: home alone (start-up), and every screen of the visit (#visit)
home_tree=""
i=0
for l in $langs; do
    i=$((i + 1))
    [ "$l" = "$default_lang" ] && home_tree=$(printf '%s/s%03d.json' "$vout" $i)
done
[ -f "$home_tree" ] || home_tree=$vout/s001.json
"$BIN/md-peer-page" --fonts "$ROOT/fonts/fonts.conf" --out "$TMP/home.html" home="$home_tree"
trees=""
for f in "$vout"/s*.json; do
    trees="$trees $(basename "$f" .json)=$f"
done
[ -f "$vout/clinics.json" ] && trees="$trees clinics=$vout/clinics.json"
# shellcheck disable=SC2086
"$BIN/md-peer-page" --fonts "$ROOT/fonts/fonts.conf" --out "$TMP/visit.html" home="$home_tree" $trees
mkdir -p "$BUILD/bench-peer"
cp "$TMP/home.html" "$TMP/visit.html" "$BUILD/bench-peer/" 2>/dev/null

# chromium URL [extra flags...]: one run under md-launch, output in $TMP/chrome.txt
chrome_run() {
    stop=$1 url=$2
    shift 2
    rm -rf "$TMP/profile"
    mkdir -p "$TMP/profile"
    # shellcheck disable=SC2086
    "$LAUNCH" --timeout-ms 120000 --poll-ms 20 --stop "$stop" -- \
        "$CHROME" $chrome_flags --user-data-dir="$TMP/profile" "$@" "$url" > "$TMP/chrome.txt" 2>&1
}

chrome_run left "file://$TMP/visit.html#visit" --headless --disable-gpu
cp "$TMP/chrome.txt" "$TMP/chrome-visit.txt"
m=$TMP/madang-visit.txt c=$TMP/chrome-visit.txt
fig visit_peak_rss "$(mb "$(pt $m visited hwm_kb)")" MB "$(mb "$(pt $c visited hwm_kb)")" \
    "<= 60 MB (software renderer)"
fig visit_rss "$(mb "$(pt $m visited rss_kb)")" MB "$(mb "$(pt $c visited rss_kb)")"
fig visit_pss "$(mb "$(pt $m visited pss_kb)")" MB "$(mb "$(pt $c visited pss_kb)")"
fig left_rss "$(mb "$(pt $m left rss_kb)")" MB "$(mb "$(pt $c left rss_kb)")" \
    "back near the start-up figure"
fig left_pss "$(mb "$(pt $m left pss_kb)")" MB "$(mb "$(pt $c left pss_kb)")"
echo "bench visit_screens $(ls "$vout"/s*.json | wc -l) screens (chromium processes at the end: $(pt $c left procs))"

# ---- start-up: exec to first frame and to interactive home -----------------------------------
# startup LABEL ENV... -- madang args: median over RUNS of both points
startup_madang() {
    label=$1
    shift
    : > "$TMP/first" && : > "$TMP/home" && : > "$TMP/hwm"
    r=0
    while [ $r -lt "$RUNS" ]; do
        r=$((r + 1))
        "$LAUNCH" --timeout-ms 30000 --poll-ms 5 --stop home -- "$@" > "$TMP/run.txt" 2>&1
        pt "$TMP/run.txt" first-frame ms >> "$TMP/first"
        pt "$TMP/run.txt" home ms >> "$TMP/home"
        pt "$TMP/run.txt" home hwm_kb >> "$TMP/hwm"
    done
    eval "${label}_first=\$(median < \"$TMP/first\")"
    eval "${label}_home=\$(median < \"$TMP/home\")"
    eval "${label}_hwm=\$(median < \"$TMP/hwm\")"
}
startup_chrome() {
    label=$1
    shift
    : > "$TMP/first" && : > "$TMP/home"
    r=0
    while [ $r -lt "$RUNS" ]; do
        r=$((r + 1))
        chrome_run home "file://$TMP/home.html" "$@"
        pt "$TMP/chrome.txt" first-frame ms >> "$TMP/first"
        pt "$TMP/chrome.txt" home ms >> "$TMP/home"
    done
    eval "${label}_first=\$(median < \"$TMP/first\")"
    eval "${label}_home=\$(median < \"$TMP/home\")"
}

startup_madang mh "$MADANG" --bench-start --headless --config "$CONF" --size ${W}x$H
startup_chrome ch --headless --disable-gpu
fig startup_headless_first_frame "$mh_first" ms "$ch_first"
fig startup_headless_home "$mh_home" ms "$ch_home"

# A real window: one Xvfb server for the rest of the bench.
d=$(( ( $$ % 400 ) + 100 ))
tries=0
while [ -e /tmp/.X11-unix/X$d ] && [ $tries -lt 50 ]; do d=$((d + 1)); tries=$((tries + 1)); done
Xvfb ":$d" -screen 0 ${W}x${H}x24 -nolisten tcp > "$TMP/xvfb.log" 2>&1 &
XVFB_PID=$!
tries=0
while [ ! -e /tmp/.X11-unix/X$d ] && [ $tries -lt 100 ]; do sleep 0.05; tries=$((tries + 1)); done
if [ -e /tmp/.X11-unix/X$d ]; then
    export DISPLAY=":$d"
    startup_madang mws "$MADANG" --bench-start --windowed ${W}x$H --renderer software \
        --config "$CONF"
    startup_madang mwg "$MADANG" --bench-start --windowed ${W}x$H --renderer gl --config "$CONF"
    startup_chrome cws --disable-gpu
    startup_chrome cwg --ignore-gpu-blocklist
    fig startup_window_sw_first_frame "$mws_first" ms "$cws_first"
    fig startup_window_sw_home "$mws_home" ms "$cws_home" "<= 60 ms"
    fig startup_window_gl_first_frame "$mwg_first" ms "$cwg_first"
    fig startup_window_gl_home "$mwg_home" ms "$cwg_home" "<= 60 ms"
    fig startup_window_sw_peak_rss "$(mb "$mws_hwm")" MB "" "software: the renderer the kiosk uses"
    fig startup_window_gl_peak_rss "$(mb "$mwg_hwm")" MB "" "GL on Mesa, for the renderer choice"
    # the renderer choice: the floor and the home frame in the real window, software and GL
    # (scripts need the headless runner's virtual clock, so no scrolled screens here)
    for rn in software gl; do
        "$MADANG" --bench-frames --frames 120 --windowed ${W}x$H --renderer $rn --config "$CONF" \
            2>/dev/null |
            sed -n "s/^bench frame_\([a-z_]*\)_p50 \([0-9.]*\) ms/bench window_${rn}_frame_\1_p50 \2 ms/p"
    done
    unset DISPLAY
else
    echo "bench-peer: Xvfb did not start: $(tail -n 2 "$TMP/xvfb.log")" >&2
fi

# ---- frames: the longest lists scrolled, as multiples of the floor ---------------------------
# The scrolled screens: every plugin's first screen (from its home tile) and each
# bench/frames/NAME.script (a way to a plugin's longest list, e.g. the clinic list), in English.
specs=""
k=0
echo "$tiles" > "$TMP/tiles.txt"
while IFS= read -r tile; do
    [ -n "$tile" ] || continue
    k=$((k + 1))
    printf 'tap 960 540\ntap "English"\ntap "%s"\n' "$tile" > "$TMP/tile$k.script"
    specs="$specs plugin$k=$TMP/tile$k.script"
    echo "bench frame_plugin${k}_is \"$tile\" (its first screen)"
done < "$TMP/tiles.txt"
for f in "$ROOT"/bench/frames/*.script; do
    [ -f "$f" ] && specs="$specs scroll_$(basename "$f" .script)=$f"
done
# shellcheck disable=SC2086
"$MADANG" --bench-frames --frames 300 --config "$CONF" --size ${W}x$H $specs > "$TMP/frames.txt" \
    2>"$TMP/frames.log" || echo "bench-peer: a frames script failed: $(grep -v '^madang:' "$TMP/frames.log" | tail -n 2)" >&2
floor=$(sed -n 's/^bench frame_floor_p50 \([0-9.]*\).*/\1/p' "$TMP/frames.txt")
home50=$(sed -n 's/^bench frame_home_p50 \([0-9.]*\).*/\1/p' "$TMP/frames.txt")
MD_LAUNCH_ECHO=1
export MD_LAUNCH_ECHO
chrome_run scrolled "file://$TMP/visit.html#scroll=clinics" --headless \
    --disable-gpu --disable-frame-rate-limit --disable-gpu-vsync
unset MD_LAUNCH_ECHO
while read -r _bench name p50 _unit; do
    case "$name" in frame_*_p50) ;; *) continue ;; esac
    base=${name%_p50}
    p99=$(sed -n "s/^bench ${base}_p99 \([0-9.]*\).*/\1/p" "$TMP/frames.txt")
    aim=""
    case "$base" in frame_home | frame_floor) ;; *) aim="<= 2x home: $(ratio "$p50" "$home50")x" ;; esac
    printf 'bench %s %s/%s ms p50/p99 (%sx the floor%s)\n' "$base" "$p50" "$p99" \
        "$(ratio "$p50" "$floor")" "${aim:+; aim $aim}"
done < "$TMP/frames.txt"
cf=$(sed -n 's/.*md-frames \([0-9.]*\) \([0-9.]*\).*/\1 \2/p' "$TMP/chrome.txt" | head -n 1)
if [ -n "$cf" ]; then
    set -- $cf
    m50=$(sed -n 's/^bench frame_scroll_clinics_p50 \([0-9.]*\).*/\1/p' "$TMP/frames.txt")
    echo "bench frame_scroll_clinics_chromium $1/$2 ms p50/p99 (Chromium scrolling the same list, software, frame rate unlimited; madang/chromium $(ratio "$m50" "$1"))"
fi

# ---- growth: plugins and languages ------------------------------------------------------------
# Start-up with 0, 1, 4, 16, 64 plugins: copies of the example plugin under temporary ids.
pdir=$TMP/plugins
for n in 0 1 4 16 64; do
    rm -rf "$pdir"
    mkdir -p "$pdir"
    i=0
    while [ $i -lt $n ]; do
        i=$((i + 1))
        id=$(printf 'org.madang.ex%05d' $i) # as long as org.madang.example
        sed "s/org\.madang\.example/$id/g" "$BUILD/plugins/example.so" > "$pdir/ex$i.so"
    done
    sed -e "s|^plugin_dir *=.*|plugin_dir = $pdir|" -e "s|^locales_dir *= *\.\./|locales_dir = $ROOT/|" \
        -e "s|^content_dir *= *\.\./|content_dir = $ROOT/|" -e "s|^fonts *= *\.\./|fonts = $ROOT/|" \
        -e "s|^storage_dir *= *\.\./|storage_dir = $TMP/|" -e '/^\[plugin\./,$d' "$CONF" > "$TMP/plugins.conf"
    startup_madang mp "$MADANG" --bench-start --headless --config "$TMP/plugins.conf" --size ${W}x$H
    fig "startup_plugins_$n" "$mp_home" ms "" "flat"
done

# Memory with 1, 2, 4, 8, 17 languages used in a visit.
for n in 1 2 4 8 "$all_n"; do
    visit_script "$TMP/visit-$n.script" "$n"
    o=$TMP/visit-$n
    "$LAUNCH" --timeout-ms 300000 --poll-ms 20 --file visited="$o/visited.json" \
        --touch visited="$o/go" --file left="$o/left.json" --stop left -- \
        "$MADANG" --headless --config "$CONF" --size ${W}x$H --script "$TMP/visit-$n.script" \
        --out "$o" > "$TMP/mem.txt" 2>&1
    fig "visit_languages_${n}_rss" "$(mb "$(pt "$TMP/mem.txt" visited rss_kb)")" MB "" \
        "grows with the scripts shown, not the count; back at attract $(mb "$(pt "$TMP/mem.txt" left rss_kb)") MB"
done
exit 0
