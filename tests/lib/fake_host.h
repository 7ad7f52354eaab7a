/* A fake md_host for plugin authors' unit tests: drives a plugin without SDL, fonts or the kiosk.
 * Every widget call becomes one line of a transcript ("button2: Emergency: call 119", "tile0: Fever
 * (icons/fever.png)", "item: primary | secondary", "text1: small text", "text2[ko]: 한국어"), taps
 * go by label, the clock and the language are fields you set. Messages are returned untranslated
 * and formatting is deliberately simple (numbers "%.*f", times "HH:MM" in Seoul, lists "A, B, C",
 * language names = the code) unless you install hooks (e.g. the runtime's ICU formatters).
 * Only include/madang/plugin.h is needed. See docs/PLUGINS.md, "Testing a plugin". Usage:
 *
 *     md_fake_host fh;
 *     md_fake_host_init(&fh);
 *     fh.lang = "vi";
 *     const md_plugin_desc *d = madang_plugin_entry();
 *     void *state = NULL;
 *     d->init(md_fake_host_ctx(&fh), &fh.table, &state);
 *     d->enter(state);
 *     md_fake_host_frame(&fh, d, state);
 *     md_fake_host_tap(&fh, d, state, "Đau ngực");      // 1 if something had that label
 *     if (!strstr(fh.out, "notice2: Call 119 now.")) ... // the screen after the tap
 *
 * To pretend to be an older host, lower fh.table.struct_size (e.g. to offsetof(md_host, ui_notice)
 * for a 1.0 host): MD_HOST_HAS then reports the newer fields missing, as on a real old kiosk.
 */
#ifndef MD_FAKE_HOST_H
#define MD_FAKE_HOST_H

#include <stddef.h>
#include <stdint.h>

#include <madang/plugin.h>

typedef struct md_fake_host md_fake_host;

/* Optional formatting hooks (NULL = the simple built-in behaviour). user is md_fake_host.hook_user.
 * Each writes into out (cap bytes) and returns 0, or -1 to fall back to the built-in (a failing
 * format hook also adds "FORMAT ERROR <msgid>" to the transcript, so a test can look for it). */
typedef struct md_fake_host_hooks {
    const char *(*tr)(void *user, const char *msgctxt, const char *msgid); /* NULL result: msgid */
    int (*format)(void *user, const char *pattern, const md_arg *args, int n_args, char *out,
                  size_t cap);
    int (*format_list)(void *user, const char *const *items, int n, char *out, size_t cap);
    int (*language_name)(void *user, const char *code, const char *in_lang, char *out, size_t cap);
    int (*format_time_range)(void *user, int64_t start_ms, int64_t end_ms, const char *skeleton,
                             const char *tz, char *out, size_t cap);
    /* pick: the language's fallback chain, NULL-terminated (e.g. {"ru", "en", NULL}) */
    const char *const *(*fallbacks)(void *user, const char *lang);
} md_fake_host_hooks;

struct md_fake_host {
    md_host table;             /* pass &table to init; lower struct_size to play an older host */
    char out[65536];           /* the last frame's transcript, one widget per line */
    char log[8192];            /* everything the plugin logged, one line each */
    const char *lang;          /* the visitor's language (BCP 47); default "en" */
    const char *content_dir;   /* default "." */
    const char *storage_dir;   /* default "/nonexistent" */
    const char *const *config; /* key, value, key, value, ..., NULL */
    int64_t now_unix_ms;
    uint64_t monotonic_ms;
    int frames_requested; /* ui_request_frame calls */
    int go_home_calls;
    md_fake_host_hooks hooks;
    void *hook_user;
    /* private */
    char tap_label[512];
    int tapped;
    char ring[16][1024];
    int ring_i;
};

void md_fake_host_init(md_fake_host *fh);
/* The ctx to pass to init (the fake's host functions find themselves through it). */
md_plugin_ctx *md_fake_host_ctx(md_fake_host *fh);
/* Clears the transcript and calls d->frame(state). */
void md_fake_host_frame(md_fake_host *fh, const md_plugin_desc *d, void *state);
/* Draws a frame in which the widget labelled label is activated, then the next frame (so fh->out
 * shows the screen after the tap). Returns 1 if a widget had that label, else 0. */
int md_fake_host_tap(md_fake_host *fh, const md_plugin_desc *d, void *state, const char *label);
/* 1 when the transcript contains text. */
int md_fake_host_shows(const md_fake_host *fh, const char *text);

#endif
