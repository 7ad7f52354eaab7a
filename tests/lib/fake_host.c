/* The fake md_host of tests/lib/fake_host.h: a transcript of widget calls, taps by label, and
 * simple deterministic formatting (or the hooks a test installs). Plugin authors compile it with
 * their unit test; it needs only include/madang/plugin.h and libc.
 */
#include "fake_host.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Every host function receives the ctx passed to init, which is the md_fake_host itself. */
static md_fake_host *fh_of(md_plugin_ctx *ctx)
{
    return (md_fake_host *)ctx;
}

static void emit(md_fake_host *fh, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void emit(md_fake_host *fh, const char *fmt, ...)
{
    size_t n = strlen(fh->out);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(fh->out + n, sizeof fh->out - n, fmt, ap);
    va_end(ap);
    n = strlen(fh->out);
    if (n + 1 < sizeof fh->out)
        fh->out[n] = '\n', fh->out[n + 1] = '\0';
}

static char *ring(md_fake_host *fh)
{
    return fh->ring[fh->ring_i++ % 16];
}

/* A label matches ignoring bidi controls (LRM, RLM, ALM, embeddings, isolates), like `tap`. */
static size_t bidi_control_len(const unsigned char *p)
{
    if (p[0] == 0xE2 && p[1] == 0x80 &&
        (p[2] == 0x8E || p[2] == 0x8F || (p[2] >= 0xAA && p[2] <= 0xAE)))
        return 3;
    if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
        return 3;
    if (p[0] == 0xD8 && p[1] == 0x9C) /* U+061C ARABIC LETTER MARK */
        return 2;
    return 0;
}

static int same_label(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    for (;;) {
        size_t k = 0;
        while ((k = bidi_control_len(p)) > 0)
            p += k;
        while ((k = bidi_control_len(q)) > 0)
            q += k;
        if (*p != *q)
            return 0;
        if (!*p)
            return 1;
        p++, q++;
    }
}

static int activate(md_fake_host *fh, const char *label)
{
    if (fh->tap_label[0] && label && same_label(label, fh->tap_label)) {
        fh->tap_label[0] = '\0';
        fh->tapped = 1;
        return 1;
    }
    return 0;
}

static void f_log(md_plugin_ctx *ctx, md_log_level level, const char *fmt, ...)
{
    md_fake_host *fh = fh_of(ctx);
    size_t n = strlen(fh->log);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(fh->log + n, sizeof fh->log - n, fmt, ap);
    va_end(ap);
    n = strlen(fh->log);
    if (n + 1 < sizeof fh->log)
        fh->log[n] = '\n', fh->log[n + 1] = '\0';
}

static const char *f_lang(md_plugin_ctx *ctx)
{
    return fh_of(ctx)->lang;
}

static const char *f_trc(md_plugin_ctx *ctx, const char *msgctxt, const char *msgid)
{
    md_fake_host *fh = fh_of(ctx);
    const char *s = fh->hooks.tr ? fh->hooks.tr(fh->hook_user, msgctxt, msgid) : NULL;
    return s ? s : msgid;
}

static const char *f_tr(md_plugin_ctx *ctx, const char *msgid)
{
    return f_trc(ctx, NULL, msgid);
}

/* Without a hook: "{name}" and "{name, number}" replaced by the argument, nothing more. */
static const char *f_format(md_plugin_ctx *ctx, const char *msgctxt, const char *msgid,
                            const md_arg *args, int n_args)
{
    md_fake_host *fh = fh_of(ctx);
    char *out = ring(fh);
    const char *pattern = f_trc(ctx, msgctxt, msgid);
    if (fh->hooks.format) {
        if (fh->hooks.format(fh->hook_user, pattern, args, n_args, out, 1024) == 0)
            return out;
        emit(fh, "FORMAT ERROR %s", msgid);
    }
    size_t o = 0;
    for (const char *p = pattern; *p && o + 1 < 1024;) {
        if (*p == '{') {
            size_t k = strcspn(p + 1, ",}");
            const char *close = strchr(p, '}');
            for (int i = 0; i < n_args && close; i++)
                if (strlen(args[i].name) == k && strncmp(args[i].name, p + 1, k) == 0) {
                    if (args[i].type == MD_ARG_STRING)
                        o += (size_t)snprintf(out + o, 1024 - o, "%s", args[i].v.s);
                    else
                        o += (size_t)snprintf(out + o, 1024 - o, "%lld", (long long)args[i].v.i);
                }
            p = close ? close + 1 : p + strlen(p);
            continue;
        }
        out[o++] = *p++;
    }
    out[o < 1024 ? o : 1023] = '\0';
    return out;
}

static const char *f_pick(md_plugin_ctx *ctx, const char *const *langs, const char *const *texts,
                          int n)
{
    md_fake_host *fh = fh_of(ctx);
    const char *const *chain =
        fh->hooks.fallbacks ? fh->hooks.fallbacks(fh->hook_user, fh->lang) : NULL;
    for (int i = 0; i < n; i++)
        if (strcmp(langs[i], fh->lang) == 0)
            return texts[i];
    for (int f = 0; chain && chain[f]; f++)
        for (int i = 0; i < n; i++)
            if (strcmp(langs[i], chain[f]) == 0)
                return texts[i];
    for (int i = 0; i < n; i++)
        if (strcmp(langs[i], "en") == 0)
            return texts[i];
    return NULL;
}

static const char *f_number(md_plugin_ctx *ctx, double v, int digits)
{
    char *out = ring(fh_of(ctx));
    snprintf(out, 1024, "%.*f", digits < 0 ? 2 : digits, v);
    return out;
}

static const char *f_krw(md_plugin_ctx *ctx, int64_t won)
{
    char *out = ring(fh_of(ctx));
    snprintf(out, 1024, "₩%lld", (long long)won);
    return out;
}

/* Seoul time (UTC+9, no daylight saving): "EEEE" a weekday, "EEEjm" "Mon 09:00", else "09:00". */
static const char *f_date(md_plugin_ctx *ctx, int64_t ms, const char *skeleton, const char *tz)
{
    static const char *const days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                       "Thursday", "Friday", "Saturday"};
    time_t t = (time_t)(ms / 1000) + 9 * 3600;
    struct tm tm;
    gmtime_r(&t, &tm);
    char *out = ring(fh_of(ctx));
    if (skeleton && strcmp(skeleton, "EEEE") == 0)
        snprintf(out, 1024, "%s", days[tm.tm_wday]);
    else if (skeleton && strcmp(skeleton, "EEEjm") == 0)
        snprintf(out, 1024, "%.3s %02d:%02d", days[tm.tm_wday], tm.tm_hour, tm.tm_min);
    else
        snprintf(out, 1024, "%02d:%02d", tm.tm_hour, tm.tm_min);
    return out;
}

