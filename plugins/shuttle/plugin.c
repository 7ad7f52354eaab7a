/* Shuttle plugin (커넥티드 안산, id kr.go.ansan.shuttle): where the autonomous shuttles are, when
 * the next ones leave from this kiosk's stop, and a seat (or the wheelchair place) booked without
 * an app, an account or a phone number. The timetable comes from the plugin's GTFS content and
 * always shows; live vehicles come from the city data hub (host hub query); bookings go to the
 * city's booking service (host HTTP; backend/booking). The ticket and everything the visitor chose
 * live in `session` and are wiped by reset(); nothing is written to disk.
 */
#include <madang/plugin.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shuttle.h"

#define TAG "SHUTTLE: "
/* Marks a message for extraction (madang-locale update) where it is not a direct tr() argument. */
#define N_(s) s
#define AVAIL_REFRESH_MS 60000
#define CODE_ALPHABET "ACDEFGHJKMNPQRTUVWXY34679"

typedef enum screen { SCR_NONE = 0, SCR_MAIN, SCR_BOOK, SCR_TICKET, SCR_CANCEL } screen;

typedef enum req_kind { REQ_NONE = 0, REQ_BOOK, REQ_CANCEL } req_kind;

/* Everything of the visitor's. reset() zeroes it. */
typedef struct session {
    screen scr;
    sh_departure chosen;
    int seats, wheelchair;
    uint64_t req;
    req_kind req_kind;
    char idem_key[40];
    const char *message; /* msgid of the last outcome on the current screen, or NULL */
    int message_danger;
    char code[8]; /* the ticket */
    sh_departure ticket_dep;
    int ticket_seats, ticket_wheelchair;
    char typed[8];      /* the code being typed to cancel */
    char cancelling[8]; /* the code of the cancel in flight */
} session;

typedef struct seats_info {
    char trip_id[64];
    int seats_left, wheelchair_left;
} seats_info;

typedef struct shuttle {
    md_plugin_ctx *ctx;
    const md_host *host;
    gtfs_feed *feed; /* NULL: the timetable is not available */
    int stop;        /* this kiosk's stop */
    sh_route_shape shape;
    const char *booking_url, *token, *kiosk_id; /* from the config; NULL: no booking here */
    /* live vehicles (the hub query belongs to the kiosk, not the visitor) */
    uint64_t hub;
    int hub_gen;
    sh_vehicle vehicles[SH_MAX_VEHICLES];
    int n_vehicles;
    /* seats left, from the booking service */
    uint64_t avail_req;
    int64_t avail_at_ms;
    int32_t avail_ymd;
    int booking_up; /* 1 answered, 0 down, -1 not asked yet */
    seats_info seats[128];
    int n_seats;
    char auth_line[160];                    /* "Authorization: Bearer …" */
    const char *headers[2];                 /* passed with every booking request */
    char secondary[SH_MAX_DEPARTURES][512]; /* this frame's departure lines */
    session s;
} shuttle;

/* --- small helpers --- */

static const char *tr(shuttle *p, const char *msgid)
{
    return p->host->tr(p->ctx, msgid);
}

static const char *fmt(shuttle *p, const char *msgid, const md_arg *args, int n)
{
    return p->host->format(p->ctx, NULL, msgid, args, n);
}

static md_arg arg_s(const char *name, const char *s)
{
    md_arg a = {name, MD_ARG_STRING, {0}};
    a.v.s = s;
    return a;
}

static md_arg arg_i(const char *name, int64_t i)
{
    md_arg a = {name, MD_ARG_INT, {0}};
    a.v.i = i;
    return a;
}

static int has(const shuttle *p, size_t offset_end)
{
    return p->host->struct_size >= offset_end;
}
#define HOST_HAS(p, field) has((p), offsetof(md_host, field) + sizeof((p)->host->field))

static int64_t now_ms(shuttle *p)
{
    return p->host->now_unix_ms(p->ctx);
}

/* A stop's name in the visitor's language: the PO domain carries translations of the GTFS
 * stop_name (msgid = the name as in stops.txt). */
static const char *stop_name(shuttle *p, int stop)
{
    return tr(p, p->feed->stops[stop].name);
}

static const char *time_text(shuttle *p, int64_t ms)
{
    return p->host->format_date(p->ctx, ms, "jm", p->feed->timezone);
}

static const seats_info *seats_of(const shuttle *p, const sh_departure *d)
{
    if (d->ymd != p->avail_ymd)
        return NULL;
    for (int i = 0; i < p->n_seats; i++)
        if (strcmp(p->seats[i].trip_id, p->feed->trips[d->trip].id) == 0)
            return &p->seats[i];
    return NULL;
}

