/* Opening hours (see hours.h): is a place open at a given instant, and when does that change?
 * Local dates and times come from an ICU calendar in the content's zone (Asia/Seoul), so the
 * answer is right on a kiosk whose system clock runs in UTC. A day's hours are its weekday's
 * ranges, or the "holiday" ranges on a listed public holiday, or none on the place's own closed
 * dates; a range past midnight belongs to the day it starts.
 */
#include "hours.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>

#define HOURS_HORIZON_DAYS 8 /* how far ahead the next opening is looked for */
#define HOURS_MAX_SPANS ((HOURS_HORIZON_DAYS + 2) * MD_HOURS_MAX_RANGES)

struct md_hours_clock {
    UCalendar *cal;
};

md_hours_clock *md_hours_clock_create(const char *time_zone, char *err, size_t err_cap)
{
    UChar zone[64];
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(zone, 64, NULL, time_zone, -1, &st);
    if (U_FAILURE(st)) {
        snprintf(err, err_cap, "time zone \"%s\" is not valid", time_zone);
        return NULL;
    }
    /* ICU falls back to GMT ("Etc/Unknown") for a zone it does not know: refuse instead. */
    UChar canonical[64];
    UBool is_system = 0;
    ucal_getCanonicalTimeZoneID(zone, -1, canonical, 64, &is_system, &st);
    if (U_FAILURE(st) || !is_system) {
        snprintf(err, err_cap, "time zone \"%s\" is unknown to ICU", time_zone);
        return NULL;
    }
    md_hours_clock *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, err_cap, "out of memory");
        return NULL;
    }
    c->cal = ucal_open(zone, -1, "en_US_POSIX", UCAL_GREGORIAN, &st);
    if (U_FAILURE(st)) {
        snprintf(err, err_cap, "ICU calendar for \"%s\": %s", time_zone, u_errorName(st));
        free(c);
        return NULL;
    }
    return c;
}

void md_hours_clock_destroy(md_hours_clock *clock)
{
    if (!clock)
        return;
    ucal_close(clock->cal);
    free(clock);
}

int md_hours_clock_local(md_hours_clock *clock, int64_t unix_ms, md_hours_local *out)
{
    UErrorCode st = U_ZERO_ERROR;
    ucal_setMillis(clock->cal, (UDate)unix_ms, &st);
    out->year = ucal_get(clock->cal, UCAL_YEAR, &st);
    out->month = ucal_get(clock->cal, UCAL_MONTH, &st) + 1;
    out->day = ucal_get(clock->cal, UCAL_DATE, &st);
    int dow = ucal_get(clock->cal, UCAL_DAY_OF_WEEK, &st); /* 1 = Sunday .. 7 = Saturday */
    out->weekday = (dow + 5) % 7;
    out->minute =
        ucal_get(clock->cal, UCAL_HOUR_OF_DAY, &st) * 60 + ucal_get(clock->cal, UCAL_MINUTE, &st);
    return U_FAILURE(st) ? -1 : 0;
}

int64_t md_hours_clock_instant(md_hours_clock *clock, int year, int month, int day, int minute)
{
    UErrorCode st = U_ZERO_ERROR;
    ucal_clear(clock->cal);
    ucal_setDateTime(clock->cal, year, month - 1, day, 0, 0, 0, &st);
    /* Lenient: minute 1560 is 02:00 the next day, and a DST shift would be honoured. */
    ucal_add(clock->cal, UCAL_MINUTE, minute, &st);
    UDate ms = ucal_getMillis(clock->cal, &st);
    return U_FAILURE(st) ? 0 : (int64_t)ms;
}

typedef struct hours_span {
    int64_t start_ms, end_ms;
} hours_span;

static int hours_cmp_span(const void *a, const void *b)
{
    const hours_span *x = a, *y = b;
    return (x->start_ms > y->start_ms) - (x->start_ms < y->start_ms);
}

static int hours_closed_on(const md_hours *h, int32_t date)
{
    for (int i = 0; i < h->n_closed; i++)
        if (h->closed_dates[i] == date)
            return 1;
    return 0;
}