static const char *f_format_list(md_plugin_ctx *ctx, const char *const *items, int n)
{
    md_fake_host *fh = fh_of(ctx);
    char *out = ring(fh);
    if (fh->hooks.format_list && fh->hooks.format_list(fh->hook_user, items, n, out, 1024) == 0)
        return out;
    out[0] = '\0';
    for (int i = 0; i < n; i++)
        snprintf(out + strlen(out), 1024 - strlen(out), "%s%s", i ? ", " : "", items[i]);
    return out;
}

static const char *f_language_name(md_plugin_ctx *ctx, const char *code, const char *in_lang)
{
    md_fake_host *fh = fh_of(ctx);
    char *out = ring(fh);
    if (fh->hooks.language_name &&
        fh->hooks.language_name(fh->hook_user, code, in_lang ? in_lang : fh->lang, out, 1024) == 0)
        return out;
    snprintf(out, 1024, "%s", code);
    return out;
}

static const char *f_time_range(md_plugin_ctx *ctx, int64_t a, int64_t b, const char *skeleton,
                                const char *tz)
{
    md_fake_host *fh = fh_of(ctx);
    char *out = ring(fh);
    if (fh->hooks.format_time_range &&
        fh->hooks.format_time_range(fh->hook_user, a, b, skeleton, tz, out, 1024) == 0)
        return out;
    char from[16];
    snprintf(from, sizeof from, "%s", f_date(ctx, a, "Hm", tz));
    snprintf(out, 1024, "%s–%s", from, f_date(ctx, b, "Hm", tz));
    return out;
}

