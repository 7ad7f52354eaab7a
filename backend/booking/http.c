/* HTTP side of the booking service: libmicrohttpd with a thread pool, bearer-token kiosks, a
 * token bucket per kiosk, JSON in and out (Jansson). Every bad request gets a 4xx with a reason;
 * only an unreachable database gives 503. The API is in backend/README.md. */
#include "booking.h"

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_BODY_BYTES 4096
#define BUCKETS 4096
#define MAX_LIST_ITEMS 2000

typedef struct bucket {
    char kiosk[BK_KIOSK_ID_MAX + 1];
    double tokens;
    double last_s;
} bucket;

struct bk_server {
    struct MHD_Daemon *mhd;
    bk_db *db;
    const gtfs_feed *feed;
    bk_server_opts opts;
    pthread_mutex_t rate_lock;
    bucket *buckets;
    char *cert, *key;
};

typedef struct request {
    char *body;
    size_t n_body;
    int too_large;
} request;

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- responses ---- */

static enum MHD_Result send_json(struct MHD_Connection *conn, unsigned status, json_t *body)
{
    char *text = json_dumps(body, JSON_COMPACT);
    json_decref(body);
    if (!text)
        return MHD_NO;
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
    if (!resp) {
        free(text);
        return MHD_NO;
    }
    MHD_add_response_header(resp, "Content-Type", "application/json");
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    enum MHD_Result r = MHD_queue_response(conn, status, resp);
    MHD_destroy_response(resp);
    return r;
}

static enum MHD_Result send_error(struct MHD_Connection *conn, unsigned status, const char *why)
{
    return send_json(conn, status, json_pack("{s:s}", "error", why));
}

static enum MHD_Result send_empty(struct MHD_Connection *conn, unsigned status)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
    if (!resp)
        return MHD_NO;
    enum MHD_Result r = MHD_queue_response(conn, status, resp);
    MHD_destroy_response(resp);
    return r;
}

static enum MHD_Result send_unavailable(struct MHD_Connection *conn)
{
    return send_error(conn, MHD_HTTP_SERVICE_UNAVAILABLE, "booking database unavailable");
}

/* ---- rate limit: a token bucket per kiosk ---- */

static unsigned hash_str(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* 1 when kiosk may make another request now. */
static int rate_allow(bk_server *srv, const char *kiosk)
{
    if (srv->opts.rate_per_s <= 0)
        return 1;
    double t = now_s();
    int allowed = 1;
    pthread_mutex_lock(&srv->rate_lock);
    unsigned i = hash_str(kiosk) % BUCKETS;
    for (unsigned probe = 0; probe < BUCKETS; probe++, i = (i + 1) % BUCKETS) {
        bucket *b = &srv->buckets[i];
        if (b->kiosk[0] && strcmp(b->kiosk, kiosk) != 0)
            continue;
        if (!b->kiosk[0]) {
            snprintf(b->kiosk, sizeof b->kiosk, "%s", kiosk);
            b->tokens = srv->opts.rate_burst;
            b->last_s = t;
        }
        b->tokens += (t - b->last_s) * srv->opts.rate_per_s;
        if (b->tokens > srv->opts.rate_burst)
            b->tokens = srv->opts.rate_burst;
        b->last_s = t;
        if (b->tokens >= 1.0)
            b->tokens -= 1.0;
        else
            allowed = 0;
        break;
    }
    pthread_mutex_unlock(&srv->rate_lock);
    return allowed;
}

/* ---- time ---- */

/* Today's date in the agency's time zone (the process runs with TZ set to it). */
static int32_t today_ymd(void)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

/* The instant of service day ymd plus secs (GTFS: measured from noon minus 12 h, which is
 * midnight except on DST change days; Asia/Seoul has none). */
static time_t service_instant(int32_t ymd, int secs)
{
    struct tm tm = {0};
    tm.tm_year = ymd / 10000 - 1900;
    tm.tm_mon = ymd / 100 % 100 - 1;
    tm.tm_mday = ymd % 100;
    tm.tm_hour = 12;
    tm.tm_isdst = -1;
    return mktime(&tm) - 12 * 3600 + secs;
}

static void iso_local(time_t t, char *out, size_t cap)
{
    struct tm tm;
    localtime_r(&t, &tm);
    char z[8];
    strftime(z, sizeof z, "%z", &tm); /* +0900 */
    char date[32];
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out, cap, "%s%.3s:%s", date, z, z + 3);
}

