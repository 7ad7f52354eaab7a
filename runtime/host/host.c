/* Plugin loading and the md_host table. Every string a host function returns is either stable
 * (translations) or lives in the UI's per-frame arena; the UI remembers which msgid each
 * translated pointer came from so the semantic tree can name it. */
#include "host/host.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/base.h"
#include "config/config.h"
#include "hub/hub.h"
#include "net/net.h"
#include "i18n/i18n.h"
#include "crash/crash.h"
#include "speech/speech.h"
#include "ui/ui.h"

struct md_plugin_ctx {
    md_plugins *owner;
    char *file;
    md_plugin_status status;
    const md_plugin_desc *desc;
    void *state;
    char *id;
    char *content_dir;
    char *storage_dir;
    char *icon_path;
    int in_frame;
    int warned_outside_frame;
    int warned_unbalanced;
    md_crash_ident ident; /* id, version and file hash, as the crash journal names it */
    char *quarantine_why; /* the journal's reason, when quarantined */
    uint64_t grown_bytes; /* RSS growth seen during this plugin's callbacks */
    uint64_t http[16];    /* requests this plugin started and has not freed */
    int n_http;
};

struct md_plugins {
    md_host_env env;
    md_host table;
    md_plugin_ctx **items;
    int n;
    const char *volatile active; /* id of the plugin in a callback */
    int frame_requested;
    char *journal_path;       /* <storage_dir>/crash.journal */
    md_crash_journal journal; /* read once at load */
    int watch_rss;            /* measure RSS around callbacks (an RSS ceiling is set) */
};

/* Before and after every plugin callback: the crash guard learns which plugin and callback run
 * (the fatal-signal handler and the watchdog journal it), and, with an RSS ceiling, how much the
 * process grew during the call, so a restart for memory can name the plugin that grew. */
static uint64_t call_begin(md_plugin_ctx *ctx, md_crash_cb cb)
{
    ctx->owner->active = ctx->id;
    md_crash_enter(&ctx->ident, cb);
    return ctx->owner->watch_rss ? md_crash_rss_bytes() : 0;
}

static void call_end(md_plugin_ctx *ctx, uint64_t rss_before)
{
    md_crash_leave();
    ctx->owner->active = NULL;
    if (rss_before) {
        uint64_t after = md_crash_rss_bytes();
        if (after > rss_before)
            ctx->grown_bytes += after - rss_before;
    }
}

/* ---------------------------------------------------------------- helpers */

static int mkdir_p(const char *path)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
        return -1;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) < 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(buf, 0755) < 0 && errno != EEXIST)
        return -1;
    return 0;
}

/* A relative path that stays inside its directory. */
static int safe_relative(const char *p)
{
    if (!p || !p[0] || p[0] == '/')
        return 0;
    const char *s = p;
    while (*s) {
        if (s[0] == '.' && s[1] == '.' && (s[2] == '/' || s[2] == '\0'))
            return 0;
        const char *slash = strchr(s, '/');
        if (!slash)
            break;
        s = slash + 1;
    }
    return 1;
}

static int valid_id(const char *id)
{
    if (!id || !id[0] || strlen(id) > 128 || id[0] == '.')
        return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '-' || *p == '_'))
            return 0;
    return strstr(id, "..") == NULL;
}

static md_ui *ui_of(md_plugin_ctx *ctx)
{
    if (!ctx->in_frame) {
        if (!ctx->warned_outside_frame)
            md_log(MD_LOG_WARN, "PLUGIN", "[%s] ui_* called outside frame(), ignored", ctx->id);
        ctx->warned_outside_frame = 1;
        return NULL;
    }
    return ctx->owner->env.ui;
}

static const char *cur_lang(md_plugin_ctx *ctx)
{
    return md_i18n_current(ctx->owner->env.i18n);
}

/* ---------------------------------------------------------------- translate, then record */

const char *md_host_tr(md_plugins *ps, const char *domain, const char *lang, const char *msgctxt,
                       const char *msgid)
{
    if (!msgid)
        return "";
    const char *s = lang ? md_i18n_tr_lang(ps->env.i18n, lang, domain, msgctxt, msgid)
                         : md_i18n_tr(ps->env.i18n, domain, msgctxt, msgid);
    if (!s)
        s = msgid;
    md_ui_note_msgid_ctx(ps->env.ui, s, msgctxt, msgid);
    return s;
}

enum { FORMAT_CAP = 2048 };

const char *md_host_format(md_plugins *ps, const char *domain, const char *msgctxt,
                           const char *msgid, const md_arg *args, int n_args)
{
    if (!msgid)
        return "";
    const char *pattern = md_host_tr(ps, domain, NULL, msgctxt, msgid);
    md_ui *ui = ps->env.ui;
    char *out = md_ui_frame_alloc(ui, FORMAT_CAP);
    if (!out)
        return msgid;
    md_i18n *i = ps->env.i18n;
    if (md_i18n_format(i, md_i18n_current(i), pattern, args, n_args, out, FORMAT_CAP) < 0) {
        md_log(MD_LOG_WARN, "PLUGIN", "[%s] cannot format \"%s\"", domain, msgid);
        return msgid;
    }
    md_ui_note_msgid_ctx(ui, out, msgctxt, msgid);
    return out;
}

/* ---------------------------------------------------------------- the host table */

static void h_log(md_plugin_ctx *ctx, md_log_level level, const char *fmt, ...)
{
    char tag[160];
    snprintf(tag, sizeof tag, "PLUGIN %s", ctx && ctx->id ? ctx->id : "?");
    va_list ap;
    va_start(ap, fmt);
    md_logv(level, tag, fmt, ap);
    va_end(ap);
}

static const char *h_lang(md_plugin_ctx *ctx)
{
    return cur_lang(ctx);
}

static const char *tr_ctx(md_plugin_ctx *ctx, const char *msgctxt, const char *msgid)
{
    return md_host_tr(ctx->owner, ctx->id, NULL, msgctxt, msgid);
}

