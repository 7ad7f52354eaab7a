#!/bin/sh
# test-release.sh BUNDLE_DIR OUT: for image-test, a kiosk's sync folder holding one signed release
# whose content is a runtime update (content/org.madang.system, docs/IMAGE.md "Runtime updates"),
# made the way a kiosk gets it: madang-pack build signs and publishes it with a key made here,
# nginx serves it on loopback, and the kiosk's own sync client (madang --sync-once) downloads it.
# The update is the bundle of BUNDLE_DIR with its version marked "+sync" (a kiosk installs only a
# system that is not the one it runs) and SHA256SUMS made again for it.
# Writes OUT/sync/ (current -> releases/v1) and OUT/key.pub (the public key to pin).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bundle=${1:?usage: test-release.sh BUNDLE_DIR OUT}
out=${2:?usage: test-release.sh BUNDLE_DIR OUT}
B=$root/build/bin
T=$out/tmp
rm -rf "$out" && mkdir -p "$T"
# shellcheck disable=SC1091 # tests/sync/lib.sh: sync_make_input, sync_start_server, sync_conf, sync_stop_server
. "$root/tests/sync/lib.sh"
trap 'sync_stop_server' EXIT

"$B/madang-pack" keygen --out "$T/key" >/dev/null
cp "$T/key.pub" "$out/key.pub"
# The whole set a release carries (the sample content and the shipped locale packs), and the update.
sync_make_input "$T/in"
sys=$T/in/content/org.madang.system
mkdir -p "$sys"
# Hard links where the file system allows (the compressed root is about 400 MB); the version is new.
for f in root.ext4.zst vmlinuz initrd.img; do
    ln "$bundle/$f" "$sys/$f" 2>/dev/null || cp "$bundle/$f" "$sys/$f"
done
printf '%s+sync\n' "$(cat "$bundle/version")" >"$sys/version"
(cd "$sys" && sha256sum root.ext4.zst vmlinuz initrd.img version >SHA256SUMS)

mkdir -p "$T/srv"
"$B/madang-pack" build --in "$T/in" --version 1 --expires-days 30 --key "$T/key" --out "$T/srv/system" \
    --plugin-dir "$root/build/plugins" >"$T/build.log" 2>&1 || { cat "$T/build.log" >&2; exit 1; }
sync_start_server
sync_conf "$T/kiosk.conf" system "$out/sync" 1 "$T/key.pub"
"$B/madang" --sync-once --config "$T/kiosk.conf" >"$T/sync.log" 2>&1 || { cat "$T/sync.log" >&2; exit 1; }
"$B/madang-pack" check-release "$out/sync/current" --key "$T/key.pub" >/dev/null
echo "test-release: $out/sync/current ($(cat "$sys/version")), signed by $out/key.pub"
# nginx stopped before its folder goes (the EXIT trap, for the failures above, finds it by its pid
# file there).
sync_stop_server
trap - EXIT
rm -rf "$T"
