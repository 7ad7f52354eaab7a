#!/bin/sh
# make deb: builds madang_<version>_amd64.deb with dpkg-deb (docs/IMAGE.md, "The Debian package").
# The runtime is compiled in its own build directory (build-deb/) with MD_DATA_DIR=/usr/share/madang,
# so its built-in defaults point at the installed files, not at a source tree. Depends are computed
# by dpkg-shlibdeps from the ELF files themselves, plus the fonts and espeak-ng the kiosk needs.
#   sh kiosk-image/deb/build-deb.sh [OUTDIR]      (default: build-deb/)
set -eu
cd "$(dirname "$0")/../.."
SRC=$(pwd)
OUT=${1:-$SRC/build-deb}
B=build-deb
VERSION=$(sed -n 's/^#define MD_APP_VERSION "\([^"]*\)".*/\1/p' runtime/app/app.h)
[ -n "$VERSION" ] || { echo "deb: no MD_APP_VERSION in runtime/app/app.h" >&2; exit 1; }
for tool in dpkg-deb dpkg-shlibdeps fakeroot; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "deb: $tool is missing. Run:" >&2
        echo "    sudo apt-get install -y --no-install-recommends dpkg-dev fakeroot" >&2
        exit 1
    }
done

mkdir -p "$B"
echo "deb: building the runtime in $B/ (MD_DATA_DIR=/usr/share/madang)"
make --no-print-directory -j"$(nproc 2>/dev/null || echo 2)" MD_INNER=1 BUILD=$B \
    MD_DATA_DIR=/usr/share/madang all >"$B/build.log" 2>&1 || {
    tail -n 30 "$B/build.log" >&2
    echo "deb: the build failed (log: $B/build.log)" >&2
    exit 1
}

ROOT=$B/pkgroot
rm -rf "$ROOT"
mkdir -p "$ROOT/DEBIAN" "$ROOT/usr/bin" "$ROOT/usr/lib/madang/plugins" "$ROOT/usr/share/madang" \
    "$ROOT/etc/madang" "$ROOT/lib/systemd/system" "$ROOT/usr/lib/sysusers.d" \
    "$ROOT/usr/share/doc/madang" "$ROOT/usr/share/madang/content"
for p in madang madang-pack madang-locale madang-text; do
    install -m 0755 "$B/bin/$p" "$ROOT/usr/bin/$p"
