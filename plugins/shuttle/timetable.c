/* Shuttle timetable: local time in the feed's zone (ICU), the next departures from a stop, the
 * route's shape for the map, vehicles placed along a trip, and the live delay they imply. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>

#include "shuttle.h"

/* ---- local time ---- */

static UCalendar *open_zone(const char *zone)
{
    UChar uz[64];
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(uz, 64, NULL, zone ? zone : "Asia/Seoul", -1, &st);
    if (U_FAILURE(st))
        return NULL;
    UCalendar *cal = ucal_open(uz, -1, "en_US", UCAL_GREGORIAN, &st);
    if (U_FAILURE(st)) {
        if (cal)
            ucal_close(cal);
        return NULL;
    }
    return cal;
}

int sh_local_time(int64_t unix_ms, const char *zone, sh_local *out)
{
    UCalendar *cal = open_zone(zone);
    if (!cal)
        return -1;
    UErrorCode st = U_ZERO_ERROR;
    ucal_setMillis(cal, (UDate)unix_ms, &st);
    int y = ucal_get(cal, UCAL_YEAR, &st), m = ucal_get(cal, UCAL_MONTH, &st) + 1;
    int d = ucal_get(cal, UCAL_DATE, &st);
    int secs = ucal_get(cal, UCAL_HOUR_OF_DAY, &st) * 3600 + ucal_get(cal, UCAL_MINUTE, &st) * 60 +
               ucal_get(cal, UCAL_SECOND, &st);
    ucal_close(cal);
    if (U_FAILURE(st))
        return -1;
    out->ymd = y * 10000 + m * 100 + d;
    out->secs = secs;
    return 0;
}

int64_t sh_unix_ms(int32_t ymd, int secs, const char *zone)
{
    UCalendar *cal = open_zone(zone);
    if (!cal)
        return 0;
    UErrorCode st = U_ZERO_ERROR;
    ucal_setDateTime(cal, ymd / 10000, ymd / 100 % 100 - 1, ymd % 100, 0, 0, 0, &st);
    ucal_set(cal, UCAL_MILLISECOND, 0); /* setDateTime keeps the opening instant's milliseconds */
    UDate ms = ucal_getMillis(cal, &st);
    ucal_close(cal);
    return U_FAILURE(st) ? 0 : (int64_t)ms + (int64_t)secs * 1000;
}

/* ---- departures ---- */

static int cmp_dep(const void *a, const void *b)
{
    const sh_departure *x = a, *y = b;
    return x->dep_ms < y->dep_ms ? -1 : x->dep_ms > y->dep_ms;
}

int sh_next_departures(const gtfs_feed *f, int stop, int64_t now_ms, sh_departure *out, int max)
{
    sh_local now;
    if (!f || stop < 0 || max <= 0 || sh_local_time(now_ms, f->timezone, &now) < 0)
        return 0;
    enum { CAP = 256 };
    sh_departure found[CAP];
    int n = 0;
    for (int day = -1; day <= 1; day++) {
        int32_t ymd = gtfs_add_days(now.ymd, day);
        int64_t midnight = sh_unix_ms(ymd, 0, f->timezone);
        for (int t = 0; t < f->n_trips; t++) {
            const gtfs_trip *trip = &f->trips[t];
            if (!gtfs_service_runs(f, trip->service, ymd))
                continue;
            for (int i = 0; i < trip->n_stop_times - 1; i++) { /* nobody boards at the end */
                const gtfs_stop_time *st = &f->stop_times[trip->first_stop_time + i];
                if (st->stop != stop)
                    continue;
                int64_t dep_ms = midnight + (int64_t)st->departure_s * 1000;
                if (dep_ms < now_ms - 30000)
                    continue;
                sh_departure d = {
                    t, ymd, st->departure_s, dep_ms, 0, 0, trip->wheelchair_places > 0, -1, -1};
                if (n < CAP) {
                    found[n++] = d;
                } else { /* keep the earliest CAP */
                    int latest = 0;
                    for (int k = 1; k < CAP; k++)
                        if (found[k].dep_ms > found[latest].dep_ms)
                            latest = k;
                    if (found[latest].dep_ms > dep_ms)
                        found[latest] = d;
                }
            }
        }
    }
    qsort(found, (size_t)n, sizeof *found, cmp_dep);
    if (n > max)
        n = max;
    memcpy(out, found, sizeof *out * (size_t)n);
    return n;
}

/* ---- geometry ---- */

typedef struct xy {
    double x, y;
} xy;

/* Metres on a local plane around lat0 (equirectangular: fine across a neighbourhood). */
static xy plane(double lat, double lon, double lat0)
{
    return (xy){lon * 111320.0 * cos(lat0 * M_PI / 180.0), lat * 110540.0};
}

