/* The visitor flow: attract -> languages -> home -> plugin, the idle warning and the session
 * reset, and the screens that show it. Builds frames with the UI toolkit; knows nothing of SDL
 * (input arrives as md_app_pointer calls and keys from platform_sdl.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_internal.h"
#include "base/base.h"

/* The runtime's own messages: translated and recorded for the tree by the host's one helper
 * (madang-locale update extracts the msgids of tr and tr_lang calls). */
static const char *tr(md_app *a, const char *msgid)
{
    return md_host_tr(a->plugins, "runtime", NULL, NULL, msgid);
}

static const char *tr_lang(md_app *a, const char *lang, const char *msgctxt, const char *msgid)
{
    return md_host_tr(a->plugins, "runtime", lang, msgctxt, msgid);
}

/* The current language: md_i18n owns it, everyone else asks. */
static const char *cur_lang(md_app *a)
{
    return md_i18n_current(a->i18n);
}

static const md_lang_info *lang_info(md_app *a, const char *code)
{
    return md_i18n_find(a->i18n, code);
}

static int lang_rtl(md_app *a, const char *code)
{
    const md_lang_info *li = lang_info(a, code);
    return li ? li->rtl : 0;
}

static const char *endonym(md_app *a, const char *code)
{
    const md_lang_info *li = lang_info(a, code);
    return li && li->endonym ? li->endonym : code;
}

static int offered(md_app *a, const char *code)
{
    return md_lang_list_find(&a->langs, code) >= 0;
}

int md_app_set_language(md_app *a, const char *code)
{
    if (!offered(a, code)) {
        md_log(MD_LOG_ERROR, "APP", "language %s is not offered by this kiosk", code);
        return -1;
    }
    const char *before = cur_lang(a);
    if (md_i18n_set_language(a->i18n, code) < 0)
        return -1;
    if (strcmp(before, code) != 0)
        md_host_locale_changed_all(a->plugins, cur_lang(a));
    a->dirty = 1;
    return 0;
}

/* ---------------------------------------------------------------- flow */

void md_app_go(md_app *a, int screen)
{
    a->screen = screen;
    a->confirm_start_over = 0;
    md_ui_reset_focus(a->ui);
    md_ui_reset_scroll(a->ui);
    if (screen == SCREEN_ATTRACT || screen == SCREEN_LANGUAGES)
        a->attract_start_ms = md_app_now_ms(a);
    if (screen == SCREEN_ATTRACT) {
        md_app_restart_if_pending(a); /* between visitors: the one time a restart is clean */
    }
    a->dirty = 1;
}

/* The visitor left: every plugin forgets them, the language goes back, the attract loop starts. */
static void session_reset(md_app *a)
{
    md_log(MD_LOG_INFO, "APP", "session reset");
    md_host_reset_all(a->plugins);
    md_a11y_reset(a->a11y); /* every mode off, speech stopped, volume and rate back */
    a->a11y_open = 0;
    a->explore_down = a->explore_drag = 0;
    md_app_apply_modes(a);
    a->idle_warning = 0;
    a->plugin = NULL;
    a->lang_chosen = 0;
    md_app_set_language(a, a->default_lang);
    md_app_go(a, SCREEN_ATTRACT);
    a->last_input_ms = md_app_now_ms(a);
    /* Give back what the visit grew (docs/PERFORMANCE.md): text caches and the fonts of scripts
     * no longer shown, formatters, images and QR codes; then the freed heap itself. */
    md_text_trim(a->text, 0);
    md_i18n_trim(a->i18n);
    md_ui_trim(a->ui);
    md_heap_trim();
}

void md_app_apply_pending(md_app *a)
{
    int act = a->pending;
    a->pending = ACT_NONE;
    switch (act) {
    case ACT_LANGUAGES:
        if (a->screen == SCREEN_ATTRACT)
            md_app_count(a, MD_HUB_SESSION, NULL); /* a visitor started */
        a->return_screen = a->screen == SCREEN_ATTRACT ? SCREEN_HOME : a->screen;
        md_app_go(a, SCREEN_LANGUAGES);
        break;
    case ACT_SET_LANG:
        a->lang_chosen = 1;
        if (md_app_set_language(a, a->pending_arg) == 0)
            md_app_count(a, MD_HUB_LANGUAGE, a->pending_arg);
        md_app_go(a, a->return_screen == SCREEN_PLUGIN && a->plugin ? SCREEN_PLUGIN : SCREEN_HOME);
        break;
    case ACT_HOME:
        a->plugin = NULL;
        md_app_go(a, SCREEN_HOME);
        break;
    case ACT_OPEN:
        a->plugin = a->pending_plugin;
        md_app_count(a, MD_HUB_SERVICE, md_host_id(a->plugin));
        md_host_enter(a->plugin);
        md_app_go(a, SCREEN_PLUGIN);
        break;
    case ACT_START_OVER:
        session_reset(a);
        break;
    case ACT_ASK_START_OVER:
        a->confirm_start_over = 1;
        md_ui_reset_focus(a->ui);
        a->dirty = 1;
        break;
    case ACT_CONTINUE:
        a->idle_warning = 0;
        a->last_input_ms = md_app_now_ms(a);
        a->dirty = 1;
        break;
    default:
        break;
    }
}