static void date_iso(int32_t ymd, char *out, size_t cap)
{
    snprintf(out, cap, "%04d-%02d-%02d", (int)(ymd / 10000 % 10000), (int)(ymd / 100 % 100),
             (int)(ymd % 100));
}

static int booking_possible(const shuttle *p)
{
    return p->booking_url && p->token && p->kiosk_id && HOST_HAS(p, http_start);
}

/* Starts an HTTP request to the booking service; 0 when it cannot. */
static uint64_t booking_request(shuttle *p, const char *method, const char *path, const char *body)
{
    if (!booking_possible(p))
        return 0;
    char url[512];
    snprintf(url, sizeof url, "%s%s", p->booking_url, path);
    snprintf(p->auth_line, sizeof p->auth_line, "Authorization: Bearer %s", p->token);
    p->headers[0] = p->auth_line;
    p->headers[1] = "Content-Type: application/json";
    return p->host->http_start(p->ctx, method, url, p->headers, 2, body, body ? strlen(body) : 0,
                               8000, 256 * 1024);
}

/* --- seats left (GET /v1/trips) --- */

static void availability_poll(shuttle *p)
{
    if (!booking_possible(p) || !p->feed)
        return;
    int64_t now = now_ms(p);
    if (p->avail_req) {
        int st = p->host->http_state(p->ctx, p->avail_req);
        if (st == MD_HTTP_PENDING) {
            p->host->ui_request_frame(p->ctx);
            return;
        }
        int status = st == MD_HTTP_DONE ? p->host->http_status(p->ctx, p->avail_req) : 0;
        size_t n = 0;
        const char *body = status == 200 ? p->host->http_body(p->ctx, p->avail_req, &n) : NULL;
        json_error_t err;
        json_t *root = body ? json_loadb(body, n, 0, &err) : NULL;
        if (json_is_array(root)) {
            p->n_seats = 0;
            size_t i;
            json_t *e;
            json_array_foreach(root, i, e)
            {
                json_t *id = json_object_get(e, "trip_id");
                json_t *sl = json_object_get(e, "seats_left");
                json_t *wl = json_object_get(e, "wheelchair_left");
                if (!json_is_string(id) || !json_is_integer(sl) ||
                    p->n_seats >= (int)(sizeof p->seats / sizeof p->seats[0]))
                    continue;
                seats_info *si = &p->seats[p->n_seats++];
                snprintf(si->trip_id, sizeof si->trip_id, "%s", json_string_value(id));
                si->seats_left = (int)json_integer_value(sl);
                si->wheelchair_left = json_is_integer(wl) ? (int)json_integer_value(wl) : 0;
            }
            p->booking_up = 1;
        } else {
            if (p->booking_up != 0)
                p->host->log(p->ctx, MD_LOG_WARN,
                             TAG "booking service not answering (%s): booking disabled",
                             st == MD_HTTP_FAILED ? p->host->http_error(p->ctx, p->avail_req)
                                                  : "bad answer");
            p->booking_up = 0;
        }
        json_decref(root);
        p->host->http_free(p->ctx, p->avail_req);
        p->avail_req = 0;
        p->avail_at_ms = now;
        p->host->ui_request_frame(p->ctx);
        return;
    }
    if (p->booking_up >= 0 && now - p->avail_at_ms < AVAIL_REFRESH_MS)
        return;
    sh_local local;
    if (sh_local_time(now, p->feed->timezone, &local) < 0)
        return;
    char path[256], date[16];
    date_iso(local.ymd, date, sizeof date);
    snprintf(path, sizeof path, "/v1/trips?stop=%s&date=%s", p->feed->stops[p->stop].id, date);
    p->avail_ymd = local.ymd;
    p->avail_req = booking_request(p, "GET", path, NULL);
    if (!p->avail_req) {
        p->booking_up = 0;
        p->avail_at_ms = now;
    } else {
        p->host->ui_request_frame(p->ctx);
    }
}

/* --- live vehicles --- */

static void vehicles_poll(shuttle *p)
{
    if (!p->hub || !HOST_HAS(p, hub_result))
        return;
    const char *json = NULL;
    size_t n = 0;
    int gen = p->host->hub_result(p->ctx, p->hub, &json, &n, NULL);
    if (gen <= 0 || gen == p->hub_gen)
        return;
    p->hub_gen = gen;
    sh_vehicle v[SH_MAX_VEHICLES];
    int got = sh_parse_vehicles(json, n, v, SH_MAX_VEHICLES);
    if (got < 0) {
        p->host->log(p->ctx, MD_LOG_WARN,
                     TAG "hub answer is not a list of vehicles: kept the last");
        return;
    }
    /* Only the vehicles near this route. */
    p->n_vehicles = 0;
    for (int i = 0; i < got; i++) {
        double off = 0;
        sh_route_progress(p->feed, &p->shape, v[i].lat, v[i].lon, &off);
        if (off < 500)
            p->vehicles[p->n_vehicles++] = v[i];
    }
}

