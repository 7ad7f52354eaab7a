#!/bin/sh
# Sync against a real nginx on loopback (started and stopped here): publish and sync; every TUF
# attack refused while the kiosk stays on its good release; network faults; resume of a 50 MB file
# with a Range request seen in nginx's access log; kill -9 at random points (MD_SYNC_KILLS, default
# 100, bounded in time) leaves `current` a complete old or new release; the headless kiosk shows a
# new release without a restart. Prints "N passed, N failed".
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
B="$root/${MD_BUILD:-build}/bin"
T=$(mktemp -d /tmp/md-sync-XXXXXX)
. "$here/lib.sh"
trap 'sync_stop_server; [ -n "${MD_SYNC_KEEP:-}" ] || rm -rf "$T"' EXIT
trap 'exit 1' HUP INT PIPE TERM
pass=0; fail=0
ok() { pass=$((pass+1)); echo "ok $*"; }
bad() { fail=$((fail+1)); echo "FAIL: $*"; }
pack() { "$B/madang-pack" "$@"; }
once() { "$B/madang" --sync-once --config "$1" >"$T/once.out" 2>"$T/once.err"; }
complete() { pack check-release "$1/current" --key "$T/k1.pub" >/dev/null 2>"$T/check.err"; }

# A throwaway certificate for 127.0.0.1, so HTTPS is tested too (nginx serves it on PORT+1).
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/tls.key" -out "$T/tls.pem" -days 2 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1
chmod 644 "$T/tls.key"
TLS_CERT="$T/tls.pem" TLS_KEY="$T/tls.key"
export TLS_CERT TLS_KEY
sync_start_server || { echo "nginx did not start"; echo "0 passed, 1 failed"; exit 1; }
for k in k1 k2 k3; do pack keygen --out "$T/$k" >/dev/null; done
[ "$(stat -c %a "$T/k1")" = 600 ] && grep -q '^ed25519:' "$T/k1.pub" && [ "$(wc -l < "$T/k1.pub")" = 1 ] &&
    ok "keygen: secret 0600, public key one line" || bad "keygen"

sync_make_input "$T/in1"
sync_make_v2 "$T/in1" "$T/in2"
PD="$root/${MD_BUILD:-build}/plugins"

# --- build refuses broken releases with file:line, publishing nothing ---
cp -r "$T/in1" "$T/broken"
sed -i 's/^msgstr "Hướng dẫn sức khỏe"$/msgstr "Hướng dẫn {x}"/' "$T/broken/locales/vi/kr.go.ansan.health.po"
pack build --in "$T/broken" --version 1 --expires-days 30 --key "$T/k1" --out "$T/srv/broken" --plugin-dir "$PD" 2>"$T/err"
rc=$?
[ $rc = 1 ] && grep -q 'locales/vi/kr.go.ansan.health.po:[0-9]*: ' "$T/err" && [ ! -e "$T/srv/broken/manifest.json" ] &&
    ok "build refuses a broken PO with file:line" || { bad "build: broken PO"; cat "$T/err"; }
rm -rf "$T/broken"; cp -r "$T/in1" "$T/broken"
sed -i '0,/"lat": 37.33105/s//"lat": 137.33105/' "$T/broken/content/kr.go.ansan.health/clinics.json"
pack build --in "$T/broken" --version 1 --expires-days 30 --key "$T/k1" --out "$T/srv/broken" --plugin-dir "$PD" 2>"$T/err"
rc=$?
[ $rc = 1 ] && grep -q 'content/kr.go.ansan.health/clinics.json' "$T/err" && [ ! -e "$T/srv/broken" -o ! -e "$T/srv/broken/manifest.json" ] &&
    ok "build refuses health content the plugin's validate refuses" || { bad "build: broken content"; cat "$T/err"; }
rm -rf "$T/broken"; cp -r "$T/in1" "$T/broken"
ln -s /etc/passwd "$T/broken/content/kr.go.ansan.health/link.json"
pack build --in "$T/broken" --version 1 --expires-days 30 --key "$T/k1" --out "$T/srv/broken" 2>"$T/err"
[ $? = 1 ] && grep -q 'link.json:0: a symlink' "$T/err" && ok "build refuses a symlink" || { bad "build: symlink"; cat "$T/err"; }
rm -rf "$T/broken"; cp -r "$T/in1" "$T/broken"
sed -i 's/^fallback  = vi en ko/fallback  = vi xx en ko/' "$T/broken/locales/locales.conf"
pack build --in "$T/broken" --version 1 --expires-days 30 --key "$T/k1" --out "$T/srv/broken" 2>"$T/err"
[ $? = 1 ] && grep -q 'locales.conf:[0-9]*: ' "$T/err" && ok "build refuses a broken locales.conf" || { bad "build: locales.conf"; cat "$T/err"; }
rm -rf "$T/broken"

