/* Unit tests for runtime/app/config: defaults, every [kiosk] key, bad values named and defaulted,
 * plugin sections, relative paths, and an unreadable file. */
#include "config/config.h"
#include "base/base.h"
#include "check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char g_last[512];
static int g_errors;
static void sink(void *user, md_log_level level, const char *tag, const char *msg)
{
    (void)user;
    (void)tag;
    if (level >= MD_LOG_WARN) {
        g_errors++;
        snprintf(g_last, sizeof g_last, "%s", msg);
    }
}

static void test_defaults(void)
{
    md_config c;
    CHECK_INT(md_config_defaults(&c, "/data"), 0);
    CHECK_STR(c.plugin_dir, "/data/build/plugins");
    CHECK_STR(c.locales_dir, "/data/locales");
    CHECK_STR(c.content_dir, "/data/content");
    CHECK_INT(c.idle_warning_s >= 20, 1);
    CHECK_INT(c.kiosk, 1);
    CHECK_INT(c.languages.n, 0);
    md_config_free(&c);
}

static void test_full_file(void)
{
    md_config c;
    md_config_defaults(&c, "/data");
    const char *text = "# comment\n"
                       "[kiosk]\n"
                       "plugin_dir = plugins   # trailing comment\n"
                       "content_dir = /srv/content\n"
                       "width = 1080\nheight=1920\nrotate = 90\n"
                       "idle_timeout_s = 45\nidle_warning_s = 25\n"
                       "px_per_mm = 3.5\n"
                       "default_language = vi\n"
                       "languages = ko, en vi ur\n"
                       "kiosk = no\n"
                       "\n[plugin.org.madang.example]\ngreeting = \"hi there\"\n";
    g_errors = 0;
    CHECK_INT(md_config_parse(&c, text, "t.conf", "/etc/madang"), 0);
    CHECK_INT(g_errors, 0);
    CHECK_INT(c.n_errors, 0);
    CHECK_STR(c.plugin_dir, "/etc/madang/plugins");
    CHECK_STR(c.content_dir, "/srv/content");
    CHECK_INT(c.width, 1080);
    CHECK_INT(c.height, 1920);
    CHECK_INT(c.rotate, 90);
    CHECK_INT(c.idle_timeout_s, 45);
    CHECK_INT(c.idle_warning_s, 25);
    CHECK(c.px_per_mm > 3.49 && c.px_per_mm < 3.51);
    CHECK_STR(c.default_language, "vi");
    CHECK_INT(c.languages.n, 4);
    CHECK_STR(c.languages.code[3], "ur");
    CHECK_INT(c.kiosk, 0);
    CHECK_STR(md_config_get(&c, "plugin.org.madang.example", "greeting"), "hi there");
    CHECK_STR(md_config_get(&c, "kiosk", "rotate"), "90");
    CHECK(md_config_get(&c, "plugin.other", "greeting") == NULL);
    md_config_free(&c);
}

static void test_bad_values_are_named_and_defaulted(void)
{
    md_config c;
    md_config_defaults(&c, "/data");
    const char *text = "[kiosk]\n"
                       "rotate = 45\n"
                       "idle_warning_s = 5\n"
                       "width = wide\n"
                       "px_per_mm = -2\n"
                       "languages = en, !!\n"
                       "nonsense = 1\n"
                       "no equals sign here\n";
    g_errors = 0;
    CHECK_INT(md_config_parse(&c, text, "bad.conf", NULL), 0);
    CHECK_INT(c.rotate, 0);
    CHECK_INT(c.idle_warning_s, 30);
    CHECK_INT(c.width, 1920);
    CHECK(c.px_per_mm > 4.4 && c.px_per_mm < 4.6);
    CHECK_INT(c.languages.n, 0);
    CHECK_INT(c.n_errors, 7);
    CHECK_INT(g_errors, 7);
    CHECK(strstr(g_last, "bad.conf:8") != NULL);
    md_config free_me = c;
    md_config_free(&free_me);

    md_config_defaults(&c, "/data");
    g_errors = 0;
    md_config_parse(&c, "[kiosk]\nidle_warning_s = 19\n", "w.conf", NULL);
    CHECK(strstr(g_last, "w.conf:2") != NULL);
    CHECK(strstr(g_last, "idle_warning_s") != NULL);
    CHECK_INT(c.idle_warning_s, 30);
    md_config_free(&c);
}

