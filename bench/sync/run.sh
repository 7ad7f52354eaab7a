#!/bin/sh
# `make bench` figures for sync, against a real nginx on loopback (started and stopped here):
#   - a 50 MB release synced by `madang --sync-once` vs `curl` fetching the same files (ratio)
#   - hashing throughput (madang-pack check-release) vs sha256sum
#   - peak RSS of a sync of a 5 MB and of a 50 MB release (aim: flat)
#   - publish -> visible on a headless kiosk's screen (the round triggered at once; a kiosk adds
#     up to interval_s of waiting for its next poll)
#   - kill -9 at 1,000 random points (tests/sync/run.sh with MD_SYNC_KILLS=1000)
# Prints "bench <name> <value> <unit>" lines.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
B="$root/${MD_BUILD:-build}/bin"
T=$(mktemp -d /tmp/md-sync-bench-XXXXXX)
. "$root/tests/sync/lib.sh"
trap 'sync_stop_server; rm -rf "$T"' EXIT INT TERM
pack() { "$B/madang-pack" "$@"; }
ms() { echo $(( $(date +%s%N) / 1000000 )); }

sync_start_server || exit 1
pack keygen --out "$T/k1" >/dev/null; pack keygen --out "$T/k2" >/dev/null
for size_mb in 5 50; do
    sync_make_input "$T/in$size_mb"
    mkdir -p "$T/in$size_mb/content/org.madang.example"
    head -c $((size_mb * 1048576)) /dev/urandom > "$T/in$size_mb/content/org.madang.example/video.bin"
    # r50 is v2, so a kiosk on r5's v1 downloads it (the frame-time figure)
    pack build --in "$T/in$size_mb" --version $((size_mb / 50 + 1)) --expires-days 30 --key "$T/k1" --out "$T/srv/r$size_mb" >/dev/null 2>&1
done

# Peak RSS of one process: the last VmHWM seen while it runs.
peak_kb() { # CMD...
    "$@" >/dev/null 2>&1 &
    p=$!; hwm=0
    while kill -0 $p 2>/dev/null; do
        v=$(awk '/^VmHWM/ {print $2}' /proc/$p/status 2>/dev/null)
        [ -n "$v" ] && hwm=$v
        sleep 0.01
    done
    wait $p
    echo "$hwm"
}

# --- 50 MB over loopback: madang vs curl (best of 3 each) ---
best_sync=999999; best_curl=999999
urls=$(pack show "$T/srv/r50" | sed -n 's/.*"sha256": "\([0-9a-f]*\)".*/\1/p' | sort -u)
for i in 1 2 3; do
    rm -rf "$T/k"; sync_conf "$T/k.conf" r50 "$T/k"
    t0=$(ms); "$B/madang" --sync-once --config "$T/k.conf" >/dev/null 2>&1; t1=$(ms)
    [ $((t1 - t0)) -lt $best_sync ] && best_sync=$((t1 - t0))
    rm -rf "$T/c"; mkdir -p "$T/c"
    args=""; for h in $urls; do args="$args -o $T/c/$h http://127.0.0.1:$PORT/r50/files/$h"; done
    t0=$(ms); curl -s $args; sync; t1=$(ms)
    [ $((t1 - t0)) -lt $best_curl ] && best_curl=$((t1 - t0))
done
echo "bench sync_50mb_loopback $best_sync ms"
echo "bench curl_50mb_loopback $best_curl ms (same $(echo "$urls" | wc -l) files, one keep-alive connection, then sync)"
echo "bench sync_vs_curl_ratio $(awk -v a=$best_sync -v b=$best_curl 'BEGIN{printf "%.2f", a/b}') x (aim: about 1; sync also hashes, verifies and switches)"

# --- hashing ---
big="$T/in50/content/org.madang.example/video.bin"
t0=$(ms); pack check-release "$T/k/current" >/dev/null; t1=$(ms)
echo "bench sync_sha256_throughput $(awk -v n=52428800 -v t=$((t1 - t0)) 'BEGIN{printf "%.0f", n/1048576/(t/1000)}') MB/s (libsodium, whole release check)"
t0=$(ms); sha256sum "$big" >/dev/null; t1=$(ms)
echo "bench sha256sum_throughput $(awk -v n=52428800 -v t=$((t1 - t0)) 'BEGIN{printf "%.0f", n/1048576/(t/1000)}') MB/s"