# --- publish v1, sync ---
pack build --in "$T/in1" --version 1 --expires-days 30 --key "$T/k1" --out "$T/srv/good" --plugin-dir "$PD" >"$T/out" 2>&1 &&
    pack verify "$T/srv/good" --key "$T/k1.pub" >/dev/null && [ -f "$T/srv/good/manifest.json" ] &&
    [ "$(ls "$T/srv/good/files" | grep -cE '^[0-9a-f]{64}$')" = "$(ls "$T/srv/good/files" | wc -l)" ] &&
    ok "build + verify v1 (bodies by content hash)" || { bad "build v1"; cat "$T/out"; }
cp -r "$T/srv/good" "$T/srv/snap-v1"
pack build --in "$T/in1" --version 1 --expires-days 30 --key "$T/k1" --out "$T/srv/good" 2>"$T/err"
[ $? = 1 ] && grep -q 'must be higher' "$T/err" && ok "build refuses re-publishing the same version" || bad "build same version"

K="$T/kiosk"
sync_conf "$T/k.conf" good "$K"
once "$T/k.conf"; rc=$?
[ $rc = 0 ] && [ "$(sync_current "$K")" = v1 ] && complete "$K" && ok "sync v1" || { bad "sync v1 rc=$rc"; cat "$T/once.err"; }
: > "$T/run/access.log"
once "$T/k.conf"; rc=$?
[ $rc = 0 ] && grep -q '"GET /good/manifest.json HTTP/1.1" 304' "$T/run/access.log" &&
    ok "second round: If-None-Match -> 304, exit 0" || { bad "304 round rc=$rc"; cat "$T/run/access.log"; }

# --- v2: only the changed files are downloaded ---
pack build --in "$T/in2" --version 2 --expires-days 30 --key "$T/k1" --key "$T/k2" --out "$T/srv/good" --plugin-dir "$PD" >/dev/null 2>&1
: > "$T/run/access.log"
once "$T/k.conf"; rc=$?
n_files=$(grep -c '/good/files/' "$T/run/access.log")
[ $rc = 0 ] && [ "$(sync_current "$K")" = v2 ] && [ "$(readlink "$K/previous")" = releases/v1 ] && complete "$K" &&
    [ "$n_files" = 2 ] && grep -q 'Hana Sarang' "$K/current/content/kr.go.ansan.health/clinics.json" &&
    ok "sync v2: 2 changed files downloaded, previous kept" || { bad "sync v2 rc=$rc files=$n_files"; cat "$T/once.err"; }

# --- check-release as the kiosk image's installer uses it (root re-checks what sync wrote) ---
pack check-release "$K/current" --key "$T/k1.pub" --key "$T/k2.pub" --threshold 2 \
    --list content/kr.go.ansan.health/ >"$T/list" 2>"$T/check.err"; rc=$?
n_listed=$(wc -l < "$T/list"); n_there=$(find "$K/current/content/kr.go.ansan.health" -type f | wc -l)
[ $rc = 0 ] && [ "$n_listed" -gt 0 ] && [ "$n_listed" = "$n_there" ] &&
    ! grep -qv '^[0-9a-f]\{64\}  content/kr.go.ansan.health/' "$T/list" &&
    (cd "$K/current" && sha256sum --quiet -c "$T/list") >/dev/null 2>&1 &&
    ok "check-release --list: the checked files' sha256 from the verified manifest ($n_listed files)" ||
    { bad "check-release --list rc=$rc listed=$n_listed there=$n_there"; cat "$T/check.err"; }
pack check-release "$K/current" --key "$T/k1.pub" --key "$T/k3.pub" --threshold 2 >/dev/null 2>"$T/check.err"; rc=$?
[ $rc = 1 ] && ok "check-release --threshold 2: one of the two pinned keys signed, refused" ||
    { bad "check-release threshold rc=$rc"; cat "$T/check.err"; }
