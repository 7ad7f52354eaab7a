#!/bin/sh
# The shuttle booking service for real: a throwaway PostgreSQL 15 cluster (initdb + pg_ctl in a
# temp dir) and madang-booking on loopback, both started and stopped here. Checks the API, bad
# input (always 400 with a reason, never 500), 500 concurrent attempts from 50 kiosks on a trip of
# 12 seats and 1 wheelchair place (exactly that sold, no code twice), and kill -9 of one of two
# instances mid-load (nothing lost or doubled). Last line: "N passed, N failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${MD_BUILD:-build}
case "$build" in /*) ;; *) build="$root/$build" ;; esac
svc="$build/bin/madang-booking" load="$build/bin/bk-load"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', want '$3'"; fi; }

tmp=$(mktemp -d /tmp/madang-booking-test.XXXXXX)
chmod 755 "$tmp" # the cluster runs as the postgres user when we are root
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    for p in $pids; do wait "$p" 2>/dev/null; done
    "$root/backend/booking/pg-test-cluster.sh" stop "$tmp/pg" >/dev/null 2>&1
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

free_port() {
    _p=$(( 20000 + ($$ * 7 + $1 * 13) % 12000 )) # below the ephemeral range (32768+)
    while ss -ltn 2>/dev/null | grep -q ":$_p "; do _p=$((_p + 1)); done
    echo "$_p"
}
# A feed of our own: three stops, trips every day, capacity 12 seats + 1 wheelchair place.
feed="$tmp/gtfs"; mkdir -p "$feed"
printf 'agency_name,agency_timezone\nTest shuttle,Asia/Seoul\n' > "$feed/agency.txt"
printf 'stop_id,stop_name,stop_lat,stop_lon\nS1,One,37.33,126.79\nS2,Two,37.331,126.791\nS3,Three,37.332,126.792\n' > "$feed/stops.txt"
printf 'route_id,route_short_name,route_type\nR,1,3\n' > "$feed/routes.txt"
printf 'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nALL,1,1,1,1,1,1,1,20250101,20351231\n' > "$feed/calendar.txt"
printf 'route_id,service_id,trip_id,wheelchair_accessible,seats,wheelchair_places\nR,ALL,LOAD1,1,12,1\nR,ALL,LOAD2,1,12,1\nR,ALL,NOWHEEL,2,12,0\n' > "$feed/trips.txt"
{
    echo "trip_id,arrival_time,departure_time,stop_id,stop_sequence"
    for t in LOAD1 LOAD2 NOWHEEL; do
        echo "$t,10:00:00,10:00:00,S1,1"; echo "$t,10:10:00,10:10:00,S2,2"; echo "$t,10:20:00,10:20:00,S3,3"
    done
} > "$feed/stop_times.txt"
day=$(TZ=Asia/Seoul date -d tomorrow +%F)

conn=$("$root/backend/booking/pg-test-cluster.sh" "$tmp/pg") || { bad "PostgreSQL cluster did not start"; echo "$pass passed, $fail failed"; exit 1; }
psql_bin=$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)
sql() { "$psql_bin" "$conn" -qAt -c "$1"; }

# 50 kiosks, each with its own token (printed once, stored only as a hash).
: > "$tmp/tokens"
i=1
while [ $i -le 50 ]; do
    tok=$("$svc" add-kiosk --db "$conn" --id "kiosk-$i" 2>>"$tmp/admin.log") || { bad "add-kiosk $i"; break; }
    echo "kiosk-$i $tok" >> "$tmp/tokens"; i=$((i + 1))
done
check "50 tokens" "$(wc -l < "$tmp/tokens")" 50
check "tokens stored as hashes only" "$(sql "SELECT count(*) FROM kiosks WHERE encode(token_hash,'hex') = '$(awk 'NR==1{print $2}' "$tmp/tokens")'")" 0
tok1=$(awk 'NR==1{print $2}' "$tmp/tokens")

start_instance() { # NAME PORT [RATE BURST]
    "$svc" --listen "127.0.0.1:$2" --db "$conn" --gtfs "$feed" --threads 4 --rate "${3:-100}" \
        --burst "${4:-200}" > "$tmp/$1.out" 2> "$tmp/$1.err" &
    _pid=$!; pids="$pids $_pid"
    _n=0; while [ $_n -lt 300 ] && ! grep -q ready "$tmp/$1.out" 2>/dev/null; do sleep 0.1; _n=$((_n + 1)); done
    grep -q ready "$tmp/$1.out" || { bad "instance $1 did not start: $(cat "$tmp/$1.err")"; }
    eval "pid_$1=$_pid"
}
port_a=$(free_port 1); start_instance a "$port_a"
url_a="http://127.0.0.1:$port_a"

# req METHOD PATH [BODY] [TOKEN] -> prints "STATUS BODY"
req() {
    _tok=${4-$tok1}
    if [ -n "${3:-}" ]; then
        curl -s -o "$tmp/resp" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $_tok" \
            -H 'Content-Type: application/json' --data-binary "$3" "$url_a$2"
    else
        curl -s -o "$tmp/resp" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $_tok" "$url_a$2"
    fi
    printf ' '; cat "$tmp/resp"
}

# --- authentication
check "no token" "$(curl -s -o /dev/null -w '%{http_code}' "$url_a/v1/trips?stop=S1&date=$day")" 401
check "unknown token" "$(req GET "/v1/trips?stop=S1&date=$day" "" 0000000000000000000000000000000000000000000000000000000000000000 | cut -c1-3)" 401

# --- the timetable with seats left
out=$(req GET "/v1/trips?stop=S1&date=$day")
check "trips at S1" "$(echo "$out" | cut -c1-3)" 200
echo "$out" | grep -q '"trip_id":"LOAD1","departure":"'"$day"'T10:00:00+09:00","seats_left":12,"wheelchair_left":1' && ok || bad "LOAD1 listed with 12 seats and 1 place: $out"
echo "$out" | grep -q '"trip_id":"NOWHEEL".*"wheelchair_left":0' && ok || bad "NOWHEEL has no wheelchair place: $out"
out=$(req GET "/v1/trips?stop=S3&date=$day")
check "nobody boards at a trip's last stop" "$out" "200 []"
check "unknown stop" "$(req GET "/v1/trips?stop=NOPE&date=$day")" '400 {"error":"unknown stop"}'
check "bad date" "$(req GET "/v1/trips?stop=S1&date=2026-13-01")" '400 {"error":"date must be YYYY-MM-DD"}'

# --- bad input: 400 with a reason, never 500
head -c 200000 /dev/zero | tr '\0' 'x' > "$tmp/big"
for case in \
    "LOAD1|{not json" \
    "LOAD1|[1,2]" \
    "LOAD1|{\"seats\":-2,\"wheelchair\":false,\"kiosk\":\"kiosk-1\"}" \
    "LOAD1|{\"seats\":5,\"kiosk\":\"kiosk-1\"}" \
    "LOAD1|{\"seats\":1.5,\"kiosk\":\"kiosk-1\"}" \
    "LOAD1|{\"seats\":\"1\",\"kiosk\":\"kiosk-1\"}" \
    "LOAD1|{\"seats\":1,\"wheelchair\":\"yes\",\"kiosk\":\"kiosk-1\"}" \
    "LOAD1|{\"seats\":1,\"kiosk\":\"kiosk-1'; DROP TABLE bookings;--\"}" \
    "LOAD1|{\"seats\":1,\"kiosk\":\"kiosk-1\",\"date\":\"1 OR 1=1\"}" \
    "LOAD1|{\"seats\":1,\"kiosk\":\"kiosk-1\",\"seats\":2}" \
    "LOAD1|{\"seats\":99999999999999999999,\"kiosk\":\"kiosk-1\"}" \
    "NOSUCH|{\"seats\":1,\"kiosk\":\"kiosk-1\"}" \
    "x%27%20OR%20%271%27%3D%271|{\"seats\":1,\"kiosk\":\"kiosk-1\"}" \
    "LOAD1|@$tmp/big"; do
    trip=${case%%|*} body=${case#*|}
    out=$(req POST "/v1/trips/$trip/bookings" "$body")
    case "$out" in "400 {\"error\":\""*) ok ;; *) bad "bad input '$(echo "$body" | cut -c1-60)' -> $(echo "$out" | cut -c1-120)" ;; esac
done
check "tables intact after SQL-looking input" "$(sql "SELECT count(*) FROM bookings")" 0

# --- one booking, cancel by code
out=$(req POST /v1/trips/NOWHEEL/bookings "{\"seats\":2,\"wheelchair\":false,\"kiosk\":\"kiosk-1\",\"date\":\"$day\"}")
check "book 2 seats" "$(echo "$out" | cut -c1-3)" 201
code=$(echo "$out" | sed -n 's/.*"code":"\([A-Z0-9]*\)".*/\1/p')
echo "$code" | grep -Eq '^[ACDEFGHJKMNPQRTUVWXY34679]{6}$' && ok || bad "code '$code' is 6 characters without look-alikes"
check "wheelchair place on a trip without one" "$(req POST /v1/trips/NOWHEEL/bookings "{\"seats\":1,\"wheelchair\":true,\"kiosk\":\"kiosk-1\",\"date\":\"$day\"}")" '409 {"error":"full"}'
check "seats taken" "$(sql "SELECT seats_sold FROM trip_runs WHERE trip_id='NOWHEEL'")" 2
check "cancel" "$(req DELETE "/v1/bookings/$code" | cut -c1-3)" 204
check "cancel again" "$(req DELETE "/v1/bookings/$code" | cut -c1-3)" 404
check "seats given back" "$(sql "SELECT seats_sold FROM trip_runs WHERE trip_id='NOWHEEL'")" 0

