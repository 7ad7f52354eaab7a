/* Menu plugin: the shipped sample loads; broken content is refused with file, place and reason
 * (each broken case is the sample with one edit); the filter logic per allergen and per diet rule,
 * exhaustively; the Korean card's particles; restaurants open now first, then nearest; and the
 * plugin through the fake host: "what I can't eat" marks dishes, and a reset wipes the choice. */
#include "../../plugins/menu/content.c"
#include "../../plugins/menu/filter.c"
#include "../../plugins/menu/hours.c"
#include "../../plugins/menu/plugin.c"
#include "../../plugins/menu/roman.c"

#include <time.h>

#include "check.h"
#include "../lib/fake_host.c"

#define SAMPLE MD_DATA_DIR "/plugins/menu/content"

static char *g_text;
static size_t g_len;

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *t = malloc((size_t)sz + 1);
    if (t && fread(t, 1, (size_t)sz, f) != (size_t)sz) {
        free(t);
        t = NULL;
    }
    if (t)
        t[sz] = '\0';
    fclose(f);
    *n = (size_t)sz;
    return t;
}

/* Seoul local time -> instant: KST is UTC+9 with no DST since 1988. */
static int64_t kst(int y, int mo, int d, int h, int mi)
{
    struct tm tm = {
        .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h, .tm_min = mi};
    return ((int64_t)timegm(&tm) - 9 * 3600) * 1000;
}

/* The sample with the first occurrence of `from` replaced by `to` must be refused with a reason
 * that names the file and contains `want`. */
static void expect_refused(const char *from, const char *to, const char *want)
{
    const char *at = g_text ? strstr(g_text, from) : NULL;
    if (!at) {
        fprintf(stderr, "  FAIL: \"%s\" not found in the sample\n", from);
        check_case_failed_ = 1;
        return;
    }
    size_t n = g_len - strlen(from) + strlen(to) + 1;
    char *edited = malloc(n);
    snprintf(edited, n, "%.*s%s%s", (int)(at - g_text), g_text, to, at + strlen(from));
    char err[MD_MENU_ERR_CAP] = "";
    md_menu_content *c = md_menu_content_parse(edited, strlen(edited), err, sizeof err);
    CHECK(c == NULL);
    if (!strstr(err, want) || strncmp(err, "menu.json", 9) != 0) {
        fprintf(stderr, "  FAIL: reason \"%s\" does not say \"%s\"\n", err, want);
        check_case_failed_ = 1;
    }
    md_menu_content_free(c);
    free(edited);
}

static void test_sample_loads(void)
{
    char err[MD_MENU_ERR_CAP] = "";
    md_menu_content *c = md_menu_content_load(SAMPLE, err, sizeof err);
    if (!c)
        fprintf(stderr, "  %s\n", err);
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK(c->sample);
    CHECK(c->n_restaurants >= 6);
    const char *kinds[] = {"korean", "chinese", "vietnamese", "uzbek", "nepali"};
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        int found = 0;
        for (int i = 0; i < c->n_restaurants; i++)
            found |= strcmp(c->restaurants[i].cuisine, kinds[k]) == 0;
        CHECK(found);
    }
    int certified = 0;
    for (int i = 0; i < c->n_restaurants; i++) {
        CHECK(c->restaurants[i].n_dishes >= 8);
        certified |= c->restaurants[i].halal == MD_MENU_HALAL_CERTIFIED;
        for (int k = 0; k < c->restaurants[i].n_dishes; k++)
            CHECK(c->restaurants[i].dishes[k].rom[0] != '\0');
    }
    CHECK(certified);
    CHECK_STR(c->restaurants[0].dishes[0].rom, "gimchijjigae");
    md_menu_content_free(c);
}