pack check-release "$K/current" --key "$T/k1.pub" --threshold 2 >/dev/null 2>"$T/check.err"; rc=$?
[ $rc = 2 ] && grep -q 'no release can meet it' "$T/check.err" &&
    ok "check-release: a threshold above the keys given is an error" || bad "check-release threshold > keys rc=$rc"

# --- the attacks: each refused (exit 1, a reason), the kiosk stays on v2 ---
attack() { # NAME URLPATH EXPECTED-REASON-PATTERN [THRESHOLD]
    sync_conf "$T/a.conf" "$2" "$K" "${4:-1}"
    once "$T/a.conf"; rc=$?
    if [ $rc = 1 ] && grep -qE "$3" "$T/once.err" && [ "$(wc -l < "$T/once.err")" = 1 ] &&
        [ "$(sync_current "$K")" = v2 ] && complete "$K"; then ok "attack refused: $1"
    else bad "attack $1: rc=$rc current=$(sync_current "$K")"; cat "$T/once.err" "$T/check.err"; fi
}
attack rollback snap-v1 'older than the current v2 \(rollback\)'
# nginx's ETag is mtime and size: a manifest at another URL with the same two gets the same ETag.
# The kiosk keeps its ETag for the URL it came from and never sends it elsewhere (else: 304, "current").
pack build --in "$T/in2" --version 4 --expires-days 30 --key "$T/k3" --out "$T/srv/collide" >/dev/null 2>&1
gsize=$(stat -c %s "$T/srv/good/manifest.json"); csize=$(stat -c %s "$T/srv/collide/manifest.json")
if [ "$csize" -lt "$gsize" ]; then
    printf "%$((gsize - csize))s" "" >> "$T/srv/collide/manifest.json"
    touch -r "$T/srv/good/manifest.json" "$T/srv/collide/manifest.json"
    attack "an ETag kept for another URL (same mtime and size) is not sent" collide 'too few signatures: 0 valid'
else
    bad "collide: its manifest ($csize bytes) is not smaller than good's ($gsize)"