/* ---- auth ---- */

/* Authenticates the request; on success kiosk_out holds the kiosk id and 1 is returned. On failure
 * a response was queued and *result holds what the handler returns. */
static int authenticate(bk_server *srv, struct MHD_Connection *conn, char *kiosk_out,
                        enum MHD_Result *result)
{
    const char *auth = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization");
    if (!auth || strncmp(auth, "Bearer ", 7) != 0 || strlen(auth + 7) != BK_TOKEN_HEX_LEN) {
        *result = send_error(conn, MHD_HTTP_UNAUTHORIZED, "missing or malformed bearer token");
        return 0;
    }
    bk_status st = bk_db_kiosk_for_token(srv->db, auth + 7, kiosk_out);
    if (st == BK_UNAVAILABLE) {
        *result = send_unavailable(conn);
        return 0;
    }
    if (st != BK_OK) {
        *result = send_error(conn, MHD_HTTP_UNAUTHORIZED, "unknown token");
        return 0;
    }
    if (!rate_allow(srv, kiosk_out)) {
        struct MHD_Response *resp = NULL;
        char *text = strdup("{\"error\":\"rate limited\"}");
        if (text)
            resp = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
        if (!resp) {
            free(text);
            *result = MHD_NO;
            return 0;
        }
        MHD_add_response_header(resp, "Content-Type", "application/json");
        MHD_add_response_header(resp, "Retry-After", "1");
        *result = MHD_queue_response(conn, MHD_HTTP_TOO_MANY_REQUESTS, resp);
        MHD_destroy_response(resp);
        return 0;
    }
    return 1;
}

/* ---- GET /v1/trips ---- */

typedef struct sold_map {
    const gtfs_feed *feed;
    int *seats, *wheel; /* per trip index */
} sold_map;

static void on_sold(void *user, const char *trip_id, int seats_sold, int wheelchair_sold)
{
    sold_map *m = user;
    int t = gtfs_find_trip(m->feed, trip_id);
    if (t >= 0) {
        m->seats[t] = seats_sold;
        m->wheel[t] = wheelchair_sold;
    }
}

typedef struct departure {
    int trip;
    int secs;
} departure;

static int cmp_departure(const void *a, const void *b)
{
    const departure *x = a, *y = b;
    return x->secs != y->secs ? (x->secs < y->secs ? -1 : 1) : (x->trip - y->trip);
}

static enum MHD_Result get_trips(bk_server *srv, struct MHD_Connection *conn)
{
    const char *stop_id = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "stop");
    const char *date = MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, "date");
    if (!stop_id || !*stop_id)
        return send_error(conn, MHD_HTTP_BAD_REQUEST, "stop is required");
    int stop = gtfs_find_stop(srv->feed, stop_id);
    if (stop < 0)
        return send_error(conn, MHD_HTTP_BAD_REQUEST, "unknown stop");
    int32_t ymd = date ? gtfs_parse_date(date, 1) : today_ymd();
    if (ymd < 0)
        return send_error(conn, MHD_HTTP_BAD_REQUEST, "date must be YYYY-MM-DD");
    const gtfs_feed *f = srv->feed;
    sold_map m = {f, calloc((size_t)f->n_trips, sizeof(int)),
                  calloc((size_t)f->n_trips, sizeof(int))};
    departure *deps = calloc(MAX_LIST_ITEMS, sizeof *deps);
    if (!m.seats || !m.wheel || !deps) {
        free(m.seats);
        free(m.wheel);
        free(deps);
        return MHD_NO;
    }
    enum MHD_Result result = MHD_NO;
    if (bk_db_sold_on(srv->db, ymd, on_sold, &m) != BK_OK) {
        result = send_unavailable(conn);
        goto out;
    }
    int n = 0;
    for (int i = 0; i < f->n_stop_times && n < MAX_LIST_ITEMS; i++) {
        const gtfs_stop_time *st = &f->stop_times[i];
        const gtfs_trip *t = &f->trips[st->trip];
        int last = i == t->first_stop_time + t->n_stop_times - 1; /* nobody boards at the end */
        if (st->stop == stop && !last && gtfs_service_runs(f, t->service, ymd))
            deps[n++] = (departure){st->trip, st->departure_s};
    }
    qsort(deps, (size_t)n, sizeof *deps, cmp_departure);
    json_t *list = json_array();
    for (int i = 0; i < n; i++) {
        const gtfs_trip *t = &f->trips[deps[i].trip];
        char when[40];
        iso_local(service_instant(ymd, deps[i].secs), when, sizeof when);
        int seats_left = t->seats - m.seats[deps[i].trip];
        int wheel_left = t->wheelchair_places - m.wheel[deps[i].trip];
        json_array_append_new(list, json_pack("{s:s, s:s, s:i, s:i}", "trip_id", t->id, "departure",
                                              when, "seats_left", seats_left < 0 ? 0 : seats_left,
                                              "wheelchair_left", wheel_left < 0 ? 0 : wheel_left));
    }
    result = send_json(conn, MHD_HTTP_OK, list);