static const char *f_content_dir(md_plugin_ctx *ctx)
{
    return fh_of(ctx)->content_dir;
}
static const char *f_storage_dir(md_plugin_ctx *ctx)
{
    return fh_of(ctx)->storage_dir;
}
static const char *f_config(md_plugin_ctx *ctx, const char *key)
{
    const char *const *c = fh_of(ctx)->config;
    for (int i = 0; c && c[i] && c[i + 1]; i += 2)
        if (strcmp(c[i], key) == 0)
            return c[i + 1];
    return NULL;
}
static int64_t f_now(md_plugin_ctx *ctx)
{
    return fh_of(ctx)->now_unix_ms;
}
static uint64_t f_mono(md_plugin_ctx *ctx)
{
    return fh_of(ctx)->monotonic_ms;
}
static void f_heading(md_plugin_ctx *ctx, const char *t)
{
    emit(fh_of(ctx), "heading: %s", t);
}
static void f_text(md_plugin_ctx *ctx, const char *t, md_text_role r)
{
    emit(fh_of(ctx), "text%d: %s", r, t);
}
static void f_text_lang(md_plugin_ctx *ctx, const char *t, const char *lang, md_text_role r)
{
    emit(fh_of(ctx), "text%d[%s]: %s", r, lang, t);
}
static void f_notice(md_plugin_ctx *ctx, const char *t, md_ui_tone tone)
{
    emit(fh_of(ctx), "notice%d: %s", tone, t);
}
static int f_button(md_plugin_ctx *ctx, const char *l, md_ui_tone tone)
{
    emit(fh_of(ctx), "button%d: %s", tone, l);
    return activate(fh_of(ctx), l);
}
static int f_tile(md_plugin_ctx *ctx, const char *l, const char *icon, md_ui_tone tone)
{
    md_fake_host *fh = fh_of(ctx);
    emit(fh, "tile%d: %s (%s)", tone, l, icon ? icon : "-");
    if (icon) { /* every icon a plugin names exists in its content */
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", fh->content_dir, icon);
        if (access(path, R_OK) != 0)
            emit(fh, "MISSING ICON %s", icon);
    }
    return activate(fh, l);
}
static void f_mark(md_plugin_ctx *ctx, const char *l, const char *icon, uint32_t rgb)
{
    md_fake_host *fh = fh_of(ctx);
    emit(fh, "mark #%06x: %s (%s)", (unsigned)(rgb & 0xffffffu), l, icon ? icon : "-");
    if (icon) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", fh->content_dir, icon);
        if (access(path, R_OK) != 0)
            emit(fh, "MISSING ICON %s", icon);
    }
}
static void f_label_msgid(md_plugin_ctx *ctx, const char *msgctxt, const char *msgid)
{
    (void)ctx, (void)msgctxt, (void)msgid; /* the transcript shows labels, not their msgids */
}
static void f_drawing(md_plugin_ctx *ctx, const char *label, const md_shape *shapes, int n,
                      int height_mm)
{
    emit(fh_of(ctx), "drawing: %s (%d shapes)", label ? label : "", n);
}
static int f_count_event(md_plugin_ctx *ctx, const char *name)
{
    md_fake_host *fh = fh_of(ctx);
    size_t n = strlen(fh->log);
    snprintf(fh->log + n, sizeof fh->log - n, "count %s\n", name); /* in the log, not on screen */
    return 0;
}
static void f_cols_begin(md_plugin_ctx *ctx, int n)
{
    emit(fh_of(ctx), "columns %d", n);
}
static void f_cols_end(md_plugin_ctx *ctx)
{
    emit(fh_of(ctx), "end columns");
}
static int f_item(md_plugin_ctx *ctx, const char *p, const char *s)
{
    emit(fh_of(ctx), "item: %s | %s", p, s ? s : "");
    return activate(fh_of(ctx), p);
}
static void f_image(md_plugin_ctx *ctx, const char *path, int mm)
{
    emit(fh_of(ctx), "image: %s", path);
}
static void f_qr(md_plugin_ctx *ctx, const char *data, int mm, const char *caption)
{
    emit(fh_of(ctx), "qr: %s | %s", data, caption ? caption : "");
}
static int f_keypad(md_plugin_ctx *ctx, const char *l, char *buf, size_t cap)
{
    emit(fh_of(ctx), "keypad: %s", l);
    return 0;
}
static void f_dlg_begin(md_plugin_ctx *ctx, const char *t)
{
    emit(fh_of(ctx), "dialog: %s", t);
}
static void f_dlg_end(md_plugin_ctx *ctx)
{
    emit(fh_of(ctx), "end dialog");
}
static void f_busy(md_plugin_ctx *ctx, const char *l)
{
    emit(fh_of(ctx), "busy: %s", l);
}
static void f_space(md_plugin_ctx *ctx, int mm)
{
    (void)ctx;
}
static void f_request(md_plugin_ctx *ctx)
{
    fh_of(ctx)->frames_requested++;
}
static void f_go_home(md_plugin_ctx *ctx)
{
    fh_of(ctx)->go_home_calls++;
}

