/* Unit tests for the headless script parser (runtime/app/script.c). */
#include "app/script.h"
#include "base/base.h"
#include "check.h"

#include <string.h>

static int parse(const char *text, md_script *s, char *err)
{
    return md_script_parse(text, "t.script", s, err, 256);
}

static void test_every_command(void)
{
    md_script s;
    char err[256];
    const char *text = "# a comment\n"
                       "size 1280x720\n"
                       "\n"
                       "lang ur\n"
                       "tap \"Add one\"\n"
                       "tap 10 20\n"
                       "drag 100 600 100 200 300\n"
                       "key alt+F4\n"
                       "wait 1500   # trailing comment\n"
                       "expect \"He said \\\"hi\\\"\"\n"
                       "expect-not \"Gone\"\n"
                       "screen plugin:org.madang.example\n"
                       "shot home-ur_1\n"
                       "tree home.ur\r\n"
                       "quiet 5000 2\n";
    CHECK_INT(parse(text, &s, err), 0);
    CHECK_INT(s.n, 13);
    if (s.n == 13) {
        CHECK_INT(s.cmds[12].op, MD_SCRIPT_QUIET);
        CHECK_INT(s.cmds[12].max_frames, 2);
        CHECK_INT(s.cmds[0].op, MD_SCRIPT_SIZE);
        CHECK_INT(s.cmds[0].w, 1280);
        CHECK_INT(s.cmds[0].h, 720);
        CHECK_INT(s.cmds[0].line, 2);
        CHECK_INT(s.cmds[1].op, MD_SCRIPT_LANG);
        CHECK_STR(s.cmds[1].arg, "ur");
        CHECK_INT(s.cmds[2].op, MD_SCRIPT_TAP_LABEL);
        CHECK_STR(s.cmds[2].arg, "Add one");
        CHECK_INT(s.cmds[3].op, MD_SCRIPT_TAP_XY);
        CHECK_INT(s.cmds[3].y, 20);
        CHECK_INT(s.cmds[4].op, MD_SCRIPT_DRAG);
        CHECK_INT(s.cmds[4].ms, 300);
        CHECK_STR(s.cmds[5].arg, "alt+F4");
        CHECK_INT(s.cmds[6].op, MD_SCRIPT_WAIT);
        CHECK_INT(s.cmds[6].ms, 1500);
        CHECK_STR(s.cmds[7].arg, "He said \"hi\"");
        CHECK_INT(s.cmds[8].op, MD_SCRIPT_EXPECT_NOT);
        CHECK_STR(s.cmds[9].arg, "plugin:org.madang.example");
        CHECK_STR(s.cmds[10].arg, "home-ur_1");
        CHECK_INT(s.cmds[11].op, MD_SCRIPT_TREE);
        CHECK_STR(s.cmds[11].arg, "home.ur");
        CHECK_INT(s.cmds[11].line, 14);
    }
    md_script_free(&s);
}

static void expect_error(const char *text, const char *want)
{
    md_script s;
    char err[256];
    CHECK_INT(parse(text, &s, err), -1);
    if (!strstr(err, want))
        fprintf(stderr, "  error was: %s (wanted %s)\n", err, want);
    CHECK(strstr(err, want) != NULL);
    CHECK_INT(s.n, 0);
}

