#!/bin/sh
# make image SITE=kiosk-image/sites/<site>.conf: a bootable kiosk disk image from Debian 12
# packages only (docs/IMAGE.md). Steps:
#   1. the base root filesystem: mmdebstrap from kiosk-image/packages plus the Depends of
#      madang's .deb, cached as a tarball keyed by that list (MD_IMAGE_CACHE)
#   2. madang's .deb installed into it with dpkg, the files of kiosk-image/rootfs/ on top, then
#      what the site file says (config, pinned sync keys, staff PIN hash, time servers, ...)
#   3. the disk, without loop devices or mounts: a GPT with a FAT boot partition (syslinux,
#      kernel, initrd), root slots A and B (ext4, mounted read-only), and the data partition
#      for /var/lib/madang, each made as a file (mkfs -d, mtools) and copied into place.
# Output: build-image/<site>/madang-<site>.img (raw, sparse) and its figures.
set -eu
cd "$(dirname "$0")/.."
SRC=$(pwd)
SITE=${1:?usage: build-image.sh SITE_FILE}
[ -f "$SITE" ] || { echo "image: $SITE: no such site file" >&2; exit 1; }
SITE=$(cd "$(dirname "$SITE")" && pwd)/$(basename "$SITE")
NAME=$(basename "$SITE" .conf)
CACHE=${MD_IMAGE_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/madang-image}
OUT=$SRC/build-image/$NAME
SUITE=bookworm
MIRROR=${MD_IMAGE_MIRROR:-http://deb.debian.org/debian}
SECURITY=${MD_IMAGE_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
DEB=$(ls -t "$SRC"/build-deb/madang_*_amd64.deb 2>/dev/null | head -n 1)
[ -n "$DEB" ] || { echo "image: no build-deb/madang_*_amd64.deb: run make deb first" >&2; exit 1; }

if [ "$(id -u)" != 0 ]; then
    echo "image: building an image needs root (chroot, file owners, dpkg in the new root):" >&2
    echo "    sudo make image SITE=${1}" >&2
    exit 1
fi
need=""
for t in mmdebstrap mkfs.ext4 mkfs.vfat mcopy syslinux sfdisk zstd; do
    command -v "$t" >/dev/null 2>&1 || need="$need $t"
done
[ -z "$need" ] || {
    echo "image: missing:$need. Run:" >&2
    echo "    sudo apt-get install -y --no-install-recommends mmdebstrap e2fsprogs dosfstools mtools syslinux syslinux-common fdisk zstd" >&2
    exit 1
}

# A value of the site file's [image] section (empty when absent).
site_get() {
    awk -v key="$1" '
        /^[ \t]*\[/ { sec = $0; gsub(/[ \t\[\]]/, "", sec); next }
        sec == "image" && $0 ~ "^[ \t]*" key "[ \t]*=" {
            sub(/^[^=]*=[ \t]*/, ""); sub(/[ \t]+#.*$/, ""); sub(/[ \t]+$/, ""); print; exit }
    ' "$SITE"
}

t0=$(date +%s)
# ---------------------------------------------------------------- 1. the base root, cached
PKGS=$(sed 's/#.*//' kiosk-image/packages | tr -s ' \t\n' '\n' | sed '/^$/d')
DEPS=$(dpkg-deb -f "$DEB" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/[ \t]//g' | sed '/^$/d')
ALL=$(printf '%s\n%s\n' "$PKGS" "$DEPS" | sort -u)
KEY=$(printf '%s %s %s %s v1\n%s\n' "$SUITE" "$MIRROR" "$SECURITY" "$(date +%G-W%V)" "$ALL" | sha256sum | cut -c1-16)
BASE=$CACHE/base-$KEY.tar
mkdir -p "$CACHE" "$OUT"
if [ -f "$BASE" ]; then
    echo "image: base root from the cache: $BASE"
else
    echo "image: mmdebstrap $SUITE ($(echo "$ALL" | wc -l) packages, log: $OUT/mmdebstrap.log)"
    rm -f "$BASE.tmp"
    mmdebstrap --variant=minbase --mode=root --format=tar \
        --include="$(echo "$ALL" | paste -sd, -)" \
        --aptopt='APT::Install-Recommends "false"' \
        --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
        --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
        --dpkgopt='path-exclude=/usr/share/locale/*' \
        "$SUITE" "$BASE.tmp" \
        "deb $MIRROR $SUITE main" "deb $MIRROR $SUITE-updates main" \
        "deb $SECURITY $SUITE-security main" >"$OUT/mmdebstrap.log" 2>&1 || {
        tail -n 30 "$OUT/mmdebstrap.log" >&2
        echo "image: mmdebstrap failed (log: $OUT/mmdebstrap.log)" >&2
        exit 1
    }
    mv "$BASE.tmp" "$BASE"
    # Keep the cache small: only the newest few bases.
    ls -t "$CACHE"/base-*.tar | tail -n +4 | xargs -r rm -f
fi
t1=$(date +%s)
echo "image: base ready in $((t1 - t0)) s"

# ---------------------------------------------------------------- 2. the root of slot A
R=$OUT/root
rm -rf "$R"
mkdir -p "$R"
tar -C "$R" -xf "$BASE"
cp "$DEB" "$R/tmp/madang.deb"
chroot "$R" dpkg -i /tmp/madang.deb >"$OUT/dpkg.log" 2>&1 || {
    cat "$OUT/dpkg.log" >&2
    echo "image: installing $(basename "$DEB") failed" >&2
    exit 1
}
rm -f "$R/tmp/madang.deb"
cp -R kiosk-image/rootfs/. "$R/"

# The site: /etc/madang/madang.conf is the site file without [image]; [sync] key files are copied.
mkdir -p "$R/usr/share/madang/keys"
PIN_HASH=$(site_get staff_pin_hash)
SITE_DIR=$(dirname "$SITE")
awk -v pin="$PIN_HASH" '
    /^[ \t]*\[/ { sec = $0; gsub(/[ \t\[\]]/, "", sec)
                  if (sec == "image") next
                  print; if (sec == "kiosk" && pin != "") print "staff_pin_file = /etc/madang/staff-pin"; next }
    sec == "image" { next }
    { print }
' "$SITE" >"$R/etc/madang/madang.conf"
KEYS=$(awk '/^[ \t]*\[/ { sec = $0; gsub(/[ \t\[\]]/, "", sec); next }
            sec == "sync" && /^[ \t]*keys[ \t]*=/ { sub(/^[^=]*=/, ""); sub(/#.*/, ""); print }' "$SITE")
for k in $KEYS; do
    case "$k" in
    ed25519:*) ;;
    *)
        case "$k" in /*) f=$k ;; *) f=$SITE_DIR/$k ;; esac
        [ -f "$f" ] || { echo "image: $SITE: [sync] keys: $k: no such key file" >&2; exit 1; }
        install -m 0644 "$f" "$R/usr/share/madang/keys/$(basename "$f")"
        sed -i "/^[ \t]*keys[ \t]*=/ s|\([ =]\)$k\b|\1/usr/share/madang/keys/$(basename "$f")|" \
            "$R/etc/madang/madang.conf"
        ;;
    esac
done
chmod 0644 "$R/etc/madang/madang.conf"
if [ -n "$PIN_HASH" ]; then
    case "$PIN_HASH" in '$argon2id$'*) ;; *)
        echo "image: $SITE: staff_pin_hash is not an argon2id hash (madang --set-staff-pin makes one)" >&2
        exit 1 ;;
    esac
    printf '%s\n' "$PIN_HASH" >"$R/etc/madang/staff-pin"
    chroot "$R" chown root:madang /etc/madang/staff-pin
    chmod 0640 "$R/etc/madang/staff-pin"
fi
HOST=$(site_get hostname)
echo "${HOST:-madang}" >"$R/etc/hostname"
printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' \
    "${HOST:-madang}" >"$R/etc/hosts"
TZ_SITE=$(site_get timezone)
if [ -n "$TZ_SITE" ]; then
    [ -f "$R/usr/share/zoneinfo/$TZ_SITE" ] || { echo "image: $SITE: unknown timezone $TZ_SITE" >&2; exit 1; }
    ln -sf "/usr/share/zoneinfo/$TZ_SITE" "$R/etc/localtime"
    echo "$TZ_SITE" >"$R/etc/timezone"
fi
mkdir -p "$R/etc/systemd/timesyncd.conf.d"
printf '# From the site file (%s).\n[Time]\nNTP=%s\n' "$(basename "$SITE")" "$(site_get ntp)" \
    >"$R/etc/systemd/timesyncd.conf.d/10-site.conf"
LOGSRV=$(site_get log_server)
if [ -n "$LOGSRV" ]; then
    mkdir -p "$R/etc/systemd/journal-upload.conf.d"
    printf '[Upload]\nURL=%s\n' "$LOGSRV" >"$R/etc/systemd/journal-upload.conf.d/10-site.conf"
    chroot "$R" systemctl enable systemd-journal-upload.service >/dev/null 2>&1
fi

# Read-only root: what must be writable is a tmpfs, or the data partition.
cat >"$R/etc/fstab" <<FSTAB
# The root (slot A or B) is mounted read-only by the kernel command line and stays so.
PARTLABEL=madang-data /var/lib/madang ext4 defaults,noatime,nosuid,nodev,x-systemd.requires=madang-data.service 0 0
tmpfs /tmp tmpfs mode=1777,nosuid,nodev,size=64M 0 0
tmpfs /var/tmp tmpfs mode=1777,nosuid,nodev,size=16M 0 0
tmpfs /var/lib/systemd tmpfs mode=0755,nosuid,nodev,size=8M 0 0
tmpfs /var/lib/private tmpfs mode=0700,nosuid,nodev,size=8M 0 0
tmpfs /var/log tmpfs mode=0755,nosuid,nodev,size=16M 0 0
FSTAB
: >"$R/etc/machine-id" # empty: systemd makes a new one in memory at every boot
rm -f "$R/var/lib/dbus/machine-id"
ln -sf /etc/machine-id "$R/var/lib/dbus/machine-id"
ln -sf ../run/systemd/resolve/stub-resolv.conf "$R/etc/resolv.conf"
VERSION_ID="$(dpkg-deb -f "$DEB" Version)-$(date -u +%Y%m%dT%H%M%SZ)-$(git -C "$SRC" rev-parse --short HEAD 2>/dev/null || echo nogit)"
echo "$VERSION_ID" >"$R/etc/madang/image-version"
HEALTH_S=$(site_get health_stable_s)
printf '# From the site file: how long madang must run without a restart before an updated slot is kept.\nHEALTH_STABLE_S=%s\n' \
    "${HEALTH_S:-120}" >"$R/etc/madang/slot.conf"
chroot "$R" systemctl enable madang.service madang-data.service systemd-networkd.service \
    systemd-resolved.service systemd-timesyncd.service madang-health.service \
    madang-slot-update.path madang-slot-try.timer >"$OUT/systemctl.log" 2>&1 || {
    cat "$OUT/systemctl.log" >&2; exit 1; }
chroot "$R" systemctl set-default graphical.target >>"$OUT/systemctl.log" 2>&1
# No login prompt anywhere (screen or serial), no Ctrl+Alt+Del, no debug shell.
chroot "$R" systemctl mask getty@.service serial-getty@.service autovt@.service \
    console-getty.service getty.target ctrl-alt-del.target debug-shell.service \
    systemd-firstboot.service >>"$OUT/systemctl.log" 2>&1
# Nothing to update or clean on a read-only root (updates are whole slots, docs/IMAGE.md).
chroot "$R" systemctl mask apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer \
    e2scrub_all.timer e2scrub_reap.service >>"$OUT/systemctl.log" 2>&1
rm -rf "$R/var/lib/madang" && mkdir -p "$R/var/lib/madang"
rm -rf "$R/var/cache/apt"/*.bin "$R/var/lib/apt/lists"/* "$R/var/cache/debconf"/*-old

# ---------------------------------------------------------------- 3. the disk
MB=1048576
KVER=$(ls "$R"/boot/vmlinuz-* | sed 's|.*/vmlinuz-||' | sort -V | tail -n 1)
[ -n "$KVER" ] && [ -f "$R/boot/initrd.img-$KVER" ] || { echo "image: no kernel/initrd in the root" >&2; exit 1; }
# The initrd again, with rootfs/etc/initramfs-tools (the data partition grows there, before the
# root is mounted).
chroot "$R" update-initramfs -u -k "$KVER" >"$OUT/initramfs.log" 2>&1 || {
    cat "$OUT/initramfs.log" >&2; echo "image: update-initramfs failed" >&2; exit 1; }
UUID_A=$(cat /proc/sys/kernel/random/uuid)
UUID_B=$(cat /proc/sys/kernel/random/uuid)
CMDLINE="ro rootwait console=ttyS0,115200n8 quiet loglevel=3 vt.global_cursor_default=0 consoleblank=0 fsck.mode=skip softlockup_panic=1 panic=10"

# Boot partition (FAT): syslinux, and a kernel + initrd per slot.
KSIZE=$(du -m -c "$R/boot/vmlinuz-$KVER" "$R/boot/initrd.img-$KVER" | tail -n 1 | cut -f1)
BOOT_MB=$((2 * KSIZE + 48))
[ "$BOOT_MB" -ge 128 ] || BOOT_MB=128
BOOTFS=$OUT/boot.fat
rm -f "$BOOTFS"
mkfs.vfat -F 32 -n MADANGBOOT -h 2048 -C "$BOOTFS" $((BOOT_MB * 1024)) >/dev/null
export MTOOLS_SKIP_CHECK=1
mmd -i "$BOOTFS" ::/syslinux ::/a ::/b
mcopy -i "$BOOTFS" "$R/boot/vmlinuz-$KVER" ::/a/vmlinuz
mcopy -i "$BOOTFS" "$R/boot/initrd.img-$KVER" ::/a/initrd.img
cat >"$OUT/syslinux.cfg" <<CFG
# Slot A is the default; an update writes slot B and boots it once (madang-slot, docs/IMAGE.md).
DEFAULT a
PROMPT 0
TIMEOUT 0
LABEL a
  LINUX /a/vmlinuz
  INITRD /a/initrd.img
  APPEND root=PARTUUID=$UUID_A madang.slot=a $CMDLINE
LABEL b
  LINUX /b/vmlinuz
  INITRD /b/initrd.img
  APPEND root=PARTUUID=$UUID_B madang.slot=b $CMDLINE
CFG
mcopy -i "$BOOTFS" "$OUT/syslinux.cfg" ::/syslinux/syslinux.cfg
syslinux --install --directory /syslinux "$BOOTFS"

# Root (slot A): ext4 without a journal, never written on the kiosk.
ROOT_USED=$(du -sm "$R" | cut -f1)
# A slot has room for later, larger updates: the site's root_slot_mb, or 1.5 times this root.
ROOT_MB=$(site_get root_slot_mb)
ROOT_MB=${ROOT_MB:-$(((ROOT_USED * 3 / 2 + 64 + 255) / 256 * 256))}
[ "$ROOT_MB" -ge $((ROOT_USED + ROOT_USED / 10 + 32)) ] ||
    { echo "image: $SITE: root_slot_mb = $ROOT_MB is too small for this root ($ROOT_USED MB)" >&2; exit 1; }
# The file system itself is only as large as this root needs (an update writes no more than that
# into a slot); the partition around it is the slot.
FS_MB=$((ROOT_USED + ROOT_USED / 10 + 32))
ROOTFS=$OUT/root.ext4
rm -f "$ROOTFS" && : >"$ROOTFS"
mkfs.ext4 -q -F -L madang-root -O ^has_journal -m 0 -d "$R" "$ROOTFS" "${FS_MB}M"

# The same root as an update bundle for kiosks already in the field (madang-slot install; docs/IMAGE.md).
UPD=$OUT/update
rm -rf "$UPD" && mkdir -p "$UPD"
zstd -q -1 -T0 "$ROOTFS" -o "$UPD/root.ext4.zst"
cp "$R/boot/vmlinuz-$KVER" "$UPD/vmlinuz"
cp "$R/boot/initrd.img-$KVER" "$UPD/initrd.img"
echo "$VERSION_ID" >"$UPD/version"
(cd "$UPD" && sha256sum root.ext4.zst vmlinuz initrd.img version >SHA256SUMS)

# Data partition: an ext4 holding the kiosk's folders, owned by its user.
DATA_MB=$(site_get data_size_mb)
DATA_MB=${DATA_MB:-512}
SEED=$OUT/data-seed
rm -rf "$SEED" && mkdir -p "$SEED/storage" "$SEED/sync"
MUID=$(awk -F: '$1 == "madang" { print $3 }' "$R/etc/passwd")
MGID=$(awk -F: '$1 == "madang" { print $4 }' "$R/etc/passwd")
[ -n "$MUID" ] || { echo "image: no madang user in the root" >&2; exit 1; }
chown -R "$MUID:$MGID" "$SEED"
chmod 0750 "$SEED" "$SEED/storage" "$SEED/sync"
DATAFS=$OUT/data.ext4
rm -f "$DATAFS" && : >"$DATAFS"
mkfs.ext4 -q -F -L madang-data -m 1 -d "$SEED" "$DATAFS" "${DATA_MB}M"

# GPT: boot (legacy BIOS bootable), root A, root B (empty until the first update), data.
IMG=$OUT/madang-$NAME.img
S=2048
BOOT_S=$((BOOT_MB * 2048)); ROOT_S=$((ROOT_MB * 2048)); DATA_S=$((DATA_MB * 2048))
TOTAL_S=$((S + BOOT_S + 2 * ROOT_S + DATA_S + 2048))
rm -f "$IMG"
truncate -s $((TOTAL_S * 512)) "$IMG"
sfdisk -q "$IMG" <<PT
label: gpt
unit: sectors
start=$S, size=$BOOT_S, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7, name=madang-boot, attrs="LegacyBIOSBootable"
start=$((S + BOOT_S)), size=$ROOT_S, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=$UUID_A, name=madang-root-a
start=$((S + BOOT_S + ROOT_S)), size=$ROOT_S, type=4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709, uuid=$UUID_B, name=madang-root-b
start=$((S + BOOT_S + 2 * ROOT_S)), size=$DATA_S, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, name=madang-data
PT
dd if=/usr/lib/syslinux/mbr/gptmbr.bin of="$IMG" bs=440 count=1 conv=notrunc status=none
dd if="$BOOTFS" of="$IMG" bs=1M seek=$((S / 2048)) conv=notrunc,sparse status=none
dd if="$ROOTFS" of="$IMG" bs=1M seek=$(((S + BOOT_S) / 2048)) conv=notrunc,sparse status=none
dd if="$DATAFS" of="$IMG" bs=1M seek=$(((S + BOOT_S + 2 * ROOT_S) / 2048)) conv=notrunc,sparse status=none
rm -f "$BOOTFS" "$DATAFS"
t2=$(date +%s)
APPARENT=$(($(stat -c %s "$IMG") / MB))
ALLOC=$(du -m "$IMG" | cut -f1)
echo "image: $IMG ($VERSION_ID)"
echo "image: update bundle $UPD ($(du -m "$UPD/root.ext4.zst" | cut -f1) MB compressed root)"
echo "image: kernel $KVER, root $ROOT_USED MB used, a $FS_MB MB file system in a $ROOT_MB MB slot, data $DATA_MB MB, boot $BOOT_MB MB"
echo "bench image_size ${APPARENT} MB (disk to flash; ${ALLOC} MB of it written, the rest is the empty slot B)"
echo "bench image_root_used ${ROOT_USED} MB"
echo "bench image_build_time $((t2 - t0)) s (base from cache or mmdebstrap $((t1 - t0)) s)"