void md_app_back(md_app *a)
{
    if (a->confirm_start_over) {
        a->confirm_start_over = 0;
        md_ui_reset_focus(a->ui);
        a->dirty = 1;
        return;
    }
    if (a->screen == SCREEN_PLUGIN)
        a->pending = ACT_HOME;
    else if (a->screen == SCREEN_PIN || a->screen == SCREEN_STAFF)
        a->pending_staff = STAFF_ACT_CLOSE;
    else if (a->screen == SCREEN_LANGUAGES)
        md_app_go(a, a->return_screen == SCREEN_PLUGIN && a->plugin ? SCREEN_PLUGIN
                     : a->return_screen                             ? a->return_screen
                                                                    : SCREEN_HOME);
    md_app_apply_pending(a);
    md_app_staff_apply(a);
}

/* Timers: idle warning, its countdown, the attract cycle. */
static void tick(md_app *a)
{
    uint64_t now = md_app_now_ms(a);
    uint64_t timeout = (uint64_t)a->cfg.idle_timeout_s * 1000u;
    uint64_t warn = (uint64_t)a->cfg.idle_warning_s * 1000u;
    if (md_app_staff_tick(a, now))
        return; /* staff screens time out to attract on their own, without the visitor dialog */
    if (a->screen != SCREEN_ATTRACT && !a->idle_warning && now - a->last_input_ms >= timeout) {
        a->idle_warning = 1;
        a->warn_start_ms = now;
        md_ui_reset_focus(a->ui);
    }
    if (a->idle_warning && now - a->warn_start_ms >= warn) {
        md_app_count(a, MD_HUB_IDLE_RESET, NULL);
        session_reset(a);
    }
}

uint64_t md_app_next_wakeup(md_app *a)
{
    uint64_t now = md_app_now_ms(a);
    if (a->screen == SCREEN_ATTRACT || (a->screen == SCREEN_LANGUAGES && !a->lang_chosen)) {
        uint64_t k = (now - a->attract_start_ms) / ATTRACT_CYCLE_MS + 1;
        return a->attract_start_ms + k * ATTRACT_CYCLE_MS;
    }
    if (a->idle_warning) {
        uint64_t k = (now - a->warn_start_ms) / 1000 + 1;
        return a->warn_start_ms + k * 1000;
    }
    if (a->screen == SCREEN_PIN || a->screen == SCREEN_STAFF)
        return a->last_input_ms + (uint64_t)a->cfg.staff_timeout_s * 1000u;
    return a->last_input_ms + (uint64_t)a->cfg.idle_timeout_s * 1000u;
}

/* ---------------------------------------------------------------- screens */

static md_ui_rect content_rect(md_app *a)
{
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    int top = (a->bar_h > 0 ? a->bar_h : t->bar_px) + t->gap_px * 2;
    return (md_ui_rect){t->margin_px, top, a->w - 2 * t->margin_px, a->lay_h - top - t->gap_px * 2};
}

/* ---------------------------------------------------------------- accessibility */

void md_app_apply_modes(md_app *a)
{
    md_a11y_modes *m = md_a11y_modes_get(a->a11y);
    md_ui_theme t;
    md_ui_theme_default(&t, a->cfg.px_per_mm);
    if (m && m->high_contrast)
        md_ui_theme_high_contrast(&t);
    if (m && m->large_text)
        md_ui_theme_scale_text(&t, 200);
    md_ui_theme_set(a->ui, &t);
    a->dirty = 1;
}

/* Low reach: every control between 380 and 1220 mm above the floor. The screen's bottom edge is
 * panel_bottom_mm above it; the screens are laid out in the band of the screen inside that range
 * (the lower part of a tall screen), the rest stays empty. */
static void reach_band(md_app *a)
{
    a->lay_y = 0;
    a->lay_h = a->h;
    md_a11y_modes *m = md_a11y_modes_get(a->a11y);
    if (!m || !m->low_reach)
        return;
    double ppm = a->cfg.px_per_mm;
    double bottom = a->cfg.panel_bottom_mm;
    int top_px = (int)(a->h - (1220.0 - bottom) * ppm + 0.999); /* highest reachable pixel */
    int end_px = (int)(a->h - (380.0 - bottom) * ppm);          /* one past the lowest */
    if (top_px < 0)
        top_px = 0;
    if (end_px > a->h)
        end_px = a->h;
    if (end_px - top_px < (int)(60 * ppm)) {
        md_log(MD_LOG_WARN, "APP",
               "low reach: panel_bottom_mm = %d leaves no usable band on this screen",
               a->cfg.panel_bottom_mm);
        return;
    }
    a->lay_y = top_px;
    a->lay_h = end_px - top_px;
}

