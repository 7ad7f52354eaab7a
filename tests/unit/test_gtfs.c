/* The GTFS reader (common/gtfs): the sample feed loads, and each kind of broken file is refused
 * with its file:line and reason. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gtfs/gtfs.h"

#ifndef MD_DATA_DIR
#define MD_DATA_DIR "."
#endif

static const char *AGENCY = "agency_name,agency_timezone\nSample,Asia/Seoul\n";
static const char *STOPS = "stop_id,stop_name,stop_lat,stop_lon\n"
                           "A,Alpha,37.3,126.7\nB,\"Beta, \"\"quoted\"\"\",37.31,126.71\n"
                           "C,Gamma,37.32,126.72\n";
static const char *ROUTES = "route_id,route_short_name,route_long_name,route_type\nR,1,Loop,3\n";
static const char *CALENDAR = "service_id,monday,tuesday,wednesday,thursday,friday,saturday,"
                              "sunday,start_date,end_date\nS,1,1,1,1,1,0,0,20260101,20261231\n";
static const char *TRIPS = "route_id,service_id,trip_id,wheelchair_accessible,seats,"
                           "wheelchair_places\nR,S,T1,1,12,1\nR,S,T2,2,,\n";
static const char *STOP_TIMES = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                                "T1,08:00:00,08:00:00,A,1\nT1,08:05:00,08:05:00,B,2\n"
                                "T2,25:10:00,25:10:00,B,2\nT2,25:00:00,25:00:00,A,1\n";

/* Parses the base feed with one file replaced (name NULL: none); returns the feed or NULL with
 * the message in err. */
static gtfs_feed *parse_with(const char *name, const char *text, char *err, size_t cap)
{
    gtfs_source src[] = {{"agency.txt", AGENCY, 0},       {"stops.txt", STOPS, 0},
                         {"routes.txt", ROUTES, 0},       {"calendar.txt", CALENDAR, 0},
                         {"trips.txt", TRIPS, 0},         {"stop_times.txt", STOP_TIMES, 0},
                         {"calendar_dates.txt", NULL, 0}, {"booking_rules.txt", NULL, 0}};
    int n = (int)(sizeof src / sizeof *src);
    for (int i = 0; i < n; i++) {
        if (name && strcmp(src[i].name, name) == 0)
            src[i].text = text;
        src[i].n_bytes = src[i].text ? strlen(src[i].text) : 0;
    }
    return gtfs_parse(src, n, err, cap);
}

static void test_base_feed(void)
{
    char err[256];
    gtfs_feed *f = parse_with(NULL, NULL, err, sizeof err);
    CHECK(f != NULL);
    if (!f) {
        fprintf(stderr, "  %s\n", err);
        return;
    }
    CHECK_INT(f->n_stops, 3);
    CHECK_STR(f->stops[1].name, "Beta, \"quoted\"");
    CHECK_STR(f->timezone, "Asia/Seoul");
    int t1 = gtfs_find_trip(f, "T1"), t2 = gtfs_find_trip(f, "T2");
    CHECK_INT(f->trips[t1].seats, 12);
    CHECK_INT(f->trips[t1].wheelchair_places, 1);
    CHECK_INT(f->trips[t2].seats, GTFS_DEFAULT_SEATS); /* empty column: the default */
    CHECK_INT(f->trips[t2].wheelchair_places, 0);      /* not accessible: no place */
    /* stop times come back in sequence order, past-midnight times kept */
    const gtfs_stop_time *st = &f->stop_times[f->trips[t2].first_stop_time];
    CHECK_INT(st[0].sequence, 1);
    CHECK_INT(st[0].departure_s, 25 * 3600);
    CHECK(gtfs_service_runs(f, f->trips[t1].service, 20261201));  /* a Tuesday */
    CHECK(!gtfs_service_runs(f, f->trips[t1].service, 20261206)); /* a Sunday */
    CHECK(!gtfs_service_runs(f, f->trips[t1].service, 20270104)); /* after end_date */
    gtfs_free(f);
}

