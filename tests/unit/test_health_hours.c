/* Health guide: opening hours in Asia/Seoul with an injected clock (lunch break, Sunday, public
 * holiday, past midnight, night clinic, 24-hour emergency room, a clinic's own closed dates),
 * distance sorting and filters, and map links. Runs on the shipped sample content, whose clinic
 * hours these tests pin down (change both together). */
#include "../../plugins/health/clinics.c"
#include "../../plugins/health/content.c"
#include "../../plugins/health/hours.c"

#include <time.h>

#include "base/base.h"

#include "check.h"

static md_health_content *g_content;
static md_hours_clock *g_clock;

static const md_health_clinic *clinic(const char *id)
{
    for (int i = 0; i < g_content->n_clinics; i++)
        if (strcmp(g_content->clinics[i].id, id) == 0)
            return &g_content->clinics[i];
    fprintf(stderr, "  no clinic %s in the sample content\n", id);
    return NULL;
}

/* Seoul local time -> instant, independently of ICU: KST is UTC+9 with no DST since 1988. */
static int64_t kst(int y, int mo, int d, int h, int mi)
{
    struct tm tm = {
        .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};
    return ((int64_t)timegm(&tm) - 9 * 3600) * 1000;
}

static md_hours_status status(const char *id, int64_t now)
{
    md_hours_status st;
    memset(&st, 0, sizeof st);
    const md_health_clinic *c = clinic(id);
    if (c)
        CHECK_INT(md_health_status_at(g_clock, g_content, c, now, &st), 0);
    return st;
}

static void test_range_parse(void)
{
    md_hours_range r;
    CHECK_INT(md_hours_range_parse("09:00-13:00", &r), 0);
    CHECK_INT(r.start_min, 540);
    CHECK_INT(r.end_min, 780);
    CHECK_INT(md_hours_range_parse("22:00-02:00", &r), 0);
    CHECK_INT(r.end_min, 1560);
    CHECK_INT(md_hours_range_parse("00:00-24:00", &r), 0);
    CHECK_INT(r.end_min, 1440);
    CHECK_INT(md_hours_range_parse("9:00-13:00", &r), -1);
    CHECK_INT(md_hours_range_parse("09:00-25:00", &r), -1);
    CHECK_INT(md_hours_range_parse("24:00-02:00", &r), -1);
    CHECK_INT(md_hours_range_parse("09:60-10:00", &r), -1);
    CHECK_INT(md_hours_range_parse("09:00–13:00", &r), -1); /* en dash */
}

static void test_local_time_is_seoul(void)
{
    md_hours_local l;
    /* 2026-11-22 15:30 UTC is Monday 00:30 in Seoul. */
    CHECK_INT(md_hours_clock_local(g_clock, kst(2026, 11, 23, 0, 30), &l), 0);
    CHECK_INT(l.year, 2026);
    CHECK_INT(l.month, 11);
    CHECK_INT(l.day, 23);
    CHECK_INT(l.weekday, 0);
    CHECK_INT(l.minute, 30);
    CHECK(md_hours_clock_instant(g_clock, 2026, 11, 23, 30) == kst(2026, 11, 23, 0, 30));
    CHECK(md_hours_clock_instant(g_clock, 2026, 11, 23, 1560) == kst(2026, 11, 24, 2, 0));
}

static void test_lunch_break(void)
{
    md_hours_status st = status("hana-internal", kst(2026, 11, 23, 10, 0)); /* Monday */
    CHECK_INT(st.state, MD_HOURS_OPEN);
    CHECK(st.change_ms == kst(2026, 11, 23, 13, 0));
    st = status("hana-internal", kst(2026, 11, 23, 13, 30));
    CHECK_INT(st.state, MD_HOURS_BREAK);
    CHECK(st.change_ms == kst(2026, 11, 23, 14, 0));
    st = status("hana-internal", kst(2026, 11, 23, 14, 0)); /* reopens on the minute */
    CHECK_INT(st.state, MD_HOURS_OPEN);
    CHECK(st.change_ms == kst(2026, 11, 23, 18, 30));
    st = status("hana-internal", kst(2026, 11, 23, 18, 30)); /* closes on the minute */
    CHECK_INT(st.state, MD_HOURS_CLOSED);
    CHECK(st.change_ms == kst(2026, 11, 24, 9, 0));
    st = status("hana-internal", kst(2026, 11, 23, 8, 0)); /* before opening: not a break */
    CHECK_INT(st.state, MD_HOURS_CLOSED);
    CHECK(st.change_ms == kst(2026, 11, 23, 9, 0));
}