static const char *mode_label(md_app *a, int on, const char *msg_on, const char *msg_off)
{
    return tr(a, on ? msg_on : msg_off);
}

/* The accessibility panel: Close, the four modes as toggles that say their state in words (never
 * by colour alone), the speech volume and rate. */
static void a11y_panel(md_app *a)
{
    md_a11y_modes *m = md_a11y_modes_get(a->a11y);
    if (a->a11y_opening) { /* the keypad starts at the panel's first control */
        md_ui_reset_focus(a->ui);
        a->a11y_opening = 0;
    }
    md_ui_dialog_begin(a->ui, tr(a, "Accessibility"));
    const char *said = NULL;
    md_ui_opts co = {.tone = MD_TONE_PRIMARY};
    if (md_ui_button(a->ui, tr(a, "Close"), &co)) { /* first: in reach when the panel scrolls */
        a->a11y_open = 0;
        md_ui_request_frame(a->ui); /* the screen below takes input again from the next frame */
    }
    const char *l = mode_label(a, m->speech, N_("Speech: on"), N_("Speech: off"));
    if (md_ui_button(a->ui, l, NULL)) {
        m->speech = !m->speech;
        said = m->speech ? N_("Speech: on") : N_("Speech: off");
    }
    l = mode_label(a, m->high_contrast, N_("High contrast: on"), N_("High contrast: off"));
    if (md_ui_button(a->ui, l, NULL)) {
        m->high_contrast = !m->high_contrast;
        said = m->high_contrast ? N_("High contrast: on") : N_("High contrast: off");
    }
    l = mode_label(a, m->large_text, N_("Large text: on"), N_("Large text: off"));
    if (md_ui_button(a->ui, l, NULL)) {
        m->large_text = !m->large_text;
        said = m->large_text ? N_("Large text: on") : N_("Large text: off");
    }
    l = mode_label(a, m->low_reach, N_("Low reach: on"), N_("Low reach: off"));
    if (md_ui_button(a->ui, l, NULL)) {
        m->low_reach = !m->low_reach;
        said = m->low_reach ? N_("Low reach: on") : N_("Low reach: off");
    }
    char buf[256];
    md_arg av = {.name = "volume", .type = MD_ARG_INT, .v.i = md_speech_volume(a->speech)};
    static const char *const vol_msgid = "Volume: {volume}%";
    if (!a->i18n ||
        md_i18n_format(a->i18n, cur_lang(a), tr(a, vol_msgid), &av, 1, buf, sizeof buf) < 0)
        snprintf(buf, sizeof buf, "%d%%", md_speech_volume(a->speech));
    char *shown = md_ui_frame_strdup(a->ui, buf);
    md_ui_note_msgid(a->ui, shown, vol_msgid);
    md_ui_text(a->ui, shown ? shown : buf, MD_TEXT_BODY, NULL);
    md_ui_columns_begin(a->ui, 2);
    if (md_ui_button(a->ui, tr(a, "Quieter"), NULL))
        md_app_a11y_key(a, MD_A11Y_KEY_QUIETER);
    if (md_ui_button(a->ui, tr(a, "Louder"), NULL))
        md_app_a11y_key(a, MD_A11Y_KEY_LOUDER);
    md_ui_columns_end(a->ui);
    md_arg ar = {.name = "rate", .type = MD_ARG_INT, .v.i = md_speech_rate(a->speech)};
    static const char *const rate_msgid = "Speed: {rate}%";
    if (!a->i18n ||
        md_i18n_format(a->i18n, cur_lang(a), tr(a, rate_msgid), &ar, 1, buf, sizeof buf) < 0)
        snprintf(buf, sizeof buf, "%d%%", md_speech_rate(a->speech));
    shown = md_ui_frame_strdup(a->ui, buf);
    md_ui_note_msgid(a->ui, shown, rate_msgid);
    md_ui_text(a->ui, shown ? shown : buf, MD_TEXT_BODY, NULL);
    md_ui_columns_begin(a->ui, 2);
    if (md_ui_button(a->ui, tr(a, "Slower"), NULL))
        md_app_a11y_key(a, MD_A11Y_KEY_SLOWER);
    if (md_ui_button(a->ui, tr(a, "Faster"), NULL))
        md_app_a11y_key(a, MD_A11Y_KEY_FASTER);
    md_ui_columns_end(a->ui);
    md_ui_dialog_end(a->ui);
    if (said) {
        md_ui_request_frame(a->ui);
        md_app_apply_modes(a);
        md_a11y_announce(a->a11y, cur_lang(a), tr(a, said), NULL, said);
    }
}

