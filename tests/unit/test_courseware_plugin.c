/* The courseware plugin driven through the fake host (tests/lib/fake_host.[ch]): a whole round
 * answered, the deck's review scheduled, the progress code taken and typed back (typo, newer
 * version, success), reset wiping the session while the pooled statistics on disk hold only
 * counts, "Listen" only on hosts that can speak, and refused content keeping the old. */
#include "../../plugins/courseware/code.c"
#include "../../plugins/courseware/content.c"
#include "../../plugins/courseware/learn.c"
#include "../../plugins/courseware/msgids.c"
#include "../../plugins/courseware/plugin.c"
#include "../../plugins/courseware/roman.c"
#include "../../plugins/courseware/stats.c"

#include <unistd.h>

#include "../lib/fake_host.c"
#include "check.h"

#define SAMPLE MD_DATA_DIR "/plugins/courseware/content"

static md_fake_host g_fh;
static const md_plugin_desc *g_d;
static void *g_state;
static char g_storage[64];
static const char *g_keypad_input; /* what the next keypad frame types and confirms */
static char g_said[256];

static int stub_keypad(md_plugin_ctx *ctx, const char *label, char *buf, size_t cap)
{
    (void)ctx;
    (void)label;
    if (!g_keypad_input)
        return 0;
    snprintf(buf, cap, "%s", g_keypad_input);
    g_keypad_input = NULL;
    return 1;
}

static int stub_speak(md_plugin_ctx *ctx, const char *text, const char *lang)
{
    (void)ctx;
    snprintf(g_said, sizeof g_said, "%s|%s", text, lang ? lang : "");
    return 0;
}

static int stub_play(md_plugin_ctx *ctx, const char *path, const char *text, const char *lang)
{
    (void)ctx;
    snprintf(g_said, sizeof g_said, "file %s|%s|%s", path, text ? text : "", lang ? lang : "");
    return 0;
}

static void start(int with_speech)
{
    md_fake_host_init(&g_fh);
    g_fh.content_dir = SAMPLE;
    snprintf(g_storage, sizeof g_storage, "/tmp/md-course-plugin-XXXXXX");
    CHECK(mkdtemp(g_storage) != NULL);
    g_fh.storage_dir = g_storage;
    g_fh.now_unix_ms = 1772323200000LL; /* 2026-03-01T00:00Z */
    g_fh.table.ui_keypad = stub_keypad;
    if (with_speech) {
        g_fh.table.ui_speak = stub_speak;
        g_fh.table.ui_play_audio = stub_play;
    } else {
        g_fh.table.struct_size = (uint32_t)offsetof(md_host, ui_speak); /* an ABI 1.1 host */
    }
    g_d = madang_plugin_entry();
    g_state = NULL;
    CHECK_INT(g_d->init(md_fake_host_ctx(&g_fh), &g_fh.table, &g_state), 0);
    g_d->enter(g_state);
    md_fake_host_frame(&g_fh, g_d, g_state);
}

static void stop(void)
{
    g_d->shutdown(g_state);
    char path[128];
    snprintf(path, sizeof path, "%s/%s", g_storage, MD_COURSE_STATS_FILE);
    unlink(path);
    rmdir(g_storage);
}

static int tap(const char *label)
{
    int ok = md_fake_host_tap(&g_fh, g_d, g_state, label);
    if (!ok) {
        fprintf(stderr, "  no \"%s\" on screen:\n%s\n", label, g_fh.out);
        check_case_failed_ = 1;
    }
    return ok;
}

/* Taps the right answer (right = 1) or a wrong one. */
static void answer_question(int right)
{
    course *cw = g_state;
    char buf[512];
    int pick = -1;
    for (int i = 0; i < 4; i++)
        if ((cw->s.options[i] == cw->s.item) == (right != 0))
            pick = i;
    tap(option_label(cw, cw->s.options[pick], buf, sizeof buf));
}