static void test_refusals(void)
{
    expect_refused("\"allergens\": [\"shrimp\"", "\"allergens\": [\"nuts\"",
                   "restaurants[0].dishes[0].allergens[0]: unknown allergen \"nuts\"");
    expect_refused("\"name_ko\": \"김치찌개\",", "",
                   "restaurants[0].dishes[0]: missing \"name_ko\"");
    expect_refused("\"name_ko\": \"김치찌개\"", "\"name_ko\": \"Kimchi\"",
                   "restaurants[0].dishes[0]: \"name_ko\" must be written in Korean");
    expect_refused("\"price\": 8000,", "", "restaurants[0].dishes[0]: missing \"price\"");
    expect_refused("\"price\": 8000", "\"price\": \"8000\"", "must be a whole number of won");
    expect_refused("\"halal\": \"none\"", "\"halal\": \"halal\"",
                   "restaurants[0]: \"halal\" must be");
    expect_refused("\"cuisine\": \"korean\"", "\"cuisine\": \"martian\"", "unknown cuisine");
    expect_refused("\"sun\": [\"11:00-20:00\"", "\"sun\": [\"11:00-25:00\"",
                   "restaurants[0].hours.sun[0]: must be a range");
    expect_refused("\"mon\"", "\"monday\"", "restaurants[0].hours: unknown key \"monday\"");
    expect_refused("\"spice\": 2", "\"spice\": 5", "\"spice\" must be 0");
    expect_refused("\"id\": \"doenjang-jjigae\"", "\"id\": \"kimchi-jjigae\"",
                   "dish id \"kimchi-jjigae\" is used twice");
    expect_refused("\"id\": \"chinese-hall\"", "\"id\": \"korean-home\"", "is used twice");
    expect_refused("\"schema\": 1", "\"schema\": 2", "\"schema\" must be an integer from 1 to 1");
    expect_refused("\"sample\": true", "\"sample\": true, \"colour\": 1", "unknown key \"colour\"");
    /* Diet claims the allergens contradict, and halal tiers the dishes break. */
    expect_refused("\"allergens\": [\"soybean\", \"wheat\"], \"diet\": [\"vegan\"]",
                   "\"allergens\": [\"milk\"], \"diet\": [\"vegan\"]",
                   "says vegan, but \"allergens\" lists \"milk\"");
    expect_refused("\"allergens\": [\"egg\", \"soybean\", \"wheat\"], \"diet\": [\"vegetarian\"]",
                   "\"allergens\": [\"egg\", \"squid\"], \"diet\": [\"vegetarian\"]",
                   "says vegetarian, but \"allergens\" lists \"squid\"");
    expect_refused("\"allergens\": [\"mackerel\", \"tomato\"], \"diet\": [\"pescatarian\"]",
                   "\"allergens\": [\"chicken\"], \"diet\": [\"pescatarian\"]",
                   "says it has no meat, but \"allergens\" lists \"chicken\"");
    expect_refused("\"name_en\": \"Plov\",", "\"name_en\": \"Plov\", \"alcohol\": true,",
                   "contains alcohol, but the restaurant is \"self_certified\"");
    expect_refused("\"id\": \"plov\"", "\"id\": \"plov\", \"halal\": true",
                   "marks a halal dish of a \"muslim_friendly\" restaurant only");
    expect_refused("\"spice\": 0, \"allergens\": []}", "\"spice\": 0, \"allergens\": [\"pork\"]}",
                   "contains pork, but the restaurant is \"self_certified\"");
    expect_refused("\"allergens\": [\"milk\", \"tomato\", \"chicken\"], \"halal\": true",
                   "\"allergens\": [\"milk\", \"tomato\", \"chicken\"], \"halal\": true, "
                   "\"alcohol\": true",
                   "\"halal\" but contains alcohol");
    expect_refused("\"allergens\": [\"shrimp\", \"soybean\", \"wheat\", \"pork\"]}",
                   "\"allergens\": [\"shrimp\", \"soybean\", \"wheat\", \"pork\", \"shrimp\"]}",
                   "\"shrimp\" is listed twice");
    expect_refused("\"spice\": 0, \"allergens\": []}", "\"spice\": 0}", "missing \"allergens\"");
    char top[MD_MENU_ERR_CAP] = "";
    CHECK(md_menu_content_parse("[1]", 3, top, sizeof top) == NULL);
    CHECK_STR(top, "menu.json: (top): must be an object");
    expect_refused("\"time_zone\": \"Asia/Seoul\"", "\"time_zone\": \"Asia/Ansan\"",
                   "unknown to ICU");
    char err[MD_MENU_ERR_CAP] = "";
    CHECK(md_menu_content_parse("{\"schema\": 1,", 13, err, sizeof err) == NULL);
    CHECK(strncmp(err, "menu.json:1:", 12) == 0);
    /* A photo that is not in the content folder is refused when loading from a folder. */
    CHECK(md_menu_content_load("/nonexistent", err, sizeof err) == NULL);
    CHECK(strstr(err, "menu.json: cannot read") != NULL);
}