void md_app_a11y_key(md_app *a, md_a11y_key key)
{
    md_a11y_key_press(a->a11y, key, cur_lang(a));
    a->dirty = 1;
}

/* A top-bar button's width: w, or wider (at most max_w) so no word of its label is cut. */
static int bar_button_w(md_app *a, const char *label, int w, int h, int max_w)
{
    md_ui_rect r = {0, 0, w, h};
    md_ui_opts o = {.at = &r, .text_px = md_ui_theme_get(a->ui)->text_px[MD_TEXT_BODY]};
    return md_ui_button_fit_width(a->ui, label, &o, max_w > w ? max_w : w);
}

/* The accessibility button: on every screen, at the end of the top bar (or where it is given). */
static void a11y_button(md_app *a, md_ui_rect r)
{
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    md_ui_opts o = {.at = &r, .text_px = t->text_px[MD_TEXT_BODY]};
    if (md_ui_button(a->ui, tr(a, "Accessibility"), &o)) {
        a->a11y_open = 1;
        a->a11y_opening = 1; /* the panel, drawn after the screen, takes the focus */
        md_ui_request_frame(a->ui);
    }
}

/* The top bar. Its start slot is Home inside a service and empty on home: "Start over" ends the
 * session, so it never sits where the previous screen's Home was (a double tap there would wipe a
 * half-made card); it lives at the end of home and asks first. */
static void chrome(md_app *a, const char *title, int on_home)
{
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    int pad = (t->bar_px - t->target_px) / 2;
    if (pad > (int)(4 * t->px_per_mm))
        pad = (int)(4 * t->px_per_mm); /* large text: a taller bar holds taller buttons */
    int btn_h = t->bar_px - 2 * pad;
    int large = t->text_scale_pct > 100; /* large text: wider buttons (one long word such as
                                            "Accessibility" fits), labels on up to two lines */
    int home_w = (int)((large ? 84 : 52) * t->px_per_mm);
    int lang_w = (int)((large ? 84 : 60) * t->px_per_mm);
    int acc_w = (int)((large ? 116 : 56) * t->px_per_mm);
    if (home_w + lang_w + acc_w + 4 * pad > a->w) {
        home_w = (a->w - 4 * pad) / 3;
        lang_w = acc_w = home_w;
    }
    const char *home_l = tr(a, "Home");
    const char *acc_l = tr(a, "Accessibility"), *lang_l = tr(a, "Language");
    /* Wider where a word of the label would be cut (Russian, Kazakh, Burmese...), up to a
     * third of the bar each; the title takes what is left. */
    int most_w = (a->w - 5 * pad) / 3;
    if (!on_home)
        home_w = bar_button_w(a, home_l, home_w, btn_h, most_w);
    acc_w = bar_button_w(a, acc_l, acc_w, btn_h, most_w);
    lang_w = bar_button_w(a, lang_l, lang_w, btn_h, most_w);
    int title_w = a->w - home_w - acc_w - lang_w - 5 * pad;
    int title_px = t->text_px[MD_TEXT_HEADING] * 4 / 5;
    {
        /* The bar grows until every label fits whole (on two lines at most; large text: as many
         * as it takes), in the tall scripts too. */
        const char *labels[4] = {home_l, acc_l, lang_l, title};
        int widths[4] = {home_w, acc_w, lang_w, title_w};
        int h0 = btn_h;
        for (int i = 0; i < 4; i++) {
            if (!labels[i] || widths[i] <= t->target_px || (i == 0 && on_home))
                continue;
            md_ui_rect r = {0, 0, widths[i], h0};
            md_ui_opts mo = {.at = &r, .text_px = i == 3 ? title_px : t->text_px[MD_TEXT_BODY]};
            int need = large ? md_ui_button_height(a->ui, labels[i], &mo)
                             : md_ui_button_fit_height(a->ui, labels[i], &mo);
            btn_h = need > btn_h ? need : btn_h;
        }
    }
    a->bar_h = btn_h + 2 * pad;
    md_ui_fill(a->ui, (md_ui_rect){0, 0, a->w, a->bar_h}, t->bar_bg);
    md_ui_rect home_r = {pad, pad, home_w, btn_h};
    md_ui_rect lang_r = {a->w - pad - lang_w, pad, lang_w, btn_h};
    md_ui_rect acc_r = {lang_r.x - pad - acc_w, pad, acc_w, btn_h};
    md_ui_opts ho = {.at = &home_r, .text_px = t->text_px[MD_TEXT_BODY]};
    if (!on_home && md_ui_button(a->ui, home_l, &ho))
        a->pending = ACT_HOME;
    int title_x = home_r.x + home_w + pad;
    if (title && title_w > t->target_px) {
        md_ui_rect tr_r = {title_x, pad, title_w, btn_h};
        md_ui_opts to = {.at = &tr_r, .tone = MD_TONE_PRIMARY, .text_px = title_px};
        md_ui_text(a->ui, title, MD_TEXT_HEADING, &to);
    }
    a11y_button(a, acc_r);
    md_ui_opts lo = {.at = &lang_r, .text_px = t->text_px[MD_TEXT_BODY]};
    if (md_ui_button(a->ui, lang_l, &lo))
        a->pending = ACT_LANGUAGES;
}