fi
pack build --in "$T/in2" --version 3 --expires-days 1 --built 2026-01-01T00:00:00Z --key "$T/k1" --out "$T/srv/frozen" >/dev/null 2>&1
attack "freeze (expired manifest)" frozen 'expired at 2026-01-02'
# v3 changes one more clinic: the base of the file attacks.
cp -r "$T/in2" "$T/in3"
sed -i 's/"en": "Hana Sarang Family Clinic"/"en": "Hana Sarang Family Clinic and Pharmacy"/' "$T/in3/content/kr.go.ansan.health/clinics.json"
cp -r "$T/srv/good" "$T/srv/base3"
pack build --in "$T/in3" --version 3 --expires-days 30 --key "$T/k1" --out "$T/srv/base3" --plugin-dir "$PD" >/dev/null 2>&1
new_sha=$(sha256sum "$T/in3/content/kr.go.ansan.health/clinics.json" | cut -c1-64)
old_sha=$(sha256sum "$T/in2/content/kr.go.ansan.health/clinics.json" | cut -c1-64)
rm -rf "$K/partial"/* 2>/dev/null
cp -r "$T/srv/base3" "$T/srv/mix"; cp "$T/srv/good/files/$old_sha" "$T/srv/mix/files/$new_sha"
attack "mix-and-match (a file from another release)" mix 'a file from another release'
cp -r "$T/srv/base3" "$T/srv/wronghash"; f="$T/srv/wronghash/files/$new_sha"; chmod u+w "$f"
sed -i 's/Pharmacy/Pharmacx/' "$f"
attack "wrong hash (same length)" wronghash 'sha256 [0-9a-f.]* differs'
attack "endless data (no Content-Length)" endless/base3 'more than its listed [0-9]+ bytes \(endless data\)'
cp -r "$T/srv/base3" "$T/srv/bigger"; head -c 3000000 /dev/zero >> "$T/srv/bigger/files/$new_sha"
attack "endless data (a larger file)" bigger 'more than its listed'
attack "too few signatures" base3 'too few signatures: 1 valid .* 2 needed' 2
cp -r "$T/srv/base3" "$T/srv/twice"
pack build --in "$T/in3" --version 4 --expires-days 30 --key "$T/k1" --key "$T/k1" --out "$T/srv/twice" >/dev/null 2>&1
[ "$(grep -c '"keyid"' "$T/srv/twice/manifest.json")" = 2 ] || bad "twice: expected two signatures in the envelope"
attack "one key listed twice counts once" twice 'too few signatures: 1 valid' 2
cp -r "$T/srv/base3" "$T/srv/untrusted"
pack build --in "$T/in3" --version 4 --expires-days 30 --key "$T/k3" --out "$T/srv/untrusted" >/dev/null 2>&1
attack "signed by an untrusted key" untrusted 'too few signatures: 0 valid'
mkdir -p "$T/srv/unsigned"; cp -r "$T/srv/base3/files" "$T/srv/unsigned/"
pack show "$T/srv/base3" > "$T/payload3.json"
pack sign "$T/payload3.json" --key "$T/k1" --out "$T/srv/unsigned/manifest.json"
sed -i '/"signatures"/,/\]/c\ "signatures": []' "$T/srv/unsigned/manifest.json"
attack "unsigned manifest" unsigned 'unsigned manifest'
mkdir -p "$T/srv/traversal"; cp -r "$T/srv/base3/files" "$T/srv/traversal/"
sed 's,"content/kr.go.ansan.health/clinics.json","content/../../../etc/cron.d/x",' "$T/payload3.json" > "$T/evil.json"
pack sign "$T/evil.json" --key "$T/k1" --out "$T/srv/traversal/manifest.json" --unchecked 2>/dev/null
attack "path traversal" traversal 'refused path "content/../../../etc/cron.d/x"'
mkdir -p "$T/srv/oversized"; head -c 2000000 /dev/zero | tr '\0' ' ' > "$T/srv/oversized/manifest.json"
attack "oversized manifest" oversized 'larger than 1048576 bytes'
attack "endless manifest (no Content-Length)" endless-manifest/x 'larger than 1048576 bytes'
[ ! -e "$root/../etc/cron.d/x" ] && [ -z "$(find "$K" -name x -path '*cron*')" ] && ok "nothing written outside the sync dir" || bad "traversal wrote a file"
# After all that, the genuine v3 still syncs.
once "$T/k.conf"; rc=$?
sync_conf "$T/b.conf" base3 "$K"; once "$T/b.conf"; rc=$?
[ $rc = 0 ] && [ "$(sync_current "$K")" = v3 ] && complete "$K" && ok "the genuine v3 syncs after the attacks" || { bad "v3 rc=$rc"; cat "$T/once.err"; }

# --- network faults: exit 2, nothing changes ---
fault() { # NAME URL-PATH EXPECTED-RC PATTERN
    sync_conf "$T/f.conf" "$2" "$K"
    [ -n "${5:-}" ] && sed -i "s,^url = .*,url = $5," "$T/f.conf"
    once "$T/f.conf"; rc=$?
    if [ $rc = "$3" ] && grep -qE "$4" "$T/once.err" "$T/once.out" && [ "$(sync_current "$K")" = v3 ] && complete "$K"; then ok "fault: $1"
    else bad "fault $1: rc=$rc"; cat "$T/once.err"; fi
}
fault "server down" x 2 'sync unreachable: .*(Couldn.t connect|Connection refused)' "http://127.0.0.1:1/good"
fault "HTTP 500" fail/base3 2 'HTTP 500'
fault "throttled but complete" slow/base3 0 'already current'
fault "no such release (404)" nothing 2 'HTTP 404'
sync_conf "$T/h.conf" base3 "$K"; sed -i 's,^url = http:,url = https:,; /allow_http/d' "$T/h.conf"
once "$T/h.conf"; rc=$?
[ $rc = 2 ] && [ "$(sync_current "$K")" = v3 ] && ok "fault: https to a plain-http server (TLS verified, no fallback)" || { bad "https fault rc=$rc"; cat "$T/once.err"; }
# HTTPS: a certificate no CA in the system store signed is refused; pinned with ca_bundle it works.
sync_conf "$T/h.conf" base3 "$K"; sed -i "s,^url = http://127.0.0.1:$PORT,url = https://127.0.0.1:$((PORT + 1)),; /allow_http/d" "$T/h.conf"
once "$T/h.conf"; rc=$?
[ $rc = 2 ] && grep -qi 'certificate' "$T/once.err" && [ "$(sync_current "$K")" = v3 ] &&
    ok "TLS: an unknown certificate is refused (exit 2)" || { bad "TLS unknown cert rc=$rc"; cat "$T/once.err"; }
echo "ca_bundle = $T/tls.pem" >> "$T/h.conf"
once "$T/h.conf"; rc=$?
[ $rc = 0 ] && grep -q 'already current' "$T/once.out" && ok "TLS: the pinned CA bundle verifies the server" || { bad "TLS pinned rc=$rc"; cat "$T/once.err"; }
sync_conf "$T/h.conf" base3 "$K"; sed -i '/allow_http/d' "$T/h.conf"
once "$T/h.conf"; rc=$?
[ $rc = 2 ] && grep -q 'must be https' "$T/once.err" && ok "http:// refused unless allow_http" || { bad "allow_http rc=$rc"; cat "$T/once.err"; }

# --- resume of a 50 MB file interrupted half-way ---
cp -r "$T/in3" "$T/inbig"; mkdir -p "$T/inbig/content/org.madang.example"
head -c 52428800 /dev/urandom > "$T/inbig/content/org.madang.example/video.bin"
cp -r "$T/srv/base3" "$T/srv/big"
pack build --in "$T/inbig" --version 5 --expires-days 30 --key "$T/k1" --out "$T/srv/big" >/dev/null 2>&1
big_sha=$(sha256sum "$T/inbig/content/org.madang.example/video.bin" | cut -c1-64)
sync_conf "$T/big.conf" slow/big "$K"
"$B/madang" --sync-once --config "$T/big.conf" >/dev/null 2>&1 &
pid=$!
i=0; size=0
while [ $i -lt 600 ]; do
    size=$(stat -c %s "$K/partial/$big_sha" 2>/dev/null || echo 0)
    [ "$size" -ge 26214400 ] && break
    sleep 0.05; i=$((i+1))
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
size=$(stat -c %s "$K/partial/$big_sha" 2>/dev/null || echo 0)
: > "$T/run/access.log"
sync_conf "$T/big.conf" big "$K"
once "$T/big.conf"; rc=$?
sent=$(grep "GET /big/files/$big_sha" "$T/run/access.log" | sed -E 's/.*" 206 ([0-9]+) .*/\1/')
if [ $rc = 0 ] && [ "$size" -ge 26214400 ] && [ "$size" -lt 52428800 ] &&
    grep -q "\"GET /big/files/$big_sha HTTP/1.1\" 206 [0-9]* range=\"bytes=$size-\"" "$T/run/access.log" &&
    [ "$sent" = $((52428800 - size)) ] && [ "$(sync_current "$K")" = v5 ] && complete "$K"; then
    ok "resume: killed at $size of 52428800 bytes, resumed with Range bytes=$size- (206, $sent bytes)"
