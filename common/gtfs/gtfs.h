/* A strict reader for the GTFS static files a shuttle service needs, in plain C (libc only), so the
 * booking service (backend/booking) and the shuttle plugin read the same files the same way and
 * agree on trips and capacity. Every error names the file, the line and the reason.
 *
 * Files: agency.txt, stops.txt, routes.txt, trips.txt, stop_times.txt, calendar.txt (required);
 * calendar_dates.txt and booking_rules.txt (GTFS-Flex) optional. Madang's documented extra columns
 * on trips.txt: `seats` (ordinary seats a booking service may sell, default 12) and
 * `wheelchair_places` (default 1 when wheelchair_accessible = 1, else 0). See docs/SHUTTLE.md.
 */
#ifndef MD_GTFS_H
#define MD_GTFS_H

#include <stddef.h>
#include <stdint.h>

#define GTFS_MAX_FILE_BYTES (32u << 20) /* a feed file larger than this is refused */
#define GTFS_MAX_FIELD_BYTES 1024       /* one CSV field */
#define GTFS_DEFAULT_SEATS 12

typedef struct gtfs_stop {
    char *id, *name;
    double lat, lon;
} gtfs_stop;

typedef struct gtfs_route {
    char *id, *short_name, *long_name, *color; /* color: "RRGGBB" or "" */
    int type;
} gtfs_route;

typedef struct gtfs_booking_rule {
    char *id;
    int type;                      /* 0 real time, 1 same day with notice, 2 up to prior days */
    int prior_notice_duration_min; /* -1 when absent */
    int prior_notice_duration_max; /* -1 when absent */
    int prior_notice_last_day;     /* -1 when absent */
    int prior_notice_start_day;    /* -1 when absent */
} gtfs_booking_rule;

typedef struct gtfs_trip {
    char *id, *headsign;
    int route;                 /* index into routes */
    int service;               /* index into services */
    int wheelchair_accessible; /* 0 unknown, 1 yes, 2 no (GTFS) */
    int seats, wheelchair_places;
    int first_stop_time, n_stop_times; /* the trip's rows in stop_times, in stop_sequence order */
} gtfs_trip;

typedef struct gtfs_stop_time {
    int trip, stop;
    int arrival_s, departure_s; /* seconds from the service day's start; may pass 24 h */
    int sequence;
    int booking_rule; /* index into booking_rules, or -1 */
    long line;        /* the row's line in stop_times.txt, for messages */
} gtfs_stop_time;

typedef struct gtfs_service {
    char *id;
    uint8_t weekdays;                  /* bit 0 Monday … bit 6 Sunday */
    int32_t start_ymd, end_ymd;        /* YYYYMMDD */
    int first_exception, n_exceptions; /* into exceptions (calendar_dates), sorted by service */
} gtfs_service;

typedef struct gtfs_exception {
    int service;
    int32_t ymd;
    int added; /* 1 added, 0 removed */
} gtfs_exception;

typedef struct gtfs_feed {
    char *agency_name, *timezone;
    gtfs_stop *stops;
    int n_stops;
    gtfs_route *routes;
    int n_routes;
    gtfs_trip *trips;
    int n_trips;
    gtfs_stop_time *stop_times;
    int n_stop_times;
    gtfs_service *services;
    int n_services;
    gtfs_exception *exceptions;
    int n_exceptions;
    gtfs_booking_rule *booking_rules;
    int n_booking_rules;
} gtfs_feed;

/* One file's contents, for parsing from memory (fuzzing, content validation). */
typedef struct gtfs_source {
    const char *name; /* "stops.txt" */
    const char *text; /* may be NULL when the file is absent */
    size_t n_bytes;
} gtfs_source;

/* Parses and validates a feed from memory. Returns the feed (free with gtfs_free), or NULL with
 * "file:line: reason" written into err (always NUL-terminated when err_cap > 0). */
gtfs_feed *gtfs_parse(const gtfs_source *files, int n_files, char *err, size_t err_cap);

/* Reads the files from dir (regular files only, each at most GTFS_MAX_FILE_BYTES) and parses them.
 */
gtfs_feed *gtfs_load(const char *dir, char *err, size_t err_cap);

void gtfs_free(gtfs_feed *feed);

/* Index of the stop / trip with this id, or -1. */
int gtfs_find_stop(const gtfs_feed *feed, const char *id);
int gtfs_find_trip(const gtfs_feed *feed, const char *id);

/* 1 when the service runs on the date YYYYMMDD (calendar and calendar_dates), else 0. */
int gtfs_service_runs(const gtfs_feed *feed, int service, int32_t ymd);

/* Weekday of YYYYMMDD, 0 Monday … 6 Sunday; and YYYYMMDD plus n_days. */
int gtfs_weekday(int32_t ymd);
int32_t gtfs_add_days(int32_t ymd, int n_days);

/* Parses "HH:MM:SS" (HH may exceed 23) into seconds; -1 when malformed. */
int gtfs_parse_time(const char *s);
/* Parses "YYYYMMDD" (or "YYYY-MM-DD" when dashes is 1) into YYYYMMDD; -1 when not a real date. */
int32_t gtfs_parse_date(const char *s, int dashes);

#endif /* MD_GTFS_H */
