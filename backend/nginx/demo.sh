#!/bin/sh
# `make sync-demo`: the city's side and a kiosk on one machine. Starts nginx on loopback
# (serve.sh), makes a signing key, publishes v1 (the health guide's sample content and the shipped
# packs), syncs once, opens the kiosk in a window syncing every 10 s, and 20 s later publishes v2
# (one clinic renamed, the Vietnamese tile title changed): choose Tiếng Việt and watch the tile
# change. Closing the window (kiosk = no) stops the kiosk and nginx. Everything lives in
# build/sync-demo/.
#   MD_DEMO_HEADLESS=SCRIPT  runs the kiosk headless with that script instead of a window
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
B="$root/${MD_BUILD:-build}/bin"
T="$root/${MD_BUILD:-build}/sync-demo"
PORT=${MD_DEMO_PORT:-18088}
rm -rf "$T"; mkdir -p "$T/srv"; chmod 755 "$T" "$T/srv"
. "$root/tests/sync/lib.sh"
publisher=""
trap '[ -n "$publisher" ] && kill $publisher 2>/dev/null; sh "$root/backend/nginx/serve.sh" stop "$T/run"' EXIT INT TERM
sh "$root/backend/nginx/serve.sh" start "$T/srv" "$PORT" "$T/run"
"$B/madang-pack" keygen --out "$T/k1" >/dev/null
sync_make_input "$T/in1"
sync_make_v2 "$T/in1" "$T/in2"
"$B/madang-pack" build --in "$T/in1" --version 1 --expires-days 30 --key "$T/k1" --out "$T/srv/demo" \
    --plugin-dir "$root/${MD_BUILD:-build}/plugins"
sync_conf "$T/kiosk.conf" demo "$T/kiosk" 1 "$T/k1.pub"
sed -i -e 's/^interval_s = 3600/interval_s = 10/' \
    -e "s|^\[kiosk\]|[kiosk]\nkiosk = no\nfonts = $root/fonts/fonts.conf|" "$T/kiosk.conf"
"$B/madang" --sync-once --config "$T/kiosk.conf"
(sleep 20 && exec "$B/madang-pack" build --in "$T/in2" --version 2 --expires-days 30 --key "$T/k1" \
    --out "$T/srv/demo" --plugin-dir "$root/${MD_BUILD:-build}/plugins") &
publisher=$!
echo "sync-demo: v1 is on the kiosk; v2 is published in 20 s and picked up within 10 s more"
rc=0
if [ -n "${MD_DEMO_HEADLESS:-}" ]; then
    "$B/madang" --headless --script "$MD_DEMO_HEADLESS" --out "$T/shots" --config "$T/kiosk.conf" || rc=$?
else
    "$B/madang" --windowed 1280x800 --config "$T/kiosk.conf" || rc=$?
fi
exit $rc