/* --- navigation --- */

static void go(shuttle *p, screen to)
{
    p->s.scr = to;
    p->s.message = NULL;
    p->s.message_danger = 0;
}

static void cancel_request(shuttle *p)
{
    if (p->s.req) {
        p->host->http_free(p->ctx, p->s.req);
        p->s.req = 0;
        p->s.req_kind = REQ_NONE;
    }
}

/* --- screens --- */

static void map_view(shuttle *p, const sh_departure *deps, int n_deps)
{
    if (!HOST_HAS(p, ui_drawing) || p->shape.n_stops < 2)
        return;
    enum { MAX = SH_MAX_ROUTE_STOPS * 2 + SH_MAX_VEHICLES * 2 + 4 };
    md_shape sh[MAX];
    int n = 0;
    float x[SH_MAX_ROUTE_STOPS], y[SH_MAX_ROUTE_STOPS];
    for (int i = 0; i < p->shape.n_stops; i++) {
        const gtfs_stop *s = &p->feed->stops[p->shape.stops[i]];
        sh_project(&p->shape, s->lat, s->lon, &x[i], &y[i]);
    }
    for (int i = 0; i + 1 < p->shape.n_stops; i++)
        sh[n++] =
            (md_shape){MD_SHAPE_LINE, MD_TONE_PRIMARY, x[i], y[i], x[i + 1], y[i + 1], 2.5f, NULL};
    int here = -1;
    for (int i = 0; i < p->shape.n_stops; i++) {
        if (p->shape.stops[i] == p->stop)
            here = i;
        else
            sh[n++] = (md_shape){MD_SHAPE_RING, MD_TONE_NORMAL, x[i], y[i], 0, 0, 4.0f, NULL};
    }
    for (int i = 0; i < p->n_vehicles && n + 2 < MAX; i++) {
        float vx = 0, vy = 0;
        sh_project(&p->shape, p->vehicles[i].lat, p->vehicles[i].lon, &vx, &vy);
        sh[n++] = (md_shape){p->vehicles[i].on_route ? MD_SHAPE_DOT : MD_SHAPE_RING,
                             MD_TONE_DANGER,
                             vx,
                             vy,
                             0,
                             0,
                             7.0f,
                             NULL};
    }
    if (here >= 0) {
        sh[n++] = (md_shape){MD_SHAPE_DOT, MD_TONE_NORMAL, x[here], y[here], 0, 0, 6.0f, NULL};
        sh[n++] =
            (md_shape){MD_SHAPE_LABEL,           MD_TONE_NORMAL, x[here] + 0.03f, y[here], 0, 0, 0,
                       tr(p, N_("You are here"))};
    }
    int on_road = 0;
    for (int i = 0; i < p->n_vehicles; i++)
        on_road += p->vehicles[i].on_route;
    md_arg a = arg_i("count", on_road);
    const char *label = fmt(p,
                            N_("Map of the route: {count, plural, =0 {no shuttle on the road} "
                               "one {# shuttle on the road} other {# shuttles on the road}}"),
                            &a, 1);
    p->host->ui_drawing(p->ctx, label, sh, n, 60);
    (void)deps;
    (void)n_deps;
}

/* "in 7 minutes · about 3 minutes late · 8 seats left · wheelchair place", parts that do not
 * apply left out; written into buf (cap bytes). */
static const char *departure_secondary(shuttle *p, const sh_departure *d, int64_t now, char *buf,
                                       size_t cap)
{
    int64_t expect_ms =
        d->dep_ms + (d->has_delay && d->delay_s > 0 ? (int64_t)d->delay_s * 1000 : 0);
    int64_t mins = (expect_ms - now) / 60000;
    if (mins < 0)
        mins = 0;
    md_arg args[2] = {arg_i("minutes", mins), arg_i("delay", d->has_delay ? d->delay_s / 60 : 0)};
    const char *when = fmt(p,
                           N_("{minutes, plural, =0 {leaving now} one {in # minute} other {in # "
                              "minutes}}"),
                           args, 1);
    const char *live = "";
    if (d->has_delay)
        live = d->delay_s >= 60
                   ? fmt(p, N_("about {delay, plural, one {# minute} other {# minutes}} late"),
                         args, 2)
                   : tr(p, N_("on time"));
    const seats_info *si = seats_of(p, d);
    const char *seats = "";
    if (si) {
        md_arg sa = arg_i("seats", si->seats_left);
        seats = si->seats_left > 0
                    ? fmt(p, N_("{seats, plural, one {# seat left} other {# seats left}}"), &sa, 1)
                    : tr(p, N_("full"));
    }
    const char *wheel = d->wheelchair ? tr(p, N_("wheelchair place")) : "";
    md_arg parts[4] = {arg_s("when", when), arg_s("live", live), arg_s("seats", seats),
                       arg_s("wheel", wheel)};
    buf[0] = '\0';
    for (int i = 0; i < 4; i++) {
        const char *s = parts[i].v.s;
        if (!s || !s[0])
            continue;
        if (buf[0])
            strncat(buf, " · ", cap - strlen(buf) - 1);
        strncat(buf, s, cap - strlen(buf) - 1);
    }
    return buf;
}