static void test_dates(void)
{
    CHECK_INT(gtfs_weekday(20261201), 1); /* Tuesday */
    CHECK_INT(gtfs_weekday(20240229), 3); /* Thursday */
    CHECK_INT(gtfs_add_days(20261231, 1), 20270101);
    CHECK_INT(gtfs_add_days(20240228, 1), 20240229);
    CHECK_INT(gtfs_parse_date("2026-02-29", 1), -1);
    CHECK_INT(gtfs_parse_date("2024-02-29", 1), 20240229);
    CHECK_INT(gtfs_parse_date("20261301", 0), -1);
    CHECK_INT(gtfs_parse_time("24:30:00"), 24 * 3600 + 1800);
    CHECK_INT(gtfs_parse_time("8:05:00"), 8 * 3600 + 300);
    CHECK_INT(gtfs_parse_time("08:61:00"), -1);
    CHECK_INT(gtfs_parse_time("08:00"), -1);
}

typedef struct bad_case {
    const char *file, *text, *want; /* want: a substring of the error */
} bad_case;

static void test_refusals(void)
{
    static const bad_case cases[] = {
        {"agency.txt", "agency_name\nX\n", "agency.txt:1: missing column 'agency_timezone'"},
        {"agency.txt", "agency_name,agency_timezone\nX,KST\n", "agency.txt:2: agency_timezone"},
        {"stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nA,Alpha,91,126\n",
         "stops.txt:2: stop_lat/stop_lon out of range"},
        {"stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nA,Alpha,37,126\nA,Again,37,126\n",
         "stops.txt:3: stop_id 'A' appears twice"},
        {"stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nA,\"Alpha,37,126\n",
         "stops.txt:2: unterminated quoted field"},
        {"stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nA,Alpha,37\n",
         "stops.txt:2: 3 fields, the header has 4"},
        {"routes.txt", "route_id,route_short_name,route_type\nR,1,bus\n",
         "routes.txt:2: route_type 'bus'"},
        {"calendar.txt",
         "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,"
         "end_date\nS,1,1,1,1,1,0,0,20261231,20260101\n",
         "calendar.txt:2: start_date/end_date"},
        {"calendar.txt",
         "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,"
         "end_date\nS,yes,1,1,1,1,0,0,20260101,20261231\n",
         "calendar.txt:2: monday must be 0 or 1"},
        {"trips.txt", "route_id,service_id,trip_id\nR,S,T1\nR,X,T2\n",
         "trips.txt:3: unknown service_id 'X'"},
        {"trips.txt", "route_id,service_id,trip_id\nQ,S,T1\n", "trips.txt:2: unknown route_id"},
        {"trips.txt",
         "route_id,service_id,trip_id,wheelchair_accessible,wheelchair_places\n"
         "R,S,T1,2,1\nR,S,T2,1,1\n",
         "trips.txt:2: wheelchair_places 1 on a trip that is not"},
        {"trips.txt", "route_id,service_id,trip_id,seats\nR,S,T1,-3\nR,S,T2,4\n",
         "trips.txt:2: seats '-3'"},
        {"stop_times.txt",
         "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:00:00,A,1\n"
         "T1,08:05:00,08:05:00,Z,2\n",
         "stop_times.txt:3: unknown stop_id 'Z'"},
        {"stop_times.txt",
         "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:00:00,A,1\n"
         "T1,8h05,08:05:00,B,2\n",
         "stop_times.txt:3: arrival_time/departure_time must be HH:MM:SS"},
        {"stop_times.txt",
         "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:00:00,A,1\n"
         "T1,07:55:00,07:55:00,B,2\nT2,08:00:00,08:00:00,A,1\nT2,08:05:00,08:05:00,B,2\n",
         "stop_times.txt:3: trip 'T1' goes back in time"},
        {"stop_times.txt",
         "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:00:00,A,1\n"
         "T1,08:05:00,08:05:00,B,1\nT2,08:00:00,08:00:00,A,1\nT2,08:05:00,08:05:00,B,2\n",
         "stop_times.txt:3: trip 'T1' has stop_sequence 1 twice"},
        {"stop_times.txt",
         "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:00:00,A,1\n"
         "T1,08:05:00,08:05:00,B,2\nT2,08:00:00,08:00:00,A,1\n",
         "trip 'T2' has fewer than two stop times"},
        {"stop_times.txt",
         "trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_booking_rule_id\n"
         "T1,08:00:00,08:00:00,A,1,NOPE\n",
         "stop_times.txt:2: unknown pickup_booking_rule_id 'NOPE'"},
        {"stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nA,Al\"pha,37,126\n",
         "stops.txt:2: a quote inside an unquoted field"},
        {"trips.txt", NULL, "trips.txt: missing"},
        {"routes.txt", "", "routes.txt:1: no header row"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char err[256] = "";
        gtfs_feed *f = parse_with(cases[i].file, cases[i].text, err, sizeof err);
        if (f || !strstr(err, cases[i].want)) {
            fprintf(stderr, "  case %zu: got \"%s\", want \"%s\"\n", i, f ? "(accepted)" : err,
                    cases[i].want);
            CHECK(0);
        }
        gtfs_free(f);
    }
}

static void test_booking_rules(void)
{
    gtfs_source src[] = {
        {"agency.txt", AGENCY, 0},
        {"stops.txt", STOPS, 0},
        {"routes.txt", ROUTES, 0},
        {"calendar.txt", CALENDAR, 0},
        {"trips.txt", TRIPS, 0},
        {"stop_times.txt",
         "trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_booking_rule_id\n"
         "T1,08:00:00,08:00:00,A,1,K\nT1,08:05:00,08:05:00,B,2,\n"
         "T2,09:00:00,09:00:00,A,1,\nT2,09:05:00,09:05:00,B,2,\n",
         0},
        {"booking_rules.txt", "booking_rule_id,booking_type,prior_notice_duration_min\nK,1,5\n", 0},
        {"calendar_dates.txt", "service_id,date,exception_type\nS,20261225,2\nS,20261226,1\n", 0},
    };
    for (size_t i = 0; i < sizeof src / sizeof *src; i++)
        src[i].n_bytes = strlen(src[i].text);
    char err[256];
    gtfs_feed *f = gtfs_parse(src, (int)(sizeof src / sizeof *src), err, sizeof err);
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK_INT(f->n_booking_rules, 1);
    CHECK_INT(f->booking_rules[0].prior_notice_duration_min, 5);
    int t1 = gtfs_find_trip(f, "T1");
    CHECK_INT(f->stop_times[f->trips[t1].first_stop_time].booking_rule, 0);
    CHECK(!gtfs_service_runs(f, 0, 20261225)); /* a Friday, removed */
    CHECK(gtfs_service_runs(f, 0, 20261226));  /* a Saturday, added */
    gtfs_free(f);
    /* type 1 without its notice is refused */
    src[6].text = "booking_rule_id,booking_type\nK,1\n";
    src[6].n_bytes = strlen(src[6].text);
    f = gtfs_parse(src, (int)(sizeof src / sizeof *src), err, sizeof err);
    CHECK(f == NULL && strstr(err, "booking_rules.txt:2: booking_type 1 needs"));
    gtfs_free(f);
}

static void test_sample_feed(void)
{
    char err[256];
    gtfs_feed *f = gtfs_load(MD_DATA_DIR "/plugins/shuttle/content/gtfs", err, sizeof err);
    CHECK(f != NULL);
    if (!f) {
        fprintf(stderr, "  %s\n", err);
        return;
    }
    CHECK(f->n_stops >= 8 && f->n_stops <= 12);
    CHECK_INT(f->n_routes, 1);
    CHECK(strstr(f->agency_name, "SAMPLE") != NULL);
    gtfs_free(f);
    /* a directory that is not a feed */
    f = gtfs_load("/nonexistent-dir", err, sizeof err);
    CHECK(f == NULL && strstr(err, "missing"));
}

int main(void)
{
    RUN(test_base_feed);
    RUN(test_dates);
    RUN(test_refusals);
    RUN(test_booking_rules);
    RUN(test_sample_feed);
    return check_summary();
}
