/* GTFS static reader: RFC 4180 CSV with a header row, columns found by name, strict validation
 * with file:line errors. libc only (plugins and the booking service both compile this file). */
#include "gtfs.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_COLUMNS 64
#define MAX_ROWS 2000000

/* ---- errors ---- */

typedef struct parse_err {
    char *buf;
    size_t cap;
} parse_err;

static void fail(parse_err *e, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void fail(parse_err *e, const char *file, long line, const char *fmt, ...)
{
    if (!e->buf || e->cap == 0)
        return;
    int n = line > 0 ? snprintf(e->buf, e->cap, "%s:%ld: ", file, line)
                     : snprintf(e->buf, e->cap, "%s: ", file);
    if (n < 0 || (size_t)n >= e->cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->buf + n, e->cap - (size_t)n, fmt, ap);
    va_end(ap);
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *p = malloc(n + 1);
    if (p)
        memcpy(p, s, n + 1);
    return p;
}

/* ---- CSV ---- */

typedef struct csv {
    const char *name;
    const char *p, *end;
    long line;      /* line number of the row last read (1 = header) */
    long next_line; /* where the next row starts */
    char *fields[MAX_COLUMNS];
    int n_fields;
    char *scratch; /* holds the current row's fields, NUL-separated */
    size_t scratch_cap;
    const char *header[MAX_COLUMNS];
    char *header_store;
    int n_header;
} csv;

/* Reads one record into c->fields. Returns 1 on a record, 0 at the end, -1 on error. */
static int csv_row(csv *c, parse_err *e)
{
    while (c->p < c->end && (*c->p == '\r' || *c->p == '\n')) { /* blank lines */
        if (*c->p == '\n')
            c->next_line++;
        c->p++;
    }
    if (c->p >= c->end)
        return 0;
    c->line = c->next_line;
    size_t used = 0;
    c->n_fields = 0;
    for (;;) {
        if (c->n_fields >= MAX_COLUMNS) {
            fail(e, c->name, c->line, "more than %d columns", MAX_COLUMNS);
            return -1;
        }
        size_t start = used;
        int quoted = 0;
        if (c->p < c->end && *c->p == '"') {
            quoted = 1;
            c->p++;
        }
        for (;;) {
            if (c->p >= c->end) {
                if (quoted) {
                    fail(e, c->name, c->line, "unterminated quoted field");
                    return -1;
                }
                break;
            }
            char ch = *c->p;
            if (quoted) {
                if (ch == '"') {
                    if (c->p + 1 < c->end && c->p[1] == '"') {
                        c->p += 2;
                        ch = '"';
                    } else {
                        c->p++;
                        quoted = 0;
                        if (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r') {
                            fail(e, c->name, c->line, "text after a closing quote");
                            return -1;
                        }
                        continue;
                    }
                } else {
                    if (ch == '\n')
                        c->next_line++;
                    c->p++;
                }
            } else {
                if (ch == ',' || ch == '\n' || ch == '\r')
                    break;
                if (ch == '"') {
                    fail(e, c->name, c->line, "a quote inside an unquoted field");
                    return -1;
                }
                c->p++;
            }
            if (ch == '\0') {
                fail(e, c->name, c->line, "a NUL byte");
                return -1;
            }
            if (used - start >= GTFS_MAX_FIELD_BYTES) {
                fail(e, c->name, c->line, "a field longer than %d bytes", GTFS_MAX_FIELD_BYTES);
                return -1;
            }
            if (used + 2 > c->scratch_cap) {
                size_t cap = c->scratch_cap ? c->scratch_cap * 2 : 256;
                char *s = realloc(c->scratch, cap);
                if (!s) {
                    fail(e, c->name, c->line, "out of memory");
                    return -1;
                }
                c->scratch = s;
                c->scratch_cap = cap;
            }
            c->scratch[used++] = ch;
        }
        if (used + 1 > c->scratch_cap) {
            size_t cap = c->scratch_cap ? c->scratch_cap * 2 : 256;
            char *s = realloc(c->scratch, cap);
            if (!s) {
                fail(e, c->name, c->line, "out of memory");
                return -1;
            }
            c->scratch = s;
            c->scratch_cap = cap;
        }
        c->scratch[used++] = '\0';
        c->fields[c->n_fields++] = (char *)(uintptr_t)start; /* offsets until the row ends */
        if (c->p < c->end && *c->p == ',') {
            c->p++;
            continue;
        }
        if (c->p < c->end && *c->p == '\r')
            c->p++;
        if (c->p < c->end && *c->p == '\n') {
            c->p++;
            c->next_line++;
        }
        break;
    }
    for (int i = 0; i < c->n_fields; i++)
        c->fields[i] = c->scratch + (uintptr_t)c->fields[i];
    return 1;
}

static int csv_open(csv *c, const gtfs_source *src, parse_err *e)
{
    memset(c, 0, sizeof *c);
    c->name = src->name;
    c->p = src->text;
    c->end = src->text + src->n_bytes;
    c->next_line = 1;
    if (src->n_bytes > GTFS_MAX_FILE_BYTES) {
        fail(e, c->name, 0, "larger than %u bytes", GTFS_MAX_FILE_BYTES);
        return -1;
    }
    if (c->end - c->p >= 3 && memcmp(c->p, "\xEF\xBB\xBF", 3) == 0)
        c->p += 3;
    int r = csv_row(c, e);
    if (r <= 0) {
        if (r == 0)
            fail(e, c->name, 1, "no header row");
        return -1;
    }
    size_t total = 0;
    for (int i = 0; i < c->n_fields; i++)
        total += strlen(c->fields[i]) + 1;
    c->header_store = malloc(total ? total : 1);
    if (!c->header_store) {
        fail(e, c->name, 1, "out of memory");
        return -1;
    }
    char *w = c->header_store;
    for (int i = 0; i < c->n_fields; i++) {
        const char *h = c->fields[i];
        while (*h == ' ')
            h++;
        size_t n = strlen(h);
        while (n > 0 && h[n - 1] == ' ')
            n--;
        memcpy(w, h, n);
        w[n] = '\0';
        for (int j = 0; j < i; j++)
            if (strcmp(c->header[j], w) == 0) {
                fail(e, c->name, 1, "column '%s' appears twice", w);
                return -1;
            }
        c->header[i] = w;
        w += n + 1;
    }
    c->n_header = c->n_fields;
    return 0;
}

static void csv_close(csv *c)
{
    free(c->scratch);
    free(c->header_store);
}

static int csv_col(const csv *c, const char *name)
{
    for (int i = 0; i < c->n_header; i++)
        if (strcmp(c->header[i], name) == 0)
            return i;
    return -1;
}

/* Columns required by a file: returns 0, or -1 naming the first missing one. */
static int csv_require(const csv *c, parse_err *e, int *cols, const char *const *names, int n,
                       int required)
{
    for (int i = 0; i < n; i++) {
        cols[i] = csv_col(c, names[i]);
        if (cols[i] < 0 && required) {
            fail(e, c->name, 1, "missing column '%s'", names[i]);
            return -1;
        }
    }
    return 0;
}

/* The field of column col in the current row ("" when the row is short or col < 0). */
static const char *fld(const csv *c, int col)
{
    if (col < 0 || col >= c->n_fields)
        return "";
    return c->fields[col];
}

static int row_width_ok(const csv *c, parse_err *e)
{
    if (c->n_fields != c->n_header) {
        fail(e, c->name, c->line, "%d fields, the header has %d", c->n_fields, c->n_header);
        return 0;
    }
    return 1;
}

/* ---- values ---- */

static int parse_int(const char *s, long lo, long hi, long *out)
{
    if (!*s)
        return -1;
    char *end = NULL;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static int parse_double(const char *s, double lo, double hi, double *out)
{
    if (!*s)
        return -1;
    char *end = NULL;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || *end || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return d[m - 1];
}

int32_t gtfs_parse_date(const char *s, int dashes)
{
    int y = 0, m = 0, d = 0;
    size_t want = dashes ? 10 : 8;
    if (strlen(s) != want)
        return -1;
    for (size_t i = 0; i < want; i++) {
        int is_dash = dashes && (i == 4 || i == 7);
        if (is_dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
            return -1;
    }
    if (dashes) {
        y = atoi(s);
        m = atoi(s + 5);
        d = atoi(s + 8);
    } else {
        long v = atol(s);
        y = (int)(v / 10000);
        m = (int)(v / 100 % 100);
        d = (int)(v % 100);
    }
    if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return -1;
    return y * 10000 + m * 100 + d;
}

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int32_t civil_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    return (int32_t)(y * 10000 + m * 100 + d);
}

int gtfs_weekday(int32_t ymd)
{
    long days = days_from_civil(ymd / 10000, ymd / 100 % 100, ymd % 100);
    long wd = (days + 3) % 7; /* 1970-01-01 was a Thursday (3 with Monday = 0) */
    return (int)(wd < 0 ? wd + 7 : wd);
}

int32_t gtfs_add_days(int32_t ymd, int n_days)
{
    return civil_from_days(days_from_civil(ymd / 10000, ymd / 100 % 100, ymd % 100) + n_days);
}

int gtfs_parse_time(const char *s)
{
    int h = 0, m = 0, sec = 0, n = 0;
    size_t len = strlen(s);
    if (len < 7 || len > 8)
        return -1;
    if (sscanf(s, "%d:%2d:%2d%n", &h, &m, &sec, &n) != 3 || (size_t)n != len)
        return -1;
    for (size_t i = 0; i < len; i++)
        if (!(s[i] == ':' || (s[i] >= '0' && s[i] <= '9')))
            return -1;
    if (h < 0 || h > 47 || m > 59 || sec > 59)
        return -1;
    return h * 3600 + m * 60 + sec;
}

/* ---- lookups ---- */

static int find_by_id(char *const *ids, size_t stride, int n, const char *id)
{
    const char *base = (const char *)ids;
    for (int i = 0; i < n; i++)
        if (strcmp(*(char *const *)(base + (size_t)i * stride), id) == 0)
            return i;
    return -1;
}
#define FIND(arr, n, id) find_by_id(&(arr)[0].id, sizeof((arr)[0]), (n), (id))

int gtfs_find_stop(const gtfs_feed *f, const char *id)
{
    return f->n_stops ? FIND(f->stops, f->n_stops, id) : -1;
}

int gtfs_find_trip(const gtfs_feed *f, const char *id)
{
    return f->n_trips ? FIND(f->trips, f->n_trips, id) : -1;
}

static int find_route(const gtfs_feed *f, const char *id)
{
    return f->n_routes ? FIND(f->routes, f->n_routes, id) : -1;
}

static int find_service(const gtfs_feed *f, const char *id)
{
    return f->n_services ? FIND(f->services, f->n_services, id) : -1;
}

static int find_rule(const gtfs_feed *f, const char *id)
{
    return f->n_booking_rules ? FIND(f->booking_rules, f->n_booking_rules, id) : -1;
}

/* Grows an array by one element, zeroed; returns its address or NULL. */
static void *grow(void **arr, int *n, size_t elem)
{
    if (*n >= MAX_ROWS)
        return NULL;
    if ((*n & (*n - 1)) == 0) { /* capacity doubles at powers of two */
        size_t cap = *n ? (size_t)*n * 2 : 16;
        void *p = realloc(*arr, cap * elem);
        if (!p)
            return NULL;
        *arr = p;
    }
    char *slot = (char *)*arr + (size_t)(*n) * elem;
    memset(slot, 0, elem);
    (*n)++;
    return slot;
}

static int need_id(csv *c, parse_err *e, const char *col_name, const char *v)
{
    if (!*v) {
        fail(e, c->name, c->line, "empty %s", col_name);
        return -1;
    }
    return 0;
}

/* ---- the files ---- */

static const gtfs_source *find_src(const gtfs_source *files, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (files[i].name && strcmp(files[i].name, name) == 0 && files[i].text)
            return &files[i];
    return NULL;
}

static int read_agency(gtfs_feed *f, const gtfs_source *src, parse_err *e)
{
    csv c;
    if (csv_open(&c, src, e) < 0)
        goto bad;
    static const char *const names[] = {"agency_name", "agency_timezone"};
    int cols[2];
    if (csv_require(&c, e, cols, names, 2, 1) < 0)
        goto bad;
    int r = 0, n = 0;
    while ((r = csv_row(&c, e)) == 1) {
        if (!row_width_ok(&c, e))
            goto bad;
        const char *tz = fld(&c, cols[1]);
        if (!*tz || strchr(tz, '/') == NULL) {
            fail(e, c.name, c.line, "agency_timezone '%s' is not a tz database name", tz);
            goto bad;
        }
        if (n == 0) {
            f->agency_name = dup_str(fld(&c, cols[0]));
            f->timezone = dup_str(tz);
        } else if (strcmp(tz, f->timezone) != 0) {
            fail(e, c.name, c.line, "agencies with different time zones");
            goto bad;
        }
        n++;
    }
    if (r < 0)
        goto bad;
    if (n == 0) {
        fail(e, c.name, 0, "no agency");
        goto bad;
    }
    csv_close(&c);
    return 0;
bad:
    csv_close(&c);
    return -1;
}

static int read_stops(gtfs_feed *f, const gtfs_source *src, parse_err *e)
{
    csv c;
    if (csv_open(&c, src, e) < 0)
        goto bad;
    static const char *const names[] = {"stop_id", "stop_name", "stop_lat", "stop_lon"};
    int cols[4];
    if (csv_require(&c, e, cols, names, 4, 1) < 0)
        goto bad;
    int r = 0;
    while ((r = csv_row(&c, e)) == 1) {
        if (!row_width_ok(&c, e) || need_id(&c, e, "stop_id", fld(&c, cols[0])) < 0)
            goto bad;
        if (gtfs_find_stop(f, fld(&c, cols[0])) >= 0) {
            fail(e, c.name, c.line, "stop_id '%s' appears twice", fld(&c, cols[0]));
            goto bad;
        }
        double lat = 0, lon = 0;
        if (parse_double(fld(&c, cols[2]), -90, 90, &lat) < 0 ||
            parse_double(fld(&c, cols[3]), -180, 180, &lon) < 0) {
            fail(e, c.name, c.line, "stop_lat/stop_lon out of range or not a number");
            goto bad;
        }
        if (!*fld(&c, cols[1])) {
            fail(e, c.name, c.line, "empty stop_name");
            goto bad;
        }
        gtfs_stop *s = grow((void **)&f->stops, &f->n_stops, sizeof *s);
        if (!s || !(s->id = dup_str(fld(&c, cols[0]))) || !(s->name = dup_str(fld(&c, cols[1])))) {
            fail(e, c.name, c.line, "out of memory");
            goto bad;
        }
        s->lat = lat;
        s->lon = lon;
    }
    if (r < 0)
        goto bad;
    if (f->n_stops == 0) {
        fail(e, c.name, 0, "no stops");
        goto bad;
    }
    csv_close(&c);
    return 0;
bad:
    csv_close(&c);
    return -1;
}

static int is_hex_color(const char *s)
{
    if (!*s)
        return 1;
    if (strlen(s) != 6)
        return 0;
    for (int i = 0; i < 6; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
              (s[i] >= 'A' && s[i] <= 'F')))
            return 0;
    return 1;
}

static int read_routes(gtfs_feed *f, const gtfs_source *src, parse_err *e)
{
    csv c;
    if (csv_open(&c, src, e) < 0)
        goto bad;
    static const char *const names[] = {"route_id", "route_type", "route_short_name",
                                        "route_long_name", "route_color"};
    int cols[5];
    if (csv_require(&c, e, cols, names, 2, 1) < 0 ||
        csv_require(&c, e, cols + 2, names + 2, 3, 0) < 0)
        goto bad;
    int r = 0;
    while ((r = csv_row(&c, e)) == 1) {
        if (!row_width_ok(&c, e) || need_id(&c, e, "route_id", fld(&c, cols[0])) < 0)
            goto bad;
        if (find_route(f, fld(&c, cols[0])) >= 0) {
            fail(e, c.name, c.line, "route_id '%s' appears twice", fld(&c, cols[0]));
            goto bad;
        }
        long type = 0;
        if (parse_int(fld(&c, cols[1]), 0, 1702, &type) < 0) {
            fail(e, c.name, c.line, "route_type '%s' is not a GTFS route type", fld(&c, cols[1]));
            goto bad;
        }
        if (!*fld(&c, cols[2]) && !*fld(&c, cols[3])) {
            fail(e, c.name, c.line, "route needs route_short_name or route_long_name");
            goto bad;
        }
        if (!is_hex_color(fld(&c, cols[4]))) {
            fail(e, c.name, c.line, "route_color '%s' is not RRGGBB", fld(&c, cols[4]));
            goto bad;
        }
        gtfs_route *rt = grow((void **)&f->routes, &f->n_routes, sizeof *rt);
        if (!rt || !(rt->id = dup_str(fld(&c, cols[0]))) ||
            !(rt->short_name = dup_str(fld(&c, cols[2]))) ||
            !(rt->long_name = dup_str(fld(&c, cols[3]))) ||
            !(rt->color = dup_str(fld(&c, cols[4])))) {
            fail(e, c.name, c.line, "out of memory");
            goto bad;
        }
        rt->type = (int)type;
    }
    if (r < 0)
        goto bad;
    if (f->n_routes == 0) {
        fail(e, c.name, 0, "no routes");
        goto bad;
    }
    csv_close(&c);
    return 0;
bad:
    csv_close(&c);
    return -1;
}

static int read_calendar(gtfs_feed *f, const gtfs_source *src, parse_err *e)
{
    csv c;
    if (csv_open(&c, src, e) < 0)
        goto bad;
    static const char *const names[] = {"service_id", "monday",  "tuesday",  "wednesday",
                                        "thursday",   "friday",  "saturday", "sunday",
                                        "start_date", "end_date"};
    int cols[10];
    if (csv_require(&c, e, cols, names, 10, 1) < 0)
        goto bad;
    int r = 0;
    while ((r = csv_row(&c, e)) == 1) {
        if (!row_width_ok(&c, e) || need_id(&c, e, "service_id", fld(&c, cols[0])) < 0)
            goto bad;
        if (find_service(f, fld(&c, cols[0])) >= 0) {
            fail(e, c.name, c.line, "service_id '%s' appears twice", fld(&c, cols[0]));
            goto bad;
        }
        uint8_t days = 0;
        for (int d = 0; d < 7; d++) {
            long v = 0;
            if (parse_int(fld(&c, cols[1 + d]), 0, 1, &v) < 0) {
                fail(e, c.name, c.line, "%s must be 0 or 1", names[1 + d]);
                goto bad;
            }
            days |= (uint8_t)(v << d);
        }
        int32_t start = gtfs_parse_date(fld(&c, cols[8]), 0);
        int32_t end = gtfs_parse_date(fld(&c, cols[9]), 0);
        if (start < 0 || end < 0 || end < start) {
            fail(e, c.name, c.line, "start_date/end_date must be YYYYMMDD with start <= end");
            goto bad;
        }
        gtfs_service *s = grow((void **)&f->services, &f->n_services, sizeof *s);
        if (!s || !(s->id = dup_str(fld(&c, cols[0])))) {
            fail(e, c.name, c.line, "out of memory");
            goto bad;
        }
        s->weekdays = days;
        s->start_ymd = start;
        s->end_ymd = end;
    }
    if (r < 0)
        goto bad;
    if (f->n_services == 0) {
        fail(e, c.name, 0, "no services");
        goto bad;
    }
    csv_close(&c);
    return 0;
bad:
    csv_close(&c);
    return -1;
}

static int cmp_exception(const void *a, const void *b)
{
    const gtfs_exception *x = a, *y = b;
    if (x->service != y->service)
        return x->service < y->service ? -1 : 1;
    return x->ymd < y->ymd ? -1 : x->ymd > y->ymd;
}

static int read_calendar_dates(gtfs_feed *f, const gtfs_source *src, parse_err *e)
{
    csv c;
    if (csv_open(&c, src, e) < 0)
        goto bad;
    static const char *const names[] = {"service_id", "date", "exception_type"};
    int cols[3];
    if (csv_require(&c, e, cols, names, 3, 1) < 0)
        goto bad;
    int r = 0;
    while ((r = csv_row(&c, e)) == 1) {
        if (!row_width_ok(&c, e))
            goto bad;
        int svc = find_service(f, fld(&c, cols[0]));
        if (svc < 0) {
            fail(e, c.name, c.line, "unknown service_id '%s'", fld(&c, cols[0]));
            goto bad;
        }
        int32_t ymd = gtfs_parse_date(fld(&c, cols[1]), 0);
        long type = 0;
        if (ymd < 0 || parse_int(fld(&c, cols[2]), 1, 2, &type) < 0) {
            fail(e, c.name, c.line, "date must be YYYYMMDD and exception_type 1 or 2");
            goto bad;
        }
        gtfs_exception *x = grow((void **)&f->exceptions, &f->n_exceptions, sizeof *x);
        if (!x) {
            fail(e, c.name, c.line, "out of memory");
            goto bad;
        }
        x->service = svc;
        x->ymd = ymd;
        x->added = type == 1;
    }
    if (r < 0)
        goto bad;
    csv_close(&c);
    if (f->n_exceptions)
        qsort(f->exceptions, (size_t)f->n_exceptions, sizeof *f->exceptions, cmp_exception);
    for (int i = 0; i < f->n_exceptions; i++) {
        gtfs_service *s = &f->services[f->exceptions[i].service];
        if (s->n_exceptions++ == 0)
            s->first_exception = i;
    }
    return 0;
bad:
    csv_close(&c);
    return -1;
}

static int optional_int(csv *c, parse_err *e, int col, const char *name, long lo, long hi, int *out)
{
    const char *v = fld(c, col);
    long x = -1;
    if (*v && parse_int(v, lo, hi, &x) < 0) {
        fail(e, c->name, c->line, "%s '%s' is not a whole number in %ld..%ld", name, v, lo, hi);
        return -1;
    }
    *out = (int)x;
    return 0;
}

static int read_booking_rules(gtfs_feed *f, const gtfs_source *src, parse_err *e)
{
    csv c;
    if (csv_open(&c, src, e) < 0)
        goto bad;
    static const char *const names[] = {"booking_rule_id",           "booking_type",
                                        "prior_notice_duration_min", "prior_notice_duration_max",
                                        "prior_notice_last_day",     "prior_notice_start_day"};
    int cols[6];
    if (csv_require(&c, e, cols, names, 2, 1) < 0 ||
        csv_require(&c, e, cols + 2, names + 2, 4, 0) < 0)
        goto bad;
    int r = 0;
    while ((r = csv_row(&c, e)) == 1) {
        if (!row_width_ok(&c, e) || need_id(&c, e, "booking_rule_id", fld(&c, cols[0])) < 0)
            goto bad;
        if (find_rule(f, fld(&c, cols[0])) >= 0) {
            fail(e, c.name, c.line, "booking_rule_id '%s' appears twice", fld(&c, cols[0]));
            goto bad;
        }
        gtfs_booking_rule br = {0};
        long type = 0;
        if (parse_int(fld(&c, cols[1]), 0, 2, &type) < 0) {
            fail(e, c.name, c.line, "booking_type must be 0, 1 or 2");
            goto bad;
        }
        br.type = (int)type;
        if (optional_int(&c, e, cols[2], names[2], 0, 100000, &br.prior_notice_duration_min) < 0 ||
            optional_int(&c, e, cols[3], names[3], 0, 100000, &br.prior_notice_duration_max) < 0 ||
            optional_int(&c, e, cols[4], names[4], 0, 365, &br.prior_notice_last_day) < 0 ||
            optional_int(&c, e, cols[5], names[5], 0, 365, &br.prior_notice_start_day) < 0)
            goto bad;
        if (br.type == 1 && br.prior_notice_duration_min < 0) {
            fail(e, c.name, c.line, "booking_type 1 needs prior_notice_duration_min");
            goto bad;
        }
        if (br.type == 2 && br.prior_notice_last_day < 0) {
            fail(e, c.name, c.line, "booking_type 2 needs prior_notice_last_day");
            goto bad;
        }
        gtfs_booking_rule *slot =
            grow((void **)&f->booking_rules, &f->n_booking_rules, sizeof *slot);
        if (!slot || !(br.id = dup_str(fld(&c, cols[0])))) {
            fail(e, c.name, c.line, "out of memory");
            goto bad;
        }
        *slot = br;
    }
    if (r < 0)
        goto bad;
    csv_close(&c);
    return 0;
bad:
    csv_close(&c);
    return -1;
}

static int read_trips(gtfs_feed *f, const gtfs_source *src, parse_err *e)
{
    csv c;
    if (csv_open(&c, src, e) < 0)
        goto bad;
    static const char *const names[] = {
        "route_id", "service_id",       "trip_id", "trip_headsign", "wheelchair_accessible",
        "seats",    "wheelchair_places"};
    int cols[7];
    if (csv_require(&c, e, cols, names, 3, 1) < 0 ||
        csv_require(&c, e, cols + 3, names + 3, 4, 0) < 0)
        goto bad;
    int r = 0;
    while ((r = csv_row(&c, e)) == 1) {
        if (!row_width_ok(&c, e) || need_id(&c, e, "trip_id", fld(&c, cols[2])) < 0)
            goto bad;
        if (gtfs_find_trip(f, fld(&c, cols[2])) >= 0) {
            fail(e, c.name, c.line, "trip_id '%s' appears twice", fld(&c, cols[2]));
            goto bad;
        }
        int route = find_route(f, fld(&c, cols[0]));
        if (route < 0) {
            fail(e, c.name, c.line, "unknown route_id '%s'", fld(&c, cols[0]));
            goto bad;
        }
        int svc = find_service(f, fld(&c, cols[1]));
        if (svc < 0) {
            fail(e, c.name, c.line, "unknown service_id '%s'", fld(&c, cols[1]));
            goto bad;
        }
        int wheel = 0, seats = 0, places = 0;
        if (optional_int(&c, e, cols[4], names[4], 0, 2, &wheel) < 0 ||
            optional_int(&c, e, cols[5], names[5], 0, 1000, &seats) < 0 ||
            optional_int(&c, e, cols[6], names[6], 0, 100, &places) < 0)
            goto bad;
        if (wheel < 0)
            wheel = 0;
        if (seats < 0)
            seats = GTFS_DEFAULT_SEATS;
        if (places < 0)
            places = wheel == 1 ? 1 : 0;
        if (places > 0 && wheel != 1) {
            fail(e, c.name, c.line,
                 "wheelchair_places %d on a trip that is not "
                 "wheelchair_accessible = 1",
                 places);
            goto bad;
        }
        gtfs_trip *t = grow((void **)&f->trips, &f->n_trips, sizeof *t);
        if (!t || !(t->id = dup_str(fld(&c, cols[2]))) ||
            !(t->headsign = dup_str(fld(&c, cols[3])))) {
            fail(e, c.name, c.line, "out of memory");
            goto bad;
        }
        t->route = route;
        t->service = svc;
        t->wheelchair_accessible = wheel;
        t->seats = seats;
        t->wheelchair_places = places;
        t->first_stop_time = -1;
    }
    if (r < 0)
        goto bad;
    if (f->n_trips == 0) {
        fail(e, c.name, 0, "no trips");
        goto bad;
    }
    csv_close(&c);
    return 0;
bad:
    csv_close(&c);
    return -1;
}

static int cmp_stop_time(const void *a, const void *b)
{
    const gtfs_stop_time *x = a, *y = b;
    if (x->trip != y->trip)
        return x->trip < y->trip ? -1 : 1;
    return x->sequence < y->sequence ? -1 : x->sequence > y->sequence;
}

static int read_stop_times(gtfs_feed *f, const gtfs_source *src, parse_err *e)
{
    csv c;
    if (csv_open(&c, src, e) < 0)
        goto bad;
    static const char *const names[] = {"trip_id", "arrival_time",  "departure_time",
                                        "stop_id", "stop_sequence", "pickup_booking_rule_id"};
    int cols[6];
    if (csv_require(&c, e, cols, names, 5, 1) < 0 ||
        csv_require(&c, e, cols + 5, names + 5, 1, 0) < 0)
        goto bad;
    int r = 0;
    int last_trip = -1;
    while ((r = csv_row(&c, e)) == 1) {
        if (!row_width_ok(&c, e))
            goto bad;
        /* Rows usually come grouped by trip: check the previous trip first. */
        const char *tid = fld(&c, cols[0]);
        int trip = last_trip >= 0 && strcmp(f->trips[last_trip].id, tid) == 0
                       ? last_trip
                       : gtfs_find_trip(f, tid);
        if (trip < 0) {
            fail(e, c.name, c.line, "unknown trip_id '%s'", tid);
            goto bad;
        }
        last_trip = trip;
        int stop = gtfs_find_stop(f, fld(&c, cols[3]));
        if (stop < 0) {
            fail(e, c.name, c.line, "unknown stop_id '%s'", fld(&c, cols[3]));
            goto bad;
        }
        int arr = gtfs_parse_time(fld(&c, cols[1]));
        int dep = gtfs_parse_time(fld(&c, cols[2]));
        if (arr < 0 && *fld(&c, cols[1]) == '\0')
            arr = dep;
        if (dep < 0 && *fld(&c, cols[2]) == '\0')
            dep = arr;
        if (arr < 0 || dep < 0) {
            fail(e, c.name, c.line, "arrival_time/departure_time must be HH:MM:SS");
            goto bad;
        }
        if (dep < arr) {
            fail(e, c.name, c.line, "departure_time before arrival_time");
            goto bad;
        }
        long seq = 0;
        if (parse_int(fld(&c, cols[4]), 0, 1000000, &seq) < 0) {
            fail(e, c.name, c.line, "stop_sequence '%s' is not a whole number", fld(&c, cols[4]));
            goto bad;
        }
        int rule = -1;
        if (*fld(&c, cols[5])) {
            rule = find_rule(f, fld(&c, cols[5]));
            if (rule < 0) {
                fail(e, c.name, c.line, "unknown pickup_booking_rule_id '%s'", fld(&c, cols[5]));
                goto bad;
            }
        }
        gtfs_stop_time *st = grow((void **)&f->stop_times, &f->n_stop_times, sizeof *st);
        if (!st) {
            fail(e, c.name, c.line, "out of memory or too many rows");
            goto bad;
        }
        st->trip = trip;
        st->stop = stop;
        st->arrival_s = arr;
        st->departure_s = dep;
        st->sequence = (int)seq;
        st->booking_rule = rule;
        st->line = c.line;
    }
    if (r < 0)
        goto bad;
    if (f->n_stop_times)
        qsort(f->stop_times, (size_t)f->n_stop_times, sizeof *f->stop_times, cmp_stop_time);
    for (int i = 0; i < f->n_stop_times; i++) {
        gtfs_stop_time *st = &f->stop_times[i];
        gtfs_trip *t = &f->trips[st->trip];
        if (t->n_stop_times++ == 0) {
            t->first_stop_time = i;
            continue;
        }
        const gtfs_stop_time *prev = &f->stop_times[i - 1];
        if (prev->sequence == st->sequence) {
            fail(e, c.name, st->line > prev->line ? st->line : prev->line,
                 "trip '%s' has stop_sequence %d twice", t->id, st->sequence);
            goto bad;
        }
        if (st->arrival_s < prev->departure_s) {
            fail(e, c.name, st->line, "trip '%s' goes back in time at stop_sequence %d", t->id,
                 st->sequence);
            goto bad;
        }
    }
    for (int i = 0; i < f->n_trips; i++)
        if (f->trips[i].n_stop_times < 2) {
            fail(e, c.name, 0, "trip '%s' has fewer than two stop times", f->trips[i].id);
            goto bad;
        }
    csv_close(&c);
    return 0;
bad:
    csv_close(&c);
    return -1;
}

gtfs_feed *gtfs_parse(const gtfs_source *files, int n_files, char *err, size_t err_cap)
{
    parse_err e = {err, err_cap};
    if (err && err_cap)
        err[0] = '\0';
    gtfs_feed *f = calloc(1, sizeof *f);
    if (!f) {
        fail(&e, "gtfs", 0, "out of memory");
        return NULL;
    }
    static const char *const required[] = {"agency.txt",   "stops.txt", "routes.txt",
                                           "calendar.txt", "trips.txt", "stop_times.txt"};
    for (size_t i = 0; i < sizeof required / sizeof *required; i++)
        if (!find_src(files, n_files, required[i])) {
            fail(&e, required[i], 0,
                 "missing (a feed needs agency, stops, routes, calendar, "
                 "trips and stop_times)");
            goto bad;
        }
    const gtfs_source *dates = find_src(files, n_files, "calendar_dates.txt");
    const gtfs_source *rules = find_src(files, n_files, "booking_rules.txt");
    if (read_agency(f, find_src(files, n_files, "agency.txt"), &e) < 0 ||
        read_stops(f, find_src(files, n_files, "stops.txt"), &e) < 0 ||
        read_routes(f, find_src(files, n_files, "routes.txt"), &e) < 0 ||
        read_calendar(f, find_src(files, n_files, "calendar.txt"), &e) < 0 ||
        (dates && read_calendar_dates(f, dates, &e) < 0) ||
        (rules && read_booking_rules(f, rules, &e) < 0) ||
        read_trips(f, find_src(files, n_files, "trips.txt"), &e) < 0 ||
        read_stop_times(f, find_src(files, n_files, "stop_times.txt"), &e) < 0)
        goto bad;
    return f;
bad:
    gtfs_free(f);
    return NULL;
}

/* Reads a regular file of at most cap bytes without blocking on a FIFO. */
static char *read_small_file(const char *path, size_t cap, size_t *n_out, int *missing)
{
    *missing = 0;
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *missing = errno == ENOENT;
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > cap) {
        close(fd);
        return NULL;
    }
    size_t n = (size_t)st.st_size;
    char *buf = malloc(n + 1);
    size_t got = 0;
    while (buf && got < n) {
        ssize_t r = read(fd, buf + got, n - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (!buf || got != n) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *n_out = n;
    return buf;
}

gtfs_feed *gtfs_load(const char *dir, char *err, size_t err_cap)
{
    static const char *const names[] = {"agency.txt",     "stops.txt",          "routes.txt",
                                        "calendar.txt",   "calendar_dates.txt", "trips.txt",
                                        "stop_times.txt", "booking_rules.txt"};
    enum { N = sizeof names / sizeof *names };
    gtfs_source src[N];
    char *bufs[N] = {0};
    gtfs_feed *feed = NULL;
    for (int i = 0; i < N; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t n = 0;
        int missing = 0;
        bufs[i] = read_small_file(path, GTFS_MAX_FILE_BYTES, &n, &missing);
        if (!bufs[i] && !missing) {
            if (err && err_cap)
                snprintf(err, err_cap,
                         "%s: cannot read (not a regular file, unreadable, or "
                         "larger than %u bytes)",
                         path, GTFS_MAX_FILE_BYTES);
            goto out;
        }
        src[i].name = names[i];
        src[i].text = bufs[i];
        src[i].n_bytes = n;
    }
    feed = gtfs_parse(src, N, err, err_cap);
out:
    for (int i = 0; i < N; i++)
        free(bufs[i]);
    return feed;
}

void gtfs_free(gtfs_feed *f)
{
    if (!f)
        return;
    free(f->agency_name);
    free(f->timezone);
    for (int i = 0; i < f->n_stops; i++) {
        free(f->stops[i].id);
        free(f->stops[i].name);
    }
    for (int i = 0; i < f->n_routes; i++) {
        free(f->routes[i].id);
        free(f->routes[i].short_name);
        free(f->routes[i].long_name);
        free(f->routes[i].color);
    }
    for (int i = 0; i < f->n_trips; i++) {
        free(f->trips[i].id);
        free(f->trips[i].headsign);
    }
    for (int i = 0; i < f->n_services; i++)
        free(f->services[i].id);
    for (int i = 0; i < f->n_booking_rules; i++)
        free(f->booking_rules[i].id);
    free(f->stops);
    free(f->routes);
    free(f->trips);
    free(f->stop_times);
    free(f->services);
    free(f->exceptions);
    free(f->booking_rules);
    free(f);
}

int gtfs_service_runs(const gtfs_feed *f, int service, int32_t ymd)
{
    if (service < 0 || service >= f->n_services)
        return 0;
    const gtfs_service *s = &f->services[service];
    for (int i = 0; i < s->n_exceptions; i++) {
        const gtfs_exception *x = &f->exceptions[s->first_exception + i];
        if (x->ymd == ymd)
            return x->added;
    }
    if (ymd < s->start_ymd || ymd > s->end_ymd)
        return 0;
    return (s->weekdays >> gtfs_weekday(ymd)) & 1;
}