static void screen_main(shuttle *p)
{
    if (!p->feed) {
        p->host->ui_text(p->ctx, tr(p, N_("The shuttle timetable is not available right now.")),
                         MD_TEXT_BODY);
        if (p->host->ui_button(p->ctx, tr(p, N_("Home")), MD_TONE_NORMAL))
            p->host->go_home(p->ctx);
        return;
    }
    int64_t now = now_ms(p);
    sh_departure deps[SH_MAX_DEPARTURES];
    int n = sh_next_departures(p->feed, p->stop, now, deps, 6);
    sh_estimate_delays(p->feed, &p->shape, p->vehicles, p->n_vehicles, now, deps, n);
    /* The map beside what a visitor can do; the departures below, full width. */
    p->host->ui_columns_begin(p->ctx, 2);
    map_view(p, deps, n);
    if (!booking_possible(p)) {
        p->host->ui_text(p->ctx, tr(p, N_("Booking is not offered at this kiosk.")), MD_TEXT_BODY);
    } else if (p->booking_up == 0) {
        p->host->ui_notice(p->ctx,
                           tr(p, N_("Booking is not available right now. The timetable is "
                                    "still correct.")),
                           MD_TONE_NORMAL);
    } else if (p->host->ui_button(p->ctx, tr(p, N_("Cancel a booking")), MD_TONE_NORMAL)) {
        p->s.typed[0] = '\0';
        go(p, SCR_CANCEL);
    }
    p->host->ui_columns_end(p->ctx);
    md_arg a = arg_s("stop", stop_name(p, p->stop));
    p->host->ui_heading(p->ctx, fmt(p, N_("Next shuttles from {stop}"), &a, 1));
    if (booking_possible(p) && p->booking_up != 0)
        p->host->ui_text(p->ctx, tr(p, N_("Tap a departure to book a seat.")), MD_TEXT_BODY);
    if (n == 0)
        p->host->ui_text(p->ctx, tr(p, N_("No more shuttles today.")), MD_TEXT_BODY);
    for (int i = 0; i < n; i++) {
        const char *headsign = p->feed->trips[deps[i].trip].headsign;
        md_arg args[2] = {arg_s("time", time_text(p, deps[i].dep_ms)),
                          arg_s("to", headsign[0] ? tr(p, headsign) : "")};
        const char *primary =
            headsign[0] ? fmt(p, N_("{time} to {to}"), args, 2) : fmt(p, "{time}", args, 1);
        const char *second =
            departure_secondary(p, &deps[i], now, p->secondary[i], sizeof p->secondary[i]);
        if (p->host->ui_list_item(p->ctx, primary, second)) {
            if (booking_possible(p) && p->booking_up != 0) {
                p->s.chosen = deps[i];
                p->s.seats = 1;
                p->s.wheelchair = 0;
                p->s.idem_key[0] = '\0';
                go(p, SCR_BOOK);
                p->host->ui_request_frame(p->ctx);
            }
        }
    }
}

static void start_booking(shuttle *p)
{
    if (!p->s.idem_key[0]) /* one key per booking attempt: a retry cannot book twice */
        snprintf(p->s.idem_key, sizeof p->s.idem_key, "%s-%lld", p->kiosk_id ? p->kiosk_id : "k",
                 (long long)now_ms(p));
    char date[16], body[512];
    date_iso(p->s.chosen.ymd, date, sizeof date);
    snprintf(body, sizeof body,
             "{\"seats\":%d,\"wheelchair\":%s,\"kiosk\":\"%s\",\"date\":\"%s\",\"stop\":\"%s\","
             "\"idempotency_key\":\"%s\"}",
             p->s.seats, p->s.wheelchair ? "true" : "false", p->kiosk_id, date,
             p->feed->stops[p->stop].id, p->s.idem_key);
    char path[160];
    snprintf(path, sizeof path, "/v1/trips/%s/bookings", p->feed->trips[p->s.chosen.trip].id);
    p->s.req = booking_request(p, "POST", path, body);
    p->s.req_kind = REQ_BOOK;
    p->s.message = NULL;
    if (!p->s.req) {
        p->s.message = N_("Booking is not available right now.");
        p->s.message_danger = 1;
        p->s.req_kind = REQ_NONE;
    }
}