static int columns_for(md_app *a, int width_px, int min_mm)
{
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    int n = (int)(width_px / (min_mm * t->px_per_mm));
    return n < 1 ? 1 : n > 4 ? 4 : n;
}

static int t_gap(md_app *a)
{
    return md_ui_theme_get(a->ui)->gap_px;
}

/* The offered language shown now in the attract cycle (and the picker's title before a choice),
 * starting at the default language so the first frame is predictable. */
static const char *cycle_lang(md_app *a)
{
    uint64_t k = (md_app_now_ms(a) - a->attract_start_ms) / ATTRACT_CYCLE_MS;
    int start = 0;
    for (int i = 0; i < a->langs.n; i++)
        if (!strcmp(a->langs.code[i], a->default_lang))
            start = i;
    return a->langs.n ? a->langs.code[(start + k) % (uint64_t)a->langs.n] : "en";
}

/* Welcome at the top, the language names at the bottom, the invitation between them: laid out
 * from the bottom up so nothing overlaps at any size (1280x800, portrait 1080x1920), and the
 * invitation wraps at its full size instead of shrinking (it is as wide as the screen allows in
 * portrait). */
static void screen_attract(md_app *a)
{
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    const char *l = cycle_lang(a);
    md_ui_fill(a->ui, (md_ui_rect){0, 0, a->w, a->lay_h}, t->bar_bg);
    {
        int pad = (int)(4 * t->px_per_mm), acc_w = (int)(56 * t->px_per_mm);
        acc_w = bar_button_w(a, tr(a, "Accessibility"), acc_w, t->target_px, a->w / 3);
        a11y_button(a, (md_ui_rect){a->w - pad - acc_w, pad, acc_w, t->target_px});
    }
    int big = t->text_px[MD_TEXT_HEADING] * 2;
    md_ui_rect g = {t->margin_px, a->lay_h / 8, a->w - 2 * t->margin_px, big * 2};
    md_ui_opts go_ = {.at = &g, .lang = l, .tone = MD_TONE_PRIMARY, .text_px = big};
    md_ui_text(a->ui, tr_lang(a, l, NULL, "Welcome"), MD_TEXT_HEADING, &go_);
    /* Every offered language by its own name, so a passer-by sees theirs is here. */
    int per_row_max = a->w > a->h ? 8 : 4;
    int rows = (a->langs.n + per_row_max - 1) / per_row_max; /* balanced rows */
    int per_row = (a->langs.n + rows - 1) / (rows ? rows : 1);
    int cell_w = (a->w - 2 * t->margin_px) / (per_row ? per_row : 1);
    int cell_h = t->text_px[MD_TEXT_SMALL] * 5 / 2;
    int y0 = a->lay_h - t->margin_px / 2 - rows * cell_h;
    for (int i = 0; i < a->langs.n; i++) {
        int row = i / per_row, col = i % per_row;
        int in_row = row == rows - 1 ? a->langs.n - row * per_row : per_row;
        int x0 = t->margin_px + (a->w - 2 * t->margin_px - in_row * cell_w) / 2;
        md_ui_rect cell = {x0 + col * cell_w, y0 + row * cell_h, cell_w, cell_h};
        md_ui_opts eo = {.at = &cell,
                         .lang = a->langs.code[i],
                         .tone = MD_TONE_PRIMARY,
                         .text_px = t->text_px[MD_TEXT_SMALL]};
        md_ui_text(a->ui, endonym(a, a->langs.code[i]), MD_TEXT_SMALL, &eo);
    }
    const char *invite = tr_lang(a, l, NULL, "Touch the screen to start");
    int bw = a->w > a->h ? a->w * 3 / 5 : a->w - 2 * t->margin_px;
    md_ui_rect probe = {0, 0, bw, t->target_px};
    md_ui_opts po = {.at = &probe, .lang = l, .text_px = t->text_px[MD_TEXT_LARGE]};
    int bh = md_ui_button_height(a->ui, invite, &po);
    if (bh < t->target_px * 3 / 2)
        bh = t->target_px * 3 / 2;
    int by = a->lay_h * 5 / 8;
    if (by + bh > y0 - 2 * t->gap_px) /* above the language names, never over them */
        by = y0 - 2 * t->gap_px - bh;
    if (by < g.y + g.h)
        by = g.y + g.h;
    /* Any tap starts (handled with the input); the button tells what to do. */
    md_ui_area_begin(a->ui, (md_ui_rect){(a->w - bw) / 2, by, bw, bh}, 0);
    md_ui_opts bo = {.lang = l, .text_px = t->text_px[MD_TEXT_LARGE], .min_h = bh};
    md_ui_button(a->ui, invite, &bo);
    md_ui_area_end(a->ui);
}