int md_hours_is_holiday(const md_hours_holidays *holidays, int32_t yyyymmdd)
{
    int lo = 0, hi = holidays ? holidays->n - 1 : -1;
    while (lo <= hi) {
        int mid = lo + (hi - lo) / 2;
        if (holidays->dates[mid] == yyyymmdd)
            return 1;
        if (holidays->dates[mid] < yyyymmdd)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return 0;
}

int md_hours_status_at(md_hours_clock *clock, const md_hours *hours,
                       const md_hours_holidays *holidays, int64_t now_ms, md_hours_status *out)
{
    memset(out, 0, sizeof *out);
    md_hours_local now;
    if (md_hours_clock_local(clock, now_ms, &now) < 0)
        return -1;
    int32_t today = now.year * 10000 + now.month * 100 + now.day;
    out->holiday = md_hours_is_holiday(holidays, today);

    /* Every opening of the place from yesterday (its hours may run past midnight into today)
     * to a week ahead, as absolute spans. */
    hours_span spans[HOURS_MAX_SPANS];
    int n = 0;
    int64_t today_start = md_hours_clock_instant(clock, now.year, now.month, now.day, 0);
    int64_t today_end = md_hours_clock_instant(clock, now.year, now.month, now.day, 1440);
    for (int off = -1; off <= HOURS_HORIZON_DAYS; off++) {
        md_hours_local day;
        /* Noon of the day `off` days away: safe from DST edges when finding its date. */
        int64_t noon = md_hours_clock_instant(clock, now.year, now.month, now.day + off, 720);
        if (md_hours_clock_local(clock, noon, &day) < 0)
            return -1;
        int32_t date = day.year * 10000 + day.month * 100 + day.day;
        if (hours_closed_on(hours, date))
            continue;
        int row = md_hours_is_holiday(holidays, date) ? MD_HOURS_DAY_HOLIDAY : day.weekday;
        for (int r = 0; r < hours->n_ranges[row] && r < MD_HOURS_MAX_RANGES; r++) {
            const md_hours_range *rg = &hours->ranges[row][r];
            spans[n].start_ms =
                md_hours_clock_instant(clock, day.year, day.month, day.day, rg->start_min);
            spans[n].end_ms =
                md_hours_clock_instant(clock, day.year, day.month, day.day, rg->end_min);
            n++;
        }
    }
    qsort(spans, (size_t)n, sizeof *spans, hours_cmp_span);
    /* Merge touching spans: "00:00-24:00" every day is one long opening, and Friday
     * "18:00-24:00" plus Saturday "00:00-03:00" closes at 03:00, not at midnight. */
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (m > 0 && spans[i].start_ms <= spans[m - 1].end_ms) {
            if (spans[i].end_ms > spans[m - 1].end_ms)
                spans[m - 1].end_ms = spans[i].end_ms;
        } else {
            spans[m++] = spans[i];
        }
    }
    int64_t horizon = m > 0 ? spans[m - 1].end_ms : 0;
    int opened_today = 0;
    for (int i = 0; i < m; i++) {
        if (spans[i].start_ms <= now_ms && now_ms < spans[i].end_ms) {
            out->state = MD_HOURS_OPEN;
            /* Open through the whole horizon: say "open 24 hours" rather than a far date. */
            out->change_ms =
                spans[i].end_ms == horizon &&
                        spans[i].end_ms - now_ms > (int64_t)HOURS_HORIZON_DAYS * 43200000
                    ? 0
                    : spans[i].end_ms;
            return 0;
        }
        if (spans[i].end_ms <= now_ms && spans[i].start_ms >= today_start)
            opened_today = 1;
        if (spans[i].start_ms > now_ms) {
            out->state =
                opened_today && spans[i].start_ms < today_end ? MD_HOURS_BREAK : MD_HOURS_CLOSED;
            out->change_ms = spans[i].start_ms;
            return 0;
        }
    }
    out->state = MD_HOURS_CLOSED;
    out->change_ms = 0;
    return 0;
}

static int hours_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

int32_t md_hours_date_parse(const char *s)
{
    int y = 0, m = 0, d = 0, n = 0;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
        s[4] != '-' || s[7] != '-')
        return -1;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return -1;
    if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > hours_days_in_month(y, m))
        return -1;
    return y * 10000 + m * 100 + d;
}

static int hours_parse_hhmm(const char *s, int *out)
{
    if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) || s[2] != ':' ||
        !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]))
        return -1;
    int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
    if (m > 59 || h > 24 || (h == 24 && m != 0))
        return -1;
    *out = h * 60 + m;
    return 0;
}

int md_hours_range_parse(const char *s, md_hours_range *out)
{
    int a = 0, b = 0;
    if (strlen(s) != 11 || s[5] != '-' || hours_parse_hhmm(s, &a) < 0 ||
        hours_parse_hhmm(s + 6, &b) < 0)
        return -1;
    if (a == 1440)
        return -1; /* a range cannot start at 24:00 */
    if (b <= a)
        b += 1440; /* past midnight: 22:00-02:00 ends on the next day */
    out->start_min = a;
    out->end_min = b;
    return 0;
}