/* A dish with exactly the given allergens, alcohol and claims, in a restaurant of the tier. */
static md_menu_dish dish_of(uint32_t allergens, int alcohol, int claims, int halal)
{
    md_menu_dish d;
    memset(&d, 0, sizeof d);
    d.allergens = allergens;
    d.alcohol = alcohol;
    d.claims = claims;
    d.halal = halal;
    return d;
}

static void test_filter_per_allergen(void)
{
    md_menu_restaurant r;
    memset(&r, 0, sizeof r);
    /* Every allergen in a dish against every single-allergen choice: flagged exactly on a match,
     * and the verdict names that allergen and nothing else. */
    for (int a = 0; a < MD_MENU_N_ALLERGENS; a++)
        for (int c = 0; c < MD_MENU_N_ALLERGENS; c++) {
            md_menu_dish d = dish_of(1u << a, 0, 0, 0);
            md_menu_choice ch = {1u << c, 0};
            md_menu_verdict v = md_menu_check(&r, &d, &ch);
            CHECK_INT(v.allergens, a == c ? 1u << a : 0u);
            CHECK_INT(v.rules, 0);
            CHECK_INT(md_menu_fits(&v), a != c);
        }
    /* All 19 in a dish, all 19 chosen: each is named. A dish with none fits every choice. */
    uint32_t all = (1u << MD_MENU_N_ALLERGENS) - 1;
    md_menu_dish d = dish_of(all, 0, 0, 0);
    md_menu_choice ch = {all, 0};
    CHECK_INT(md_menu_check(&r, &d, &ch).allergens, all);
    md_menu_dish none = dish_of(0, 0, 0, 0);
    md_menu_verdict v = md_menu_check(&r, &none, &ch);
    CHECK(md_menu_fits(&v));
    /* Codes and names: 19 distinct codes, each found, each with an icon that exists. */
    for (int a = 0; a < MD_MENU_N_ALLERGENS; a++) {
        CHECK_INT(md_menu_allergen_find(md_menu_allergens[a].code), a);
        char path[512];
        snprintf(path, sizeof path, "%s/%s", SAMPLE, md_menu_allergens[a].icon);
        CHECK(access(path, R_OK) == 0);
    }
    CHECK_INT(md_menu_allergen_find("nuts"), -1);
    CHECK_INT(md_menu_allergen_find(NULL), -1);
}