static void test_sunday(void)
{
    int64_t sun = kst(2026, 11, 22, 10, 30);
    md_hours_status st = status("hana-internal", sun);
    CHECK_INT(st.state, MD_HOURS_CLOSED);
    CHECK(st.change_ms == kst(2026, 11, 23, 9, 0));
    CHECK_INT(st.holiday, 0);
    st = status("damunhwa-kids", sun);
    CHECK_INT(st.state, MD_HOURS_OPEN);
    CHECK(st.change_ms == kst(2026, 11, 22, 13, 0));
    st = status("free-clinic", sun); /* Sunday afternoons only */
    CHECK_INT(st.state, MD_HOURS_CLOSED);
    CHECK(st.change_ms == kst(2026, 11, 22, 14, 0));
    st = status("free-clinic", kst(2026, 11, 22, 15, 0));
    CHECK_INT(st.state, MD_HOURS_OPEN);
    /* Saturday: half day. */
    st = status("hana-internal", kst(2026, 11, 21, 12, 59));
    CHECK_INT(st.state, MD_HOURS_OPEN);
    CHECK(st.change_ms == kst(2026, 11, 21, 13, 0));
}

static void test_public_holiday(void)
{
    int64_t xmas = kst(2026, 12, 25, 10, 30);           /* a Friday */
    md_hours_status st = status("hana-internal", xmas); /* no holiday hours: closed */
    CHECK_INT(st.state, MD_HOURS_CLOSED);
    CHECK_INT(st.holiday, 1);
    CHECK(st.change_ms == kst(2026, 12, 26, 9, 0));
    st = status("damunhwa-kids", xmas); /* holiday hours 10:00-13:00 */
    CHECK_INT(st.state, MD_HOURS_OPEN);
    CHECK(st.change_ms == kst(2026, 12, 25, 13, 0));
    /* Chuseok 2026 (lunar, listed in content): Thursday 24 to Saturday 26 September. */
    st = status("hana-internal", kst(2026, 9, 24, 11, 0));
    CHECK_INT(st.state, MD_HOURS_CLOSED);
    CHECK_INT(st.holiday, 1);
    CHECK(st.change_ms == kst(2026, 9, 28, 9, 0)); /* Sunday closed too: Monday */
    /* The day before is an ordinary Wednesday. */
    st = status("hana-internal", kst(2026, 9, 23, 11, 0));
    CHECK_INT(st.state, MD_HOURS_OPEN);
    CHECK_INT(st.holiday, 0);
}

static void test_past_midnight(void)
{
    /* Late-night clinic 18:00-02:00 Monday to Saturday, closed Sunday. */
    md_hours_status st = status("simya-night", kst(2026, 11, 27, 23, 30)); /* Friday */
    CHECK_INT(st.state, MD_HOURS_OPEN);
    CHECK(st.change_ms == kst(2026, 11, 28, 2, 0));
    st = status("simya-night", kst(2026, 11, 28, 1, 0)); /* Saturday 01:00: Friday's hours */
    CHECK_INT(st.state, MD_HOURS_OPEN);
    CHECK(st.change_ms == kst(2026, 11, 28, 2, 0));
    st = status("simya-night", kst(2026, 11, 29, 1, 30)); /* Sunday 01:30: Saturday's hours */
    CHECK_INT(st.state, MD_HOURS_OPEN);
    st = status("simya-night", kst(2026, 11, 30, 1, 0)); /* Monday 01:00: Sunday was closed */
    CHECK_INT(st.state, MD_HOURS_CLOSED);
    CHECK(st.change_ms == kst(2026, 11, 30, 18, 0));
    st = status("simya-night", kst(2026, 11, 28, 5, 0)); /* closed at 02:00, not a lunch break */
    CHECK_INT(st.state, MD_HOURS_CLOSED);
    CHECK(st.change_ms == kst(2026, 11, 28, 18, 0));
    /* Christmas Eve's hours run into Christmas Day (a holiday) regardless. */
    st = status("simya-night", kst(2026, 12, 25, 1, 0));
    CHECK_INT(st.state, MD_HOURS_OPEN);
    CHECK_INT(st.holiday, 1);
}

