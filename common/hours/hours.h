/* Opening hours shared by the plugins that show places (the health guide's clinics, the menu's
 * restaurants): a weekly table with public-holiday hours and a place's own closed dates, evaluated
 * in the content's time zone with ICU, and the strict reader of the "hours" JSON object they share
 * (docs/CONTENT.md). Plugins compile hours.c into themselves (it uses ICU, libc and Jansson only).
 */
#ifndef MD_HOURS_H
#define MD_HOURS_H

#include <stddef.h>
#include <stdint.h>

#define MD_HOURS_MAX_RANGES 6 /* opening ranges per day */

/* Rows of the weekly table: Monday..Sunday, then public holidays. */
enum { MD_HOURS_DAY_HOLIDAY = 7, MD_HOURS_N_DAYS = 8 };

/* Minutes since local midnight of the day the range starts; end_min may exceed 1440 when the
 * place stays open past midnight (22:00-02:00 is {1320, 1560}). */
typedef struct md_hours_range {
    int start_min;
    int end_min;
} md_hours_range;

typedef struct md_hours {
    md_hours_range ranges[MD_HOURS_N_DAYS][MD_HOURS_MAX_RANGES];
    int n_ranges[MD_HOURS_N_DAYS];
    int32_t *closed_dates; /* yyyymmdd, sorted: the place's own closing days */
    int n_closed;
} md_hours;

typedef struct md_hours_clock md_hours_clock; /* an ICU calendar in the content's zone */

typedef struct md_hours_local {
    int year, month, day; /* month 1..12 */
    int weekday;          /* 0 = Monday .. 6 = Sunday */
    int minute;           /* since local midnight */
} md_hours_local;

/* Returns NULL with the reason in err when ICU does not know the zone. */
md_hours_clock *md_hours_clock_create(const char *time_zone, char *err, size_t err_cap);
void md_hours_clock_destroy(md_hours_clock *clock);
int md_hours_clock_local(md_hours_clock *clock, int64_t unix_ms, md_hours_local *out);
/* The instant of minute (may exceed 1440) after local midnight on the given date. */
int64_t md_hours_clock_instant(md_hours_clock *clock, int year, int month, int day, int minute);

typedef enum md_hours_state {
    MD_HOURS_NONE = 0,
    MD_HOURS_OPEN,
    MD_HOURS_BREAK, /* closed now, opens again later today (lunch break) */
    MD_HOURS_CLOSED /* closed for the rest of today */
} md_hours_state;

typedef struct md_hours_status {
    md_hours_state state;
    int64_t change_ms; /* OPEN: when it closes; BREAK/CLOSED: when it opens next; 0: not within
                          a week (always open, or no hours) */
    int holiday;       /* today is a public holiday */
} md_hours_status;

/* Sorted public holidays (yyyymmdd): on those days the table's "holiday" row applies. */
typedef struct md_hours_holidays {
    const int32_t *dates;
    int n;
} md_hours_holidays;

int md_hours_is_holiday(const md_hours_holidays *holidays, int32_t yyyymmdd);
int md_hours_status_at(md_hours_clock *clock, const md_hours *hours,
                       const md_hours_holidays *holidays, int64_t now_ms, md_hours_status *out);
/* Parses "HH:MM-HH:MM" into a range (end <= start means past midnight). 0 or -1. */
int md_hours_range_parse(const char *s, md_hours_range *out);
/* "YYYY-MM-DD" (2000..2100) -> yyyymmdd, or -1. */
int32_t md_hours_date_parse(const char *s);

/* Reads an "hours" object {"mon": ["09:00-13:00", ...], ... "sun": [], "holiday": [...],
 * "closed_dates": ["2026-03-04"]} strictly: every weekday named (a forgotten day is an error, a
 * closed one is []), ranges in order without overlap, unknown keys refused. closed_dates come
 * from alloc_fn(alloc_ctx, n_bytes) (NULL: out of memory). On error returns -1 with where (the path
 * below the object, e.g. ".mon[1]", or "") and reason filled in. */
struct json_t;
int md_hours_parse_json(const struct json_t *obj, md_hours *out,
                        void *(*alloc_fn)(void *alloc_ctx, size_t n_bytes), void *alloc_ctx,
                        char *where, size_t where_cap, char *reason, size_t reason_cap);

#endif /* MD_HOURS_H */
