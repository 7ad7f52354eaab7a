#!/bin/sh
# Scripted end-to-end runs of the shuttle plugin against real parts started here and stopped at
# the end: the booking service (madang-booking over a throwaway PostgreSQL cluster) and the data
# hub's test double (tests/doubles/hub) with two shuttles placed on the sample loop. Every
# tests/shuttle/*.script runs headless with the sample GTFS; screenshots are compared with
# tests/golden/shuttle/. Scripts see @DAY@ replaced by the next weekday (Seoul) within a week, so
# the kiosk's virtual clock and the booking service's real one agree on what can be booked.
# Header comments a script may carry:
#   # booking: down     the booking service is stopped for this run
#   # hub: down         the hub double is stopped for this run (the kiosk is offline)
#   # expect-log: TEXT  the log must contain TEXT
# MD_UPDATE_GOLDEN=1 writes missing or changed goldens (look at every one!).
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${MD_BUILD:-build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
OUT="$BUILD/shuttle-e2e"
GOLDEN="$ROOT/tests/golden/shuttle"
MADANG="$BUILD/bin/madang"
IMGDIFF="$BUILD/bin/md-imgdiff"
ID=kr.go.ansan.shuttle
pass=0; fail=0
ok() { pass=$((pass+1)); }
bad() { echo "FAIL $*"; fail=$((fail+1)); }
. "$ROOT/tests/lib/e2e.sh"
e2e_sanitizer_env "$ROOT"
rm -rf "$OUT"; mkdir -p "$OUT/plugins" "$OUT/content"
chmod 755 "$OUT" # the PostgreSQL cluster runs as the postgres user when we are root
ln -s "$BUILD/plugins/shuttle.so" "$OUT/plugins/shuttle.so"
ln -s "$ROOT/plugins/shuttle/content" "$OUT/content/$ID"

HPID="" SPID=""
cleanup() {
    [ -n "$HPID" ] && kill "$HPID" 2>/dev/null && wait "$HPID" 2>/dev/null
    [ -n "$SPID" ] && kill "$SPID" 2>/dev/null && wait "$SPID" 2>/dev/null
    "$ROOT/backend/booking/pg-test-cluster.sh" stop "$OUT/pg" >/dev/null 2>&1
}
trap cleanup EXIT INT TERM

# The next weekday in Seoul that is not a listed holiday of the sample feed.
i=1
while [ $i -le 7 ]; do
    DAY=$(TZ=Asia/Seoul date -d "+$i day" +%F); wd=$(TZ=Asia/Seoul date -d "+$i day" +%u)
    ymd=$(echo "$DAY" | tr -d -)
    if [ "$wd" -le 5 ] && ! grep -q "WEEKDAY,$ymd,2" "$ROOT/plugins/shuttle/content/gtfs/calendar_dates.txt"; then break; fi
    i=$((i+1))
done

# The booking service, over its own cluster, with this kiosk's token.
conn=$("$ROOT/backend/booking/pg-test-cluster.sh" "$OUT/pg") || { bad "PostgreSQL did not start"; echo "$pass passed, $fail failed"; exit 1; }
TOKEN=$("$BUILD/bin/madang-booking" add-kiosk --db "$conn" --id kiosk-shuttle-e2e 2>"$OUT/admin.log") || bad "add-kiosk: $(cat "$OUT/admin.log")"
BPORT=$(( 20000 + ($$ * 3) % 12000 ))
while ss -ltn 2>/dev/null | grep -q ":$BPORT "; do BPORT=$((BPORT+1)); done
start_booking() {
    "$BUILD/bin/madang-booking" --listen "127.0.0.1:$BPORT" --db "$conn" \
        --gtfs "$ROOT/plugins/shuttle/content/gtfs" --test-code-seed 20261201 \
        > "$OUT/booking.out" 2> "$OUT/booking.err" &
    SPID=$!
    # Bounded: at most 60 s (a loaded 2-core machine running the sanitizer build is slow to start).
    n=0; while [ $n -lt 600 ] && ! grep -q ready "$OUT/booking.out" 2>/dev/null; do sleep 0.1; n=$((n+1)); done
}
stop_booking() { [ -n "$SPID" ] && kill "$SPID" 2>/dev/null && wait "$SPID" 2>/dev/null; SPID=""; }

# The hub double with two shuttles: one at stop WG02 (on the road), one parked at the depot end
# of the loop (Ansan Station), in FIWARE Vehicle form.
cat > "$OUT/vehicles.json" <<'JSON'
{"upserts": [{"entities": [
 {"id": "urn:ngsi-ld:Vehicle:ansan-shuttle:01", "type": "Vehicle",
  "name": {"type": "Property", "value": "Shuttle 01 (sample)"},
  "vehicleType": {"type": "Property", "value": "minibus"},
  "serviceStatus": {"type": "Property", "value": "onRoute"},
  "speed": {"type": "Property", "value": 18},
  "heading": {"type": "Property", "value": 60},
  "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [126.79070, 37.32962]}}},
 {"id": "urn:ngsi-ld:Vehicle:ansan-shuttle:02", "type": "Vehicle",
  "name": {"type": "Property", "value": "Shuttle 02 (sample)"},
  "vehicleType": {"type": "Property", "value": "minibus"},
  "serviceStatus": {"type": "Property", "value": "parked"},
  "location": {"type": "GeoProperty", "value": {"type": "Point", "coordinates": [126.78870, 37.32720]}}}
]}]}
JSON
start_hub() {
    rm -f "$OUT/hub.port"
    python3 "$ROOT/tests/doubles/hub/hub_double.py" --port 0 --port-file "$OUT/hub.port" --empty \
        --import "$OUT/vehicles.json" --client-id kiosk-shuttle-e2e \
        --client-secret shuttle-e2e-secret > "$OUT/hub.log" 2>&1 &
    HPID=$!
    n=0; while [ ! -s "$OUT/hub.port" ] && [ $n -lt 300 ]; do sleep 0.1; n=$((n+1)); done
    HPORT=$(cat "$OUT/hub.port" 2>/dev/null)
}
stop_hub() { [ -n "$HPID" ] && kill "$HPID" 2>/dev/null && wait "$HPID" 2>/dev/null; HPID=""; }
start_booking; start_hub
[ -n "${HPORT:-}" ] || bad "the hub double did not start: $(cat "$OUT/hub.log")"
grep -q ready "$OUT/booking.out" || bad "the booking service did not start: $(cat "$OUT/booking.err")"

# A booking made elsewhere (another kiosk), for scripts that cancel by typing its code: @CODE@ and
# its characters @C1@ … @C6@.
book_elsewhere() {
    curl -s --max-time 10 --retry 5 --retry-connrefused --retry-delay 1 \
        -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"seats\":1,\"kiosk\":\"kiosk-shuttle-e2e\",\"date\":\"$DAY\"}" \
        "http://127.0.0.1:$BPORT/v1/trips/WD040/bookings" | sed -n 's/.*"code":"\([A-Z0-9]*\)".*/\1/p'
}

for script in "$ROOT"/tests/shuttle/*.script; do
    name=$(basename "$script" .script)
    booking=$(sed -n 's/^# booking: //p' "$script") hub=$(sed -n 's/^# hub: //p' "$script")
    [ "$booking" = down ] && stop_booking
    [ "$hub" = down ] && stop_hub
    dir="$OUT/$name"; mkdir -p "$dir"
    sed -e "s|@PLUGINS@|$OUT/plugins|; s|@CONTENT@|$OUT/content|; s|@ROOT@|$ROOT|g; s|@BUILD@|$BUILD|g" \
        -e "s|@OUT@|$dir|; s|@HUB@|http://127.0.0.1:${HPORT:-1}|g; s|@BOOKING@|http://127.0.0.1:$BPORT|g" \
        -e "s|@TOKEN@|$TOKEN|" "$ROOT/tests/shuttle/shuttle.conf" > "$dir/kiosk.conf"
    CODE=""
    if grep -q '@CODE@\|@C1@' "$script"; then
        CODE=$(book_elsewhere)
        [ ${#CODE} = 6 ] || bad "$name: no booking to cancel (got '$CODE')"
    fi
    c1=$(echo "$CODE" | cut -c1) c2=$(echo "$CODE" | cut -c2) c3=$(echo "$CODE" | cut -c3)
    c4=$(echo "$CODE" | cut -c4) c5=$(echo "$CODE" | cut -c5) c6=$(echo "$CODE" | cut -c6)
    sed -e "s|@DAY@|$DAY|g; s|@CODE@|$CODE|g; s|@C1@|$c1|; s|@C2@|$c2|; s|@C3@|$c3|" \
        -e "s|@C4@|$c4|; s|@C5@|$c5|; s|@C6@|$c6|" "$script" > "$dir/run.script"
    "$MADANG" --headless --config "$dir/kiosk.conf" --script "$dir/run.script" --out "$dir" \
        > "$dir/log.txt" 2>&1
    rc=$?
    if [ "$rc" != 0 ]; then
        bad "$name: exit $rc"; grep -v '^madang: PLUGIN: \[' "$dir/log.txt" | tail -n 12
    else
        check_expect_logs "$name" "$script" "$dir"
        golden_check_shots "$name" "$dir" "$GOLDEN" "$IMGDIFF"
    fi
    [ "$booking" = down ] && start_booking
    [ "$hub" = down ] && start_hub
    # Nothing of a visitor on disk: the plugin's storage stays empty.
    if [ -n "$(find "$dir/storage/$ID" -type f 2>/dev/null | head -n 1)" ]; then
        bad "$name: files in the plugin's storage"; else ok; fi
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