int sh_route_shape_of(const gtfs_feed *f, int stop, sh_route_shape *out)
{
    memset(out, 0, sizeof *out);
    out->route = -1;
    int best = -1;
    for (int t = 0; t < f->n_trips; t++) {
        const gtfs_trip *trip = &f->trips[t];
        int calls = 0;
        for (int i = 0; i < trip->n_stop_times; i++)
            calls |= f->stop_times[trip->first_stop_time + i].stop == stop;
        if (calls && (best < 0 || trip->n_stop_times > f->trips[best].n_stop_times))
            best = t;
    }
    if (best < 0)
        return -1;
    const gtfs_trip *trip = &f->trips[best];
    out->route = trip->route;
    for (int i = 0; i < trip->n_stop_times && out->n_stops < SH_MAX_ROUTE_STOPS; i++)
        out->stops[out->n_stops++] = f->stop_times[trip->first_stop_time + i].stop;
    out->loop = out->n_stops > 2 && out->stops[0] == out->stops[out->n_stops - 1];
    out->min_lat = out->max_lat = f->stops[out->stops[0]].lat;
    out->min_lon = out->max_lon = f->stops[out->stops[0]].lon;
    for (int i = 1; i < out->n_stops; i++) {
        const gtfs_stop *s = &f->stops[out->stops[i]];
        out->min_lat = s->lat < out->min_lat ? s->lat : out->min_lat;
        out->max_lat = s->lat > out->max_lat ? s->lat : out->max_lat;
        out->min_lon = s->lon < out->min_lon ? s->lon : out->min_lon;
        out->max_lon = s->lon > out->max_lon ? s->lon : out->max_lon;
    }
    return 0;
}

/* Projects p onto the polyline of n points; returns the distance along it and sets *off. */
static double polyline_progress(const xy *pts, int n, xy p, double *off)
{
    double best_d = INFINITY, best_s = 0, s = 0;
    for (int i = 0; i + 1 < n; i++) {
        double dx = pts[i + 1].x - pts[i].x, dy = pts[i + 1].y - pts[i].y;
        double len2 = dx * dx + dy * dy, len = sqrt(len2);
        double u = len2 > 0 ? ((p.x - pts[i].x) * dx + (p.y - pts[i].y) * dy) / len2 : 0;
        u = u < 0 ? 0 : u > 1 ? 1 : u;
        double qx = pts[i].x + u * dx - p.x, qy = pts[i].y + u * dy - p.y;
        double d = sqrt(qx * qx + qy * qy);
        if (d < best_d) {
            best_d = d;
            best_s = s + u * len;
        }
        s += len;
    }
    if (off)
        *off = best_d;
    return best_s;
}

double sh_route_progress(const gtfs_feed *f, const sh_route_shape *shape, double lat, double lon,
                         double *off_m)
{
    xy pts[SH_MAX_ROUTE_STOPS];
    double lat0 = (shape->min_lat + shape->max_lat) / 2;
    for (int i = 0; i < shape->n_stops; i++)
        pts[i] = plane(f->stops[shape->stops[i]].lat, f->stops[shape->stops[i]].lon, lat0);
    return polyline_progress(pts, shape->n_stops, plane(lat, lon, lat0), off_m);
}

void sh_project(const sh_route_shape *shape, double lat, double lon, float *x, float *y)
{
    double lat0 = (shape->min_lat + shape->max_lat) / 2;
    xy lo = plane(shape->min_lat, shape->min_lon, lat0),
       hi = plane(shape->max_lat, shape->max_lon, lat0);
    xy p = plane(lat, lon, lat0);
    double w = hi.x - lo.x, h = hi.y - lo.y;
    if (w < 1)
        w = 1;
    if (h < 1)
        h = 1;
    /* The drawing is 2 units wide and 1 tall: one scale for both axes, centred. */
    double scale = 2.0 / w < 1.0 / h ? 2.0 / w : 1.0 / h;
    double ox = (2.0 - w * scale) / 2, oy = (1.0 - h * scale) / 2;
    *x = (float)((ox + (p.x - lo.x) * scale) / 2.0);
    *y = (float)(oy + (hi.y - p.y) * scale);
}

/* ---- live delays ---- */

/* Scheduled unix ms at which trip t of service date ymd passes progress s (metres along its own
 * stops), and its polyline; -1 when it cannot be placed. */
