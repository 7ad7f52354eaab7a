/* Unit tests for runtime/host: loading the test plugin directory (ABI 2.0, a newer minor, an init
 * that fails, and the example), the refusal log lines, and the host table driving a real plugin:
 * widgets in the tree with msgids, a formatted plural, config values, and reset. */
#include "config/config.h"
#include "base/base.h"
#include "check.h"
#include "host/host.h"
#include "i18n/i18n.h"
#include "speech/speech.h"
#include "ui/ui.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dlfcn.h>
#include <stddef.h>
#include <unistd.h>

static char g_log[8192];
static void sink(void *user, md_log_level level, const char *tag, const char *msg)
{
    (void)user;
    (void)level;
    size_t n = strlen(g_log);
    snprintf(g_log + n, sizeof g_log - n, "%s: %s\n", tag, msg);
}

static uint64_t g_now = 5000;
static int g_home;
static uint64_t mono(void *app)
{
    (void)app;
    return g_now;
}
static int64_t wall(void *app)
{
    (void)app;
    return 1700000000000LL;
}
static void home(void *app)
{
    (void)app;
    g_home++;
}

static const char *build_dir(void)
{
    const char *b = getenv("MD_BUILD");
    return b && b[0] ? b : "build";
}

static int has_line(const char *a, const char *b, const char *c)
{
    for (const char *line = g_log; line && *line;) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        char buf[1024];
        snprintf(buf, sizeof buf, "%.*s", (int)n, line);
        if (strstr(buf, a) && strstr(buf, b) && strstr(buf, c))
            return 1;
        line = nl ? nl + 1 : NULL;
    }
    return 0;
}

static const md_ui_node *find(md_ui *ui, const char *label)
{
    for (int i = 0; i < md_ui_node_count(ui); i++)
        if (!strcmp(md_ui_node_at(ui, i)->label, label))
            return md_ui_node_at(ui, i);
    return NULL;
}

static void frame(md_ui *ui, md_plugin_ctx *p)
{
    md_ui_begin_frame(ui, 1200, 900, "en", 0, g_now);
    md_ui_area_begin(ui, (md_ui_rect){0, 0, 1200, 900}, 1);
    md_host_frame(p);
    md_ui_area_end(ui);
    md_ui_end_frame(ui);
}

