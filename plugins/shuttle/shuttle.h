/* Shuttle plugin (kr.go.ansan.shuttle), internal interfaces: the timetable computed from the GTFS
 * feed (next departures from this kiosk's stop, the route's shape for the map), live vehicles from
 * the data hub placed on the route with a delay estimate, and the small parsers they need. The
 * screens and the booking client are in plugin.c. Nothing here keeps visitor data.
 */
#ifndef MD_SHUTTLE_H
#define MD_SHUTTLE_H

#include <stddef.h>
#include <stdint.h>

#include "../../common/gtfs/gtfs.h"

#define SH_MAX_DEPARTURES 8
#define SH_MAX_VEHICLES 32
#define SH_MAX_ROUTE_STOPS 64

/* A local clock reading in the feed's time zone. */
typedef struct sh_local {
    int32_t ymd; /* service date YYYYMMDD */
    int secs;    /* seconds since local midnight */
} sh_local;

/* Local date and seconds of unix_ms in the zone (ICU); -1 on an unknown zone. */
int sh_local_time(int64_t unix_ms, const char *zone, sh_local *out);
/* The unix time (ms) of secs after local midnight of ymd in the zone. */
int64_t sh_unix_ms(int32_t ymd, int secs, const char *zone);

/* One departure from the kiosk's stop. */
typedef struct sh_departure {
    int trip;       /* index into feed->trips */
    int32_t ymd;    /* its service date */
    int dep_secs;   /* scheduled, seconds from that date's midnight (may pass 24 h) */
    int64_t dep_ms; /* scheduled, unix ms */
    int delay_s;    /* live estimate, when has_delay */
    int has_delay;
    int wheelchair; /* the trip's vehicle has a wheelchair place */
    int seats_left; /* from the booking service; -1 unknown */
    int wheelchair_left;
} sh_departure;

/* The next departures from stop at or after now (at most max), across midnight: trips of
 * yesterday's service day still running, today's, and tomorrow's. Not at a trip's last stop. */
int sh_next_departures(const gtfs_feed *f, int stop, int64_t now_ms, sh_departure *out, int max);

/* The route drawn on the map: the stops of the feed's longest trip of the route, in order. */
typedef struct sh_route_shape {
    int route;
    int stops[SH_MAX_ROUTE_STOPS];
    int n_stops;
    int loop; /* first and last stop are the same */
    double min_lat, max_lat, min_lon, max_lon;
} sh_route_shape;

int sh_route_shape_of(const gtfs_feed *f, int stop, sh_route_shape *out);

/* Position of a point along the route: metres from its first stop, and the distance off it. */
double sh_route_progress(const gtfs_feed *f, const sh_route_shape *shape, double lat, double lon,
                         double *off_m);
/* Projects lat/lon to drawing fractions (0..1) for a drawing twice as wide as tall. */
void sh_project(const sh_route_shape *shape, double lat, double lon, float *x, float *y);

/* A vehicle from the hub (FIWARE Vehicle, keyValues). */
typedef struct sh_vehicle {
    char id[96];
    char name[64];
    double lat, lon;
    double heading_deg, speed_kmh;
    int on_route;      /* serviceStatus "onRoute" (or absent) */
    int occupancy_pct; /* -1 unknown */
} sh_vehicle;

/* Parses the hub's JSON array of Vehicle entities. Returns how many (at most max), or -1 when the
 * text is not a JSON array. Entities without a usable location are skipped. */
int sh_parse_vehicles(const char *json, size_t n_bytes, sh_vehicle *out, int max);

/* Live delay of the trips running now: each on-route vehicle near the route is matched to the
 * running trip whose schedule puts it closest; the delay is how much later than scheduled that
 * trip passes the vehicle's position. Fills deps[i].delay_s/has_delay for matched trips. */
void sh_estimate_delays(const gtfs_feed *f, const sh_route_shape *shape, const sh_vehicle *v,
                        int n_vehicles, int64_t now_ms, sh_departure *deps, int n_deps);

/* A booking code as typed: upper-cased, only the code alphabet; 1 when it is 6 characters. */
int sh_normalise_code(const char *in, char *out, size_t cap);

#endif /* MD_SHUTTLE_H */