static const char *h_tr(md_plugin_ctx *ctx, const char *msgid)
{
    return tr_ctx(ctx, NULL, msgid);
}

static const char *h_trc(md_plugin_ctx *ctx, const char *msgctxt, const char *msgid)
{
    return tr_ctx(ctx, msgctxt, msgid);
}

static const char *h_format(md_plugin_ctx *ctx, const char *msgctxt, const char *msgid,
                            const md_arg *args, int n_args)
{
    return md_host_format(ctx->owner, ctx->id, msgctxt, msgid, args, n_args);
}

static const char *h_pick(md_plugin_ctx *ctx, const char *const *langs, const char *const *texts,
                          int n)
{
    if (!langs || !texts || n <= 0)
        return NULL;
    const char *want[16];
    int n_want = 0;
    want[n_want++] = cur_lang(ctx);
    const md_lang_info *info = md_i18n_find(ctx->owner->env.i18n, want[0]);
    for (int k = 0; info && info->fallbacks && info->fallbacks[k] && n_want < 14; k++)
        want[n_want++] = info->fallbacks[k];
    want[n_want++] = "en";
    want[n_want++] = "ko";
    for (int w = 0; w < n_want; w++)
        for (int k = 0; k < n; k++)
            if (langs[k] && texts[k] && !strcmp(langs[k], want[w]))
                return texts[k];
    return NULL;
}

static const char *fmt_result(md_plugin_ctx *ctx, int rc, char *buf)
{
    if (rc < 0) {
        h_log(ctx, MD_LOG_WARN, "formatting failed");
        return "";
    }
    return buf;
}

static const char *h_format_number(md_plugin_ctx *ctx, double value, int max_fraction_digits)
{
    char *buf = md_ui_frame_alloc(ctx->owner->env.ui, 128);
    if (!buf)
        return "";
    return fmt_result(ctx,
                      md_i18n_format_number_cached(ctx->owner->env.i18n, cur_lang(ctx), value,
                                                   max_fraction_digits, buf, 128),
                      buf);
}

static const char *h_format_krw(md_plugin_ctx *ctx, int64_t won)
{
    char *buf = md_ui_frame_alloc(ctx->owner->env.ui, 128);
    if (!buf)
        return "";
    return fmt_result(
        ctx,
        md_i18n_format_krw_cached(ctx->owner->env.i18n, cur_lang(ctx), (long long)won, buf, 128),
        buf);
}

static const char *h_format_date(md_plugin_ctx *ctx, int64_t unix_ms, const char *skeleton,
                                 const char *time_zone)
{
    char *buf = md_ui_frame_alloc(ctx->owner->env.ui, 256);
    if (!buf)
        return "";
    return fmt_result(ctx,
                      md_i18n_format_date_cached(ctx->owner->env.i18n, cur_lang(ctx),
                                                 (long long)unix_ms,
                                                 skeleton ? skeleton : "yMMMdjm",
                                                 time_zone ? time_zone : "Asia/Seoul", buf, 256),
                      buf);
}

static const char *h_format_list(md_plugin_ctx *ctx, const char *const *items, int n_items)
{
    char *buf = md_ui_frame_alloc(ctx->owner->env.ui, FORMAT_CAP);
    if (!buf || !items || n_items <= 0)
        return "";
    return fmt_result(ctx,
                      md_i18n_format_list_cached(ctx->owner->env.i18n, cur_lang(ctx), items,
                                                 n_items, buf, FORMAT_CAP),
                      buf);
}

static const char *h_language_name(md_plugin_ctx *ctx, const char *code, const char *in_lang)
{
    char *buf = md_ui_frame_alloc(ctx->owner->env.ui, 256);
    if (!buf)
        return "";
    if (!code)
        return "";
    /* An unknown code comes back as itself, which is the best there is to show: not an error. */
    md_i18n_language_name(code, in_lang ? in_lang : cur_lang(ctx), buf, 256);
    return buf;
}

static void h_ui_label_msgid(md_plugin_ctx *ctx, const char *msgctxt, const char *msgid)
{
    md_ui *ui = ui_of(ctx);
    if (ui)
        md_ui_label_msgid(ui, msgctxt, msgid);
}

static const char *h_format_time_range(md_plugin_ctx *ctx, int64_t start_unix_ms,
                                       int64_t end_unix_ms, const char *skeleton,
                                       const char *time_zone)
{
    char *buf = md_ui_frame_alloc(ctx->owner->env.ui, 256);
    if (!buf)
        return "";
    return fmt_result(ctx,
                      md_i18n_format_time_range(cur_lang(ctx), (long long)start_unix_ms,
                                                (long long)end_unix_ms, skeleton, time_zone, buf,
                                                256),
                      buf);
}

static const char *h_content_dir(md_plugin_ctx *ctx)
{
    return ctx->content_dir;
}

static const char *h_storage_dir(md_plugin_ctx *ctx)
{
    return ctx->storage_dir;
}

static const char *h_config(md_plugin_ctx *ctx, const char *key)
{
    const md_config *cfg = ctx->owner->env.cfg;
    if (!cfg || !key)
        return NULL;
    char section[200];
    snprintf(section, sizeof section, "plugin.%s", ctx->id);
    const char *v = md_config_get(cfg, section, key);
    return v ? v : md_config_get(cfg, "kiosk", key);
}

static int64_t h_now_unix_ms(md_plugin_ctx *ctx)
{
    md_host_env *e = &ctx->owner->env;
    return e->now_unix_ms ? e->now_unix_ms(e->app) : 0;
}

static uint64_t h_monotonic_ms(md_plugin_ctx *ctx)
{
    md_host_env *e = &ctx->owner->env;
    return e->monotonic_ms ? e->monotonic_ms(e->app) : 0;
}

