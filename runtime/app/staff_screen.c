/* Staff mode's screens: the hidden gesture that opens the PIN pad (hold the top-left corner of the
 * attract screen for 3 s), the PIN pad, and the staff screen (versions, quarantined plugins with
 * the journal's reason and a button to lift, the last 50 log lines, free disk, uptime, the
 * sections other modules register with md_staff_add_section, "Restart kiosk"). Staff screens are
 * in English, show no visitor data (they open from the attract screen, between visitors), and go
 * back to the attract screen after staff_timeout_s without input. docs/OPERATIONS.md.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>

#include "app/app_internal.h"
#include "base/base.h"
#include "madang/plugin.h"
#include "staff/staff.h"

enum { STAFF_CORNER_MM = 20, STAFF_HOLD_MS = 3000 };

/* ---------------------------------------------------------------- the log ring */

static void log_sink(void *user, md_log_level level, const char *tag, const char *msg)
{
    md_app *a = user;
    if (level < MD_LOG_INFO)
        return;
    static const char *const names[] = {"", "debug", "info", "warning", "error"};
    const char *lv = level >= MD_LOG_WARN ? names[level] : "";
    fprintf(stderr, "madang: %s: %s%s%s\n", tag, lv, lv[0] ? ": " : "", msg);
    char *slot = a->log_lines[a->log_next % MD_APP_LOG_LINES];
    snprintf(slot, MD_APP_LOG_LINE_BYTES, "%s: %s%s%s", tag, lv, lv[0] ? ": " : "", msg);
    a->log_next++;
}

void md_app_log_ring_start(md_app *a)
{
    md_log_set_sink(log_sink, a);
}

void md_app_log_ring_stop(md_app *a)
{
    (void)a;
    md_log_set_sink(NULL, NULL);
}

/* ---------------------------------------------------------------- gesture and timeout */

int md_app_staff_gesture(md_app *a, int kind, int x, int y)
{
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    int corner = (int)(STAFF_CORNER_MM * t->px_per_mm);
    int in_corner = x >= 0 && y >= 0 && x < corner && y < corner;
    uint64_t now = md_app_now_ms(a);
    if (kind == PTR_DOWN) {
        a->staff_hold_ms = in_corner ? (now ? now : 1) : 0;
        return 0;
    }
    if (kind == PTR_MOVE) {
        if (!in_corner)
            a->staff_hold_ms = 0;
        return 0;
    }
    int held = a->staff_hold_ms && in_corner && now - a->staff_hold_ms >= STAFF_HOLD_MS;
    a->staff_hold_ms = 0;
    if (!held)
        return 0;
    md_log(MD_LOG_INFO, "STAFF", "PIN pad opened (staff gesture)");
    a->pin[0] = '\0';
    a->pin_message[0] = '\0';
    md_app_go(a, SCREEN_PIN);
    return 1;
}

int md_app_staff_tick(md_app *a, uint64_t now)
{
    if (a->screen != SCREEN_PIN && a->screen != SCREEN_STAFF)
        return 0;
    if (now - a->last_input_ms < (uint64_t)a->cfg.staff_timeout_s * 1000u)
        return 1;
    md_log(MD_LOG_INFO, "STAFF", "staff mode timed out; back to the attract screen");
    memset(a->pin, 0, sizeof a->pin);
    md_app_go(a, SCREEN_ATTRACT);
    return 1;
}

/* ---------------------------------------------------------------- the PIN pad */

static md_ui_rect content(md_app *a)
{
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    int top = t->bar_px + t->gap_px * 2;
    return (md_ui_rect){t->margin_px, top, a->w - 2 * t->margin_px, a->h - top - t->gap_px * 2};
}

static int top_bar(md_app *a, const char *title, const char *button)
{
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    md_ui_fill(a->ui, (md_ui_rect){0, 0, a->w, t->bar_px}, t->bar_bg);
    int pad = (t->bar_px - t->target_px) / 2;
    int bw = (int)(52 * t->px_per_mm);
    md_ui_rect b = {pad, pad, bw, t->target_px};
    md_ui_opts bo = {.at = &b, .lang = "en", .text_px = t->text_px[MD_TEXT_BODY]};
    int hit = md_ui_button(a->ui, button, &bo);
    md_ui_rect tr = {b.x + bw + pad, pad, a->w - 2 * (bw + 2 * pad), t->target_px};
    md_ui_opts to = {.at = &tr, .lang = "en", .tone = MD_TONE_PRIMARY};
    md_ui_text(a->ui, title, MD_TEXT_HEADING, &to);
    return hit;
}