static void test_load_refuse_and_drive(void)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s/test-plugins", MD_DATA_DIR, build_dir());
    md_config cfg;
    md_config_defaults(&cfg, "/tmp/md_test_host");
    md_config_parse(&cfg,
                    "[plugin.org.madang.example]\ngreeting = from test_host\n"
                    "[plugin.org.madang.test.speaker]\ncontent_dir = " MD_DATA_DIR
                    "/tests/speech/prompts/km\n",
                    "t", NULL);
    md_ui_theme theme;
    md_ui_theme_default(&theme, 4.0);
    md_ui *ui = md_ui_create(NULL, &theme);
    md_i18n *i18n = md_i18n_create(MD_DATA_DIR "/locales");
    CHECK(i18n != NULL);
    if (i18n)
        md_i18n_set_language(i18n, "en");
    char speech_log[128];
    snprintf(speech_log, sizeof speech_log, "/tmp/md-test-host-%d.jsonl", (int)getpid());
    unlink(speech_log);
    md_speech *speech = md_speech_create(md_speech_log_create(speech_log), i18n, NULL);
    md_host_env env = {ui, i18n, &cfg, NULL, mono, wall, home, speech, NULL, NULL};
    g_log[0] = '\0';
    md_plugins *ps = md_host_load_dir(&env, dir);
    CHECK(ps != NULL);
    CHECK_INT(md_host_count(ps), 7);
    int active = 0, refused = 0, failed = 0;
    for (int i = 0; i < md_host_count(ps); i++) {
        md_plugin_status s = md_host_status(md_host_plugin(ps, i));
        active += s == MD_PLUGIN_ACTIVE;
        refused += s == MD_PLUGIN_REFUSED;
        failed += s == MD_PLUGIN_FAILED;
    }
    CHECK_INT(active, 4);
    CHECK_INT(refused, 2);
    CHECK_INT(failed, 1);
    /* The refusal names the file and both versions. */
    char ours[32], newer[48];
    snprintf(ours, sizeof ours, "this kiosk has ABI %d.%d", MD_PLUGIN_ABI_MAJOR,
             MD_PLUGIN_ABI_MINOR);
    snprintf(newer, sizeof newer, "needs plugin ABI 1.%d", MD_PLUGIN_ABI_MINOR + 1);
    CHECK(has_line("abi_major2.so", "ABI 2.0", ours));
    CHECK(has_line("abi_newer_minor.so", newer, ours));
    /* Built against a header one minor newer than this host, needing nothing newer: it loads,
     * sees the older table (MD_HOST_HAS is false for the field it does not have) and falls back. */
    char built[64];
    snprintf(built, sizeof built, "built against ABI 1.%d, host table has ABI 1.%d",
             MD_PLUGIN_ABI_MINOR + 1, MD_PLUGIN_ABI_MINOR);
    CHECK(has_line("org.madang.test.newerheader", built, "falls back"));
    md_plugin_ctx *nh = md_host_find(ps, "org.madang.test.newerheader");
    CHECK(nh != NULL);
    if (nh) {
        CHECK_INT(md_host_status(nh), MD_PLUGIN_ACTIVE);
        frame(ui, nh);
        CHECK(find(ui, "Drawn with the fallback") != NULL);
    }
    CHECK(has_line("init_fails.so", "init failed", "refused"));
    CHECK(has_line("org.madang.example", "greeting: from test_host", ""));

    md_plugin_ctx *ex = md_host_find(ps, "org.madang.example");
    CHECK(ex != NULL);
    CHECK(md_host_find(ps, "org.madang.test.major2") == NULL);
    if (ex) {
        CHECK_STR(md_host_table(ps)->content_dir(ex),
                  "/tmp/md_test_host/content/org.madang.example");
        CHECK_STR(md_host_table(ps)->config(ex, "greeting"), "from test_host");
        CHECK(md_host_table(ps)->config(ex, "missing") == NULL);
        CHECK_INT((long long)md_host_table(ps)->monotonic_ms(ex), 5000);
        CHECK_INT(md_host_table(ps)->struct_size, sizeof(md_host));
        /* Every field MD_HOST_HAS reports is implemented (plugin.h promises never NULL). */
        const md_host *ht = md_host_table(ps);
        for (size_t off = offsetof(md_host, log); off + sizeof(void (*)(void)) <= ht->struct_size;
             off += sizeof(void (*)(void))) {
            void (*fn)(void) = NULL;
            memcpy(&fn, (const char *)ht + off, sizeof fn);
            CHECK(fn != NULL);
        }
        /* The 1.3 formatters through the real host (the visitor's language is English here). */
        const char *two[] = {"Korean", "English"};
        CHECK_STR(ht->format_list(ex, two, 2), "Korean and English");
        CHECK_STR(ht->language_name(ex, "vi", "vi"), "Tiếng Việt");
        CHECK(strstr(ht->format_time_range(ex, 1772442000000LL, 1772470800000LL, "Hm", NULL),
                     "18:00") != NULL);
        frame(ui, ex);
        const md_ui_node *add = find(ui, "Add one");
        CHECK(add != NULL);
        CHECK(find(ui, "No taps yet") != NULL);
        if (add) {
            CHECK_STR(add->msgid, "Add one");
            CHECK_INT(add->focusable, 1);
            md_ui_pointer_down(ui, add->rect.x + 5, add->rect.y + 5, g_now);
            md_ui_pointer_up(ui, add->rect.x + 5, add->rect.y + 5, g_now);
        }
        frame(ui, ex); /* the click lands */
        frame(ui, ex); /* the counter shows it */
        const md_ui_node *one = find(ui, "1 tap");
        CHECK(one != NULL);
        if (one)
            CHECK(one->msgid && strstr(one->msgid, "plural"));
        CHECK(md_host_active(ps) == NULL);
        md_host_reset_all(ps);
        frame(ui, ex);
        CHECK(find(ui, "No taps yet") != NULL);
        CHECK(find(ui, "1 tap") == NULL);
    }
    /* A plugin that leaves a dialog and columns open: the host closes them. */
    md_plugin_ctx *ub = md_host_find(ps, "org.madang.test.unbalanced");
    CHECK(ub != NULL);
    if (ub) {
        md_ui_begin_frame(ui, 1200, 900, "en", 0, g_now);
        md_ui_area_begin(ui, (md_ui_rect){0, 100, 1200, 800}, 1);
        int depth = md_ui_depth(ui);
        md_host_frame(ub);
        CHECK_INT(md_ui_depth(ui), depth);
        md_ui_button(ui, "After", NULL); /* back in the plugin area, full width */
        md_ui_area_end(ui);
        md_ui_end_frame(ui);
        const md_ui_node *after = find(ui, "After");
        CHECK(after != NULL);
        if (after) {
            CHECK_INT(after->rect.w, 1200);
            CHECK_INT(after->in_dialog, 0);
        }
        CHECK(has_line("org.madang.test.unbalanced", "left a dialog or columns open", ""));
    }
    /* ABI 1.2: a plugin speaks a Korean word and plays its own recording, not one outside. */
    md_plugin_ctx *sp = md_host_find(ps, "org.madang.test.speaker");
    CHECK(sp != NULL);
    if (sp) {
        md_host_enter(sp);
        CHECK(has_line("org.madang.test.speaker", "speak 0 play 0 escape -1", ""));
        /* ABI 1.4: its label, built with snprintf, keeps the msgid it recorded explicitly. */
        frame(ui, sp);
        const md_ui_node *vol = find(ui, "Volume: 3");
        CHECK(vol != NULL);
        if (vol) {
            CHECK_STR(vol->msgid, "Volume");
            CHECK_STR(vol->msgctxt, "setting");
        }
        char *t = md_read_file(speech_log, NULL);
        CHECK(t && strstr(t, "{\"lang\":\"ko\",\"voice\":\"ko\",\"text\":\"안녕하세요\""));
        CHECK(t && strstr(t, "{\"lang\":\"km\",\"voice\":\"recording\",\"text\":\"Home\""));
        CHECK(t && !strstr(t, "Out"));
        md_free(t);
    }
    md_host_unload(ps);
    md_speech_destroy(speech);
    unlink(speech_log);
    md_i18n_destroy(i18n);
    md_ui_destroy(ui);
    md_config_free(&cfg);
}