static void test_default_language_must_be_offered(void)
{
    md_config c;
    md_config_defaults(&c, "/data");
    md_config_parse(&c, "[kiosk]\nlanguages = en vi\ndefault_language = ko\n", "x.conf", NULL);
    CHECK_STR(c.default_language, "en");
    CHECK_INT(c.n_errors, 1);
    md_config_free(&c);
}

static void test_key_outside_section(void)
{
    md_config c;
    md_config_defaults(&c, "/data");
    md_config_parse(&c, "width = 100\n[kiosk\n", "y.conf", NULL);
    CHECK_INT(c.width, 1920);
    CHECK_INT(c.n_errors, 2);
    md_config_free(&c);
}

static void test_missing_file_keeps_defaults(void)
{
    md_config c;
    g_errors = 0;
    CHECK_INT(md_config_load(&c, "/nonexistent/madang.conf", "/data"), -1);
    CHECK(g_errors >= 1);
    CHECK_STR(c.locales_dir, "/data/locales");
    md_config_free(&c);
}

static void test_load_resolves_relative_to_file(void)
{
    char path[] = "/tmp/md_test_configXXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("[kiosk]\nlocales_dir = ../locales\n", f);
    fclose(f);
    md_config c;
    CHECK_INT(md_config_load(&c, path, "/data"), 0);
    CHECK_STR(c.locales_dir, "/tmp/../locales");
    CHECK_STR(c.path, path);
    md_config_free(&c);
    remove(path);
}

static void test_alloc_failure_is_clean(void)
{
    for (long n = 1; n < 40; n++) {
        md_config c;
        if (md_config_defaults(&c, "/data") < 0)
            continue;
        md_alloc_fail_after(n);
        md_config_parse(&c, "[kiosk]\nlanguages = en ko\n[plugin.a]\nk = v\n", "z", "/b");
        md_alloc_fail_reset();
        /* Whatever failed, the config stays consistent: entries and languages are complete. */
        CHECK(c.n_entries >= 0 && c.n_entries <= 2);
        for (int i = 0; i < c.n_entries; i++)
            CHECK(c.entries[i].key && c.entries[i].value && c.entries[i].section);
        for (int i = 0; i < c.languages.n; i++)
            CHECK(md_lang_code_valid(c.languages.code[i]));
        md_config_free(&c);
    }
}

/* The shipped configurations parse without a single complaint. */
static void test_shipped_files_are_clean(void)
{
    const char *files[] = {MD_DATA_DIR "/config/dev.conf", MD_DATA_DIR "/config/madang.conf"};
    for (int i = 0; i < 2; i++) {
        md_config c;
        g_errors = 0;
        CHECK_INT(md_config_load(&c, files[i], "/data"), 0);
        CHECK_INT(c.n_errors, 0);
        CHECK_INT(g_errors, 0);
        CHECK_INT(c.languages.n, 17);
        CHECK_STR(c.default_language, "ko");
        md_config_free(&c);
    }
}

/* renderer: software by default, gl on request, anything else named and defaulted */
static void test_renderer(void)
{
    md_config c;
    md_config_defaults(&c, "/data");
    CHECK_INT(c.renderer_gl, 0);
    CHECK_INT(md_config_parse(&c, "[kiosk]\nrenderer = gl\n", "r.conf", NULL), 0);
    CHECK_INT(c.renderer_gl, 1);
    CHECK_INT(c.n_errors, 0);
    g_errors = 0;
    CHECK_INT(
        md_config_parse(&c, "[kiosk]\nrenderer = software\nrenderer = vulkan\n", "r.conf", NULL),
        0);
    CHECK_INT(c.renderer_gl, 0);
    CHECK_INT(g_errors, 1);
    CHECK(strstr(g_last, "r.conf:3") != NULL && strstr(g_last, "renderer") != NULL);
    md_config_free(&c);
}

int main(void)
{
    RUN(test_shipped_files_are_clean);
    md_log_set_sink(sink, NULL);
    RUN(test_defaults);
    RUN(test_full_file);
    RUN(test_bad_values_are_named_and_defaulted);
    RUN(test_default_language_must_be_offered);
    RUN(test_key_outside_section);
    RUN(test_missing_file_keeps_defaults);
    RUN(test_load_resolves_relative_to_file);
    RUN(test_alloc_failure_is_clean);
    RUN(test_renderer);
    return check_summary();
}