static void finish_booking(shuttle *p)
{
    int st = p->host->http_state(p->ctx, p->s.req);
    if (st == MD_HTTP_PENDING) {
        p->host->ui_request_frame(p->ctx);
        return;
    }
    int status = st == MD_HTTP_DONE ? p->host->http_status(p->ctx, p->s.req) : 0;
    size_t n = 0;
    const char *body = st == MD_HTTP_DONE ? p->host->http_body(p->ctx, p->s.req, &n) : NULL;
    json_error_t err;
    json_t *root = body ? json_loadb(body, n, 0, &err) : NULL;
    json_t *code = json_object_get(root, "code");
    json_t *error = json_object_get(root, "error");
    if ((status == 201 || status == 200) && json_is_string(code)) {
        snprintf(p->s.code, sizeof p->s.code, "%s", json_string_value(code));
        p->s.ticket_dep = p->s.chosen;
        p->s.ticket_seats = p->s.seats;
        p->s.ticket_wheelchair = p->s.wheelchair;
        if (HOST_HAS(p, count_event))
            p->host->count_event(p->ctx, "seat-booked");
        go(p, SCR_TICKET);
        p->avail_at_ms = 0; /* seats changed: ask again */
        p->booking_up = p->booking_up == 0 ? -1 : p->booking_up;
    } else if (status == 409) {
        p->s.message = json_is_string(error) && strcmp(json_string_value(error), "full") == 0
                           ? N_("Sorry, this shuttle is full.")
                           : N_("This shuttle can no longer be booked.");
        p->s.message_danger = 1;
        p->s.idem_key[0] = '\0';
        p->avail_at_ms = 0;
    } else {
        if (status == 400)
            p->host->log(p->ctx, MD_LOG_WARN, TAG "booking refused: %s",
                         json_is_string(error) ? json_string_value(error) : "(no reason)");
        p->s.message = N_("Booking did not work. Please try again.");
        p->s.message_danger = 1;
    }
    json_decref(root);
    p->host->http_free(p->ctx, p->s.req);
    p->s.req = 0;
    p->s.req_kind = REQ_NONE;
}

static void choice_button(shuttle *p, const char *label, int selected, int *clicked)
{
    if (p->host->ui_button(p->ctx, label, selected ? MD_TONE_PRIMARY : MD_TONE_NORMAL))
        *clicked = 1;
}

static void screen_book(shuttle *p)
{
    if (p->s.req_kind == REQ_BOOK)
        finish_booking(p);
    if (p->s.scr != SCR_BOOK)
        return;
    const sh_departure *d = &p->s.chosen;
    md_arg a[2] = {arg_s("time", time_text(p, d->dep_ms)), arg_s("stop", stop_name(p, p->stop))};
    p->host->ui_heading(p->ctx, fmt(p, N_("Book the {time} shuttle from {stop}"), a, 2));
    const seats_info *si = seats_of(p, d);
    p->host->ui_text(p->ctx, tr(p, N_("How many seats?")), MD_TEXT_BODY);
    p->host->ui_columns_begin(p->ctx, 4);
    for (int k = 1; k <= 4; k++) {
        md_arg sa = arg_i("seats", k);
        /* The label says the number and, once chosen, that it is chosen (not by colour alone). */
        const char *label =
            k == p->s.seats
                ? fmt(p, N_("{seats, plural, one {# seat} other {# seats}} (chosen)"), &sa, 1)
                : fmt(p, N_("{seats, plural, one {# seat} other {# seats}}"), &sa, 1);
        int clicked = 0;
        choice_button(p, label, k == p->s.seats, &clicked);
        if (clicked && p->s.req_kind == REQ_NONE) {
            p->s.seats = k;
            p->s.message = NULL;
        }
    }
    p->host->ui_columns_end(p->ctx);
    int place = d->wheelchair && (!si || si->wheelchair_left > 0);
    if (place) {
        int clicked = 0;
        choice_button(p,
                      p->s.wheelchair ? tr(p, N_("Wheelchair place: yes"))
                                      : tr(p, N_("Wheelchair place: no")),
                      p->s.wheelchair, &clicked);
        if (clicked && p->s.req_kind == REQ_NONE)
            p->s.wheelchair = !p->s.wheelchair;
    } else {
        p->host->ui_text(p->ctx, tr(p, N_("This shuttle has no free wheelchair place.")),
                         MD_TEXT_BODY);
    }
    if (p->s.message)
        p->host->ui_notice(p->ctx, tr(p, p->s.message),
                           p->s.message_danger ? MD_TONE_DANGER : MD_TONE_NORMAL);
    if (p->s.req_kind == REQ_BOOK) {
        p->host->ui_busy(p->ctx, tr(p, N_("Booking…")));
    } else {
        md_arg sa = arg_i("seats", p->s.seats);
        if (p->host->ui_button(
                p->ctx, fmt(p, N_("Book {seats, plural, one {# seat} other {# seats}}"), &sa, 1),
                MD_TONE_PRIMARY))
            start_booking(p);
    }
    if (p->host->ui_button(p->ctx, tr(p, N_("Back")), MD_TONE_NORMAL)) {
        cancel_request(p);
        go(p, SCR_MAIN);
    }
}

