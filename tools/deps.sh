#!/bin/sh
# Checks that the Debian packages Madang builds, runs and tests with are installed. As root it
# installs what is missing with apt-get; otherwise it prints the exact command and fails.
#   sh tools/deps.sh          what make, make test and make run need
#   sh tools/deps.sh fuzz     also clang and its libFuzzer runtime, for `make fuzz` only
#   sh tools/deps.sh bench    also what only `make bench` needs (the Chromium peer, a real X
#                             window under Xvfb with Mesa's GL, Pango to compare text layout with)
#   sh tools/deps.sh image    also what `make deb`, `make image` and `make image-test` need
#                             (dpkg-dev, mmdebstrap, QEMU, the syslinux boot loader, mtools)
set -u
PKGS="build-essential pkg-config libsdl2-dev libsdl2-image-dev libicu-dev libharfbuzz-dev
libfreetype-dev libcurl4-openssl-dev libsodium-dev libqrencode-dev fonts-noto-core fonts-noto-cjk
gettext libjansson-dev clang-format espeak-ng
libmicrohttpd-dev libpq-dev postgresql postgresql-client curl iproute2 python3
nginx-light openssl"
[ "${1:-}" = fuzz ] && PKGS="$PKGS clang libclang-rt-14-dev"
[ "${1:-}" = image ] && PKGS="$PKGS dpkg-dev fakeroot mmdebstrap qemu-system-x86 qemu-utils
e2fsprogs dosfstools mtools syslinux syslinux-common fdisk debian-archive-keyring zstd"
[ "${1:-}" = bench ] && PKGS="$PKGS chromium xvfb xauth libgl1-mesa-dri libpango1.0-dev"
missing=""
for p in $PKGS; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
    case "$st" in *"install ok installed"*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "deps: installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends $missing >/tmp/madang-deps.log 2>&1 || {
        apt-get update >>/tmp/madang-deps.log 2>&1
        apt-get install -y --no-install-recommends $missing >>/tmp/madang-deps.log 2>&1
    } || { echo "deps: apt-get failed, see /tmp/madang-deps.log" >&2; tail -n 20 /tmp/madang-deps.log >&2; exit 1; }
    exit 0
fi
echo "deps: missing Debian packages. Run:" >&2
echo "    sudo apt-get install -y --no-install-recommends$missing" >&2
exit 1