static void screen_languages(md_app *a)
{
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    md_ui_fill(a->ui, (md_ui_rect){0, 0, a->w, t->bar_px}, t->bar_bg);
    int pad = (int)(4 * t->px_per_mm), acc_w = (int)(56 * t->px_per_mm);
    if (t->text_scale_pct > 100)
        acc_w = acc_w * 3 / 2;
    acc_w = bar_button_w(a, tr(a, "Accessibility"), acc_w, t->bar_px - 2 * pad, a->w / 3);
    md_ui_rect acc_r = {a->w - pad - acc_w, pad, acc_w, t->bar_px - 2 * pad};
    a11y_button(a, acc_r);
    md_ui_rect title = {t->margin_px, 0, acc_r.x - pad - t->margin_px, t->bar_px};
    md_ui_opts to = {.at = &title, .tone = MD_TONE_PRIMARY};
    if (a->lang_chosen) {
        md_ui_text(a->ui, tr(a, "Choose your language"), MD_TEXT_HEADING, &to);
    } else {
        /* Nobody chose yet: the question goes round every offered language, each in its own,
         * like the attract screen (a passer-by need not read Korean to find theirs). */
        const char *l = cycle_lang(a);
        to.lang = l;
        md_ui_text(a->ui, tr_lang(a, l, NULL, "Choose your language"), MD_TEXT_HEADING, &to);
    }
    md_ui_rect c = content_rect(a);
    md_ui_area_begin(a->ui, c, 2);
    md_ui_columns_begin(a->ui, columns_for(a, c.w, 80));
    /* Equal rows: the tallest script (Nastaliq, Myanmar) sets the height of every button. */
    int row_h = 0;
    for (int i = 0; i < a->langs.n; i++) {
        md_ui_opts o = {.lang = a->langs.code[i], .text_px = t->text_px[MD_TEXT_LARGE]};
        int h = md_ui_button_height(a->ui, endonym(a, a->langs.code[i]), &o);
        row_h = h > row_h ? h : row_h;
    }
    for (int i = 0; i < a->langs.n; i++) {
        md_ui_opts o = {.lang = a->langs.code[i],
                        .text_px = t->text_px[MD_TEXT_LARGE],
                        .min_h = row_h,
                        .tone = strcmp(a->langs.code[i], cur_lang(a)) ? MD_TONE_NORMAL
                                                                      : MD_TONE_PRIMARY};
        if (md_ui_button(a->ui, endonym(a, a->langs.code[i]), &o)) {
            a->pending = ACT_SET_LANG;
            snprintf(a->pending_arg, sizeof a->pending_arg, "%s", a->langs.code[i]);
        }
    }
    md_ui_columns_end(a->ui);
    md_ui_area_end(a->ui);
}

static void screen_home(md_app *a)
{
    chrome(a, tr(a, "Madang"), 1);
    md_ui_rect c = content_rect(a);
    md_ui_area_begin(a->ui, c, 1);
    md_ui_heading(a->ui, tr(a, "What do you need?"), NULL);
    int n_active = 0;
    md_ui_columns_begin(a->ui, columns_for(a, c.w, 100));
    for (int i = 0; i < md_host_count(a->plugins); i++) {
        md_plugin_ctx *p = md_host_plugin(a->plugins, i);
        if (md_host_status(p) == MD_PLUGIN_QUARANTINED) {
            /* The tile stays where visitors know it, says why in their language, and a tap on it
             * opens nothing (it stays pressable so the tap is felt and the line is read out). */
            md_ui_opts q = {.icon = md_host_icon_path(p),
                            .sublabel = tr(a, "Temporarily unavailable")};
            (void)md_ui_tile(a->ui, md_host_title(p), &q);
            n_active++;
            continue;
        }
        if (md_host_status(p) != MD_PLUGIN_ACTIVE)
            continue;
        n_active++;
        md_ui_opts o = {.icon = md_host_icon_path(p)};
        if (md_ui_tile(a->ui, md_host_title(p), &o)) {
            a->pending = ACT_OPEN;
            a->pending_plugin = p;
        }
    }
    md_ui_columns_end(a->ui);
    if (!n_active)
        md_ui_text(a->ui, tr(a, "No services are available right now."), MD_TEXT_BODY, NULL);
    md_ui_space(a->ui, t_gap(a) * 2);
    if (md_ui_button(a->ui, tr(a, "Start over"), NULL))
        a->pending = ACT_ASK_START_OVER;
    md_ui_area_end(a->ui);
}