void md_app_screen_pin(md_app *a)
{
    if (top_bar(a, "Staff PIN", "Cancel")) {
        memset(a->pin, 0, sizeof a->pin);
        a->pending_staff = STAFF_ACT_CLOSE;
    }
    md_ui_area_begin(a->ui, content(a), 300);
    md_ui_opts en = {.lang = "en"};
    if (a->pin_message[0])
        md_ui_text(a->ui, a->pin_message, MD_TEXT_BODY, &en);
    md_ui_text(a->ui, "Enter the staff PIN", MD_TEXT_LARGE, &en);
    /* Masked: the PIN never appears on screen or in the tree. */
    if (md_ui_keypad_masked(a->ui, "Staff PIN", a->pin, sizeof a->pin, "Delete", "OK", 1))
        a->pending_staff = STAFF_ACT_CHECK_PIN;
    md_ui_area_end(a->ui);
}

static void check_pin(md_app *a)
{
    uint64_t wait_ms = 0;
    md_staff_pin_result r = md_staff_pin_try(a->staff, a->pin, md_app_now_ms(a), &wait_ms);
    memset(a->pin, 0, sizeof a->pin);
    switch (r) {
    case MD_STAFF_PIN_OK:
        a->pin_message[0] = '\0';
        md_app_go(a, SCREEN_STAFF);
        break;
    case MD_STAFF_PIN_WRONG:
        if (wait_ms)
            snprintf(a->pin_message, sizeof a->pin_message,
                     "Wrong PIN. Too many wrong PINs: locked for %llu s.",
                     (unsigned long long)((wait_ms + 999) / 1000));
        else
            snprintf(a->pin_message, sizeof a->pin_message, "Wrong PIN.");
        break;
    case MD_STAFF_PIN_LOCKED:
        snprintf(a->pin_message, sizeof a->pin_message, "Locked: try again in %llu s.",
                 (unsigned long long)((wait_ms + 999) / 1000));
        break;
    default:
        snprintf(a->pin_message, sizeof a->pin_message,
                 "No staff PIN is set (madang --set-staff-pin).");
        break;
    }
}

/* ---------------------------------------------------------------- the staff screen */

