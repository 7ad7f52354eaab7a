#!/bin/sh
# Booking service benchmark: bookings per second sustained on one PostgreSQL (a throwaway cluster)
# through one and two instances of madang-booking on loopback, with the p99 latency, and a check
# that nothing was booked twice (the database's sold counters equal the bookings the clients got).
# Bounded: a fixed number of attempts and at most 120 s per run. Prints "bench <name> <value>
# <unit>" lines; never pass/fail.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${MD_BUILD:-build}
case "$build" in /*) ;; *) build="$root/$build" ;; esac
svc="$build/bin/madang-booking" load="$build/bin/bk-load"
attempts=${MD_BENCH_BOOKINGS:-6000}
tmp=$(mktemp -d /tmp/madang-booking-bench.XXXXXX); chmod 755 "$tmp"
pids=""
cleanup() {
    for p in $pids; do kill "$p" 2>/dev/null; done
    for p in $pids; do wait "$p" 2>/dev/null; done
    "$root/backend/booking/pg-test-cluster.sh" stop "$tmp/pg" >/dev/null 2>&1
    rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
feed="$tmp/gtfs"; mkdir -p "$feed"
printf 'agency_name,agency_timezone\nBench,Asia/Seoul\n' > "$feed/agency.txt"
printf 'stop_id,stop_name,stop_lat,stop_lon\nS1,One,37.33,126.79\nS2,Two,37.331,126.791\n' > "$feed/stops.txt"
printf 'route_id,route_short_name,route_type\nR,1,3\n' > "$feed/routes.txt"
printf 'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nALL,1,1,1,1,1,1,1,20250101,20351231\n' > "$feed/calendar.txt"
{ echo "route_id,service_id,trip_id,wheelchair_accessible,seats,wheelchair_places"
  i=0; while [ $i -lt 40 ]; do echo "R,ALL,B$i,1,1000,0"; i=$((i + 1)); done; } > "$feed/trips.txt"
{ echo "trip_id,arrival_time,departure_time,stop_id,stop_sequence"
  i=0; while [ $i -lt 40 ]; do echo "B$i,10:00:00,10:00:00,S1,1"; echo "B$i,10:10:00,10:10:00,S2,2"; i=$((i + 1)); done; } > "$feed/stop_times.txt"
day=$(TZ=Asia/Seoul date -d tomorrow +%F)
conn=$("$root/backend/booking/pg-test-cluster.sh" "$tmp/pg") || { echo "bench booking: no PostgreSQL" >&2; exit 0; }
psql_bin=$(command -v psql || echo /usr/lib/postgresql/15/bin/psql)
: > "$tmp/tokens"
i=1; while [ $i -le 20 ]; do
    echo "k$i $("$svc" add-kiosk --db "$conn" --id "k$i" 2>/dev/null)" >> "$tmp/tokens"; i=$((i + 1)); done
port=$(( 20000 + $$ % 12000 ))
urls=""
for n in 1 2; do
    while ss -ltn 2>/dev/null | grep -q ":$port "; do port=$((port + 1)); done
    "$svc" --listen "127.0.0.1:$port" --db "$conn" --gtfs "$feed" --threads 8 --rate 100000 --burst 100000 \
        > "$tmp/s$n.out" 2>/dev/null &
    pids="$pids $!"
    k=0; while [ $k -lt 100 ] && ! grep -q ready "$tmp/s$n.out"; do sleep 0.1; k=$((k + 1)); done
    urls="$urls${urls:+,}http://127.0.0.1:$port"; port=$((port + 1))
    [ $n = 1 ] && url1=$urls
done
run() { # NAME URLS PREFIX
    out=$("$load" --url "$2" --tokens "$tmp/tokens" --trip B --trips 40 --date "$day" \
        --attempts "$attempts" --concurrency 32 --key-prefix "$3" --max-seconds 120)
    rate=$(echo "$out" | tr ' ' '\n' | sed -n 's/^rate=//p')
    p99=$(echo "$out" | tr ' ' '\n' | sed -n 's/^p99_ms=//p')
    p50=$(echo "$out" | tr ' ' '\n' | sed -n 's/^p50_ms=//p')
    echo "bench booking_rate_$1 $rate bookings/s"
    echo "bench booking_latency_p50_$1 $p50 ms"
    echo "bench booking_latency_p99_$1 $p99 ms"
}
run one_instance "$url1" one
run two_instances "$urls" two
sold=$("$psql_bin" "$conn" -qAt -c "SELECT coalesce(sum(seats_sold),0) FROM trip_runs")
booked=$("$psql_bin" "$conn" -qAt -c "SELECT count(*) FROM bookings")
echo "bench booking_double_booked $((sold - booked)) seats (sold counters minus bookings; must be 0)"