static void test_filter_per_rule(void)
{
    md_menu_restaurant r;
    memset(&r, 0, sizeof r);
    /* Claims (none, pescatarian, vegetarian, vegan) against rules: what a dish does not claim it
     * is not. expect[claim][rule] = 1 when the rule is broken. */
    const int claims[4] = {0, MD_MENU_CLAIM_PESCATARIAN, MD_MENU_CLAIM_VEGETARIAN,
                           MD_MENU_CLAIM_VEGAN};
    const uint32_t rules[3] = {MD_MENU_RULE_PESCATARIAN, MD_MENU_RULE_VEGETARIAN,
                               MD_MENU_RULE_VEGAN};
    const int expect[4][3] = {{1, 1, 1}, {0, 1, 1}, {0, 0, 1}, {0, 0, 0}};
    for (int c = 0; c < 4; c++)
        for (int k = 0; k < 3; k++) {
            md_menu_dish d = dish_of(0, 0, claims[c], 0);
            md_menu_choice ch = {0, rules[k]};
            md_menu_verdict v = md_menu_check(&r, &d, &ch);
            CHECK_INT(v.rules, expect[c][k] ? rules[k] : 0u);
            CHECK_INT(v.allergens, 0);
        }
    /* Alcohol: only the no-alcohol rule cares. */
    for (int alcohol = 0; alcohol <= 1; alcohol++) {
        md_menu_dish d = dish_of(0, alcohol, MD_MENU_CLAIM_VEGAN, 0);
        md_menu_choice ch = {0, MD_MENU_RULE_NO_ALCOHOL};
        CHECK_INT(md_menu_check(&r, &d, &ch).rules, alcohol ? MD_MENU_RULE_NO_ALCOHOL : 0u);
        md_menu_choice veg = {0, MD_MENU_RULE_VEGAN};
        CHECK_INT(md_menu_check(&r, &d, &veg).rules, 0);
    }
    /* Halal: every tier, with and without the dish's own mark, pork and alcohol. */
    for (int tier = MD_MENU_HALAL_NONE; tier <= MD_MENU_HALAL_PORK_FREE; tier++)
        for (int mark = 0; mark <= 1; mark++)
            for (int pork = 0; pork <= 1; pork++)
                for (int alcohol = 0; alcohol <= 1; alcohol++) {
                    r.halal = (md_menu_halal)tier;
                    md_menu_dish d = dish_of(pork ? 1u << MD_MENU_PORK : 0, alcohol, 0, mark);
                    int halal =
                        !pork && !alcohol &&
                        (tier == MD_MENU_HALAL_CERTIFIED || tier == MD_MENU_HALAL_SELF_CERTIFIED ||
                         (tier == MD_MENU_HALAL_MUSLIM_FRIENDLY && mark));
                    CHECK_INT(md_menu_dish_is_halal(&r, &d), halal);
                    md_menu_choice ch = {0, MD_MENU_RULE_HALAL};
                    CHECK_INT(md_menu_check(&r, &d, &ch).rules, halal ? 0u : MD_MENU_RULE_HALAL);
                }
    /* No pork / no beef are the allergen bits, and combine with rules: both reasons are given. */
    r.halal = MD_MENU_HALAL_NONE;
    md_menu_dish d = dish_of((1u << MD_MENU_PORK) | (1u << MD_MENU_PEANUT), 1, 0, 0);
    md_menu_choice ch = {(1u << MD_MENU_PORK) | (1u << MD_MENU_BEEF),
                         MD_MENU_RULE_NO_ALCOHOL | MD_MENU_RULE_HALAL};
    md_menu_verdict v = md_menu_check(&r, &d, &ch);
    CHECK_INT(v.allergens, 1u << MD_MENU_PORK);
    CHECK_INT(v.rules, MD_MENU_RULE_NO_ALCOHOL | MD_MENU_RULE_HALAL);
}

static void test_card_korean(void)
{
    char out[1024];
    md_menu_choice ch = {(1u << MD_MENU_PORK) | (1u << MD_MENU_PEANUT), 0};
    CHECK_INT(md_menu_card_ko(&ch, NULL, out, sizeof out), 0);
    CHECK_STR(out, "저는 땅콩이나 돼지고기를 먹을 수 없어요.\n이 음식에 들어 있으면 알려 주세요.");
    md_menu_choice one = {1u << MD_MENU_WHEAT, 0};
    CHECK_INT(md_menu_card_ko(&one, "짜장면", out, sizeof out), 0);
    CHECK_STR(out, "저는 밀을 먹을 수 없어요.\n이 음식(짜장면)에 들어 있으면 알려 주세요.");
    md_menu_choice three = {(1u << MD_MENU_EGG) | (1u << MD_MENU_MILK), MD_MENU_RULE_NO_ALCOHOL};
    CHECK_INT(md_menu_card_ko(&three, NULL, out, sizeof out), 0);
    CHECK(strncmp(out, "저는 달걀 (알류), 우유, 술 (알코올)을 먹을 수 없어요.\n", 70) == 0);
    md_menu_choice halal = {0, MD_MENU_RULE_HALAL | MD_MENU_RULE_VEGETARIAN};
    CHECK_INT(md_menu_card_ko(&halal, NULL, out, sizeof out), 0);
    CHECK(strstr(out, "할랄 음식만 먹어요") && strstr(out, "채식주의자예요"));
    CHECK(strstr(out, "먹을 수 없어요.\n저는 무슬림") == NULL); /* no empty list sentence */
    md_menu_choice empty = {0, 0};
    CHECK_INT(md_menu_card_ko(&empty, NULL, out, sizeof out), -1);
    CHECK_INT(md_menu_card_ko(&ch, NULL, out, 10), -1);
    CHECK_INT(md_menu_ko_has_final("땅콩"), 1);
    CHECK_INT(md_menu_ko_has_final("돼지고기"), 0);
    CHECK_INT(md_menu_ko_has_final("조개류 (굴·전복·홍합 포함)"), 0);
    CHECK_INT(md_menu_ko_has_final("abc"), 0);
}