done
install -m 0755 tools/madang-report/madang-report "$ROOT/usr/bin/madang-report"
install -D -m 0755 "$B/bin/madang-absptr" "$ROOT/usr/libexec/madang/madang-absptr"
# The plugins a kiosk runs: every plugins/<name>/ with a module.mk except the test-only ones.
for so in "$B"/plugins/*.so; do
    install -m 0644 "$so" "$ROOT/usr/lib/madang/plugins/"
done
strip --strip-unneeded "$ROOT"/usr/bin/madang "$ROOT"/usr/bin/madang-pack \
    "$ROOT"/usr/bin/madang-locale "$ROOT"/usr/bin/madang-text "$ROOT"/usr/lib/madang/plugins/*.so \
    "$ROOT"/usr/libexec/madang/madang-absptr
# The fonts table and the locale packs (locales.conf and <lang>/*.po; the .pot templates stay).
mkdir -p "$ROOT/usr/share/madang/fonts"
install -m 0644 fonts/fonts.conf "$ROOT/usr/share/madang/fonts/fonts.conf"
(cd locales && find . -name '*.po' -o -name locales.conf) | while read -r f; do
    install -D -m 0644 "locales/$f" "$ROOT/usr/share/madang/locales/$f"
done
# The plugins' SAMPLE content (made-up clinics, a made-up shuttle loop, lessons): what a kiosk
# shows before its first signed release arrives, when its site points content_dir here.
for d in plugins/*/content; do
    name=$(basename "$(dirname "$d")")
    id=$(sed -n 's/^ *\.id = "\([^"]*\)",.*/\1/p' plugins/"$name"/*.c | head -n 1)
    [ -n "$id" ] || continue
    mkdir -p "$ROOT/usr/share/madang/content/$id"
    cp -R "$d"/. "$ROOT/usr/share/madang/content/$id/"
done
find "$ROOT/usr/share/madang/content" -type d -exec chmod 0755 {} + 
find "$ROOT/usr/share/madang/content" -type f -exec chmod 0644 {} +
install -m 0644 config/madang.conf "$ROOT/etc/madang/madang.conf"
install -m 0644 dist/madang.service "$ROOT/lib/systemd/system/madang.service"
printf 'u madang - "Madang kiosk" /var/lib/madang\nm madang video\nm madang input\nm madang render\nm madang audio\n' \
    >"$ROOT/usr/lib/sysusers.d/madang.conf"
install -m 0644 LICENSE "$ROOT/usr/share/doc/madang/copyright"
for f in README.md docs/OPERATIONS.md docs/SYNC.md docs/CONFIG.md docs/IMAGE.md; do
    [ -f "$f" ] && install -m 0644 "$f" "$ROOT/usr/share/doc/madang/$(basename "$f")"
done

# Depends: what the ELF files link (dpkg-shlibdeps reads debian/control, so give it one), plus
# what the runtime opens at run time: the Noto fonts of the fonts table and espeak-ng for speech.
SHL=$B/shlibdeps
rm -rf "$SHL" && mkdir -p "$SHL/debian"
printf 'Source: madang\n\nPackage: madang\nArchitecture: amd64\n' >"$SHL/debian/control"
ELFS=$(cd "$ROOT" && find usr/bin usr/lib usr/libexec -type f -name '*' | while read -r f; do
    case "$(head -c 4 "$f" | od -An -c | tr -d ' ')" in *ELF*) echo "$SRC/$ROOT/$f" ;; esac
done)
SHLIBS=$(cd "$SHL" && dpkg-shlibdeps -O $ELFS 2>"$SRC/$SHL/warnings" | sed -n 's/^shlibs:Depends=//p')
[ -n "$SHLIBS" ] || { cat "$SHL/warnings" >&2; echo "deb: dpkg-shlibdeps found nothing" >&2; exit 1; }
DEPENDS="$SHLIBS, fonts-noto-core, fonts-noto-cjk, espeak-ng, systemd | systemd-standalone-sysusers"
SIZE_KB=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
cat >"$ROOT/DEBIAN/control" <<CTL
Package: madang
Version: $VERSION
Architecture: amd64
Maintainer: Madang maintainers <madang@localhost>
Installed-Size: $SIZE_KB
Depends: $DEPENDS
Suggests: python3
Section: misc
Priority: optional
Homepage: https://github.com/madang-kiosk/madang
Description: fullscreen multilingual kiosk runtime (SDL2)
 Madang runs public touchscreens in 17 languages with correct shaping and
 right-to-left layout, service plugins as shared objects, signed content sync
 and crash-only supervision (systemd unit madang.service, not enabled by
 default: systemctl enable --now madang). madang-report needs python3.
CTL
echo /etc/madang/madang.conf >"$ROOT/DEBIAN/conffiles"
cat >"$ROOT/DEBIAN/postinst" <<'PI'
#!/bin/sh
# The kiosk's user (usr/lib/sysusers.d/madang.conf). The unit is not enabled here: on an existing
# machine it would take over the screen; `systemctl enable --now madang` does that on purpose.
set -e
if [ "$1" = configure ]; then
    systemd-sysusers madang.conf || true
    if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
fi
exit 0
PI
chmod 0755 "$ROOT/DEBIAN/postinst"
mkdir -p "$OUT"
DEB="$OUT/madang_${VERSION}_amd64.deb"
fakeroot dpkg-deb --build -Zxz "$ROOT" "$DEB" >/dev/null
echo "deb: $DEB ($(du -k "$DEB" | cut -f1) KiB)"
echo "deb: Depends: $DEPENDS"