static void test_errors_name_file_and_line(void)
{
    expect_error("wait 10\nfly away\n", "t.script:2: unknown command");
    expect_error("tap \"unterminated\n", "t.script:1: unterminated quote");
    expect_error("tap\n", "t.script:1: expected tap");
    expect_error("tap \"\"\n", "empty label");
    expect_error("size 12x\n", "expected size WxH");
    expect_error("size 1280*720\n", "expected size WxH");
    expect_error("wait -5\n", "expected wait MS");
    expect_error("wait soon\n", "expected wait MS");
    expect_error("screen settings\n", "unknown screen");
    expect_error("shot ../../etc/passwd\n", "file name");
    expect_error("shot .hidden\n", "file name");
    expect_error("key\n", "missing argument");
    expect_error("expect \"a\" extra\n", "unexpected text");
    expect_error("drag 1 2 3\n", "expected drag");
    expect_error("quiet 100\n", "expected quiet");
    expect_error("\n\n\nwait 1 2\n", "t.script:4: unexpected text");
    expect_error("clock tomorrow\n", "expected clock");
    expect_error("clock 2026-11-23T12:30\n", "expected clock");  /* no zone: ambiguous */
    expect_error("clock 2026-02-29T12:30Z\n", "expected clock"); /* 2026 is not a leap year */
    expect_error("clock 2026-11-23T24:00+09:00\n", "expected clock");
    expect_error("clock 2026-11-23T12:30+09:00 extra\n", "unexpected text");
    expect_error("wait-file\n", "missing argument");
    expect_error("wait-file ../outside\n", "file name");
    expect_error("draw now\n", "unexpected text");
}

/* draw: pixels without a file, no argument */
static void test_draw(void)
{
    md_script s;
    char err[256];
    CHECK_INT(parse("draw\ndraw   # the frame\n", &s, err), 0);
    CHECK_INT(s.n, 2);
    if (s.n == 2) {
        CHECK_INT(s.cmds[0].op, MD_SCRIPT_DRAW);
        CHECK_INT(s.cmds[1].line, 2);
        CHECK(s.cmds[0].arg == NULL);
    }
    CHECK_STR(md_script_op_name(MD_SCRIPT_DRAW), "draw");
    md_script_free(&s);
}

/* The clock command turns local time with an offset into Unix ms, independent of the process's
 * time zone. Reference values computed by `date -u -d ... +%s`. */
static void test_clock(void)
{
    md_script s;
    char err[256];
    CHECK_INT(parse("clock 2026-03-01T00:00Z\n"
                    "clock 2026-11-23T12:30+09:00\n"
                    "clock 2024-02-29T23:59:59-05:30\n"
                    "clock 1970-01-01T09:00+09:00\n",
                    &s, err),
              0);
    CHECK_INT(s.n, 4);
    if (s.n == 4) {
        CHECK_INT(s.cmds[0].op, MD_SCRIPT_CLOCK);
        CHECK_INT(s.cmds[0].when_ms, 1772323200000LL);
        CHECK_INT(s.cmds[1].when_ms, 1795404600000LL);
        CHECK_INT(s.cmds[2].when_ms, 1709270999000LL);
        CHECK_INT(s.cmds[3].when_ms, 0);
    }
    CHECK_STR(md_script_op_name(MD_SCRIPT_CLOCK), "clock");
    CHECK_STR(md_script_op_name(MD_SCRIPT_WAIT_FILE), "wait-file");
    md_script w;
    CHECK_INT(parse("wait-file edited\n", &w, err), 0);
    CHECK_INT(w.n, 1);
    if (w.n == 1) {
        CHECK_INT(w.cmds[0].op, MD_SCRIPT_WAIT_FILE);
        CHECK_STR(w.cmds[0].arg, "edited");
    }
    md_script_free(&w);
    md_script_free(&s);
}

static void test_empty_and_comments(void)
{
    md_script s;
    char err[256];
    CHECK_INT(parse("", &s, err), 0);
    CHECK_INT(s.n, 0);
    md_script_free(&s);
    CHECK_INT(parse("# only\n   # comments\n\n", &s, err), 0);
    CHECK_INT(s.n, 0);
    md_script_free(&s);
}

static void test_op_names(void)
{
    CHECK_STR(md_script_op_name(MD_SCRIPT_EXPECT_NOT), "expect-not");
    CHECK_STR(md_script_op_name(MD_SCRIPT_TAP_XY), "tap");
    CHECK_STR(md_script_op_name(MD_SCRIPT_NONE), "?");
}

int main(void)
{
    RUN(test_every_command);
    RUN(test_errors_name_file_and_line);
    RUN(test_empty_and_comments);
    RUN(test_op_names);
    RUN(test_clock);
    RUN(test_draw);
    return check_summary();
}
