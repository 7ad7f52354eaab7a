/* Courseware content validation (the sample content, and one broken document per rule, each
 * refused with its path and reason) and the pooled item statistics file (round trip through
 * storage, strict parsing with line numbers). */
#include "../../plugins/courseware/code.c"
#include "../../plugins/courseware/content.c"
#include "../../plugins/courseware/learn.c"
#include "../../plugins/courseware/msgids.c"
#include "../../plugins/courseware/roman.c"
#include "../../plugins/courseware/stats.c"

#include <unistd.h>

#include "check.h"

#define SAMPLE MD_DATA_DIR "/plugins/courseware/content"

static void test_sample_content(void)
{
    char err[MD_COURSE_ERR_CAP] = "";
    md_course_content *c = md_course_content_load(SAMPLE, err, sizeof err);
    if (!c)
        fprintf(stderr, "  %s\n", err);
    CHECK(c != NULL);
    if (!c)
        return;
    CHECK_INT(c->n_decks, 8);
    CHECK(c->n_items >= 150);
    CHECK(c->sample);
    int slots = 0;
    for (int d = 0; d < c->n_decks; d++)
        slots |= 1 << c->decks[d].slot;
    CHECK_INT(slots, 0xFF);
    int i = md_course_item_find(c, "safety.hard-hat");
    CHECK(i >= 0);
    if (i >= 0) {
        CHECK_STR(c->items[i].ko, "안전모");
        CHECK_STR(c->items[i].rom, "anjeonmo");
        CHECK_STR(c->items[i].meaning, "hard hat");
        CHECK_STR(c->items[i].example_rom, "hyeonjangeseoneun anjeonmoreul sseuseyo.");
    }
    CHECK_INT(md_course_item_find(c, "nope"), -1);
    md_course_content_free(c);
}

static const char *k_item =
    "{\"id\":\"a.%d\",\"ko\":\"%s\",\"meaning\":\"m%d\",\"picture\":\"p.png\","
    "\"example\":\"%s 주세요.\",\"level\":1}";

/* A valid one-deck document, with `patch` (a printf format fragment) spliced into item 0. */
static char *doc(const char *top_extra, const char *deck_extra, const char *item0)
{
    static char buf[8192];
    static const char *const words[4] = {"물", "밥", "김치", "사과"};
    char items[4096] = "";
    for (int i = 0; i < 4; i++) {
        char one[512];
        if (i == 0 && item0)
            snprintf(one, sizeof one, "%s", item0);
        else
            snprintf(one, sizeof one, k_item, i, words[i], i, words[i]);
        snprintf(items + strlen(items), sizeof items - strlen(items), "%s%s", i ? "," : "", one);
    }
    snprintf(buf, sizeof buf,
             "{\"schema\":1%s,\"decks\":[{\"id\":\"a\",\"title\":\"A\",\"picture\":\"d.png\","
             "\"slot\":1%s,\"items\":[%s]}]}",
             top_extra ? top_extra : "", deck_extra ? deck_extra : "", items);
    return buf;
}

static void refused(const char *text, const char *want)
{
    char err[MD_COURSE_ERR_CAP] = "";
    md_course_content *c = md_course_content_parse(text, NULL, err, sizeof err);
    CHECK(c == NULL);
    md_course_content_free(c);
    if (!strstr(err, want)) {
        fprintf(stderr, "  error \"%s\" lacks \"%s\"\n", err, want);
        check_case_failed_ = 1;
    }
}