static int mm_px(md_plugin_ctx *ctx, int mm)
{
    return (int)(mm * md_ui_theme_get(ctx->owner->env.ui)->px_per_mm + 0.5);
}

static void h_ui_heading(md_plugin_ctx *ctx, const char *text)
{
    md_ui *ui = ui_of(ctx);
    if (ui)
        md_ui_heading(ui, text ? text : "", NULL);
}

static void h_ui_text(md_plugin_ctx *ctx, const char *text, md_text_role role)
{
    md_ui *ui = ui_of(ctx);
    if (ui)
        md_ui_text(ui, text ? text : "", role, NULL);
}

static void h_ui_text_lang(md_plugin_ctx *ctx, const char *text, const char *lang,
                           md_text_role role)
{
    md_ui *ui = ui_of(ctx);
    md_ui_opts o = {.lang = lang};
    if (ui)
        md_ui_text(ui, text ? text : "", role, &o);
}

static void h_ui_notice(md_plugin_ctx *ctx, const char *text, md_ui_tone tone)
{
    md_ui *ui = ui_of(ctx);
    md_ui_opts o = {.tone = tone};
    if (ui)
        md_ui_notice(ui, text ? text : "", &o);
}

static void h_ui_drawing(md_plugin_ctx *ctx, const char *label, const md_shape *shapes,
                         int n_shapes, int height_mm)
{
    md_ui *ui = ui_of(ctx);
    if (!ui)
        return;
    if (n_shapes < 0 || n_shapes > 10000) {
        md_log(MD_LOG_WARN, "PLUGIN", "[%s] ui_drawing with %d shapes: drawing nothing",
               ctx->desc->id, n_shapes);
        n_shapes = 0;
    }
    if (height_mm < 0 || height_mm > 1000)
        height_mm = 0;
    md_ui_drawing(ui, label, shapes, n_shapes, (int)(height_mm * md_ui_theme_get(ui)->px_per_mm));
}

static int h_ui_button(md_plugin_ctx *ctx, const char *label, md_ui_tone tone)
{
    md_ui *ui = ui_of(ctx);
    md_ui_opts o = {.tone = tone};
    return ui ? md_ui_button(ui, label ? label : "", &o) : 0;
}

static void h_ui_mark(md_plugin_ctx *ctx, const char *label, const char *icon,
                      uint32_t background_rgb)
{
    md_ui *ui = ui_of(ctx);
    if (!ui)
        return;
    md_ui_opts o = {.tone = MD_TONE_NORMAL};
    char *abs_icon = NULL;
    if (icon && safe_relative(icon))
        abs_icon = md_path_join(ctx->content_dir, icon);
    else if (icon)
        h_log(ctx, MD_LOG_WARN, "icon path \"%s\" leaves the content directory", icon);
    o.icon = abs_icon;
    md_ui_mark(ui, label ? label : "", background_rgb & 0xffffffu, &o);
    md_free(abs_icon);
}

static int h_ui_tile(md_plugin_ctx *ctx, const char *label, const char *icon, md_ui_tone tone)
{
    md_ui *ui = ui_of(ctx);
    if (!ui)
        return 0;
    md_ui_opts o = {.tone = tone};
    char *abs_icon = NULL;
    if (icon && safe_relative(icon))
        abs_icon = md_path_join(ctx->content_dir, icon);
    else if (icon)
        h_log(ctx, MD_LOG_WARN, "icon path \"%s\" leaves the content directory", icon);
    o.icon = abs_icon;
    int hit = md_ui_tile(ui, label ? label : "", &o);
    md_free(abs_icon);
    return hit;
}

static void h_ui_columns_begin(md_plugin_ctx *ctx, int n_columns)
{
    md_ui *ui = ui_of(ctx);
    if (ui)
        md_ui_columns_begin(ui, n_columns);
}

static void h_ui_columns_end(md_plugin_ctx *ctx)
{
    md_ui *ui = ui_of(ctx);
    if (ui)
        md_ui_columns_end(ui);
}

static int h_ui_list_item(md_plugin_ctx *ctx, const char *primary, const char *secondary)
{
    md_ui *ui = ui_of(ctx);
    return ui ? md_ui_list_item(ui, primary ? primary : "", secondary) : 0;
}

static void h_ui_image(md_plugin_ctx *ctx, const char *path, int width_mm)
{
    md_ui *ui = ui_of(ctx);
    if (!ui)
        return;
    if (!safe_relative(path)) {
        h_log(ctx, MD_LOG_WARN, "image path \"%s\" leaves the content directory", path ? path : "");
        md_ui_image(ui, NULL, mm_px(ctx, width_mm));
        return;
    }
    char *abs_path = md_path_join(ctx->content_dir, path);
    md_ui_image(ui, abs_path, mm_px(ctx, width_mm));
    md_free(abs_path);
}

static void h_ui_qr(md_plugin_ctx *ctx, const char *data, int size_mm, const char *caption)
{
    md_ui *ui = ui_of(ctx);
    if (ui)
        md_ui_qr(ui, data, mm_px(ctx, size_mm), caption);
}

static const char *runtime_tr(md_plugins *ps, const char *msgid)
{
    return md_host_tr(ps, "runtime", NULL, NULL, msgid);
}

static int h_ui_keypad(md_plugin_ctx *ctx, const char *label, char *buf, size_t cap)
{
    md_ui *ui = ui_of(ctx);
    if (!ui)
        return 0;
    if (!buf || cap == 0) {
        h_log(ctx, MD_LOG_WARN, "ui_keypad needs a buffer");
        return 0;
    }
    return md_ui_keypad(ui, label ? label : "", buf, cap, runtime_tr(ctx->owner, "Delete"),
                        runtime_tr(ctx->owner, "OK"));
}

static void h_ui_dialog_begin(md_plugin_ctx *ctx, const char *title)
{
    md_ui *ui = ui_of(ctx);
    if (ui)
        md_ui_dialog_begin(ui, title);
}