static void test_round_code_and_reset(void)
{
    start(0);
    course *cw = g_state;
    CHECK(md_fake_host_shows(&g_fh, "Sample lessons (for testing)."));
    CHECK(md_fake_host_shows(&g_fh, "item: Workplace safety | Level 1 · new"));
    CHECK(!md_fake_host_shows(&g_fh, "Listen")); /* an ABI 1.1 host cannot speak */
    tap("Workplace safety");
    for (int q = 0; q < 10; q++) {
        CHECK(cw->s.ex != EX_LISTEN);
        answer_question(q != 3); /* nine right, one wrong */
        CHECK(md_fake_host_shows(&g_fh, q != 3 ? "Right!" : "Not quite. The answer:"));
        tap("Next");
    }
    CHECK(md_fake_host_shows(&g_fh, "9 of 10 right"));
    int slot = cw->content->decks[cw->s.deck].slot;
    CHECK(cw->s.mem[slot].stability > 8.0); /* rated Easy: S0 = w3 = 8.2956 */
    int level = md_course_skill_level(cw->s.skill[slot]);
    CHECK(level >= 2);
    tap("Get my code");
    char code[32];
    snprintf(code, sizeof code, "%s", cw->s.code);
    CHECK_INT(strlen(code), 20);
    md_course_progress p;
    CHECK_INT(md_course_code_decode(code, today(cw), &p), MD_COURSE_CODE_OK);
    CHECK_INT(p.level[slot], level);
    CHECK_INT(p.bucket[slot], md_course_bucket(cw->s.mem[slot].stability));
    CHECK_INT(p.day, today(cw));
    for (int d = 0; d < MD_COURSE_MAX_DECKS; d++)
        if (d != slot) {
            CHECK_INT(p.level[d], 0);
            CHECK_INT(p.bucket[d], 0);
        }
    /* Reset: the session is gone; the pooled statistics were saved, counts only. */
    g_d->reset(g_state);
    CHECK_INT(cw->s.deck, -1);
    CHECK_INT(cw->s.restored, 0);
    CHECK(cw->s.code[0] == '\0');
    CHECK(cw->s.mem[slot].stability == 0.0);
    CHECK(cw->s.skill[slot] == md_course_level_skill(0));
    char path[128], text[8192] = "";
    snprintf(path, sizeof path, "%s/%s", g_storage, MD_COURSE_STATS_FILE);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    text[n] = '\0';
    if (f)
        fclose(f);
    CHECK(strncmp(text, "madang-courseware-stats 1\n", 26) == 0);
    CHECK(strstr(text, code) == NULL);
    int lines = 0;
    for (const char *s = text; (s = strchr(s, '\n')) != NULL; s++)
        lines++;
    CHECK(lines >= 2 && lines <= 11); /* header + the items asked */
    /* Type the code back: a typo first, then a newer version, then the right one. */
    g_d->enter(g_state);
    md_fake_host_frame(&g_fh, g_d, g_state);
    tap("I have a code");
    char typo[32];
    snprintf(typo, sizeof typo, "%s", code);
    typo[7] = typo[7] == '9' ? '0' : (char)(typo[7] + 1);
    g_keypad_input = typo;
    md_fake_host_frame(&g_fh, g_d, g_state);
    md_fake_host_frame(&g_fh, g_d, g_state);
    CHECK(md_fake_host_shows(&g_fh, "This code has a typo"));
    char newer[32];
    snprintf(newer, sizeof newer, "%s", code);
    newer[0] = '2';
    newer[19] = (char)('0' + md_course_damm(newer, 19));
    g_keypad_input = newer;
    md_fake_host_frame(&g_fh, g_d, g_state);
    md_fake_host_frame(&g_fh, g_d, g_state);
    CHECK(md_fake_host_shows(&g_fh, "This code comes from a newer version of the lessons."));
    g_keypad_input = "123";
    md_fake_host_frame(&g_fh, g_d, g_state);
    md_fake_host_frame(&g_fh, g_d, g_state);
    CHECK(md_fake_host_shows(&g_fh, "A progress code has 20 digits."));
    g_keypad_input = code;
    md_fake_host_frame(&g_fh, g_d, g_state);
    md_fake_host_frame(&g_fh, g_d, g_state);
    CHECK(md_fake_host_shows(&g_fh, "Welcome back! Your levels are restored from your code."));
    CHECK_INT(md_course_skill_level(cw->s.skill[slot]), level);
    char want[64];
    snprintf(want, sizeof want, "item: Workplace safety | Level %d · review in", level + 1);
    CHECK(md_fake_host_shows(&g_fh, want));
    stop();
}

static void test_listen_on_a_speaking_host(void)
{
    start(1);
    course *cw = g_state;
    tap("Workplace safety");
    int saw_listen_question = 0;
    for (int q = 0; q < 5; q++) {
        if (cw->s.ex == EX_LISTEN) {
            saw_listen_question = 1;
            char want[128];
            snprintf(want, sizeof want, "%s|ko", cw->content->items[cw->s.item].ko);
            CHECK_STR(g_said, want); /* said when the question appears */
            g_said[0] = '\0';
            tap("Listen");
            CHECK_STR(g_said, want);
        }
        answer_question(1);
        tap("Listen to the sentence");
        char want[256];
        snprintf(want, sizeof want, "%s|ko", cw->content->items[cw->s.item].example);
        CHECK_STR(g_said, want);
        tap("Next");
    }
    CHECK(saw_listen_question);
    stop();
}

static void test_bad_content_update_keeps_the_old(void)
{
    start(0);
    course *cw = g_state;
    md_course_content *before = cw->content;
    char dir[] = "/tmp/md-course-badXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[128];
    snprintf(path, sizeof path, "%s/course.json", dir);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("{\"schema\": 1, \"decks\": []}", f);
        fclose(f);
    }
    g_fh.content_dir = dir;
    g_d->content_updated(g_state);
    CHECK(cw->content == before);
    CHECK(cw->pending == NULL);
    CHECK(strstr(g_fh.log, "COURSE: content refused: course.json: (top): \"decks\" must be an "
                           "array of 1 to 8 decks") != NULL);
    md_fake_host_frame(&g_fh, g_d, g_state);
    CHECK(md_fake_host_shows(&g_fh, "Workplace safety"));
    unlink(path);
    rmdir(dir);
    stop();
}

int main(void)
{
    RUN(test_round_code_and_reset);
    RUN(test_listen_on_a_speaking_host);
    RUN(test_bad_content_update_keeps_the_old);
    return check_summary();
}