out:
    free(m.seats);
    free(m.wheel);
    free(deps);
    return result;
}

/* ---- POST /v1/trips/{trip_id}/bookings ---- */

/* Departure (seconds of the service day) of trip t at stop, or at its first stop when stop < 0;
 * *rule gets that stop time's booking rule. -1 when the trip does not call there. */
static int departure_at(const gtfs_feed *f, int t, int stop, int *rule)
{
    const gtfs_trip *trip = &f->trips[t];
    for (int i = 0; i < trip->n_stop_times - 1; i++) {
        const gtfs_stop_time *st = &f->stop_times[trip->first_stop_time + i];
        if (stop < 0 || st->stop == stop) {
            *rule = st->booking_rule;
            return st->departure_s;
        }
    }
    return -1;
}

/* Whether a run departing at dep (instant) may be booked now, by the stop time's booking rule
 * (GTFS-Flex booking_rules.txt) or the service's default window. */
static const char *window_refusal(const bk_server *srv, int rule, time_t dep, int32_t ymd)
{
    time_t now = time(NULL);
    if (dep <= now)
        return "departed";
    long lead_s = (long)(dep - now);
    if (rule >= 0) {
        const gtfs_booking_rule *r = &srv->feed->booking_rules[rule];
        if (r->prior_notice_duration_min > 0 && lead_s < r->prior_notice_duration_min * 60L)
            return "booking closed";
        if (r->prior_notice_duration_max > 0 && lead_s > r->prior_notice_duration_max * 60L)
            return "not yet bookable";
        int32_t today = today_ymd();
        if (r->type == 2 && r->prior_notice_last_day >= 0 &&
            ymd < gtfs_add_days(today, r->prior_notice_last_day))
            return "booking closed";
        if (r->prior_notice_start_day >= 0 && ymd > gtfs_add_days(today, r->prior_notice_start_day))
            return "not yet bookable";
        if (r->type == 0 || r->type == 1)
            return NULL;
    }
    if (lead_s > srv->opts.max_days_ahead * 86400L)
        return "not yet bookable";
    return NULL;
}