static void test_night_and_24h(void)
{
    md_hours_status st = status("dalbit-kids", kst(2026, 11, 23, 22, 30)); /* Monday night */
    CHECK_INT(st.state, MD_HOURS_OPEN);
    CHECK(st.change_ms == kst(2026, 11, 23, 23, 0));
    st = status("dalbit-kids", kst(2026, 11, 23, 23, 0));
    CHECK_INT(st.state, MD_HOURS_CLOSED);
    st = status("hanbit-er", kst(2026, 11, 22, 3, 17));
    CHECK_INT(st.state, MD_HOURS_OPEN);
    CHECK(st.change_ms == 0); /* open around the clock */
}

static void test_closed_dates(void)
{
    /* The skin clinic closes on 2026-12-31 (Thursday); 1 January is a holiday without holiday
     * hours; it reopens on Saturday 2 January at 10:00. */
    md_hours_status st = status("malgeun-skin", kst(2026, 12, 31, 11, 0));
    CHECK_INT(st.state, MD_HOURS_CLOSED);
    CHECK(st.change_ms == kst(2027, 1, 2, 10, 0));
    st = status("malgeun-skin", kst(2026, 12, 30, 11, 0));
    CHECK_INT(st.state, MD_HOURS_OPEN);
}

static void test_distance(void)
{
    /* One degree of latitude on the mean sphere: 2 pi R / 360. */
    double d = md_health_distance_m(0, 0, 1, 0);
    CHECK(d > 111194.0 && d < 111196.0);
    CHECK(md_health_distance_m(37.33, 126.79, 37.33, 126.79) == 0.0);
    /* Symmetric, and one degree of longitude shrinks with cos(latitude). */
    double e = md_health_distance_m(37.0, 126.0, 37.0, 127.0);
    CHECK(e > 88700 && e < 88900);
    CHECK(md_health_distance_m(37.0, 127.0, 37.0, 126.0) == e);
}

static void test_search(void)
{
    md_health_hit hits[32];
    md_health_filter f = {.dept = md_health_dept_find(g_content, "paediatrics"),
                          .open_now = 1,
                          .now_ms = kst(2026, 11, 22, 10, 30),
                          .have_origin = 1,
                          .lat = 37.32980,
                          .lon = 126.79050};
    int n = md_health_search(g_clock, g_content, &f, hits, 32);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(g_content->clinics[hits[0].clinic].id, "damunhwa-kids");
        CHECK_STR(g_content->clinics[hits[1].clinic].id, "dalbit-kids");
        CHECK_STR(g_content->clinics[hits[2].clinic].id, "sihwa-er");
        CHECK(hits[0].distance_m < hits[1].distance_m && hits[1].distance_m < hits[2].distance_m);
        CHECK_INT(hits[0].status.state, MD_HOURS_OPEN);
    }
    /* Not only open: the paediatric list still has the same three (all children's clinics). */
    f.open_now = 0;
    f.now_ms = kst(2026, 11, 23, 23, 30);
    CHECK_INT(md_health_search(g_clock, g_content, &f, hits, 32), 3);
    f.open_now = 1; /* Monday 23:30: only the emergency room sees children */
    n = md_health_search(g_clock, g_content, &f, hits, 32);
    CHECK_INT(n, 1);
    if (n == 1)
        CHECK_STR(g_content->clinics[hits[0].clinic].id, "sihwa-er");
    /* Speaks Nepali: the ENT clinic and the free clinic; "uz-Latn" matches "uz-Latn" and "uz". */
    md_health_filter g = {.dept = -1, .lang = "ne", .now_ms = kst(2026, 11, 23, 10, 0)};
    n = md_health_search(g_clock, g_content, &g, hits, 32);
    CHECK_INT(n, 2);
    if (n == 2) { /* no kiosk location: by transliterated name */
        CHECK_STR(g_content->clinics[hits[0].clinic].id, "balgeun-ent"); /* Wongok Balgeun */
        CHECK_STR(g_content->clinics[hits[1].clinic].id, "free-clinic"); /* Wongok Ijumin */
        CHECK(hits[0].distance_m < 0);
    }
    g.lang = "uz";
    CHECK_INT(md_health_search(g_clock, g_content, &g, hits, 32), 2);
    /* Nearest emergency room from the kiosk. */
    md_health_filter er = {.dept = -1,
                           .emergency_only = 1,
                           .have_origin = 1,
                           .lat = 37.3298,
                           .lon = 126.7905,
                           .now_ms = kst(2026, 11, 22, 3, 0)};
    n = md_health_search(g_clock, g_content, &er, hits, 1);
    CHECK_INT(n, 1);
    if (n == 1)
        CHECK_STR(g_content->clinics[hits[0].clinic].id, "hanbit-er");
}