/* Home's Start over asks before it wipes anything. */
static void confirm_dialog(md_app *a)
{
    /* TRANSLATORS: asked when the visitor taps Start over on the home screen. */
    md_ui_dialog_begin(a->ui, tr(a, "Start over? Everything you entered will be cleared."));
    md_ui_columns_begin(a->ui, 2);
    md_ui_opts keep = {.tone = MD_TONE_PRIMARY};
    if (md_ui_button(a->ui, tr(a, "Continue"), &keep)) {
        a->confirm_start_over = 0;
        md_ui_request_frame(a->ui); /* home takes input again from the next frame */
    }
    md_ui_opts wipe = {.tone = MD_TONE_DANGER};
    if (md_ui_button(a->ui, tr(a, "Start over"), &wipe))
        a->pending = ACT_START_OVER;
    md_ui_columns_end(a->ui);
    md_ui_dialog_end(a->ui);
}

static void screen_plugin(md_app *a)
{
    chrome(a, md_host_title(a->plugin), 0);
    md_ui_area_begin(a->ui, content_rect(a), 100);
    md_host_frame(a->plugin);
    md_ui_area_end(a->ui);
    if (md_host_take_frame_request(a->plugins))
        md_ui_request_frame(a->ui);
}

static void idle_dialog(md_app *a)
{
    uint64_t left_ms =
        (uint64_t)a->cfg.idle_warning_s * 1000u - (md_app_now_ms(a) - a->warn_start_ms);
    int seconds = (int)((left_ms + 999) / 1000);
    md_ui_dialog_begin(a->ui, tr(a, "Still there?"));
    static const char *const msgid =
        "The screen will start over in {seconds, plural, one {# second} other {# seconds}}.";
    md_arg arg = {.name = "seconds", .type = MD_ARG_INT, .v.i = seconds};
    md_ui_text(a->ui, md_host_format(a->plugins, "runtime", NULL, msgid, &arg, 1), MD_TEXT_LARGE,
               NULL);
    md_ui_columns_begin(a->ui, 2);
    md_ui_opts o = {.tone = MD_TONE_PRIMARY};
    if (md_ui_button(a->ui, tr(a, "Continue"), &o))
        a->pending = ACT_CONTINUE;
    if (md_ui_button(a->ui, tr(a, "Start over"), NULL))
        a->pending = ACT_START_OVER;
    md_ui_columns_end(a->ui);
    md_ui_dialog_end(a->ui);
}

/* Builds one frame (no drawing). */
void md_app_build_frame(md_app *a)
{
    md_notify_alive(&a->notify, md_time_ns()); /* headless runs advance here */
    tick(a);
    /* The screen as the frame starts (an action taken inside it shows on the next one). */
    char key[256];
    snprintf(key, sizeof key, "%s%s", md_app_screen_name(a), a->a11y_open ? "/accessibility" : "");
    reach_band(a);
    a->bar_h = 0; /* chrome() sets it when the top bar grows for large text */
    md_ui_set_origin_y(a->ui, a->lay_y);
    const char *lang = cur_lang(a);
    md_ui_begin_frame(a->ui, a->w, a->lay_h, lang, lang_rtl(a, lang), md_app_now_ms(a));
    switch (a->screen) {
    case SCREEN_ATTRACT:
        screen_attract(a);
        break;
    case SCREEN_LANGUAGES:
        screen_languages(a);
        break;
    case SCREEN_PIN:
        md_app_screen_pin(a);
        break;
    case SCREEN_STAFF:
        md_app_screen_staff(a);
        break;
    case SCREEN_PLUGIN:
        if (a->plugin) {
            screen_plugin(a);
            break;
        }
        a->screen = SCREEN_HOME;
        /* fallthrough */
    default:
        screen_home(a);
        break;
    }
    if (a->confirm_start_over && a->screen == SCREEN_HOME && !a->idle_warning)
        confirm_dialog(a);
    if (a->idle_warning)
        idle_dialog(a);
    else if (a->a11y_open)
        a11y_panel(a);
    md_ui_end_frame(a->ui);
    /* Speech from the tree: a new screen's alerts and heading, the control focus moved to. */
    md_a11y_after_frame(a->a11y, a->ui, key, cur_lang(a), md_ui_focus_visible(a->ui),
                        a->lay_y + (a->bar_h > 0 ? a->bar_h : md_ui_theme_get(a->ui)->bar_px));
    a->frames_built++;
    a->dirty = 0;
    md_app_apply_pending(a);
    md_app_staff_apply(a);
}

const char *md_app_screen_name(md_app *a)
{
    const char *s = "home";
    if (a->idle_warning)
        s = "idle-warning";
    else if (a->screen == SCREEN_ATTRACT)
        s = "attract";
    else if (a->screen == SCREEN_LANGUAGES)
        s = "languages";
    else if (a->screen == SCREEN_PIN)
        s = "staff-pin";
    else if (a->screen == SCREEN_STAFF)
        s = "staff";
    else if (a->screen == SCREEN_PLUGIN && a->plugin) {
        snprintf(a->screen_name, sizeof a->screen_name, "plugin:%s", md_host_id(a->plugin));
        return a->screen_name;
    }
    return s;
}

