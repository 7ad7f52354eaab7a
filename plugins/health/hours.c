/* Opening hours: is a clinic open at a given instant, and when does that change? Local dates and
 * times come from an ICU calendar in the content's zone (Asia/Seoul), so the answer is right on a
 * kiosk whose system clock runs in UTC. A day's hours are its weekday's ranges, or the "holiday"
 * ranges on a listed public holiday, or none on the clinic's own closed dates; a range past
 * midnight belongs to the day it starts.
 */
#include "health.h"

#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>

#define HORIZON_DAYS 8 /* how far ahead the next opening is looked for */
#define MAX_SPANS ((HORIZON_DAYS + 2) * MD_HEALTH_MAX_RANGES)

struct md_health_clock {
    UCalendar *cal;
};

md_health_clock *md_health_clock_create(const char *time_zone, char *err, size_t err_cap)
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
    md_health_clock *c = calloc(1, sizeof *c);
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

void md_health_clock_destroy(md_health_clock *clock)
{
    if (!clock)
        return;
    ucal_close(clock->cal);
    free(clock);
}

int md_health_clock_local(md_health_clock *clock, int64_t unix_ms, md_health_local *out)
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

int64_t md_health_clock_instant(md_health_clock *clock, int year, int month, int day, int minute)
{
    UErrorCode st = U_ZERO_ERROR;
    ucal_clear(clock->cal);
    ucal_setDateTime(clock->cal, year, month - 1, day, 0, 0, 0, &st);
    /* Lenient: minute 1560 is 02:00 the next day, and a DST shift would be honoured. */
    ucal_add(clock->cal, UCAL_MINUTE, minute, &st);
    UDate ms = ucal_getMillis(clock->cal, &st);
    return U_FAILURE(st) ? 0 : (int64_t)ms;
}

typedef struct span {
    int64_t start_ms, end_ms;
} span;

static int cmp_span(const void *a, const void *b)
{
    const span *x = a, *y = b;
    return (x->start_ms > y->start_ms) - (x->start_ms < y->start_ms);
}

static int closed_on(const md_health_hours *h, int32_t date)
{
    for (int i = 0; i < h->n_closed; i++)
        if (h->closed_dates[i] == date)
            return 1;
    return 0;
}

int md_health_status_at(md_health_clock *clock, const md_health_content *c,
                        const md_health_clinic *clinic, int64_t now_ms, md_health_status *out)
{
    memset(out, 0, sizeof *out);
    md_health_local now;
    if (md_health_clock_local(clock, now_ms, &now) < 0)
        return -1;
    int32_t today = now.year * 10000 + now.month * 100 + now.day;
    out->holiday = md_health_holiday_find(c, today) != NULL;

    /* Every opening of the clinic from yesterday (its hours may run past midnight into today)
     * to a week ahead, as absolute spans. */
    span spans[MAX_SPANS];
    int n = 0;
    int64_t today_start = md_health_clock_instant(clock, now.year, now.month, now.day, 0);
    int64_t today_end = md_health_clock_instant(clock, now.year, now.month, now.day, 1440);
    for (int off = -1; off <= HORIZON_DAYS; off++) {
        md_health_local day;
        /* Noon of the day `off` days away: safe from DST edges when finding its date. */
        int64_t noon = md_health_clock_instant(clock, now.year, now.month, now.day + off, 720);
        if (md_health_clock_local(clock, noon, &day) < 0)
            return -1;
        int32_t date = day.year * 10000 + day.month * 100 + day.day;
        if (closed_on(&clinic->hours, date))
            continue;
        int row = md_health_holiday_find(c, date) ? MD_HEALTH_DAY_HOLIDAY : day.weekday;
        for (int r = 0; r < clinic->hours.n_ranges[row]; r++) {
            const md_health_range *rg = &clinic->hours.ranges[row][r];
            spans[n].start_ms =
                md_health_clock_instant(clock, day.year, day.month, day.day, rg->start_min);
            spans[n].end_ms =
                md_health_clock_instant(clock, day.year, day.month, day.day, rg->end_min);
            n++;
        }
    }
    qsort(spans, (size_t)n, sizeof *spans, cmp_span);
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
    int64_t horizon = spans[m > 0 ? m - 1 : 0].end_ms;
    int opened_today = 0;
    for (int i = 0; i < m; i++) {
        if (spans[i].start_ms <= now_ms && now_ms < spans[i].end_ms) {
            out->state = MD_HEALTH_STATE_OPEN;
            /* Open through the whole horizon: say "open 24 hours" rather than a far date. */
            out->change_ms = spans[i].end_ms == horizon &&
                                     spans[i].end_ms - now_ms > (int64_t)HORIZON_DAYS * 43200000
                                 ? 0
                                 : spans[i].end_ms;
            return 0;
        }
        if (spans[i].end_ms <= now_ms && spans[i].start_ms >= today_start)
            opened_today = 1;
        if (spans[i].start_ms > now_ms) {
            out->state = opened_today && spans[i].start_ms < today_end ? MD_HEALTH_STATE_BREAK
                                                                       : MD_HEALTH_STATE_CLOSED;
            out->change_ms = spans[i].start_ms;
            return 0;
        }
    }
    out->state = MD_HEALTH_STATE_CLOSED;
    out->change_ms = 0;
    return 0;
}