/* Old host, new plugin: a table that ends before ABI 1.2 (as a 1.1 host's does) keeps the speaker
 * silent instead of calling past the end. */
static void h_log(md_plugin_ctx *ctx, md_log_level level, const char *fmt, ...)
{
    (void)ctx;
    va_list ap;
    va_start(ap, fmt);
    md_logv(level, "PLUGIN old-host", fmt, ap);
    va_end(ap);
}

static void test_old_host_new_plugin(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s/test-plugins/speaker.so", MD_DATA_DIR, build_dir());
    void *so = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    CHECK(so != NULL);
    if (!so)
        return;
    md_plugin_entry_fn entry = (md_plugin_entry_fn)dlsym(so, MD_PLUGIN_ENTRY_SYMBOL);
    CHECK(entry != NULL);
    if (!entry)
        return;
    const md_plugin_desc *d = entry();
    md_host old;
    memset(&old, 0, sizeof old);
    old.struct_size = (uint32_t)offsetof(md_host, ui_speak); /* a 1.1 host */
    old.abi_major = 1;
    old.abi_minor = 1;
    old.log = h_log;
    void *state = NULL;
    g_log[0] = '\0';
    CHECK_INT(d->init(NULL, &old, &state), 0);
    d->enter(state);
    CHECK(has_line("old-host", "host has no speech (ABI 1.1): silent", ""));
}

/* Old host, new plugin, ABI 1.5: the hub probe on a 1.4 host (a table that ends before
 * http_start) stays off the network instead of calling past the end. */
static void test_old_host_network_plugin(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s/hub-plugins/hubprobe.so", MD_DATA_DIR, build_dir());
    void *so = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    CHECK(so != NULL);
    if (!so)
        return;
    md_plugin_entry_fn entry = (md_plugin_entry_fn)dlsym(so, MD_PLUGIN_ENTRY_SYMBOL);
    CHECK(entry != NULL);
    if (!entry)
        return;
    const md_plugin_desc *d = entry();
    CHECK_INT(d->abi_minor, 0);
    md_host old;
    memset(&old, 0, sizeof old);
    old.struct_size = (uint32_t)offsetof(md_host, http_start); /* a 1.4 host */
    old.abi_major = 1;
    old.abi_minor = 4;
    old.log = h_log;
    void *state = NULL;
    g_log[0] = '\0';
    CHECK_INT(d->init(NULL, &old, &state), 0);
    CHECK(has_line("old-host", "host has no network (ABI 1.4)", ""));
    d->shutdown(state);
}

static void test_missing_dir_runs_without_plugins(void)
{
    md_config cfg;
    md_config_defaults(&cfg, "/tmp/md_test_host");
    md_ui *ui = md_ui_create(NULL, NULL);
    md_i18n *i18n = md_i18n_create(NULL); /* English only */
    md_host_env env = {ui, i18n, &cfg, NULL, mono, wall, home, NULL, NULL, NULL};
    g_log[0] = '\0';
    md_plugins *ps = md_host_load_dir(&env, "/nonexistent/plugins");
    CHECK(ps != NULL);
    CHECK_INT(md_host_count(ps), 0);
    CHECK(has_line("/nonexistent/plugins", "cannot read", ""));
    md_host_unload(ps);
    md_i18n_destroy(i18n);
    md_ui_destroy(ui);
    md_config_free(&cfg);
}

int main(void)
{
    md_log_set_sink(sink, NULL);
    RUN(test_load_refuse_and_drive);
    RUN(test_missing_dir_runs_without_plugins);
    RUN(test_old_host_new_plugin);
    RUN(test_old_host_network_plugin);
    return check_summary();
}
