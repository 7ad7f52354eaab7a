/* Unit tests for runtime/staff: the section registry other modules add to, the argon2id PIN
 * file, and the lock-out that grows after wrong PINs. */
#include "check.h"
#include "base/base.h"
#include "staff/staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char g_dir[256];

static void hub_section(void *user, md_staff_lines *out)
{
    int *calls = user;
    (*calls)++;
    md_staff_line(out, "Hub: %s", "reachable");
    md_staff_line(out, "Last publish: %d min ago", 3);
}

static void many_lines(void *user, md_staff_lines *out)
{
    (void)user;
    for (int i = 0; i < MD_STAFF_MAX_LINES + 10; i++)
        md_staff_line(out, "line %d", i);
}

static void test_sections(void)
{
    md_staff *s = md_staff_create(NULL);
    int calls = 0;
    CHECK_INT(md_staff_add_section(s, "Data hub", hub_section, &calls), 0);
    CHECK_INT(md_staff_add_section(s, "Many", many_lines, NULL), 0);
    CHECK_INT(md_staff_section_count(s), 2);
    const char *const *lines = NULL;
    int n = 0;
    CHECK_STR(md_staff_section_build(s, 0, &lines, &n), "Data hub");
    CHECK_INT(n, 2);
    CHECK_STR(lines[0], "Hub: reachable");
    CHECK_STR(lines[1], "Last publish: 3 min ago");
    CHECK_INT(calls, 1);
    CHECK_STR(md_staff_section_build(s, 1, &lines, &n), "Many");
    CHECK_INT(n, MD_STAFF_MAX_LINES);
    CHECK(md_staff_section_build(s, 2, &lines, &n) == NULL);
    for (int i = 2; i < MD_STAFF_MAX_SECTIONS; i++)
        CHECK_INT(md_staff_add_section(s, "x", many_lines, NULL), 0);
    CHECK_INT(md_staff_add_section(s, "one too many", many_lines, NULL), -1);
    md_staff_destroy(s);
}

static void test_pin(void)
{
    char path[512], why[256] = "";
    snprintf(path, sizeof path, "%s/staff-pin", g_dir);
    md_staff *s = md_staff_create(path);
    uint64_t wait = 0;
    CHECK_INT(md_staff_pin_try(s, "1234", 0, &wait), MD_STAFF_PIN_UNSET);
    CHECK_INT(md_staff_pin_set(path, "12a4", why, sizeof why), -1);
    CHECK(strstr(why, "digits") != NULL);
    CHECK_INT(md_staff_pin_set(path, "123", why, sizeof why), -1);
    CHECK_INT(md_staff_pin_set(path, "482916", why, sizeof why), 0);
    /* Only the argon2id hash is stored, readable by its owner only. */
    char *text = md_read_bounded(path, MD_FILE_NONE, NULL);
    CHECK(text && !strncmp(text, "$argon2id$", 10));
    CHECK(text && !strstr(text, "482916"));
    md_free(text);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
    CHECK_INT(md_staff_pin_try(s, "482916", 0, &wait), MD_STAFF_PIN_OK);
    /* Five wrong PINs lock it for 30 s; the right PIN is refused while locked. */
    for (int i = 1; i <= 4; i++) {
        CHECK_INT(md_staff_pin_try(s, "000000", 1000, &wait), MD_STAFF_PIN_WRONG);
        CHECK_INT(wait, 0);
    }
    CHECK_INT(md_staff_pin_try(s, "000000", 1000, &wait), MD_STAFF_PIN_WRONG);
    CHECK_INT(wait, 30000);
    CHECK_INT(md_staff_pin_try(s, "482916", 20000, &wait), MD_STAFF_PIN_LOCKED);
    CHECK_INT(wait, 11000);
    /* Each further wrong PIN doubles the delay. */
    CHECK_INT(md_staff_pin_try(s, "000000", 31000, &wait), MD_STAFF_PIN_WRONG);
    CHECK_INT(wait, 60000);
    CHECK_INT(md_staff_pin_try(s, "482916", 91000, &wait), MD_STAFF_PIN_OK);
    CHECK_INT(md_staff_pin_try(s, "000000", 92000, &wait), MD_STAFF_PIN_WRONG);
    CHECK_INT(wait, 0);
    md_staff_destroy(s);
}

int main(void)
{
    snprintf(g_dir, sizeof g_dir, "/tmp/md-test-staff-XXXXXX");
    if (!mkdtemp(g_dir))
        return 1;
    md_log_set_min_level(MD_LOG_ERROR);
    RUN(test_sections);
    RUN(test_pin);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", g_dir);
    return check_summary();
}
