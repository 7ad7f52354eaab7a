/* The shuttle plugin's logic without a kiosk: local time in the feed's zone, the next departures
 * across midnight, the route's shape and projection, vehicles from the hub (keyValues and
 * normalized), the live delay they imply, and booking codes as typed. */
#include "../../plugins/shuttle/gtfs.c"
#include "../../plugins/shuttle/live.c"
#include "../../plugins/shuttle/timetable.c"

#include <stdio.h>

#include "check.h"

static const char *AGENCY = "agency_name,agency_timezone\nT,Asia/Seoul\n";
static const char *STOPS = "stop_id,stop_name,stop_lat,stop_lon\n"
                           "A,Alpha,37.3300,126.7900\nB,Beta,37.3300,126.8000\n"
                           "C,Gamma,37.3400,126.8000\n";
static const char *ROUTES = "route_id,route_short_name,route_type\nR,1,3\n";
static const char *CAL = "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
                         "start_date,end_date\nWD,1,1,1,1,1,0,0,20260101,20271231\n";
/* T1 at 08:00 A -> 08:10 B -> 08:20 C; T2 at 23:50 A -> 24:00 B -> 24:10 C (past midnight). */
static const char *TRIPS = "route_id,service_id,trip_id,wheelchair_accessible\n"
                           "R,WD,T1,1\nR,WD,T2,2\n";
static const char *TIMES = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                           "T1,08:00:00,08:00:00,A,1\nT1,08:10:00,08:10:00,B,2\n"
                           "T1,08:20:00,08:20:00,C,3\nT2,23:50:00,23:50:00,A,1\n"
                           "T2,24:00:00,24:00:00,B,2\nT2,24:10:00,24:10:00,C,3\n";

static gtfs_feed *feed(void)
{
    gtfs_source src[] = {{"agency.txt", AGENCY, 0}, {"stops.txt", STOPS, 0},
                         {"routes.txt", ROUTES, 0}, {"calendar.txt", CAL, 0},
                         {"trips.txt", TRIPS, 0},   {"stop_times.txt", TIMES, 0}};
    for (size_t i = 0; i < sizeof src / sizeof *src; i++)
        src[i].n_bytes = strlen(src[i].text);
    char err[256];
    gtfs_feed *f = gtfs_parse(src, 6, err, sizeof err);
    if (!f)
        fprintf(stderr, "  %s\n", err);
    return f;
}

/* 2026-12-01 (a Tuesday) at hh:mm in Seoul, as unix ms. */
static int64_t seoul(int day, int hh, int mm)
{
    return sh_unix_ms(20261200 + day, hh * 3600 + mm * 60, "Asia/Seoul");
}

static void test_local_time(void)
{
    sh_local l;
    /* 2026-12-01T00:00Z is 09:00 in Seoul */
    CHECK_INT(sh_local_time(1796083200000LL, "Asia/Seoul", &l), 0);
    CHECK_INT(l.ymd, 20261201);
    CHECK_INT(l.secs, 9 * 3600);
    CHECK(sh_unix_ms(20261201, 9 * 3600, "Asia/Seoul") == 1796083200000LL);
    /* 15:30Z is 00:30 the next day */
    CHECK_INT(sh_local_time(1796083200000LL + 15 * 3600000LL + 1800000LL, "Asia/Seoul", &l), 0);
    CHECK_INT(l.ymd, 20261202);
    CHECK_INT(l.secs, 30 * 60);
}

static void test_departures(void)
{
    gtfs_feed *f = feed();
    if (!f) {
        CHECK(0);
        return;
    }
    sh_departure d[8];
    int a = gtfs_find_stop(f, "A"), b = gtfs_find_stop(f, "B"), c = gtfs_find_stop(f, "C");
    /* Tuesday 07:00 at A: T1 08:00 then T2 23:50 */
    int n = sh_next_departures(f, a, seoul(1, 7, 0), d, 8);
    CHECK_INT(n, 4); /* Tuesday T1, T2 and Wednesday T1, T2 */
    CHECK_STR(f->trips[d[0].trip].id, "T1");
    CHECK(d[0].dep_ms == seoul(1, 8, 0));
    CHECK(d[0].wheelchair == 1);
    CHECK_STR(f->trips[d[1].trip].id, "T2");
    CHECK(d[1].wheelchair == 0);
    /* Wednesday 00:05 at B: Tuesday's T2 leaves B at 24:00 = 00:00 Wednesday (gone); next is
     * Wednesday's T1 at 08:10 */
    n = sh_next_departures(f, b, seoul(2, 0, 5), d, 8);
    CHECK(n >= 1 && d[0].ymd == 20261202 && d[0].dep_secs == 8 * 3600 + 600);
    /* Tuesday 23:59 at B: Tuesday's T2 at 24:00 is next, on Tuesday's service date */
    n = sh_next_departures(f, b, seoul(1, 23, 59), d, 8);
    CHECK(n >= 1 && d[0].ymd == 20261201 && d[0].dep_secs == 24 * 3600);
    /* nobody boards at the last stop */
    CHECK_INT(sh_next_departures(f, c, seoul(1, 7, 0), d, 8), 0);
    /* Saturday: no service, Sunday none, Monday's come */
    n = sh_next_departures(f, a, seoul(5, 9, 0), d, 8);
    CHECK_INT(n, 0);
    gtfs_free(f);
}

