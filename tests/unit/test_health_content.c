/* Health guide content: the shipped sample loads, and broken files are refused with the reason a
 * member of staff needs (file, path inside it, what is wrong). Each broken case is the sample with
 * one edit, so the rest of the file is known to be good. */
#include "../../plugins/health/clinics.c"
#include "../../plugins/health/content.c"
#include "../../plugins/health/hours.c"

#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define DIR_ MD_DATA_DIR "/plugins/health/content"

static const char *const files_for_test[4] = {MD_HEALTH_FILE_GUIDE, MD_HEALTH_FILE_SYMPTOMS,
                                              MD_HEALTH_FILE_CLINICS, MD_HEALTH_FILE_HELP};

static char *g_text[4];

static char *slurp(const char *name)
{
    char err[256];
    char *t = read_text(DIR_, name, err, sizeof err);
    if (!t)
        fprintf(stderr, "  %s\n", err);
    return t;
}

/* The sample with the first occurrence of `from` in file f replaced by `to`; parses it and
 * checks that it is refused with a reason containing `want` (and naming the file). */
static void expect_refused(int f, const char *from, const char *to, const char *want)
{
    const char *src = g_text[f];
    const char *at = src ? strstr(src, from) : NULL;
    if (!at) {
        fprintf(stderr, "  FAIL: \"%s\" not found in the sample\n", from);
        check_case_failed_ = 1;
        return;
    }
    size_t n = strlen(src) - strlen(from) + strlen(to) + 1;
    char *edited = malloc(n);
    snprintf(edited, n, "%.*s%s%s", (int)(at - src), src, to, at + strlen(from));
    const char *t[4] = {g_text[0], g_text[1], g_text[2], g_text[3]};
    t[f] = edited;
    char err[MD_HEALTH_ERR_CAP];
    md_health_content *c = md_health_content_parse(t[0], t[1], t[2], t[3], err, sizeof err);
    CHECK(c == NULL);
    if (!strstr(err, want) || strncmp(err, files_for_test[f], strlen(files_for_test[f])) != 0) {
        fprintf(stderr, "  FAIL: reason \"%s\" does not say \"%s\"\n", err, want);
        check_case_failed_ = 1;
    }
    md_health_content_free(c);
    free(edited);
}

static void test_sample_loads(void)
{
    char err[MD_HEALTH_ERR_CAP] = "";
    md_health_content *c = md_health_content_load(DIR_, err, sizeof err);
    CHECK(c != NULL);
    CHECK_STR(err, "");
    if (!c)
        return;
    CHECK_INT(c->sample, 1);
    CHECK_STR(c->time_zone, "Asia/Seoul");
    CHECK(c->n_depts >= 10);
    CHECK(c->n_areas >= 8);
    CHECK(c->n_clinics >= 10);
    CHECK_INT(c->n_lines, 3);
    /* Every red flag the issue names is in the sample as an emergency. */
    const char *red[] = {"chest-pain",  "breathing", "bleeding",    "stroke",
                         "unconscious", "suicidal",  "infant-fever"};
    for (size_t i = 0; i < sizeof red / sizeof red[0]; i++) {
        int found = 0;
        for (int s = 0; s < c->n_symptoms; s++)
            if (strcmp(c->symptoms[s].id, red[i]) == 0)
                found = c->symptoms[s].urgency == MD_HEALTH_URGENCY_EMERGENCY;
        if (!found)
            fprintf(stderr, "  red flag %s missing\n", red[i]);
        CHECK(found);
    }
    /* Areas own contiguous symptom ranges; every symptom has a Korean card sentence. */
    int total = 0;
    for (int a = 0; a < c->n_areas; a++) {
        CHECK_INT(c->areas[a].first_symptom, total);
        total += c->areas[a].n_symptoms;
    }
    CHECK_INT(total, c->n_symptoms);
    const md_health_holiday *h = md_health_holiday_find(c, 20260925);
    CHECK(h != NULL);
    CHECK(md_health_holiday_find(c, 20261122) == NULL);
    md_health_content_free(c);
}

static void test_broken_json(void)
{
    expect_refused(1, "\"areas\": [", "\"areas\": [,", "line 3, column");
    expect_refused(0, "\"schema\": 1,", "\"schema\": 1, \"schema\": 1,", "duplicate object key");
    expect_refused(2, "\"clinics\"", "\"clinics\\u0000\"", "NUL");
}

static void test_schema_and_keys(void)
{
    expect_refused(0, "\"schema\": 1", "\"schema\": 2", "schema 2 is not supported");
    expect_refused(0, "\"schema\": 1,", "", "missing \"schema\"");
    expect_refused(2, "\"address_ko\"", "\"adress_ko\"", "clinics[0]: unknown key \"adress_ko\"");
    expect_refused(0, "\"time_zone\": \"Asia/Seoul\"", "\"time_zone\": \"Asia/Soul\"",
                   "\"time_zone\": time zone \"Asia/Soul\" is unknown to ICU");
    expect_refused(0,
                   "\"map_link\": \"https:", "\"map_link\": \"http:", "must start with https://");
}