static void test_validation(void)
{
    char err[MD_COURSE_ERR_CAP] = "";
    md_course_content *c = md_course_content_parse(doc(NULL, NULL, NULL), NULL, err, sizeof err);
    CHECK(c != NULL);
    if (c) {
        CHECK_INT(c->n_items, 4);
        CHECK_STR(c->items[2].rom, "gimchi");
        CHECK(!c->sample);
    }
    md_course_content_free(c);
    refused("{", "course.json:1:");
    refused("[]", "course.json: (top): must be an object");
    refused(doc(",\"extra\":1", NULL, NULL), "(top): unknown key \"extra\"");
    refused("{\"schema\":2,\"decks\":[]}", "schema 2 is newer");
    refused(doc(",\"sample\":\"yes\"", NULL, NULL), "\"sample\" must be true or false");
    refused("{\"schema\":1,\"decks\":[]}", "\"decks\" must be an array of 1 to 8");
    refused(doc(NULL, ",\"colour\":1", NULL), "decks[0]: unknown key \"colour\"");
    refused(doc(NULL, NULL,
                "{\"id\":\"a.0\",\"ko\":\"water\",\"meaning\":\"m\",\"picture\":"
                "\"p.png\",\"example\":\"water\",\"level\":1}"),
            "decks[0].items[0]: \"ko\" must be Hangul");
    refused(doc(NULL, NULL,
                "{\"id\":\"a.0\",\"ko\":\"물\",\"meaning\":\"m\",\"picture\":"
                "\"p.png\",\"example\":\"밥 주세요.\",\"level\":1}"),
            "\"example\" must contain \"물\" exactly once (it has it 0 times)");
    refused(doc(NULL, NULL,
                "{\"id\":\"a.0\",\"ko\":\"물\",\"meaning\":\"m\",\"picture\":"
                "\"p.png\",\"example\":\"물 물\",\"level\":1}"),
            "(it has it 2 times)");
    refused(doc(NULL, NULL,
                "{\"id\":\"a.0\",\"ko\":\"물\",\"meaning\":\"m\",\"picture\":"
                "\"../p.png\",\"example\":\"물\",\"level\":1}"),
            "\"picture\" must be a .png path inside the content directory");
    refused(doc(NULL, NULL,
                "{\"id\":\"a.0\",\"ko\":\"물\",\"meaning\":\"m\",\"picture\":"
                "\"p.png\",\"example\":\"물\",\"level\":6}"),
            "\"level\" must be a whole number from 1 to 5");
    refused(doc(NULL, NULL,
                "{\"id\":\"A 0\",\"ko\":\"물\",\"meaning\":\"m\",\"picture\":"
                "\"p.png\",\"example\":\"물\",\"level\":1}"),
            "\"id\" \"A 0\" may only use");
    refused(doc(NULL, NULL,
                "{\"id\":\"a.0\",\"ko\":\"물\",\"meaning\":\"{m}\",\"picture\":"
                "\"p.png\",\"example\":\"물\",\"level\":1}"),
            "\"meaning\" must not contain braces");
    refused(doc(NULL, NULL,
                "{\"id\":\"a.0\",\"ko\":\"물\",\"rom\":\"Mul\",\"meaning\":\"m\","
                "\"picture\":\"p.png\",\"example\":\"물\",\"level\":1}"),
            "\"rom\" must be lower-case Latin letters");
    refused(doc(NULL, NULL,
                "{\"id\":\"a.0\",\"ko\":\"물\",\"meaning\":\"m\",\"picture\":"
                "\"p.png\",\"example\":\"물~\",\"level\":1}"),
            "\"example\" cannot be romanized");
    refused(doc(NULL, NULL,
                "{\"id\":\"a.1\",\"ko\":\"물\",\"meaning\":\"m\",\"picture\":"
                "\"p.png\",\"example\":\"물\",\"level\":1}"),
            "decks[0].items[1]: item id \"a.1\" used twice");
    refused(doc(NULL, NULL,
                "{\"id\":\"a.0\",\"ko\":\"밥\",\"meaning\":\"m\",\"picture\":"
                "\"p.png\",\"example\":\"밥\",\"level\":1}"),
            "\"밥\" is already an item of this deck");
    refused(doc(NULL, NULL,
                "{\"id\":\"a.0\",\"ko\":\"물\",\"meaning\":\"m1\",\"picture\":"
                "\"p.png\",\"example\":\"물\",\"level\":1}"),
            "meaning \"m1\" is already an item of this deck");
    refused(doc(NULL, NULL,
                "{\"id\":\"a.0\",\"ko\":\"물\",\"meaning\":\"m\",\"level\":1,"
                "\"example\":\"물\"}"),
            "missing \"picture\"");
    refused(doc(NULL, ",\"slot\":9", NULL), "duplicate object key");
    refused("{\"schema\":1,\"decks\":[{\"id\":\"a\",\"title\":\"A\",\"picture\":\"d.png\",\"slot\":"
            "9,\"items\":[]}]}",
            "\"slot\" must be a whole number from 1 to 8");
    /* Pictures are checked against the content directory when one is given. */
    md_course_content *c2 =
        md_course_content_parse(doc(NULL, NULL, NULL), "/nonexistent", err, sizeof err);
    CHECK(c2 == NULL);
    CHECK(strstr(err, "decks[0]: \"picture\": d.png not found") != NULL);
    md_course_content_free(c2);
}

static void test_every_item_romanizes_and_fits(void)
{
    char err[MD_COURSE_ERR_CAP] = "";
    md_course_content *c = md_course_content_load(SAMPLE, err, sizeof err);
    CHECK(c != NULL);
    for (int i = 0; c && i < c->n_items; i++) {
        const md_course_item *it = &c->items[i];
        CHECK(it->rom[0] != '\0');
        CHECK(strlen(it->ko) < 64);
        CHECK(strstr(it->example, it->ko) != NULL);
    }
    md_course_content_free(c);
}