static int hours_cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static const char *const k_day_keys[MD_HOURS_N_DAYS] = {"mon", "tue", "wed", "thu",
                                                        "fri", "sat", "sun", "holiday"};

int md_hours_parse_json(const struct json_t *obj, md_hours *out,
                        void *(*alloc_fn)(void *alloc_ctx, size_t n_bytes), void *alloc_ctx,
                        char *where, size_t where_cap, char *reason, size_t reason_cap)
{
    json_t *j = (json_t *)obj;
    memset(out, 0, sizeof *out);
    snprintf(where, where_cap, "%s", "");
    if (!json_is_object(j)) {
        snprintf(reason, reason_cap, "must be an object");
        return -1;
    }
    const char *key;
    json_t *val;
    json_object_foreach(j, key, val)
    {
        int ok = key[0] == '_' || strcmp(key, "closed_dates") == 0;
        for (int d = 0; d < MD_HOURS_N_DAYS && !ok; d++)
            ok = strcmp(key, k_day_keys[d]) == 0;
        if (!ok) {
            snprintf(reason, reason_cap, "unknown key \"%s\"", key);
            return -1;
        }
    }
    for (int d = 0; d < MD_HOURS_N_DAYS; d++) {
        json_t *day = json_object_get(j, k_day_keys[d]);
        /* A day left out is closed; every day must be named though, so that a forgotten day is
         * a visible decision ("sun": []) rather than an accident. */
        if (!day) {
            if (d == MD_HOURS_DAY_HOLIDAY)
                continue;
            snprintf(reason, reason_cap, "missing \"%s\"", k_day_keys[d]);
            return -1;
        }
        if (!json_is_array(day)) {
            snprintf(reason, reason_cap, "\"%s\" must be an array", k_day_keys[d]);
            return -1;
        }
        if (json_array_size(day) > MD_HOURS_MAX_RANGES) {
            snprintf(reason, reason_cap, "\"%s\" has more than %d ranges", k_day_keys[d],
                     MD_HOURS_MAX_RANGES);
            return -1;
        }
        size_t i;
        json_t *r;
        json_array_foreach(day, i, r)
        {
            md_hours_range *rg = &out->ranges[d][i];
            snprintf(where, where_cap, ".%s[%zu]", k_day_keys[d], i);
            if (!json_is_string(r) || md_hours_range_parse(json_string_value(r), rg) < 0) {
                snprintf(reason, reason_cap,
                         "must be a range \"HH:MM-HH:MM\" (24-hour clock, e.g. \"09:00-13:00\"; "
                         "\"22:00-02:00\" runs past midnight)");
                return -1;
            }
            if (i > 0 && rg->start_min < out->ranges[d][i - 1].end_min) {
                snprintf(reason, reason_cap,
                         "\"%s\" starts before the previous range ends (list ranges in order, "
                         "without overlap)",
                         json_string_value(r));
                return -1;
            }
            if (rg->end_min > out->ranges[d][0].start_min + 1440) {
                snprintf(reason, reason_cap, "the day's ranges hours_span more than 24 hours");
                return -1;
            }
            out->n_ranges[d]++;
        }
        snprintf(where, where_cap, "%s", "");
    }
    json_t *closed = json_object_get(j, "closed_dates");
    if (!closed)
        return 0;
    if (!json_is_array(closed) || json_array_size(closed) > 10000) {
        snprintf(reason, reason_cap, "\"closed_dates\" must be an array of at most 10000 dates");
        return -1;
    }
    int n = (int)json_array_size(closed);
    int32_t *dates = alloc_fn(alloc_ctx, ((size_t)n + 1) * sizeof *dates);
    if (!dates) {
        snprintf(reason, reason_cap, "out of memory");
        return -1;
    }
    size_t i;
    json_t *d;
    json_array_foreach(closed, i, d)
    {
        int32_t date = json_is_string(d) ? md_hours_date_parse(json_string_value(d)) : -1;
        if (date < 0) {
            snprintf(where, where_cap, ".closed_dates[%zu]", i);
            snprintf(reason, reason_cap, "must be a date \"YYYY-MM-DD\"");
            return -1;
        }
        dates[i] = date;
    }
    qsort(dates, (size_t)n, sizeof *dates, hours_cmp_i32);
    out->closed_dates = dates;
    out->n_closed = n;
    return 0;
}