static void start_cancel(shuttle *p, const char *code);
static void finish_cancel(shuttle *p);

static void screen_ticket(shuttle *p)
{
    if (p->s.req_kind == REQ_CANCEL)
        finish_cancel(p);
    if (p->s.scr != SCR_TICKET)
        return;
    const sh_departure *d = &p->s.ticket_dep;
    p->host->ui_notice(p->ctx, tr(p, N_("Your seat is booked")), MD_TONE_PRIMARY);
    /* The code and its QR side by side (columns fill in reading order: one widget each). */
    p->host->ui_columns_begin(p->ctx, 2);
    p->host->ui_text_lang(p->ctx, p->s.code, "en", MD_TEXT_HEADING);
    char qr[64];
    snprintf(qr, sizeof qr, "ANSAN-SHUTTLE:%s", p->s.code);
    p->host->ui_qr(p->ctx, qr, 30, tr(p, N_("Show this code to the operator")));
    p->host->ui_columns_end(p->ctx);
    /* The line for the operator, in Korean whatever the visitor reads. */
    char hhmm[16];
    sh_local loc;
    if (sh_local_time(d->dep_ms, p->feed->timezone, &loc) == 0)
        snprintf(hhmm, sizeof hhmm, "%02d:%02d", loc.secs / 3600, loc.secs / 60 % 60);
    else
        snprintf(hhmm, sizeof hhmm, "--:--");
    char korean[512];
    const char *kstop = p->feed->stops[p->stop].name;
    size_t kn = strcspn(kstop, "(");
    while (kn > 0 && kstop[kn - 1] == ' ')
        kn--;
    snprintf(korean, sizeof korean, "셔틀 예약 %s: %s %.*s 출발, %d석%s", p->s.code, hhmm, (int)kn,
             kstop, p->s.ticket_seats, p->s.ticket_wheelchair ? " + 휠체어석" : "");
    p->host->ui_text_lang(p->ctx, korean, "ko", MD_TEXT_LARGE);
    if (p->s.message)
        p->host->ui_notice(p->ctx, tr(p, p->s.message),
                           p->s.message_danger ? MD_TONE_DANGER : MD_TONE_NORMAL);
    if (p->s.req_kind == REQ_CANCEL) {
        p->host->ui_busy(p->ctx, tr(p, N_("Cancelling…")));
    } else {
        p->host->ui_columns_begin(p->ctx, 2);
        if (p->host->ui_button(p->ctx, tr(p, N_("Done")), MD_TONE_PRIMARY))
            go(p, SCR_MAIN);
        /* Changed their mind at once: cancel without typing the code. */
        if (p->host->ui_button(p->ctx, tr(p, N_("Cancel this booking")), MD_TONE_DANGER))
            start_cancel(p, p->s.code);
        p->host->ui_columns_end(p->ctx);
    }
    md_arg a[3] = {arg_s("time", time_text(p, d->dep_ms)), arg_s("stop", stop_name(p, p->stop)),
                   arg_i("seats", p->s.ticket_seats)};
    p->host->ui_text(p->ctx, fmt(p, N_("{time} from {stop}"), a, 2), MD_TEXT_BODY);
    p->host->ui_text(
        p->ctx,
        p->s.ticket_wheelchair
            ? fmt(p,
                  N_("{seats, plural, =0 {the wheelchair place} one {# seat and the wheelchair "
                     "place} other {# seats and the wheelchair place}}"),
                  a + 2, 1)
            : fmt(p, N_("{seats, plural, one {# seat} other {# seats}}"), a + 2, 1),
        MD_TEXT_BODY);
    p->host->ui_text(p->ctx, tr(p, N_("Remember the code: this kiosk forgets it when you leave.")),
                     MD_TEXT_BODY);
}