else bad "resume: rc=$rc size=$size sent=$sent"; cat "$T/run/access.log" "$T/once.err"; fi

# --- the headless kiosk picks up releases while it runs ---
mkdir -p "$T/e2e-plugins" "$T/shots"
cp "$PD/health.so" "$T/e2e-plugins/"
sed -e "s,@PLUGINS@,$T/e2e-plugins," -e "s,@T@,$T,g" -e "s,@ROOT@,$root," -e "s,@PORT@,$PORT," \
    "$here/kiosk.conf.in" > "$T/kiosk.conf"
pack build --in "$T/in1" --version 1 --expires-days 30 --key "$T/k1" --out "$T/srv/live" --plugin-dir "$PD" >/dev/null 2>&1
"$B/madang" --sync-once --config "$T/kiosk.conf" >/dev/null 2>&1
"$B/madang" --headless --script "$here/kiosk.script" --out "$T/shots" --config "$T/kiosk.conf" >"$T/kiosk.log" 2>&1 &
kpid=$!
wait_for() { i=0; while [ ! -e "$1" ] && kill -0 $kpid 2>/dev/null && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done; }
wait_for "$T/shots/v1-clinics.png"
pack build --in "$T/in2" --version 2 --expires-days 30 --key "$T/k2" --out "$T/srv/live" --plugin-dir "$PD" >"$T/live2.log" 2>&1 || cat "$T/live2.log"
cp -p "$T/srv/live/manifest.json" "$T/live-v2-manifest.json"
touch "$T/shots/v2-published"
wait_for "$T/shots/v2-clinics.png"
cp -r "$T/in2" "$T/in-bad"
sed -i '0,/"lat": 37.33105/s//"lat": 137.33105/' "$T/in-bad/content/kr.go.ansan.health/clinics.json"
pack build --in "$T/in-bad" --version 3 --expires-days 30 --key "$T/k1" --out "$T/srv/live" >/dev/null 2>&1
touch "$T/shots/v3-published"
# The freeze: put v2 back as the published manifest, so the kiosk's If-None-Match gets a 304.
i=0; while ! grep -q 'refused after the switch' "$T/kiosk.log" && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done
sleep 0.5
cp -p "$T/live-v2-manifest.json" "$T/srv/live/manifest.json"
touch "$T/shots/v3-removed"
wait $kpid; krc=$?
if [ $krc = 0 ] && grep -q 'v3 refused after the switch: plugin kr.go.ansan.health refused its content: clinics.json' "$T/kiosk.log" &&
    grep -q 'release refused: the server.s manifest (v2) expired at' "$T/kiosk.log" && [ "$(sync_current "$T/kiosk-live")" = v2 ]; then
    ok "headless kiosk: v1, then v2 (renamed clinic, changed Vietnamese) without a restart; a release a plugin refuses flips back; a frozen 304 keeps v2"
