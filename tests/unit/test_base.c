/* Unit tests for runtime/base: allocation failure injection, logging sink, file reading. */
#include "base/base.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>

static int g_logged;
static char g_last_tag[32];
static void sink(void *user, md_log_level level, const char *tag, const char *msg)
{
    (void)user;
    (void)msg;
    if (level >= MD_LOG_WARN)
        g_logged++;
    snprintf(g_last_tag, sizeof g_last_tag, "%s", tag);
}

static void test_alloc_fail_injection(void)
{
    md_log_set_sink(sink, NULL);
    g_logged = 0;
    md_alloc_fail_after(2);
    void *a = md_malloc(8);
    void *b = md_malloc(8);
    void *c = md_malloc(8);
    CHECK(a != NULL);
    CHECK(b == NULL);
    CHECK(c == NULL);
    CHECK_INT(g_logged, 2);
    CHECK_STR(g_last_tag, "ALLOC");
    md_alloc_fail_reset();
    void *d = md_malloc(8);
    CHECK(d != NULL);
    md_free(a);
    md_free(d);
    md_log_set_sink(NULL, NULL);
}

static void test_strdup(void)
{
    char *s = md_strdup("마당");
    CHECK_STR(s, "마당");
    md_free(s);
    char *t = md_strndup("abcdef", 3);
    CHECK_STR(t, "abc");
    md_free(t);
    CHECK(md_strdup(NULL) == NULL);
}

static void test_read_file(void)
{
    char path[] = "/tmp/md-test-base-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    for (int i = 0; i < 3000; i++)
        fputs("안녕", f);
    fclose(f);
    size_t n = 0;
    char *data = md_read_file(path, &n);
    CHECK(data != NULL);
    CHECK_INT(n, 3000 * 6);
    CHECK_INT(data[n], 0);
    md_free(data);
    remove(path);
    md_log_set_sink(sink, NULL);
    g_logged = 0;
    CHECK(md_read_file("/nonexistent/madang", NULL) == NULL);
    CHECK_INT(g_logged, 1);
    md_log_set_sink(NULL, NULL);
}

int main(void)
{
    RUN(test_alloc_fail_injection);
    RUN(test_strdup);
    RUN(test_read_file);
    return check_summary();
}