static void start_cancel(shuttle *p, const char *code)
{
    char path[64];
    snprintf(p->s.cancelling, sizeof p->s.cancelling, "%s", code);
    snprintf(path, sizeof path, "/v1/bookings/%s", code);
    p->s.req = booking_request(p, "DELETE", path, NULL);
    p->s.req_kind = p->s.req ? REQ_CANCEL : REQ_NONE;
    p->s.message = NULL;
    if (!p->s.req) {
        p->s.message = N_("Cancelling is not available right now.");
        p->s.message_danger = 1;
    }
}

/* The answer to a cancel, on the ticket or the cancel screen. */
static void finish_cancel(shuttle *p)
{
    int st = p->host->http_state(p->ctx, p->s.req);
    if (st == MD_HTTP_PENDING) {
        p->host->ui_request_frame(p->ctx);
        return;
    }
    int status = st == MD_HTTP_DONE ? p->host->http_status(p->ctx, p->s.req) : 0;
    if (status == 204) {
        p->s.message = N_("The booking is cancelled.");
        p->s.message_danger = 0;
        p->s.typed[0] = '\0';
        if (strcmp(p->s.code, p->s.cancelling) == 0)
            p->s.code[0] = '\0'; /* the ticket on screen is gone */
        p->avail_at_ms = 0;
        if (p->s.scr == SCR_TICKET) {
            go(p, SCR_CANCEL);
            p->s.message = N_("The booking is cancelled.");
        }
    } else if (status == 404) {
        p->s.message = N_("No booking has this code. Check the code and try again.");
        p->s.message_danger = 1;
    } else {
        p->s.message = N_("Cancelling is not available right now.");
        p->s.message_danger = 1;
    }
    p->host->http_free(p->ctx, p->s.req);
    p->s.req = 0;
    p->s.req_kind = REQ_NONE;
}

static void screen_cancel(shuttle *p)
{
    if (p->s.req_kind == REQ_CANCEL)
        finish_cancel(p);
    p->host->ui_heading(p->ctx, tr(p, N_("Cancel a booking")));
    if (p->s.req_kind == REQ_CANCEL)
        p->host->ui_busy(p->ctx, tr(p, N_("Cancelling…")));
    if (p->s.message)
        p->host->ui_notice(p->ctx, tr(p, p->s.message),
                           p->s.message_danger ? MD_TONE_DANGER : MD_TONE_NORMAL);
    p->host->ui_text(p->ctx, tr(p, N_("Type the 6-character code of your booking.")), MD_TEXT_BODY);
    char shown[32];
    size_t n = strlen(p->s.typed);
    snprintf(shown, sizeof shown, "%s%.*s", p->s.typed, (int)(6 - (n < 6 ? n : 6)), "______");
    p->host->ui_text_lang(p->ctx, shown, "en", MD_TEXT_LARGE);
    /* The code's own alphabet only: no look-alike characters to get wrong. */
    p->host->ui_columns_begin(p->ctx, 7);
    for (const char *c = CODE_ALPHABET; *c; c++) {
        char key[2] = {*c, '\0'};
        if (p->host->ui_button(p->ctx, key, MD_TONE_NORMAL) && n < 6 && p->s.req_kind == REQ_NONE) {
            p->s.typed[n] = *c;
            p->s.typed[n + 1] = '\0';
            p->s.message = NULL;
        }
    }
    p->host->ui_columns_end(p->ctx);
    p->host->ui_columns_begin(p->ctx, 3);
    if (p->host->ui_button(p->ctx, tr(p, N_("Back")), MD_TONE_NORMAL)) {
        cancel_request(p);
        go(p, SCR_MAIN);
    }
    if (p->host->ui_button(p->ctx, tr(p, N_("Delete")), MD_TONE_NORMAL) && n > 0)
        p->s.typed[n - 1] = '\0';
    if (p->host->ui_button(p->ctx, tr(p, N_("Cancel this booking")), MD_TONE_DANGER) &&
        p->s.req_kind == REQ_NONE) {
        char code[8];
        if (!sh_normalise_code(p->s.typed, code, sizeof code)) {
            p->s.message = N_("A booking code has 6 characters.");
            p->s.message_danger = 1;
        } else {
            start_cancel(p, code);
        }
    }
    p->host->ui_columns_end(p->ctx);
}

/* --- the descriptor's callbacks --- */