# --- 500 concurrent attempts from 50 kiosks: exactly 12 seats and 1 wheelchair place
summary=$("$load" --url "$url_a" --tokens "$tmp/tokens" --trip LOAD1 --date "$day" --attempts 500 \
    --concurrency 50 --wheel-every 20 --codes-out "$tmp/codes1" --key-prefix one --max-seconds 120)
echo "load: $summary"
v() { echo "$summary" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
check "seats sold to the load" "$(v seats)" 12
check "wheelchair places sold" "$(v wheelchair)" 1
check "every other attempt full" "$(v full)" 487
check "no other answers" "$(v bad)/$(v unfinished)/$(v dup_codes)" "0/0/0"
check "database: sold counters" "$(sql "SELECT seats_sold || '/' || wheelchair_sold FROM trip_runs WHERE trip_id='LOAD1'")" "12/1"
check "database: bookings" "$(sql "SELECT count(*) || '/' || sum(seats) || '/' || count(*) FILTER (WHERE wheelchair) FROM bookings WHERE trip_id='LOAD1'")" "13/12/1"
check "codes unique in the database" "$(sql "SELECT count(DISTINCT code) FROM bookings")" 13
check "full trip listed as full" "$(req GET "/v1/trips?stop=S1&date=$day" | grep -o '"trip_id":"LOAD1"[^}]*')" '"trip_id":"LOAD1","departure":"'"$day"'T10:00:00+09:00","seats_left":0,"wheelchair_left":0'

# --- two instances, one killed with SIGKILL mid-load: nothing lost or doubled
port_b=$(free_port 2); start_instance b "$port_b"
summary=$("$load" --url "$url_a,http://127.0.0.1:$port_b" --tokens "$tmp/tokens" --trip LOAD2 \
    --date "$day" --attempts 500 --concurrency 50 --wheel-every 20 --codes-out "$tmp/codes2" \
    --key-prefix two --kill-pid "$pid_a" --kill-after 5 --max-seconds 120)
echo "load with kill: $summary"
kill -0 "$pid_a" 2>/dev/null && bad "instance a still alive" || ok
check "after the kill: seats" "$(v seats)" 12
check "after the kill: wheelchair" "$(v wheelchair)" 1
check "after the kill: no errors, all finished" "$(v bad)/$(v unfinished)/$(v dup_codes)" "0/0/0"
check "after the kill: database counters" "$(sql "SELECT seats_sold || '/' || wheelchair_sold FROM trip_runs WHERE trip_id='LOAD2'")" "12/1"
sort -u "$tmp/codes2" > "$tmp/codes2.client"
sql "SELECT code FROM bookings WHERE trip_id='LOAD2' ORDER BY code" > "$tmp/codes2.db"
check "every code a kiosk got is in the database and nothing else" "$(sort "$tmp/codes2.client" | diff - "$tmp/codes2.db" >/dev/null && echo same)" same

# --- each kiosk is rate-limited (a token bucket per kiosk): a burst of 3, then 429
port_c=$(free_port 4); start_instance c "$port_c" 0.01 3
codes=""
for n in 1 2 3 4; do
    codes="$codes $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok1" "http://127.0.0.1:$port_c/v1/trips?stop=S1&date=$day")"
done
check "rate limit per kiosk" "$codes" " 200 200 200 429"
tok2=$(awk 'NR==2{print $2}' "$tmp/tokens")
check "another kiosk is not limited" "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok2" "http://127.0.0.1:$port_c/v1/trips?stop=S1&date=$day")" 200

# --- a broken feed is refused with file:line, the service does not start
cp -r "$feed" "$tmp/broken"; printf 'R,ALL,LOAD9,1,-1,0\n' >> "$tmp/broken/trips.txt"
"$svc" --listen "127.0.0.1:$(free_port 3)" --db "$conn" --gtfs "$tmp/broken" > /dev/null 2> "$tmp/broken.err"
check "broken feed exit" "$?" 1
grep -q 'trips.txt:5: seats' "$tmp/broken.err" && ok || bad "broken feed message: $(cat "$tmp/broken.err")"

echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