static void test_map_link(void)
{
    char url[512];
    CHECK_INT(md_health_map_link(g_content, clinic("hana-internal"), url, sizeof url), 0);
    CHECK_STR(url, "https://map.kakao.com/link/map/"
                   "%EC%9B%90%EA%B3%A1%ED%95%98%EB%82%98%EB%82%B4%EA%B3%BC%EC%9D%98%EC%9B%90,"
                   "37.331050,126.791200");
    CHECK_INT(md_health_map_link(g_content, clinic("hana-internal"), url, 40), -1);
}

/* Figures, not assertions: loading and validating the sample set, and one clinic-list query
 * (status of every clinic, distances, sort) as a frame of the clinic screen does it. */
static void print_benchmarks(void)
{
    char err[MD_HEALTH_ERR_CAP];
    enum { LOADS = 20, QUERIES = 2000 };
    uint64_t t0 = md_time_ns();
    for (int i = 0; i < LOADS; i++)
        md_health_content_free(
            md_health_content_load(MD_DATA_DIR "/plugins/health/content", err, sizeof err));
    uint64_t t1 = md_time_ns();
    md_health_hit hits[64];
    md_health_filter f = {.dept = -1,
                          .now_ms = kst(2026, 11, 23, 10, 30),
                          .have_origin = 1,
                          .lat = 37.3298,
                          .lon = 126.7905};
    int n = 0;
    for (int i = 0; i < QUERIES; i++)
        n += md_health_search(g_clock, g_content, &f, hits, 64);
    uint64_t t2 = md_time_ns();
    printf("bench health_content_load %.2f ms\n", (double)(t1 - t0) / LOADS / 1e6);
    printf("bench health_clinic_query_%d_clinics %.1f us\n", n / QUERIES,
           (double)(t2 - t1) / QUERIES / 1e3);
}

int main(void)
{
    char err[MD_HEALTH_ERR_CAP];
    g_content = md_health_content_load(MD_DATA_DIR "/plugins/health/content", err, sizeof err);
    if (!g_content) {
        fprintf(stderr, "sample content does not load: %s\n", err);
        printf("0 passed, 1 failed\n");
        return 1;
    }
    g_clock = md_hours_clock_create(g_content->time_zone, err, sizeof err);
    RUN(test_range_parse);
    RUN(test_local_time_is_seoul);
    RUN(test_lunch_break);
    RUN(test_sunday);
    RUN(test_public_holiday);
    RUN(test_past_midnight);
    RUN(test_night_and_24h);
    RUN(test_closed_dates);
    RUN(test_distance);
    RUN(test_search);
    RUN(test_map_link);
    print_benchmarks();
    md_hours_clock_destroy(g_clock);
    md_health_content_free(g_content);
    return check_summary();
}