static void test_stats(void)
{
    char err[MD_COURSE_ERR_CAP] = "";
    md_course_content *c = md_course_content_load(SAMPLE, err, sizeof err);
    CHECK(c != NULL);
    if (!c)
        return;
    md_course_stat *st = calloc((size_t)c->n_items, sizeof *st);
    st[0].count = 12;
    st[0].difficulty = -0.25;
    st[5].count = 1;
    st[5].difficulty = 1.5;
    char dir[] = "/tmp/md-course-statsXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    CHECK_INT(md_course_stats_save(c, st, dir, err, sizeof err), 0);
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, MD_COURSE_STATS_FILE);
    FILE *f = fopen(path, "r");
    char text[4096] = "";
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    text[n] = '\0';
    if (f)
        fclose(f);
    char want[512];
    snprintf(want, sizeof want, "madang-courseware-stats 1\n%s\t12\t-0.2500\n%s\t1\t1.5000\n",
             c->items[0].id, c->items[5].id);
    CHECK_STR(text, want); /* ids, counts, difficulties: nothing else */
    md_course_stat *back = calloc((size_t)c->n_items, sizeof *back);
    CHECK_INT(md_course_stats_parse(c, text, back, err, sizeof err), 0);
    CHECK_INT(back[0].count, 12);
    CHECK(back[5].difficulty == 1.5);
    /* Unknown items are skipped; mistakes are refused with their line, leaving stats as they were.
     */
    CHECK_INT(md_course_stats_parse(c, "madang-courseware-stats 1\ngone.item\t3\t0.5\n", back, err,
                                    sizeof err),
              0);
    static const struct {
        const char *text, *want;
    } bad[] = {
        {"", "items.tsv:1: empty file"},
        {"madang-courseware-stats 2\n", "items.tsv:1: not a statistics file of version 1"},
        {"madang-courseware-stats 1\nx\t1\n", "items.tsv:2: want three fields"},
        {"madang-courseware-stats 1\nx\t-1\t0\n", "items.tsv:2: count must be a whole number"},
        {"madang-courseware-stats 1\nx\t1\tnan\n", "items.tsv:2: difficulty must be a number"},
        {"madang-courseware-stats 1\n\nx\t1\t7\n", "items.tsv:3: difficulty must be a number"},
        {"madang-courseware-stats 1\ngreetings.hello\t1\t0\ngreetings.hello\t1\t0\n",
         "items.tsv:3: item \"greetings.hello\" listed twice"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        err[0] = '\0';
        CHECK_INT(md_course_stats_parse(c, bad[k].text, back, err, sizeof err), -1);
        if (!strstr(err, bad[k].want)) {
            fprintf(stderr, "  \"%s\" lacks \"%s\"\n", err, bad[k].want);
            check_case_failed_ = 1;
        }
    }
    CHECK_INT(back[0].count, 12);
    CHECK_INT(md_course_stats_save(c, st, "/nonexistent/dir", err, sizeof err), -1);
    unlink(path);
    rmdir(dir);
    free(st);
    free(back);
    md_course_content_free(c);
}

/* Every English text of the sample content is in msgids.c (tools/make_msgids.py), so that
 * `madang-locale update` extracts it into the PO packs. */
static int listed(const char *msgid)
{
    int n = 0;
    const char *const *ids = md_course_msgids(&n);
    for (int i = 0; i < n; i++)
        if (strcmp(ids[i], msgid) == 0)
            return 1;
    return 0;
}

static void test_content_texts_are_extracted(void)
{
    char err[MD_COURSE_ERR_CAP] = "";
    md_course_content *c = md_course_content_load(SAMPLE, err, sizeof err);
    CHECK(c != NULL);
    for (int d = 0; c && d < c->n_decks; d++)
        if (!listed(c->decks[d].title)) {
            fprintf(stderr, "  \"%s\" not in msgids.c: run tools/make_msgids.py\n",
                    c->decks[d].title);
            check_case_failed_ = 1;
        }
    for (int i = 0; c && i < c->n_items; i++)
        if (!listed(c->items[i].meaning)) {
            fprintf(stderr, "  \"%s\" not in msgids.c: run tools/make_msgids.py\n",
                    c->items[i].meaning);
            check_case_failed_ = 1;
        }
    md_course_content_free(c);
}

int main(void)
{
    RUN(test_content_texts_are_extracted);
    RUN(test_sample_content);
    RUN(test_validation);
    RUN(test_every_item_romanizes_and_fits);
    RUN(test_stats);
    return check_summary();
}