# --- peak RSS: flat in the release's size ---
for size_mb in 5 50; do
    rm -rf "$T/k"; sync_conf "$T/k.conf" "r$size_mb" "$T/k"
    kb=$(peak_kb "$B/madang" --sync-once --config "$T/k.conf")
    echo "bench sync_peak_rss_${size_mb}mb $((kb / 1024)) MB (aim: the same for 5 and 50 MB)"
done

# --- publish -> visible on screen ---
sync_make_v2 "$T/in5" "$T/in5v2"
cat > "$T/visible.script" <<'SCRIPT'
tap "Touch the screen to start"
tap "Tiếng Việt"
expect "Hướng dẫn sức khỏe"
wait-file published
sync updated
expect "Cẩm nang sức khỏe"
shot visible
SCRIPT
rm -rf "$T/kv"; sync_conf "$T/kv.conf" r5 "$T/kv"
sed -i "s|^\[kiosk\]|[kiosk]\nfonts = $root/fonts/fonts.conf\nwidth = 1280\nheight = 720\npx_per_mm = 3.2\ndefault_language = en|" "$T/kv.conf"
"$B/madang" --sync-once --config "$T/kv.conf" >/dev/null 2>&1
mkdir -p "$T/shots"
"$B/madang" --headless --script "$T/visible.script" --out "$T/shots" --config "$T/kv.conf" >"$T/kv.log" 2>&1 &
kp=$!
sleep 2
t0=$(ms)
pack build --in "$T/in5v2" --version 2 --expires-days 30 --key "$T/k1" --out "$T/srv/r5" >/dev/null 2>&1
t1=$(ms)
touch "$T/shots/published"
i=0; while [ ! -e "$T/shots/visible.png" ] && [ $i -lt 3000 ]; do sleep 0.01; i=$((i+1)); done
t2=$(ms)
wait $kp || { echo "bench publish_to_screen failed"; tail -5 "$T/kv.log"; }
echo "bench publish_to_screen $((t2 - t0)) ms (madang-pack build $((t1 - t0)) ms of it; + up to interval_s on a real kiosk)"

# --- frame times while a throttled 50 MB release downloads on the sync thread ---
rm -rf "$T/kf"; sync_conf "$T/kf.conf" r5 "$T/kf"
"$B/madang" --sync-once --config "$T/kf.conf" >/dev/null 2>&1
sed -i "s|^\[kiosk\]|[kiosk]\nfonts = $root/fonts/fonts.conf|" "$T/kf.conf"
sed "/^\[sync\]/,\$d" "$T/kf.conf" > "$T/kf-off.conf"
printf 'content_dir = %s\nlocales_dir = %s\n' "$T/kf/current/content" "$T/kf/current/locales" >> "$T/kf-off.conf"
sed -i "s|^url = .*|url = http://127.0.0.1:$PORT/slow/r50|" "$T/kf.conf"
off=$("$B/madang" --bench --size 1920x1080 --frames 600 --config "$T/kf-off.conf" 2>/dev/null | awk '/home_frame_p99/ {print $3}')
on=$("$B/madang" --bench --size 1920x1080 --frames 600 --config "$T/kf.conf" 2>/dev/null | awk '/home_frame_p99/ {print $3}')
echo "bench home_frame_p99_no_sync $off ms"
echo "bench home_frame_p99_during_sync $on ms (a 50 MB download at 8 MB/s on the sync thread; aim: unchanged)"

# --- 1,000 kill points (MD_SYNC_BENCH_KILLS) ---
sync_stop_server
n_kills=${MD_SYNC_BENCH_KILLS:-1000}
line=$(MD_SYNC_KILLS=$n_kills MD_SYNC_KILL_SECONDS=1500 sh "$root/tests/sync/run.sh" 2>&1 | grep -E 'kill -9')
n=$(echo "$line" | sed -n 's/.*kill -9 at \([0-9]*\) random points.*/\1/p')
case "$line" in ok*) echo "bench sync_kill9_points ${n:-0} points, all complete old or new ($line)" ;;
*) echo "bench sync_kill9_points FAILED: $line" ;; esac