static void h_ui_dialog_end(md_plugin_ctx *ctx)
{
    md_ui *ui = ui_of(ctx);
    if (ui)
        md_ui_dialog_end(ui);
}

static void h_ui_busy(md_plugin_ctx *ctx, const char *label)
{
    md_ui *ui = ui_of(ctx);
    if (ui)
        md_ui_busy(ui, label ? label : "");
}

static void h_ui_space(md_plugin_ctx *ctx, int mm)
{
    md_ui *ui = ui_of(ctx);
    if (ui)
        md_ui_space(ui, mm_px(ctx, mm));
}

static void h_ui_request_frame(md_plugin_ctx *ctx)
{
    ctx->owner->frame_requested = 1;
}

static int h_ui_speak(md_plugin_ctx *ctx, const char *text, const char *lang)
{
    md_speech *sp = ctx->owner->env.speech;
    if (!sp || !text || !text[0])
        return -1;
    return md_speech_say_text(sp, lang && lang[0] ? lang : cur_lang(ctx), text, 1);
}

static int h_ui_play_audio(md_plugin_ctx *ctx, const char *path, const char *text, const char *lang)
{
    md_speech *sp = ctx->owner->env.speech;
    if (!sp)
        return -1;
    if (!safe_relative(path)) {
        md_log(MD_LOG_WARN, "PLUGIN",
               "[%s] ui_play_audio: \"%s\" is not a path inside the "
               "content directory",
               ctx->id, path ? path : "(null)");
        return -1;
    }
    char *full = md_path_join(ctx->content_dir, path);
    if (!full)
        return -1;
    int rc = md_speech_play_file(sp, full, lang && lang[0] ? lang : cur_lang(ctx), text, 1);
    md_free(full);
    return rc;
}

static void h_go_home(md_plugin_ctx *ctx)
{
    md_host_env *e = &ctx->owner->env;
    if (e->go_home)
        e->go_home(e->app);
}

/* ---------------------------------------------------------------- network and data hub */

enum { HTTP_MAX_PER_PLUGIN = 16 };

static int own_http(md_plugin_ctx *ctx, uint64_t h)
{
    for (int i = 0; h && i < ctx->n_http; i++)
        if (ctx->http[i] == h)
            return i;
    return -1;
}

/* The plugin's allowed_origins, split on commas and spaces into origins[] (pointers into buf). */
static int allowed_origins(md_plugin_ctx *ctx, char *buf, size_t cap, const char **origins, int max)
{
    char section[300];
    snprintf(section, sizeof section, "plugin.%s", ctx->id);
    const char *v =
        ctx->owner->env.cfg ? md_config_get(ctx->owner->env.cfg, section, "allowed_origins") : NULL;
    snprintf(buf, cap, "%s", v ? v : "");
    int n = 0;
    for (char *tok = strtok(buf, ", \t"); tok && n < max; tok = strtok(NULL, ", \t"))
        origins[n++] = tok;
    return n;
}

static uint64_t h_http_start(md_plugin_ctx *ctx, const char *method, const char *url,
                             const char *const *headers, int n_headers, const void *body,
                             size_t body_bytes, int timeout_ms, size_t max_body_bytes)
{
    md_net *net = ctx->owner->env.net;
    if (!net || !url)
        return 0;
    if (method && strcmp(method, "GET") && strcmp(method, "POST") && strcmp(method, "DELETE")) {
        md_log(MD_LOG_WARN, "NET", "[%s] http_start: only GET, POST and DELETE", ctx->id);
        return 0;
    }
    char buf[2048], section[300];
    const char *origins[32];
    int n = allowed_origins(ctx, buf, sizeof buf, origins, 32);
    snprintf(section, sizeof section, "plugin.%s", ctx->id);
    const char *ah =
        ctx->owner->env.cfg ? md_config_get(ctx->owner->env.cfg, section, "allow_http") : NULL;
    int allow_http = ah && (!strcmp(ah, "yes") || !strcmp(ah, "true") || !strcmp(ah, "1"));
    if (!md_net_origin_allowed(url, origins, n, allow_http)) {
        char origin[512];
        if (md_net_origin_of(url, origin, sizeof origin) < 0)
            snprintf(origin, sizeof origin, "(not an http(s) URL)");
        md_log(MD_LOG_WARN, "NET", "[%s] http_start: %s is not in [%s] allowed_origins%s", ctx->id,
               origin, section,
               (!allow_http && !strncmp(origin, "http://", 7)) ? " (plain http needs allow_http)"
                                                               : "");
        return 0;
    }
    if (ctx->n_http >= HTTP_MAX_PER_PLUGIN) {
        md_log(MD_LOG_WARN, "NET", "[%s] http_start: %d requests open already; free some", ctx->id,
               ctx->n_http);
        return 0;
    }
    if (n_headers < 0 || n_headers > 64 || (n_headers > 0 && !headers))
        return 0;
    for (int i = 0; i < n_headers; i++)
        if (!headers[i] || strpbrk(headers[i], "\r\n")) {
            md_log(MD_LOG_WARN, "NET", "[%s] http_start: a header with a line break", ctx->id);
            return 0;
        }
    if (max_body_bytes > 8u * 1024 * 1024)
        max_body_bytes = 8u * 1024 * 1024;
    md_net_request r = {.method = method ? method : "GET",
                        .url = url,
                        .headers = headers,
                        .n_headers = n_headers,
                        .body = body,
                        .body_bytes = body ? body_bytes : 0,
                        .timeout_ms = timeout_ms,
                        .max_body_bytes = max_body_bytes,
                        .owner = ctx};
    uint64_t h = md_net_start(net, &r);
    if (h)
        ctx->http[ctx->n_http++] = h;
    return h;
}