static void test_texts(void)
{
    expect_refused(1, "\"en\": \"Fever\"", "\"xx\": \"Fever\"",
                   "areas[0].symptoms[0].name: has no \"en\" text");
    expect_refused(1, "\"ko\": \"열이 나요.\"", "\"lo\": \"열이 나요.\"",
                   "areas[0].symptoms[0].card: has no \"ko\" text");
    expect_refused(1, "\"vi\": \"Sốt\"", "\"Vietnamese\": \"Sốt\"",
                   "\"Vietnamese\" is not a language code");
    expect_refused(1, "\"vi\": \"Sốt\"", "\"vi\": \"\"",
                   "the \"vi\" text must be a non-empty string");
    expect_refused(3, "\"name\": {", "\"name\": \"119\", \"_x\": {",
                   "help.json: lines[0].name: must be an object of language code to text");
}

static void test_references_and_values(void)
{
    expect_refused(1, "\"department\": \"dermatology\"", "\"department\": \"dermatolgy\"",
                   "no department \"dermatolgy\" in health.json");
    expect_refused(1, "\"urgency\": \"today\"", "\"urgency\": \"urgent\"",
                   "\"urgency\" must be \"routine\", \"soon\", \"today\" or \"emergency\"");
    expect_refused(1, "\"id\": \"cough\"", "\"id\": \"fever\"",
                   "symptom \"fever\" is listed twice");
    expect_refused(1, "\"for\": [\"child\"", "\"for\": [\"baby\"",
                   "\"for\" items must be \"adult\" or \"child\"");
    expect_refused(2, "\"lat\": 37.33105", "\"lat\": 137.33105", "\"lat\" 137.331 is out of range");
    expect_refused(2, "\"phone\": \"031-000-1101\"", "\"phone\": \"031 000 1101\"",
                   "\"phone\" may hold only digits");
    expect_refused(2, "\"languages\": [\"ko\"", "\"languages\": [\"Korean\"",
                   "clinics[0]: \"languages\"[0] must be a language code");
    expect_refused(2, "\"departments\": [\"internal\"", "\"departments\": [\"cardio\"",
                   "\"departments\"[0]: no such department");
}

static void test_hours_and_dates(void)
{
    expect_refused(2, "\"14:00-18:30\"", "\"14:00-1830\"",
                   "clinics[0].hours.mon[1]: must be a range \"HH:MM-HH:MM\"");
    expect_refused(
        2, "\"09:00-13:00\", \"14:00-18:30\"", "\"09:00-15:00\", \"14:00-18:30\"",
        "clinics[0].hours.mon[1]: \"14:00-18:30\" starts before the previous range ends");
    expect_refused(2, "\"sun\": []", "\"sunday\": []", "clinics[0].hours: unknown key \"sunday\"");
    expect_refused(2, "\"sat\": [\"09:00-13:00\"],", "", "clinics[0].hours: missing \"sat\"");
    expect_refused(2, "\"2026-12-31\"", "\"2026-12-32\"",
                   "hours.closed_dates[2]: must be a date \"YYYY-MM-DD\"");
    expect_refused(0, "\"date\": \"2026-02-17\"", "\"date\": \"2026-02-30\"",
                   "holidays[2]: \"date\" must be a date");
    expect_refused(0, "\"date\": \"2026-02-17\"", "\"date\": \"2026-02-16\"",
                   "holidays[2]: 2026-02-16 is listed twice");
}

static void test_missing_files(void)
{
    char err[MD_HEALTH_ERR_CAP];
    CHECK(md_health_content_load("/nonexistent/health", err, sizeof err) == NULL);
    CHECK(strstr(err, "health.json: cannot open /nonexistent/health/health.json") == err);
    CHECK(md_health_content_parse(g_text[0], g_text[1], NULL, g_text[3], err, sizeof err) == NULL);
    CHECK_STR(err, "clinics.json: (top): missing file");
    CHECK(md_health_content_parse(g_text[0], g_text[1], "", g_text[3], err, sizeof err) == NULL);
    CHECK(strstr(err, "clinics.json: (top): line 1") == err);
    /* Invalid UTF-8 is a JSON error, reported by position. */
    CHECK(md_health_content_parse(g_text[0], g_text[1], g_text[2], "{\"x\": \"\xff\"}", err,
                                  sizeof err) == NULL);
    CHECK(strstr(err, "help.json: (top): line 1") == err);
    CHECK(md_health_content_parse(g_text[0], g_text[1], g_text[2], "[1]", err, sizeof err) == NULL);
    CHECK_STR(err, "help.json: (top): must be an object");
}

int main(void)
{
    for (int f = 0; f < 4; f++)
        g_text[f] = slurp(files_for_test[f]);
    RUN(test_sample_loads);
    RUN(test_broken_json);
    RUN(test_schema_and_keys);
    RUN(test_texts);
    RUN(test_references_and_values);
    RUN(test_hours_and_dates);
    RUN(test_missing_files);
    for (int f = 0; f < 4; f++)
        free(g_text[f]);
    return check_summary();
}