static void test_places_open_first(void)
{
    char err[MD_MENU_ERR_CAP];
    md_menu_content *c = md_menu_content_load(SAMPLE, err, sizeof err);
    md_hours_clock *clock = md_hours_clock_create("Asia/Seoul", err, sizeof err);
    CHECK(c && clock);
    if (!c || !clock)
        return;
    md_menu_place p[16];
    /* Monday 2 March 2026 is a substitute holiday: the Nepali kitchen (closed on Mondays) opens
     * with its holiday hours; Monday 9 March it is closed and listed after every open one. */
    int n = md_menu_places(clock, c, kst(2026, 3, 9, 12, 0), 1, 37.32980, 126.79050, p, 16);
    CHECK_INT(n, c->n_restaurants);
    CHECK_STR(c->restaurants[p[n - 1].restaurant].id, "himalaya");
    CHECK_INT(p[n - 1].status.state, MD_HOURS_CLOSED);
    for (int i = 0; i + 1 < n - 1; i++)
        CHECK(p[i].distance_m <= p[i + 1].distance_m);
    n = md_menu_places(clock, c, kst(2026, 3, 2, 12, 0), 1, 37.32980, 126.79050, p, 16);
    for (int i = 0; i < n; i++)
        CHECK_INT(p[i].status.state, MD_HOURS_OPEN);
    /* 15:30 on a weekday: the Chinese restaurant's break comes after the open ones. */
    n = md_menu_places(clock, c, kst(2026, 3, 3, 15, 30), 1, 37.32980, 126.79050, p, 16);
    CHECK_STR(c->restaurants[p[n - 1].restaurant].id, "chinese-hall");
    CHECK_INT(p[n - 1].status.state, MD_HOURS_BREAK);
    md_hours_clock_destroy(clock);
    md_menu_content_free(c);
}