static void test_shape_and_delay(void)
{
    gtfs_feed *f = feed();
    if (!f) {
        CHECK(0);
        return;
    }
    sh_route_shape shape;
    int a = gtfs_find_stop(f, "A");
    CHECK_INT(sh_route_shape_of(f, a, &shape), 0);
    CHECK_INT(shape.n_stops, 3);
    CHECK(!shape.loop);
    float x = 0, y = 0;
    sh_project(&shape, 37.33, 126.79, &x, &y); /* A: west, south */
    CHECK(x < 0.5f && y > 0.5f);
    sh_project(&shape, 37.34, 126.80, &x, &y); /* C: east, north */
    CHECK(x > 0.5f && y < 0.5f);
    double off = 0;
    double half = sh_route_progress(f, &shape, 37.3300, 126.7950, &off); /* midway A-B */
    CHECK(off < 5 && half > 400 && half < 500);                          /* ~442 m */
    /* A vehicle midway between A and B at 08:09 is 4 minutes late (due there at 08:05). */
    sh_vehicle v = {.lat = 37.3300, .lon = 126.7950, .on_route = 1};
    sh_departure d[8];
    int b = gtfs_find_stop(f, "B");
    int n = sh_next_departures(f, b, seoul(1, 8, 9), d, 8);
    CHECK(n >= 1);
    sh_estimate_delays(f, &shape, &v, 1, seoul(1, 8, 9), d, n);
    CHECK(d[0].has_delay);
    CHECK(d[0].delay_s >= 230 && d[0].delay_s <= 250);
    CHECK(!d[1].has_delay);
    /* A parked vehicle gives no delay; one far off the route neither. */
    v.on_route = 0;
    n = sh_next_departures(f, b, seoul(1, 8, 9), d, 8);
    sh_estimate_delays(f, &shape, &v, 1, seoul(1, 8, 9), d, n);
    CHECK(!d[0].has_delay);
    sh_vehicle far = {.lat = 37.40, .lon = 126.90, .on_route = 1};
    sh_estimate_delays(f, &shape, &far, 1, seoul(1, 8, 9), d, n);
    CHECK(!d[0].has_delay);
    gtfs_free(f);
}

static void test_vehicles(void)
{
    const char *kv =
        "[{\"id\":\"urn:ngsi-ld:Vehicle:shuttle-1\",\"type\":\"Vehicle\",\"name\":\"Shuttle 1\","
        "\"location\":{\"type\":\"Point\",\"coordinates\":[126.79,37.33]},\"heading\":90,"
        "\"speed\":18.5,\"serviceStatus\":\"onRoute\",\"occupancy\":0.5},"
        "{\"id\":\"urn:ngsi-ld:Vehicle:shuttle-2\",\"type\":\"Vehicle\","
        "\"location\":{\"type\":\"GeoProperty\",\"value\":{\"type\":\"Point\","
        "\"coordinates\":[126.8,37.34]}},\"serviceStatus\":{\"type\":\"Property\","
        "\"value\":\"parked\"}},"
        "{\"id\":\"urn:ngsi-ld:Vehicle:nowhere\",\"type\":\"Vehicle\"},"
        "{\"id\":\"x\",\"location\":{\"type\":\"Point\",\"coordinates\":[500,37]}}, 7]";
    sh_vehicle v[4];
    int n = sh_parse_vehicles(kv, strlen(kv), v, 4);
    CHECK_INT(n, 2);
    CHECK_STR(v[0].name, "Shuttle 1");
    CHECK(v[0].on_route && v[0].occupancy_pct == 50 && v[0].speed_kmh > 18);
    CHECK(v[0].lat > 37.32 && v[0].lon > 126.78);
    CHECK(!v[1].on_route); /* normalized form read too */
    CHECK(v[1].lat > 37.339);
    CHECK_INT(sh_parse_vehicles("{\"not\":\"a list\"}", 16, v, 4), -1);
    CHECK_INT(sh_parse_vehicles("garbage", 7, v, 4), -1);
    CHECK_INT(sh_parse_vehicles("[]", 2, v, 4), 0);
}

static void test_codes(void)
{
    char c[8];
    CHECK(sh_normalise_code("k7m3pq", c, sizeof c));
    CHECK_STR(c, "K7M3PQ");
    CHECK(!sh_normalise_code("K7M3P", c, sizeof c)); /* too short */
    /* look-alikes are not in the alphabet: O, 0, I, 1, L, 2, Z, 5, S, 8, B */
    CHECK(!sh_normalise_code("O0I1LZ", c, sizeof c));
    CHECK_STR(c, "");
}

int main(void)
{
    RUN(test_local_time);
    RUN(test_departures);
    RUN(test_shape_and_delay);
    RUN(test_vehicles);
    RUN(test_codes);
    return check_summary();
}