static int h_http_state(md_plugin_ctx *ctx, uint64_t h)
{
    if (own_http(ctx, h) < 0)
        return MD_HTTP_NONE;
    switch (md_net_state_of(ctx->owner->env.net, h)) {
    case MD_NET_PENDING:
        return MD_HTTP_PENDING;
    case MD_NET_DONE:
        return MD_HTTP_DONE;
    case MD_NET_FAILED:
        return MD_HTTP_FAILED;
    default:
        return MD_HTTP_NONE;
    }
}

static int h_http_status(md_plugin_ctx *ctx, uint64_t h)
{
    long status = 0;
    if (own_http(ctx, h) < 0 || md_net_result(ctx->owner->env.net, h, &status, NULL, NULL) < 0)
        return 0;
    return (int)status;
}

static const char *h_http_header(md_plugin_ctx *ctx, uint64_t h, const char *name)
{
    return own_http(ctx, h) < 0 ? NULL : md_net_header(ctx->owner->env.net, h, name);
}

static const char *h_http_body(md_plugin_ctx *ctx, uint64_t h, size_t *body_bytes)
{
    const char *body = NULL;
    if (own_http(ctx, h) < 0 || md_net_result(ctx->owner->env.net, h, NULL, &body, body_bytes) < 0)
        return NULL;
    return body;
}

static const char *h_http_error(md_plugin_ctx *ctx, uint64_t h)
{
    return own_http(ctx, h) < 0 ? NULL : md_net_error(ctx->owner->env.net, h);
}

static void h_http_free(md_plugin_ctx *ctx, uint64_t h)
{
    int i = own_http(ctx, h);
    if (i < 0)
        return;
    md_net_cancel(ctx->owner->env.net, h);
    ctx->http[i] = ctx->http[--ctx->n_http];
}

/* Session reset and shutdown: nothing a plugin started outlives the visitor. */
static void http_free_all(md_plugin_ctx *ctx)
{
    md_net_cancel_owner(ctx->owner->env.net, ctx);
    ctx->n_http = 0;
}

static uint64_t h_hub_query(md_plugin_ctx *ctx, const char *entity_type, const char *q,
                            const char *attrs, int max_distance_m, int refresh_s)
{
    md_hub *hub = ctx->owner->env.hub;
    if (!hub) {
        md_log(MD_LOG_WARN, "HUB", "[%s] hub_query: no [hub] in the kiosk configuration", ctx->id);
        return 0;
    }
    md_hub_query_spec spec = {.type = entity_type,
                              .q = q,
                              .attrs = attrs,
                              .max_distance_m = max_distance_m,
                              .refresh_s = refresh_s,
                              .owner = ctx};
    return md_hub_query_add(hub, &spec);
}

static int h_hub_result(md_plugin_ctx *ctx, uint64_t h, const char **json, size_t *json_bytes,
                        int64_t *updated_unix_ms)
{
    if (!ctx->owner->env.hub || !md_hub_query_owned(ctx->owner->env.hub, h, ctx))
        return -1;
    const char *j = NULL;
    size_t n = 0;
    int gen = md_hub_query_result(ctx->owner->env.hub, h, &j, &n, updated_unix_ms, NULL);
    if (json)
        *json = gen > 0 ? j : NULL;
    if (json_bytes)
        *json_bytes = gen > 0 ? n : 0;
    return gen;
}

static void h_hub_query_free(md_plugin_ctx *ctx, uint64_t h)
{
    if (ctx->owner->env.hub) {
        if (md_hub_query_owned(ctx->owner->env.hub, h, ctx))
            md_hub_query_remove(ctx->owner->env.hub, h);
    }
}

static int h_count_event(md_plugin_ctx *ctx, const char *name)
{
    md_hub *hub = ctx->owner->env.hub;
    if (!hub || !name)
        return -1;
    size_t n = strlen(name);
    if (n == 0 || n > 40 || strchr(name, '/')) {
        md_log(MD_LOG_WARN, "HUB", "[%s] count_event: a name is 1 to 40 of [A-Za-z0-9._-]",
               ctx->id);
        return -1;
    }
    char key[400];
    snprintf(key, sizeof key, "%s/%s", ctx->id, name);
    return md_hub_count(hub, h_now_unix_ms(ctx), MD_HUB_EVENT, key);
}

static void fill_table(md_host *t)
{
    memset(t, 0, sizeof *t);
    t->struct_size = (uint32_t)sizeof *t;
    t->abi_major = MD_PLUGIN_ABI_MAJOR;
    t->abi_minor = MD_PLUGIN_ABI_MINOR;
    t->log = h_log;
    t->lang = h_lang;
    t->tr = h_tr;
    t->trc = h_trc;
    t->format = h_format;
    t->pick = h_pick;
    t->format_number = h_format_number;
    t->format_krw = h_format_krw;
    t->format_date = h_format_date;
    t->content_dir = h_content_dir;
    t->storage_dir = h_storage_dir;
    t->config = h_config;
    t->now_unix_ms = h_now_unix_ms;
    t->monotonic_ms = h_monotonic_ms;
    t->ui_heading = h_ui_heading;
    t->ui_text = h_ui_text;
    t->ui_notice = h_ui_notice;
    t->ui_speak = h_ui_speak;
    t->http_start = h_http_start;
    t->http_state = h_http_state;
    t->http_status = h_http_status;
    t->http_header = h_http_header;
    t->http_body = h_http_body;
    t->http_error = h_http_error;
    t->http_free = h_http_free;
    t->hub_query = h_hub_query;
    t->hub_result = h_hub_result;
    t->hub_query_free = h_hub_query_free;
    t->count_event = h_count_event;
    t->ui_play_audio = h_ui_play_audio;
    t->ui_drawing = h_ui_drawing;
    t->ui_mark = h_ui_mark;
    t->ui_text_lang = h_ui_text_lang;
    t->ui_button = h_ui_button;
    t->ui_tile = h_ui_tile;
    t->ui_columns_begin = h_ui_columns_begin;
    t->ui_columns_end = h_ui_columns_end;
    t->ui_list_item = h_ui_list_item;
    t->ui_image = h_ui_image;
    t->ui_qr = h_ui_qr;
    t->ui_keypad = h_ui_keypad;
    t->ui_dialog_begin = h_ui_dialog_begin;
    t->ui_dialog_end = h_ui_dialog_end;
    t->ui_busy = h_ui_busy;
    t->ui_space = h_ui_space;
    t->ui_request_frame = h_ui_request_frame;
    t->go_home = h_go_home;
    t->format_list = h_format_list;
    t->language_name = h_language_name;
    t->format_time_range = h_format_time_range;
    t->ui_label_msgid = h_ui_label_msgid;
}