md_staff *md_app_staff(md_app *a)
{
    return a->staff;
}

const md_config *md_app_config(const md_app *a)
{
    return &a->cfg;
}

/* ---------------------------------------------------------------- input */

/* Speech mode: touch-to-explore. A tap says what is under the finger and a double tap activates
 * what was said; a finger that moves more than 3 mm scrolls as usual. */
static void explore(md_app *a, int kind, int x, int y, uint64_t now)
{
    int slop = (int)(3 * a->cfg.px_per_mm);
    if (kind == PTR_DOWN) {
        a->explore_down = 1;
        a->explore_drag = 0;
        a->explore_x = x;
        a->explore_y = y;
        return;
    }
    if (!a->explore_down)
        return;
    if (kind == PTR_MOVE) {
        if (!a->explore_drag && (abs(x - a->explore_x) > slop || abs(y - a->explore_y) > slop)) {
            a->explore_drag = 1;
            md_ui_pointer_down(a->ui, a->explore_x, a->explore_y, now);
        }
        if (a->explore_drag)
            md_ui_pointer_move(a->ui, x, y, now);
        return;
    }
    a->explore_down = 0;
    if (a->explore_drag) {
        md_ui_pointer_up(a->ui, x, y, now);
        return;
    }
    int tx = x, ty = y;
    if (md_a11y_tap(a->a11y, a->ui, cur_lang(a), &tx, &ty, now) == MD_A11Y_TAP_ACTIVATE) {
        md_ui_pointer_down(a->ui, tx, ty, now);
        md_ui_pointer_up(a->ui, tx, ty, now);
    }
}

void md_app_pointer(md_app *a, int kind, int x, int y)
{
    uint64_t now = md_app_now_ms(a);
    a->dirty = 1;
    if (kind != PTR_MOVE)
        a->last_input_ms = now;
    if (a->idle_warning && kind == PTR_DOWN) {
        /* One tap anywhere continues; the dialog's own buttons work as buttons. */
        int hit = md_ui_hit(a->ui, x, y);
        const md_ui_node *n = hit >= 0 ? md_ui_node_at(a->ui, hit) : NULL;
        if (!n || !n->in_dialog) {
            a->pending = ACT_CONTINUE;
            md_app_apply_pending(a);
            a->swallow_up = 1;
            return;
        }
    }
    if (a->swallow_up) {
        if (kind == PTR_UP)
            a->swallow_up = 0;
        return;
    }
    if (a->screen == SCREEN_ATTRACT && !a->a11y_open) {
        /* Holding the top-left corner for 3 s opens the staff PIN pad instead. */
        if (md_app_staff_gesture(a, kind, x, y))
            return;
        if (kind == PTR_UP) {
            int hit = md_ui_hit(a->ui, x, y);
            const md_ui_node *n = hit >= 0 ? md_ui_node_at(a->ui, hit) : NULL;
            if (n && n->msgid && !strcmp(n->msgid, "Accessibility")) {
                a->a11y_open = 1; /* the accessibility button works before anything else */
                return;
            }
            a->pending = ACT_LANGUAGES;
            md_app_apply_pending(a);
        }
        return;
    }
    if (md_a11y_modes_get(a->a11y)->speech) {
        explore(a, kind, x, y, now);
        return;
    }
    if (kind == PTR_DOWN)
        md_ui_pointer_down(a->ui, x, y, now);
    else if (kind == PTR_MOVE)
        md_ui_pointer_move(a->ui, x, y, now);
    else
        md_ui_pointer_up(a->ui, x, y, now);
}

/* ---------------------------------------------------------------- create / destroy */

void md_app_build_language_list(md_app *a)
{
    a->langs.n = 0;
    if (a->cfg.languages.n > 0) {
        for (int i = 0; i < a->cfg.languages.n; i++) {
            if (!md_i18n_find(a->i18n, a->cfg.languages.code[i])) {
                md_log(MD_LOG_ERROR, "CONFIG",
                       "languages: %s has no entry in locales.conf; not offered",
                       a->cfg.languages.code[i]);
                continue;
            }
            md_lang_list_add(&a->langs, a->cfg.languages.code[i]);
        }
    } else {
        for (int i = 0; i < md_i18n_language_count(a->i18n); i++)
            md_lang_list_add(&a->langs, md_i18n_language(a->i18n, i)->code);
    }
    if (a->langs.n == 0)
        md_lang_list_add(&a->langs, "en");
    snprintf(a->default_lang, sizeof a->default_lang, "%s",
             offered(a, a->cfg.default_language) ? a->cfg.default_language : a->langs.code[0]);
    if (!offered(a, a->cfg.default_language))
        md_log(MD_LOG_ERROR, "CONFIG", "default_language %s is not offered; using %s",
               a->cfg.default_language, a->default_lang);
}