static void test_plugin_marks_and_reset_wipes(void)
{
    md_fake_host fh;
    md_fake_host_init(&fh);
    fh.content_dir = SAMPLE;
    fh.now_unix_ms = kst(2026, 3, 3, 12, 30);
    const char *const cfg[] = {"latitude", "37.32980", "longitude", "126.79050", NULL};
    fh.config = cfg;
    const md_plugin_desc *d = madang_plugin_entry();
    CHECK_STR(d->id, "kr.go.ansan.menu");
    void *state = NULL;
    CHECK_INT(d->init(md_fake_host_ctx(&fh), &fh.table, &state), 0);
    d->enter(state);
    md_fake_host_frame(&fh, d, state);
    CHECK(md_fake_host_shows(&fh, "button1: What I can't eat"));
    CHECK(md_fake_host_tap(&fh, d, state, "What I can't eat"));
    CHECK(md_fake_host_tap(&fh, d, state, "No pork"));
    CHECK(md_fake_host_tap(&fh, d, state, "Peanuts"));
    CHECK(md_fake_host_shows(&fh, "Peanuts (chosen)"));
    CHECK(md_fake_host_tap(&fh, d, state, "Done"));
    CHECK(md_fake_host_shows(&fh, "What I can't eat: Peanuts, Pork"));
    CHECK(md_fake_host_tap(&fh, d, state, "사이공 쌀국수 · Saigon Pho House"));
    CHECK(md_fake_host_shows(&fh, "item: 분짜 · Bun cha | ₩10000 · Not spicy · Not for you: "
                                  "Peanuts, Pork"));
    CHECK(md_fake_host_shows(&fh, "item: 소고기 쌀국수 · Beef pho | ₩9000 · Not spicy\n"));
    CHECK(md_fake_host_tap(&fh, d, state, "Hide dishes I can't eat"));
    CHECK(!md_fake_host_shows(&fh, "분짜 · Bun cha"));
    /* six of the eight dishes hold peanuts or pork (the fake host's plural is crude: "6 ...") */
    CHECK(md_fake_host_shows(&fh, "text1: 6 "));
    CHECK(md_fake_host_shows(&fh, "item: 두부 쌀국수 · Tofu pho"));
    CHECK(md_fake_host_tap(&fh, d, state, "Show all dishes"));
    CHECK(md_fake_host_tap(&fh, d, state, "분짜 · Bun cha"));
    CHECK(md_fake_host_shows(&fh, "mark #f7e2c6: Peanuts (icons/allergen-peanut.png)"));
    CHECK(!md_fake_host_shows(&fh, "MISSING ICON"));
    CHECK(md_fake_host_tap(&fh, d, state, "Card for the staff"));
    CHECK(md_fake_host_shows(&fh, "text2[ko]: 저는 땅콩이나 돼지고기를 먹을 수 없어요."));
    CHECK(md_fake_host_shows(&fh, "이 음식(분짜)에 들어 있으면 알려 주세요."));
    /* Use is counted anonymously: which screens, never which dish or choice. */
    CHECK(strstr(fh.log, "count menu-opened\n") && strstr(fh.log, "count card-shown\n"));
    CHECK(!strstr(fh.log, "count pork") && !strstr(fh.log, "bun-cha"));
    /* The visitor leaves: the choice goes with them. */
    d->reset(state);
    d->enter(state);
    md_fake_host_frame(&fh, d, state);
    CHECK(md_fake_host_shows(&fh, "button1: What I can't eat\n"));
    CHECK(!md_fake_host_shows(&fh, "Card for the staff"));
    /* A refused reload keeps the last good content. */
    fh.content_dir = "/nonexistent";
    d->content_updated(state);
    md_fake_host_frame(&fh, d, state);
    CHECK(md_fake_host_shows(&fh, "Saigon Pho House"));
    CHECK(strstr(fh.log, "content refused: menu.json: cannot read") != NULL);
    d->shutdown(state);
}

/* A 1.6 host (no ui_mark): the plugin still shows every allergen, as text; a Korean visitor reads
 * the Korean names alone. */
static void test_older_host_and_korean_visitor(void)
{
    md_fake_host fh;
    md_fake_host_init(&fh);
    fh.table.struct_size = (uint32_t)offsetof(md_host, ui_mark);
    fh.content_dir = SAMPLE;
    fh.now_unix_ms = kst(2026, 3, 3, 12, 30);
    const md_plugin_desc *d = madang_plugin_entry();
    void *state = NULL;
    CHECK_INT(d->init(md_fake_host_ctx(&fh), &fh.table, &state), 0);
    d->enter(state);
    md_fake_host_frame(&fh, d, state);
    CHECK(md_fake_host_tap(&fh, d, state, "사이공 쌀국수 · Saigon Pho House"));
    CHECK(md_fake_host_tap(&fh, d, state, "분짜 · Bun cha"));
    CHECK(!md_fake_host_shows(&fh, "mark #"));
    CHECK(md_fake_host_shows(&fh, "text0: Peanuts\n"));
    CHECK(md_fake_host_shows(&fh, "text0: Contains pork\n"));
    d->reset(state);
    fh.lang = "ko";
    d->enter(state);
    md_fake_host_frame(&fh, d, state);
    CHECK(md_fake_host_shows(&fh, "item: 사이공 쌀국수 | "));
    CHECK(!md_fake_host_shows(&fh, "Saigon Pho House"));
    d->shutdown(state);
}

int main(void)
{
    g_text = slurp(SAMPLE "/menu.json", &g_len);
    RUN(test_sample_loads);
    RUN(test_refusals);
    RUN(test_filter_per_allergen);
    RUN(test_filter_per_rule);
    RUN(test_card_korean);
    RUN(test_places_open_first);
    RUN(test_plugin_marks_and_reset_wipes);
    RUN(test_older_host_and_korean_visitor);
    free(g_text);
    return check_summary();
}