static enum MHD_Result post_booking(bk_server *srv, struct MHD_Connection *conn,
                                    const char *trip_id, const char *kiosk, request *req)
{
    if (req->too_large)
        return send_error(conn, MHD_HTTP_BAD_REQUEST, "body larger than 4096 bytes");
    int t = gtfs_find_trip(srv->feed, trip_id);
    if (t < 0)
        return send_error(conn, MHD_HTTP_BAD_REQUEST, "unknown trip");
    json_error_t jerr;
    json_t *body =
        json_loadb(req->body ? req->body : "", req->n_body, JSON_REJECT_DUPLICATES, &jerr);
    if (!body)
        return send_error(conn, MHD_HTTP_BAD_REQUEST, "body is not valid JSON");
    enum MHD_Result result = MHD_NO;
    const char *why = NULL;
    json_t *j_seats = json_object_get(body, "seats");
    json_t *j_wheel = json_object_get(body, "wheelchair");
    json_t *j_kiosk = json_object_get(body, "kiosk");
    json_t *j_date = json_object_get(body, "date");
    json_t *j_stop = json_object_get(body, "stop");
    json_t *j_key = json_object_get(body, "idempotency_key");
    const char *key = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Idempotency-Key");
    json_int_t seats = j_seats && json_is_integer(j_seats) ? json_integer_value(j_seats) : -1;
    int wheel = j_wheel ? json_is_true(j_wheel) : 0;
    if (!json_is_object(body))
        why = "body must be a JSON object";
    else if (!j_seats || !json_is_integer(j_seats))
        why = "seats must be a whole number";
    else if (j_wheel && !json_is_boolean(j_wheel))
        why = "wheelchair must be true or false";
    else if (seats < (wheel ? 0 : 1) || seats > 4)
        why = wheel ? "seats must be 0 to 4" : "seats must be 1 to 4";
    else if (!j_kiosk || !json_is_string(j_kiosk))
        why = "kiosk must be a string";
    else if (strcmp(json_string_value(j_kiosk), kiosk) != 0)
        why = "kiosk does not match the token";
    else if (j_date &&
             (!json_is_string(j_date) || gtfs_parse_date(json_string_value(j_date), 1) < 0))
        why = "date must be YYYY-MM-DD";
    else if (j_stop &&
             (!json_is_string(j_stop) || gtfs_find_stop(srv->feed, json_string_value(j_stop)) < 0))
        why = "unknown stop";
    else if (j_key && (!json_is_string(j_key) || strlen(json_string_value(j_key)) > 64))
        why = "idempotency_key must be a string of at most 64 characters";
    else if (!j_key && key && strlen(key) > 64)
        why = "Idempotency-Key must be at most 64 characters";
    if (why) {
        result = send_error(conn, MHD_HTTP_BAD_REQUEST, why);
        goto out;
    }
    if (j_key)
        key = json_string_value(j_key);
    const gtfs_feed *f = srv->feed;
    int stop = j_stop ? gtfs_find_stop(f, json_string_value(j_stop)) : -1;
    int rule = -1;
    int dep_s = departure_at(f, t, stop, &rule);
    if (dep_s < 0) {
        result = send_error(conn, MHD_HTTP_BAD_REQUEST, "the trip does not leave from this stop");
        goto out;
    }
    /* The run: the given date, or the next one (today or later) that can still be booked. */
    int32_t ymd = -1;
    const char *refusal = "no run of this trip can be booked now";
    if (j_date) {
        ymd = gtfs_parse_date(json_string_value(j_date), 1);
        if (!gtfs_service_runs(f, f->trips[t].service, ymd)) {
            result = send_error(conn, MHD_HTTP_BAD_REQUEST, "the trip does not run on that date");
            goto out;
        }
        refusal = window_refusal(srv, rule, service_instant(ymd, dep_s), ymd);
    } else {
        int32_t day = gtfs_add_days(today_ymd(), -1); /* a run after midnight of yesterday's day */
        for (int i = 0; i <= srv->opts.max_days_ahead + 1; i++, day = gtfs_add_days(day, 1)) {
            if (!gtfs_service_runs(f, f->trips[t].service, day))
                continue;
            const char *r = window_refusal(srv, rule, service_instant(day, dep_s), day);
            if (!r) {
                ymd = day;
                refusal = NULL;
                break;
            }
        }
    }
    if (refusal) {
        result = send_error(conn, MHD_HTTP_CONFLICT, refusal);
        goto out;
    }
    bk_booking b;
    bk_status st = bk_db_book(srv->db, f->trips[t].id, ymd, f->trips[t].seats,
                              f->trips[t].wheelchair_places, (int)seats, wheel, kiosk, key, &b);
    if (st == BK_FULL) {
        result = send_error(conn, MHD_HTTP_CONFLICT, "full");
    } else if (st != BK_OK) {
        result = send_unavailable(conn);
    } else {
        char date[16], when[40];
        snprintf(date, sizeof date, "%04d-%02d-%02d", (int)(ymd / 10000 % 10000),
                 (int)(ymd / 100 % 100), (int)(ymd % 100));
        iso_local(service_instant(ymd, dep_s), when, sizeof when);
        result = send_json(conn, b.replayed ? MHD_HTTP_OK : MHD_HTTP_CREATED,
                           json_pack("{s:s, s:s, s:i, s:b, s:s, s:s}", "code", b.code, "trip_id",
                                     f->trips[t].id, "seats", b.seats, "wheelchair", b.wheelchair,
                                     "date", date, "departure", when));
    }
out:
    json_decref(body);
    return result;
}