/* ---------------------------------------------------------------- loading */

static void refuse(md_plugin_ctx *ctx, md_plugin_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void refuse(md_plugin_ctx *ctx, md_plugin_status status, const char *fmt, ...)
{
    char why[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    ctx->status = status;
    md_log(MD_LOG_ERROR, "PLUGIN", "[%s] refused: %s; the kiosk runs without it", ctx->file, why);
}

static void load_one(md_plugins *ps, md_plugin_ctx *ctx)
{
    void *handle = dlopen(ctx->file, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        refuse(ctx, MD_PLUGIN_REFUSED, "cannot load: %s", dlerror());
        return;
    }
    /* Never dlclosed: a plugin may have left threads or atexit handlers behind. */
    md_plugin_entry_fn entry = NULL;
    *(void **)&entry = dlsym(handle, MD_PLUGIN_ENTRY_SYMBOL);
    if (!entry) {
        refuse(ctx, MD_PLUGIN_REFUSED, "no %s symbol", MD_PLUGIN_ENTRY_SYMBOL);
        return;
    }
    const md_plugin_desc *d = entry();
    if (!d) {
        refuse(ctx, MD_PLUGIN_REFUSED, "%s returned NULL", MD_PLUGIN_ENTRY_SYMBOL);
        return;
    }
    /* A descriptor too small to hold its own version fields is garbage: never read further. */
    if (d->struct_size < offsetof(md_plugin_desc, abi_minor) + sizeof d->abi_minor) {
        refuse(ctx, MD_PLUGIN_REFUSED,
               "descriptor says it is %u bytes, too small to hold its ABI "
               "version (garbage descriptor)",
               d->struct_size);
        return;
    }
    /* Check the version before trusting any other field's layout. */
    /* abi_minor is the lowest host minor the plugin needs, not the header it was built with: a
     * plugin built against a newer header that needs nothing newer loads here. */
    if (d->abi_major != MD_PLUGIN_ABI_MAJOR) {
        refuse(ctx, MD_PLUGIN_REFUSED,
               "built for plugin ABI %u.%u, this kiosk has ABI %d.%d (another major version is "
               "incompatible)",
               d->abi_major, d->abi_minor, MD_PLUGIN_ABI_MAJOR, MD_PLUGIN_ABI_MINOR);
        return;
    }
    if (d->abi_minor > MD_PLUGIN_ABI_MINOR) {
        refuse(ctx, MD_PLUGIN_REFUSED,
               "needs plugin ABI %u.%u, this kiosk has ABI %d.%d (the plugin needs a newer kiosk)",
               d->abi_major, d->abi_minor, MD_PLUGIN_ABI_MAJOR, MD_PLUGIN_ABI_MINOR);
        return;
    }
    size_t need = offsetof(md_plugin_desc, shutdown) + sizeof d->shutdown;
    if (d->struct_size < need) {
        refuse(ctx, MD_PLUGIN_REFUSED, "descriptor is %u bytes, ABI %d.%d needs at least %zu",
               d->struct_size, MD_PLUGIN_ABI_MAJOR, MD_PLUGIN_ABI_MINOR, need);
        return;
    }
    if (!valid_id(d->id)) {
        refuse(ctx, MD_PLUGIN_REFUSED,
               "missing or invalid id (expected reverse-DNS letters, "
               "digits, '.', '-', '_')");
        return;
    }
    if (!d->init || !d->frame || !d->reset || !d->title) {
        refuse(ctx, MD_PLUGIN_REFUSED, "%s lacks init, frame, reset or title", d->id);
        return;
    }
    if (md_host_find(ps, d->id)) {
        refuse(ctx, MD_PLUGIN_REFUSED, "another plugin already has the id %s", d->id);
        return;
    }
    ctx->desc = d;
    ctx->id = md_strdup(d->id);
    ctx->content_dir = md_config_content_dir(ps->env.cfg, d->id);
    ctx->storage_dir = ps->env.cfg ? md_path_join(ps->env.cfg->storage_dir, d->id) : md_strdup(".");
    if (!ctx->id || !ctx->content_dir || !ctx->storage_dir) {
        refuse(ctx, MD_PLUGIN_FAILED, "out of memory");
        return;
    }
    if (d->icon && safe_relative(d->icon))
        ctx->icon_path = md_path_join(ctx->content_dir, d->icon);
    if (mkdir_p(ctx->storage_dir) < 0)
        md_log(MD_LOG_WARN, "PLUGIN", "[%s] cannot create storage directory %s: %s", ctx->file,
               ctx->storage_dir, strerror(errno));
    md_crash_ident_fill(&ctx->ident, d->id, d->version, ctx->file);
    if (ps->env.cfg) {
        char why[256];
        int fresh = 0;
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        if (md_crash_quarantined(&ps->journal, &ctx->ident, (int64_t)now.tv_sec,
                                 ps->env.cfg->quarantine_crashes, ps->env.cfg->quarantine_window_s,
                                 &fresh, why, sizeof why)) {
            ctx->status = MD_PLUGIN_QUARANTINED;
            ctx->quarantine_why = md_strdup(why);
            if (fresh)
                md_crash_journal_append(ps->journal_path, "quarantine", &ctx->ident, MD_CB_NONE,
                                        why);
            md_log(MD_LOG_ERROR, "PLUGIN",
                   "[%s] %s %s quarantined: %s; not loaded, its tile says it is unavailable "
                   "(a new version or staff lift it)",
                   ctx->file, ctx->ident.id, ctx->ident.version, why);
            return;
        }
    }
    uint64_t rss = call_begin(ctx, MD_CB_INIT);
    int rc = d->init(ctx, &ps->table, &ctx->state);
    call_end(ctx, rss);
    if (rc != 0) {
        refuse(ctx, MD_PLUGIN_FAILED, "%s: init failed", d->id);
        return;
    }
    ctx->status = MD_PLUGIN_ACTIVE;
    md_log(MD_LOG_INFO, "PLUGIN", "[%s] loaded %s %s (ABI %u.%u)", ctx->file, d->id,
           d->version ? d->version : "?", d->abi_major, d->abi_minor);
}

static int ends_with_so(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && !strcmp(name + n - 3, ".so");
}

/* Loads every *.so of dir in name order; with trusted, only the files it accepts. */
static void scan_dir(md_plugins *ps, const char *dir, int (*trusted)(void *, const char *),
                     void *trust_user)
{
    struct dirent **names = NULL;
    int n = dir ? scandir(dir, &names, NULL, alphasort) : -1;
    if (n < 0) {
        if (!trusted) /* a synced release without plugins/ is normal */
            md_log(MD_LOG_ERROR, "PLUGIN", "[%s] cannot read the plugin directory: %s",
                   dir ? dir : "(none)", strerror(errno));
        return;
    }
    for (int i = 0; i < n; i++) {
        if (ends_with_so(names[i]->d_name)) {
            md_plugin_ctx *ctx = md_calloc(1, sizeof *ctx);
            md_plugin_ctx **grown =
                ctx ? md_realloc(ps->items, (size_t)(ps->n + 1) * sizeof *grown) : NULL;
            if (grown) {
                ps->items = grown;
                ctx->owner = ps;
                ctx->file = md_path_join(dir, names[i]->d_name);
                ps->items[ps->n++] = ctx;
                if (ctx->file && trusted && !trusted(trust_user, ctx->file))
                    refuse(ctx, MD_PLUGIN_REFUSED,
                           "not loaded: its sha256 is not in the verified sync manifest");
                else if (ctx->file)
                    load_one(ps, ctx);
                else
                    ctx->status = MD_PLUGIN_FAILED;
            } else {
                md_free(ctx);
            }
        }
        free(names[i]); /* allocated by scandir with malloc */
    }
    free(names);
}

md_plugins *md_host_load(const md_host_env *env, const char *dir, const md_host_synced *synced)
{
    md_plugins *ps = md_calloc(1, sizeof *ps);
    if (!ps)
        return NULL;
    ps->env = *env;
    fill_table(&ps->table);
    if (env->cfg) {
        ps->journal_path = md_path_join(env->cfg->storage_dir, "crash.journal");
        ps->watch_rss = env->cfg->rss_ceiling_mb > 0;
        /* Years of crash loops must not outgrow the reader's cap (1 MiB): compact at 256 KiB. */
        if (ps->journal_path)
            md_crash_journal_compact(ps->journal_path, 256u << 10, 1000);
        if (ps->journal_path && md_crash_journal_load(&ps->journal, ps->journal_path) < 0)
            md_log(MD_LOG_ERROR, "PLUGIN",
                   "[%s] the crash journal cannot be read; no plugin is quarantined this run",
                   ps->journal_path);
    }
    /* Synced plugins first, so a newer synced version of an image plugin wins its id. */
    if (synced && synced->dir && synced->trusted)
        scan_dir(ps, synced->dir, synced->trusted, synced->user);
    scan_dir(ps, dir, NULL, NULL);
    return ps;
}

md_plugins *md_host_load_dir(const md_host_env *env, const char *dir)
{
    return md_host_load(env, dir, NULL);
}

void md_host_unload(md_plugins *ps)
{
    if (!ps)
        return;
    for (int i = 0; i < ps->n; i++) {
        md_plugin_ctx *ctx = ps->items[i];
        if (ctx->status == MD_PLUGIN_ACTIVE && ctx->desc->shutdown) {
            uint64_t rss = call_begin(ctx, MD_CB_SHUTDOWN);
            ctx->desc->shutdown(ctx->state);
            call_end(ctx, rss);
        }
        md_free(ctx->quarantine_why);
        http_free_all(ctx);
        md_hub_query_remove_owner(ps->env.hub, ctx);
        md_free(ctx->file);
        md_free(ctx->id);
        md_free(ctx->content_dir);
        md_free(ctx->storage_dir);
        md_free(ctx->icon_path);
        md_free(ctx);
    }
    md_free(ps->items);
    md_free(ps->journal_path);
    md_crash_journal_free(&ps->journal);
    md_free(ps);
}

int md_host_count(const md_plugins *ps)
{
    return ps ? ps->n : 0;
}

md_plugin_ctx *md_host_plugin(const md_plugins *ps, int i)
{
    return ps && i >= 0 && i < ps->n ? ps->items[i] : NULL;
}

md_plugin_ctx *md_host_find(const md_plugins *ps, const char *id)
{
    for (int i = 0; ps && id && i < ps->n; i++)
        if (ps->items[i]->id && !strcmp(ps->items[i]->id, id))
            return ps->items[i];
    return NULL;
}

md_plugin_status md_host_status(const md_plugin_ctx *ctx)
{
    return ctx ? ctx->status : MD_PLUGIN_NONE;
}

const char *md_host_id(const md_plugin_ctx *ctx)
{
    return ctx ? ctx->id : NULL;
}

const char *md_host_file(const md_plugin_ctx *ctx)
{
    return ctx ? ctx->file : NULL;
}

const char *md_host_version(const md_plugin_ctx *ctx)
{
    return ctx && ctx->desc && ctx->desc->version ? ctx->desc->version : "?";
}

const char *md_host_title(md_plugin_ctx *ctx)
{
    return tr_ctx(ctx, NULL, ctx->desc->title);
}

const char *md_host_icon_path(const md_plugin_ctx *ctx)
{
    return ctx ? ctx->icon_path : NULL;
}

const md_host *md_host_table(const md_plugins *ps)
{
    return &ps->table;
}

void md_host_enter(md_plugin_ctx *ctx)
{
    if (!ctx || ctx->status != MD_PLUGIN_ACTIVE || !ctx->desc->enter)
        return;
    uint64_t rss = call_begin(ctx, MD_CB_ENTER);
    ctx->desc->enter(ctx->state);
    call_end(ctx, rss);
}

void md_host_frame(md_plugin_ctx *ctx)
{
    if (!ctx || ctx->status != MD_PLUGIN_ACTIVE)
        return;
    md_ui *ui = ctx->owner->env.ui;
    int depth = md_ui_depth(ui);
    uint64_t rss = call_begin(ctx, MD_CB_FRAME);
    ctx->in_frame = 1;
    ctx->desc->frame(ctx->state);
    ctx->in_frame = 0;
    call_end(ctx, rss);
    /* A forgotten ui_dialog_end or ui_columns_end must not leak into the kiosk's own screen. */
    if (md_ui_unwind(ui, depth) > 0 && !ctx->warned_unbalanced) {
        md_log(MD_LOG_WARN, "PLUGIN", "[%s] frame left a dialog or columns open; closed", ctx->id);
        ctx->warned_unbalanced = 1;
    }
}

void md_host_locale_changed_all(md_plugins *ps, const char *lang)
{
    for (int i = 0; ps && i < ps->n; i++) {
        md_plugin_ctx *ctx = ps->items[i];
        if (ctx->status != MD_PLUGIN_ACTIVE || !ctx->desc->locale_changed)
            continue;
        uint64_t rss = call_begin(ctx, MD_CB_LOCALE);
        ctx->desc->locale_changed(ctx->state, lang);
        call_end(ctx, rss);
    }
}

int md_host_validate_all(md_plugins *ps, char *err, size_t err_cap)
{
    for (int i = 0; ps && i < ps->n; i++) {
        md_plugin_ctx *ctx = ps->items[i];
        if (ctx->status != MD_PLUGIN_ACTIVE || !MD_DESC_HAS(ctx->desc, validate) ||
            !ctx->desc->validate)
            continue;
        char why[512] = "";
        uint64_t rss = call_begin(ctx, MD_CB_CONTENT);
        int rc = ctx->desc->validate(ctx->content_dir, why, sizeof why);
        call_end(ctx, rss);
        if (rc != 0) {
            snprintf(err, err_cap, "plugin %s refused its content: %s", ctx->id,
                     why[0] ? why : "(no reason given)");
            return -1;
        }
    }
    return 0;
}

void md_host_content_updated_all(md_plugins *ps)
{
    for (int i = 0; ps && i < ps->n; i++) {
        md_plugin_ctx *ctx = ps->items[i];
        if (ctx->status != MD_PLUGIN_ACTIVE || !ctx->desc->content_updated)
            continue;
        uint64_t rss = call_begin(ctx, MD_CB_CONTENT);
        ctx->desc->content_updated(ctx->state);
        call_end(ctx, rss);
    }
}

void md_host_reset_all(md_plugins *ps)
{
    for (int i = 0; ps && i < ps->n; i++) {
        md_plugin_ctx *ctx = ps->items[i];
        if (ctx->status != MD_PLUGIN_ACTIVE)
            continue;
        uint64_t rss = call_begin(ctx, MD_CB_RESET);
        ctx->desc->reset(ctx->state);
        call_end(ctx, rss);
        http_free_all(ctx);
    }
}

const char *md_host_active(const md_plugins *ps)
{
    return ps ? ps->active : NULL;
}

const char *md_host_quarantine_reason(const md_plugin_ctx *ctx)
{
    return ctx && ctx->status == MD_PLUGIN_QUARANTINED && ctx->quarantine_why ? ctx->quarantine_why
                                                                              : NULL;
}

int md_host_lift_quarantine(md_plugins *ps, md_plugin_ctx *ctx)
{
    if (!ps || !ctx || ctx->status != MD_PLUGIN_QUARANTINED)
        return -1;
    if (md_crash_journal_append(ps->journal_path, "lift", &ctx->ident, MD_CB_NONE, "by staff") < 0)
        return -1;
    md_log(MD_LOG_INFO, "PLUGIN",
           "[%s] quarantine of %s %s lifted by staff; it loads at the next "
           "start",
           ctx->file, ctx->ident.id, ctx->ident.version);
    md_free(ctx->quarantine_why);
    ctx->quarantine_why = md_strdup("lifted by staff; loads at the next start");
    return 0;
}

md_plugin_ctx *md_host_grew_most(const md_plugins *ps, uint64_t *grown_bytes)
{
    md_plugin_ctx *best = NULL;
    for (int i = 0; ps && i < ps->n; i++)
        if (ps->items[i]->grown_bytes > (best ? best->grown_bytes : 0))
            best = ps->items[i];
    if (grown_bytes)
        *grown_bytes = best ? best->grown_bytes : 0;
    return best;
}

int md_host_journal_crash(md_plugins *ps, md_plugin_ctx *ctx, const char *reason)
{
    if (!ps)
        return -1;
    return md_crash_journal_append(ps->journal_path, "crash", ctx ? &ctx->ident : NULL, MD_CB_NONE,
                                   reason);
}

const char *md_host_journal_path(const md_plugins *ps)
{
    return ps ? ps->journal_path : NULL;
}

int md_host_take_frame_request(md_plugins *ps)
{
    int r = ps ? ps->frame_requested : 0;
    if (ps)
        ps->frame_requested = 0;
    return r;
}