static int64_t scheduled_at(const gtfs_feed *f, int t, int32_t ymd, double s, int64_t midnight)
{
    const gtfs_trip *trip = &f->trips[t];
    const gtfs_stop_time *st = &f->stop_times[trip->first_stop_time];
    double lat0 = f->stops[st[0].stop].lat;
    double cum = 0;
    for (int i = 0; i + 1 < trip->n_stop_times; i++) {
        xy a = plane(f->stops[st[i].stop].lat, f->stops[st[i].stop].lon, lat0);
        xy b = plane(f->stops[st[i + 1].stop].lat, f->stops[st[i + 1].stop].lon, lat0);
        double len = hypot(b.x - a.x, b.y - a.y);
        if (s <= cum + len || i + 2 == trip->n_stop_times) {
            double u = len > 0 ? (s - cum) / len : 0;
            u = u < 0 ? 0 : u > 1 ? 1 : u;
            double secs = st[i].departure_s + u * (st[i + 1].arrival_s - st[i].departure_s);
            return midnight + (int64_t)(secs * 1000);
        }
        cum += len;
    }
    (void)ymd;
    return -1;
}

void sh_estimate_delays(const gtfs_feed *f, const sh_route_shape *shape, const sh_vehicle *v,
                        int n_vehicles, int64_t now_ms, sh_departure *deps, int n_deps)
{
    sh_local now;
    if (!f || sh_local_time(now_ms, f->timezone, &now) < 0)
        return;
    enum { MAX_RUNNING = 64 };
    struct running {
        int trip;
        int32_t ymd;
        int64_t midnight;
        int taken;
        int delay_s;
    } run[MAX_RUNNING];
    int n_run = 0;
    for (int day = -1; day <= 0; day++) {
        int32_t ymd = gtfs_add_days(now.ymd, day);
        int64_t midnight = sh_unix_ms(ymd, 0, f->timezone);
        for (int t = 0; t < f->n_trips && n_run < MAX_RUNNING; t++) {
            const gtfs_trip *trip = &f->trips[t];
            if (shape->route >= 0 && trip->route != shape->route)
                continue;
            if (!gtfs_service_runs(f, trip->service, ymd))
                continue;
            const gtfs_stop_time *st = &f->stop_times[trip->first_stop_time];
            int64_t start = midnight + (int64_t)st[0].departure_s * 1000 - 5 * 60000;
            int64_t end =
                midnight + (int64_t)st[trip->n_stop_times - 1].arrival_s * 1000 + 30 * 60000;
            if (now_ms >= start && now_ms <= end)
                run[n_run++] = (struct running){t, ymd, midnight, 0, 0};
        }
    }
    for (int k = 0; k < n_vehicles; k++) {
        if (!v[k].on_route)
            continue;
        int best = -1;
        int64_t best_abs = 0;
        int best_delay = 0;
        for (int r = 0; r < n_run; r++) {
            if (run[r].taken)
                continue;
            const gtfs_trip *trip = &f->trips[run[r].trip];
            const gtfs_stop_time *st = &f->stop_times[trip->first_stop_time];
            double lat0 = f->stops[st[0].stop].lat;
            xy pts[SH_MAX_ROUTE_STOPS];
            int n =
                trip->n_stop_times < SH_MAX_ROUTE_STOPS ? trip->n_stop_times : SH_MAX_ROUTE_STOPS;
            for (int i = 0; i < n; i++)
                pts[i] = plane(f->stops[st[i].stop].lat, f->stops[st[i].stop].lon, lat0);
            double off = 0;
            double s = polyline_progress(pts, n, plane(v[k].lat, v[k].lon, lat0), &off);
            if (off > 300)
                continue;
            int64_t at = scheduled_at(f, run[r].trip, run[r].ymd, s, run[r].midnight);
            if (at < 0)
                continue;
            int64_t delay_ms = now_ms - at;
            int64_t abs_ms = delay_ms < 0 ? -delay_ms : delay_ms;
            if (abs_ms > 30 * 60000)
                continue;
            if (best < 0 || abs_ms < best_abs) {
                best = r;
                best_abs = abs_ms;
                best_delay = (int)(delay_ms / 1000);
            }
        }
        if (best >= 0) {
            run[best].taken = 1;
            run[best].delay_s = best_delay;
        }
    }
    for (int i = 0; i < n_deps; i++)
        for (int r = 0; r < n_run; r++)
            if (run[r].taken && run[r].trip == deps[i].trip && run[r].ymd == deps[i].ymd) {
                deps[i].has_delay = 1;
                deps[i].delay_s = run[r].delay_s;
            }
}

/* ---- codes ---- */

int sh_normalise_code(const char *in, char *out, size_t cap)
{
    static const char alphabet[] = "ACDEFGHJKMNPQRTUVWXY34679";
    size_t n = 0;
    for (const char *p = in; p && *p && n + 1 < cap; p++) {
        char c = *p;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (strchr(alphabet, c) && c)
            out[n++] = c;
    }
    if (cap)
        out[n < cap ? n : cap - 1] = '\0';
    return n == 6;
}