/* ---- DELETE /v1/bookings/{code} ---- */

static enum MHD_Result delete_booking(bk_server *srv, struct MHD_Connection *conn, const char *code)
{
    char upper[BK_CODE_LEN + 1];
    size_t n = strlen(code);
    if (n != BK_CODE_LEN)
        return send_error(conn, MHD_HTTP_NOT_FOUND, "no such booking");
    for (size_t i = 0; i < n; i++) {
        char ch = code[i];
        if (ch >= 'a' && ch <= 'z')
            ch = (char)(ch - 'a' + 'A');
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')))
            return send_error(conn, MHD_HTTP_NOT_FOUND, "no such booking");
        upper[i] = ch;
    }
    upper[n] = '\0';
    bk_status st = bk_db_cancel(srv->db, upper);
    if (st == BK_OK)
        return send_empty(conn, MHD_HTTP_NO_CONTENT);
    if (st == BK_NOT_FOUND)
        return send_error(conn, MHD_HTTP_NOT_FOUND, "no such booking");
    return send_unavailable(conn);
}

/* ---- routing ---- */

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls)
{
    bk_server *srv = cls;
    request *req = *con_cls;
    if (!req) {
        req = calloc(1, sizeof *req);
        if (!req)
            return MHD_NO;
        *con_cls = req;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        if (req->n_body + *upload_data_size > MAX_BODY_BYTES) {
            req->too_large = 1;
        } else {
            char *grown = realloc(req->body, req->n_body + *upload_data_size + 1);
            if (!grown)
                return MHD_NO;
            req->body = grown;
            memcpy(req->body + req->n_body, upload_data, *upload_data_size);
            req->n_body += *upload_data_size;
            req->body[req->n_body] = '\0';
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (strcmp(url, "/v1/health") == 0)
        return send_json(conn, MHD_HTTP_OK, json_pack("{s:b}", "ok", 1));
    int is_get = strcmp(method, "GET") == 0, is_post = strcmp(method, "POST") == 0;
    int is_delete = strcmp(method, "DELETE") == 0;
    const char *trips = "/v1/trips", *bookings = "/v1/bookings/";
    size_t n_url = strlen(url);
    int route_list = strcmp(url, trips) == 0;
    int route_book = strncmp(url, "/v1/trips/", 10) == 0 && n_url > 19 &&
                     strcmp(url + n_url - 9, "/bookings") == 0;
    int route_cancel = strncmp(url, bookings, strlen(bookings)) == 0 &&
                       strchr(url + strlen(bookings), '/') == NULL;
    if (!route_list && !route_book && !route_cancel)
        return send_error(conn, MHD_HTTP_NOT_FOUND, "no such resource");
    if ((route_list && !is_get) || (route_book && !is_post) || (route_cancel && !is_delete))
        return send_error(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "method not allowed here");
    char kiosk[BK_KIOSK_ID_MAX + 1];
    enum MHD_Result result = MHD_NO;
    if (!authenticate(srv, conn, kiosk, &result))
        return result;
    if (route_list)
        return get_trips(srv, conn);
    if (route_cancel)
        return delete_booking(srv, conn, url + strlen(bookings));
    char trip_id[256];
    size_t n_trip = n_url - 10 - 9;
    if (n_trip == 0 || n_trip >= sizeof trip_id)
        return send_error(conn, MHD_HTTP_BAD_REQUEST, "unknown trip");
    memcpy(trip_id, url + 10, n_trip);
    trip_id[n_trip] = '\0';
    return post_booking(srv, conn, trip_id, kiosk, req);
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    request *req = *con_cls;
    if (req) {
        free(req->body);
        free(req);
        *con_cls = NULL;
    }
}

/* Parses "HOST:PORT" or "[V6]:PORT" into a socket address. 0 or -1. */
static int parse_listen(const char *s, struct sockaddr_storage *ss)
{
    char host[128];
    const char *colon = strrchr(s, ':');
    if (!colon || colon == s || (size_t)(colon - s) >= sizeof host)
        return -1;
    memcpy(host, s, (size_t)(colon - s));
    host[colon - s] = '\0';
    char *end = NULL;
    long port = strtol(colon + 1, &end, 10);
    if (*end || port < 1 || port > 65535)
        return -1;
    memset(ss, 0, sizeof *ss);
    if (host[0] == '[') {
        size_t n = strlen(host);
        if (n < 3 || host[n - 1] != ']')
            return -1;
        host[n - 1] = '\0';
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        return inet_pton(AF_INET6, host + 1, &a6->sin6_addr) == 1 ? 0 : -1;
    }
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)port);
    if (strcmp(host, "localhost") == 0)
        snprintf(host, sizeof host, "127.0.0.1");
    return inet_pton(AF_INET, host, &a4->sin_addr) == 1 ? 0 : -1;
}