static gtfs_feed *load_feed(shuttle *p, int *stop_out)
{
    char dir[1024], err[512];
    snprintf(dir, sizeof dir, "%s/gtfs", p->host->content_dir(p->ctx));
    gtfs_feed *f = gtfs_load(dir, err, sizeof err);
    if (!f) {
        p->host->log(p->ctx, MD_LOG_ERROR, TAG "timetable refused: %s", err);
        return NULL;
    }
    const char *stop_id = p->host->config(p->ctx, "stop_id");
    int stop = stop_id ? gtfs_find_stop(f, stop_id) : -1;
    if (stop < 0) {
        p->host->log(p->ctx, MD_LOG_ERROR,
                     TAG
                     "stop_id %s%s%s is not a stop of the feed: set [plugin.kr.go.ansan.shuttle] "
                     "stop_id",
                     stop_id ? "'" : "", stop_id ? stop_id : "(unset)", stop_id ? "'" : "");
        gtfs_free(f);
        return NULL;
    }
    *stop_out = stop;
    return f;
}

static void start_live(shuttle *p)
{
    if (p->hub || !p->feed || !HOST_HAS(p, hub_query))
        return;
    /* Vehicles within the route's reach of this kiosk, refreshed every 15 s. */
    p->hub = p->host->hub_query(p->ctx, "Vehicle", NULL, NULL, 5000, 15);
}

static int shuttle_init(md_plugin_ctx *ctx, const md_host *host, void **state)
{
    shuttle *p = calloc(1, sizeof *p);
    if (!p)
        return -1;
    p->ctx = ctx;
    p->host = host;
    p->booking_up = -1;
    p->feed = load_feed(p, &p->stop);
    if (p->feed)
        sh_route_shape_of(p->feed, p->stop, &p->shape);
    p->booking_url = host->config(ctx, "booking_url");
    p->token = host->config(ctx, "booking_token");
    p->kiosk_id = host->config(ctx, "kiosk_id");
    if (p->booking_url && (!p->token || !p->kiosk_id)) {
        host->log(ctx, MD_LOG_WARN,
                  TAG "booking_url without booking_token and kiosk_id: booking "
                      "disabled");
        p->booking_url = NULL;
    }
    if (p->booking_url && !HOST_HAS(p, http_start))
        host->log(ctx, MD_LOG_WARN,
                  TAG "this kiosk's host has no HTTP (ABI < 1.3): booking "
                      "disabled");
    start_live(p);
    *state = p;
    return 0;
}

static void shuttle_enter(void *state)
{
    shuttle *p = state;
    go(p, SCR_MAIN);
    p->avail_at_ms = 0; /* fresh seats for a new look */
    if (HOST_HAS(p, count_event))
        p->host->count_event(p->ctx, "opened");
}

static void shuttle_frame(void *state)
{
    shuttle *p = state;
    if (p->feed) {
        vehicles_poll(p);
        availability_poll(p);
    }
    if (!p->feed && p->s.scr != SCR_MAIN)
        go(p, SCR_MAIN);
    switch (p->s.scr) {
    case SCR_BOOK:
        screen_book(p);
        break;
    case SCR_TICKET:
        screen_ticket(p);
        break;
    case SCR_CANCEL:
        screen_cancel(p);
        break;
    default:
        screen_main(p);
        break;
    }
}

static void shuttle_content_updated(void *state)
{
    shuttle *p = state;
    int stop = -1;
    gtfs_feed *f = load_feed(p, &stop);
    if (!f)
        return; /* keep the timetable we had */
    gtfs_free(p->feed);
    p->feed = f;
    p->stop = stop;
    sh_route_shape_of(p->feed, p->stop, &p->shape);
    p->n_seats = 0;
    p->avail_at_ms = 0;
    start_live(p);
}

static void shuttle_reset(void *state)
{
    shuttle *p = state;
    /* The host frees the plugin's requests at a reset; forget their handles. */
    p->s.req = 0;
    p->avail_req = 0;
    memset(&p->s, 0, sizeof p->s);
    p->s.scr = SCR_MAIN;
}

static void shuttle_shutdown(void *state)
{
    shuttle *p = state;
    if (p->hub && HOST_HAS(p, hub_query_free))
        p->host->hub_query_free(p->ctx, p->hub);
    gtfs_free(p->feed);
    free(p);
}

static const md_plugin_desc shuttle_desc = {
    .struct_size = sizeof(md_plugin_desc),
    .abi_major = MD_PLUGIN_ABI_MAJOR,
    .abi_minor = 0, /* newer host calls are used only when MD_HOST_HAS says they are there */
    .id = "kr.go.ansan.shuttle",
    .version = "1.0.0",
    .title = N_("Shuttle"),
    .icon = "icon.png",
    .init = shuttle_init,
    .enter = shuttle_enter,
    .frame = shuttle_frame,
    .locale_changed = NULL,
    .content_updated = shuttle_content_updated,
    .reset = shuttle_reset,
    .shutdown = shuttle_shutdown,
};

MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void)
{
    return &shuttle_desc;
}