void md_fake_host_init(md_fake_host *fh)
{
    memset(fh, 0, sizeof *fh);
    md_host *t = &fh->table;
    t->struct_size = (uint32_t)sizeof *t;
    t->abi_major = MD_PLUGIN_ABI_MAJOR;
    t->abi_minor = MD_PLUGIN_ABI_MINOR;
    t->log = f_log;
    t->lang = f_lang;
    t->tr = f_tr;
    t->trc = f_trc;
    t->format = f_format;
    t->pick = f_pick;
    t->format_number = f_number;
    t->format_krw = f_krw;
    t->format_date = f_date;
    t->content_dir = f_content_dir;
    t->storage_dir = f_storage_dir;
    t->config = f_config;
    t->now_unix_ms = f_now;
    t->monotonic_ms = f_mono;
    t->ui_heading = f_heading;
    t->ui_text = f_text;
    t->ui_text_lang = f_text_lang;
    t->ui_button = f_button;
    t->ui_tile = f_tile;
    t->ui_columns_begin = f_cols_begin;
    t->ui_columns_end = f_cols_end;
    t->ui_list_item = f_item;
    t->ui_image = f_image;
    t->ui_qr = f_qr;
    t->ui_keypad = f_keypad;
    t->ui_dialog_begin = f_dlg_begin;
    t->ui_dialog_end = f_dlg_end;
    t->ui_busy = f_busy;
    t->ui_space = f_space;
    t->ui_request_frame = f_request;
    t->go_home = f_go_home;
    t->ui_notice = f_notice;
    t->format_list = f_format_list;
    t->language_name = f_language_name;
    t->format_time_range = f_time_range;
    t->ui_label_msgid = f_label_msgid;
    t->ui_drawing = f_drawing;
    t->ui_mark = f_mark;
    t->count_event = f_count_event;
    fh->lang = "en";
    fh->content_dir = ".";
    fh->storage_dir = "/nonexistent";
}

md_plugin_ctx *md_fake_host_ctx(md_fake_host *fh)
{
    return (md_plugin_ctx *)fh;
}

void md_fake_host_frame(md_fake_host *fh, const md_plugin_desc *d, void *state)
{
    fh->out[0] = '\0';
    d->frame(state);
}

int md_fake_host_tap(md_fake_host *fh, const md_plugin_desc *d, void *state, const char *label)
{
    snprintf(fh->tap_label, sizeof fh->tap_label, "%s", label);
    fh->tapped = 0;
    md_fake_host_frame(fh, d, state);
    int hit = fh->tapped;
    fh->tap_label[0] = '\0';
    md_fake_host_frame(fh, d, state);
    return hit;
}

int md_fake_host_shows(const md_fake_host *fh, const char *text)
{
    return strstr(fh->out, text) != NULL;
}