static char *read_pem(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = calloc(1, 1 << 16);
    size_t n = buf ? fread(buf, 1, (1 << 16) - 1, f) : 0;
    fclose(f);
    if (buf && n == 0) {
        free(buf);
        buf = NULL;
    }
    return buf;
}

bk_server *bk_server_start(const bk_server_opts *opts, bk_db *db, const gtfs_feed *feed)
{
    struct sockaddr_storage addr;
    if (parse_listen(opts->listen, &addr) < 0) {
        bk_log("HTTP: --listen '%s' is not HOST:PORT", opts->listen);
        return NULL;
    }
    bk_server *srv = calloc(1, sizeof *srv);
    if (!srv)
        return NULL;
    srv->db = db;
    srv->feed = feed;
    srv->opts = *opts;
    srv->buckets = calloc(BUCKETS, sizeof *srv->buckets);
    pthread_mutex_init(&srv->rate_lock, NULL);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
    if (addr.ss_family == AF_INET6)
        flags |= MHD_USE_IPv6;
    if (opts->tls_cert || opts->tls_key) {
        srv->cert = opts->tls_cert ? read_pem(opts->tls_cert) : NULL;
        srv->key = opts->tls_key ? read_pem(opts->tls_key) : NULL;
        if (!srv->cert || !srv->key) {
            bk_log("HTTP: cannot read the TLS certificate and key (both are needed)");
            bk_server_stop(srv);
            return NULL;
        }
        flags |= MHD_USE_TLS;
    }
    if (!srv->buckets) {
        bk_server_stop(srv);
        return NULL;
    }
    unsigned n_threads = (unsigned)(opts->n_threads > 0 ? opts->n_threads : 4);
    if (srv->cert)
        srv->mhd = MHD_start_daemon(flags, 0, NULL, NULL, handle, srv, MHD_OPTION_SOCK_ADDR,
                                    (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
                                    n_threads, MHD_OPTION_NOTIFY_COMPLETED, completed, srv,
                                    MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_LIMIT,
                                    1000u, MHD_OPTION_HTTPS_MEM_CERT, srv->cert,
                                    MHD_OPTION_HTTPS_MEM_KEY, srv->key, MHD_OPTION_END);
    else
        srv->mhd = MHD_start_daemon(flags, 0, NULL, NULL, handle, srv, MHD_OPTION_SOCK_ADDR,
                                    (struct sockaddr *)&addr, MHD_OPTION_THREAD_POOL_SIZE,
                                    n_threads, MHD_OPTION_NOTIFY_COMPLETED, completed, srv,
                                    MHD_OPTION_CONNECTION_TIMEOUT, 30u, MHD_OPTION_CONNECTION_LIMIT,
                                    1000u, MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u, MHD_OPTION_END);
    if (!srv->mhd) {
        bk_log("HTTP: cannot listen on %s: %s", opts->listen, strerror(errno));
        bk_server_stop(srv);
        return NULL;
    }
    return srv;
}

void bk_server_stop(bk_server *srv)
{
    if (!srv)
        return;
    if (srv->mhd)
        MHD_stop_daemon(srv->mhd);
    pthread_mutex_destroy(&srv->rate_lock);
    free(srv->buckets);
    free(srv->cert);
    free(srv->key);
    free(srv);
}