static void line(md_app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void line(md_app *a, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *s = md_ui_frame_strdup(a->ui, buf);
    md_ui_opts en = {.lang = "en"};
    md_ui_text(a->ui, s ? s : "", MD_TEXT_SMALL, &en);
}

static void heading(md_app *a, const char *text)
{
    md_ui_opts en = {.lang = "en"};
    md_ui_heading(a->ui, text, &en);
}

static const char *status_name(md_plugin_status s)
{
    switch (s) {
    case MD_PLUGIN_ACTIVE:
        return "running";
    case MD_PLUGIN_REFUSED:
        return "refused (see the log)";
    case MD_PLUGIN_FAILED:
        return "init failed";
    case MD_PLUGIN_QUARANTINED:
        return "QUARANTINED";
    default:
        return "-";
    }
}

void md_app_screen_staff(md_app *a)
{
    if (top_bar(a, "Staff", "Close"))
        a->pending_staff = STAFF_ACT_CLOSE;
    md_ui_area_begin(a->ui, content(a), 301);
    md_ui_opts en = {.lang = "en", .tone = MD_TONE_DANGER};
    if (md_ui_button(a->ui, "Restart kiosk", &en))
        a->pending_staff = STAFF_ACT_RESTART;

    heading(a, "Kiosk");
    uint64_t up_s = (md_time_ns() - a->start_ns) / 1000000000u;
    line(a, "Madang runtime %s, plugin ABI %d.%d", MD_APP_VERSION, MD_PLUGIN_ABI_MAJOR,
         MD_PLUGIN_ABI_MINOR);
    line(a, "Uptime: %llu d %02llu:%02llu:%02llu", (unsigned long long)(up_s / 86400),
         (unsigned long long)(up_s / 3600 % 24), (unsigned long long)(up_s / 60 % 60),
         (unsigned long long)(up_s % 60));
    struct statvfs vfs;
    if (statvfs(a->cfg.storage_dir, &vfs) == 0)
        line(a, "Free disk (storage): %.1f GB of %.1f GB",
             (double)vfs.f_bavail * (double)vfs.f_frsize / 1e9,
             (double)vfs.f_blocks * (double)vfs.f_frsize / 1e9);
    else
        line(a, "Free disk (storage): unknown (%s)", a->cfg.storage_dir);
    line(a, "Memory: %llu MB now, %llu MB peak (ceiling %d MB)",
         (unsigned long long)(md_crash_rss_bytes() >> 20),
         (unsigned long long)(a->rss_peak_bytes >> 20), a->cfg.rss_ceiling_mb);

    heading(a, "Plugins");
    for (int i = 0; i < md_host_count(a->plugins); i++) {
        md_plugin_ctx *p = md_host_plugin(a->plugins, i);
        const char *id = md_host_id(p);
        line(a, "%s %s: %s", id ? id : md_host_file(p), id ? md_host_version(p) : "",
             status_name(md_host_status(p)));
    }
    int n_q = 0;
    for (int i = 0; i < md_host_count(a->plugins); i++) {
        md_plugin_ctx *p = md_host_plugin(a->plugins, i);
        const char *why = md_host_quarantine_reason(p);
        if (!why)
            continue;
        if (!n_q++)
            heading(a, "Quarantined plugins");
        line(a, "%s %s: %s", md_host_id(p), md_host_version(p), why);
        char label[200];
        snprintf(label, sizeof label, "Lift quarantine: %s", md_host_id(p));
        char *l = md_ui_frame_strdup(a->ui, label);
        md_ui_opts bo = {.lang = "en"};
        if (l && md_ui_button(a->ui, l, &bo)) {
            a->pending_staff = STAFF_ACT_LIFT;
            a->pending_plugin = p;
        }
    }

    heading(a, "Language packs");
    for (int i = 0; a->i18n && i < md_i18n_language_count(a->i18n); i++) {
        const md_lang_info *li = md_i18n_language(a->i18n, i);
        int n_tr = 0, n_fuzzy = 0;
        if (md_i18n_pack_counts(a->i18n, li->code, "runtime", &n_tr, &n_fuzzy) == 0)
            line(a, "%s: runtime pack, %d messages (%d drafts)", li->code, n_tr, n_fuzzy);
        else
            line(a, "%s: no runtime pack", li->code);
    }

    for (int i = 0; i < md_staff_section_count(a->staff); i++) {
        const char *const *lines = NULL;
        int n = 0;
        const char *title = md_staff_section_build(a->staff, i, &lines, &n);
        heading(a, title);
        for (int k = 0; k < n; k++)
            line(a, "%s", lines[k]);
    }

    heading(a, "Recent log");
    long first = a->log_next > MD_APP_LOG_LINES ? a->log_next - MD_APP_LOG_LINES : 0;
    for (long k = first; k < a->log_next; k++)
        line(a, "%s", a->log_lines[k % MD_APP_LOG_LINES]);
    md_ui_area_end(a->ui);
}

void md_app_staff_apply(md_app *a)
{
    int act = a->pending_staff;
    a->pending_staff = STAFF_ACT_NONE;
    switch (act) {
    case STAFF_ACT_CHECK_PIN:
        check_pin(a);
        a->dirty = 1;
        break;
    case STAFF_ACT_CLOSE:
        md_log(MD_LOG_INFO, "STAFF", "staff mode closed");
        md_app_go(a, SCREEN_ATTRACT);
        break;
    case STAFF_ACT_LIFT:
        md_host_lift_quarantine(a->plugins, a->pending_plugin);
        a->pending_plugin = NULL;
        a->dirty = 1;
        break;
    case STAFF_ACT_RESTART:
        md_log(MD_LOG_INFO, "STAFF", "restart asked for on the staff screen");
        a->restart_pending = 1;
        a->restart_by_staff = 1;
        md_app_go(a, SCREEN_ATTRACT); /* restarts at once: nobody is at the kiosk */
        break;
    default:
        break;
    }
}