else bad "headless kiosk (exit $krc)"; tail -n 30 "$T/kiosk.log"; fi
for s in v1-home-vi v1-clinics v2-home-vi v2-clinics; do [ -n "${MD_SYNC_SHOTS:-}" ] && cp "$T/shots/$s.png" "$MD_SYNC_SHOTS/"; done

# --- kill -9 at random points: current is always a complete old or new release ---
n_kills=${MD_SYNC_KILLS:-100}
budget_s=${MD_SYNC_KILL_SECONDS:-30}
cp -r "$T/srv/base3" "$T/srv/crash"
sync_make_v2 "$T/in3" "$T/in6"
# v6 changes every file a little (rewritten JSON, one more comment line in each pack).
for po in "$T/in6"/locales/*/*.po; do printf '\n# v6\n' >> "$po"; done
for j in "$T/in6"/content/kr.go.ansan.health/*.json; do printf '\n' >> "$j"; done
pack build --in "$T/in6" --version 6 --expires-days 30 --key "$T/k1" --out "$T/srv/crash" --plugin-dir "$PD" >/dev/null 2>&1
rm -rf "$T/kc0"; sync_conf "$T/c.conf" base3 "$T/kc0"; once "$T/c.conf"
sync_conf "$T/c.conf" crash "$T/kc"
# How long one whole round takes here: the kill points are spread over it.
rm -rf "$T/kc"; cp -a "$T/kc0" "$T/kc"
t0=$(date +%s%N); once "$T/c.conf"; full_ms=$(( ($(date +%s%N) - t0) / 1000000 + 5 ))
start=$(date +%s); done_n=0; kc_bad=0; n_old=0; n_new=0
while [ $done_n -lt "$n_kills" ] && [ $(( $(date +%s) - start )) -lt "$budget_s" ]; do
    rm -rf "$T/kc"; cp -al "$T/kc0" "$T/kc" # hard links: a round never writes into an existing file
    "$B/madang" --sync-once --config "$T/c.conf" >/dev/null 2>&1 &
    pid=$!
    ms=$(( $(sync_rand) % full_ms ))
    sleep "$(printf '0.%03d' "$ms")"
    kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
    cur=$(sync_current "$T/kc")
    if ! pack check-release "$T/kc/current" --key "$T/k1.pub" >/dev/null 2>"$T/check.err" || { [ "$cur" != v3 ] && [ "$cur" != v6 ]; }; then
        kc_bad=$((kc_bad+1)); echo "after a kill at ${ms} ms: current=$cur: $(cat "$T/check.err")"
    fi
    [ "$cur" = v3 ] && n_old=$((n_old+1)); [ "$cur" = v6 ] && n_new=$((n_new+1))
    "$B/madang" --sync-once --config "$T/c.conf" >/dev/null 2>"$T/once.err" || { kc_bad=$((kc_bad+1)); echo "next sync failed: $(cat "$T/once.err")"; }
    [ "$(sync_current "$T/kc")" = v6 ] && pack check-release "$T/kc/current" --key "$T/k1.pub" >/dev/null 2>&1 || kc_bad=$((kc_bad+1))
    done_n=$((done_n+1))
done
[ $kc_bad = 0 ] && [ $done_n -ge 1 ] && ok "kill -9 at $done_n random points within ${full_ms} ms ($n_old left on v3, $n_new on v6): always complete, next sync completes" ||
    bad "kill -9: $kc_bad bad of $done_n"

sync_stop_server
echo "$pass passed, $fail failed"
[ $fail = 0 ]
