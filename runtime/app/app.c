/* The kiosk program: SDL window (or offscreen surface), the event-driven loop, the visitor flow
 * and its idle reset, the headless script runner and the benchmark mode.
 *
 * Redraw policy: a frame is built and drawn only when input arrived, a timer is due (attract
 * cycle, idle deadline, countdown second), the UI animates (kinetic scroll, spinner) or a plugin
 * called ui_request_frame. Otherwise the loop sleeps in SDL_WaitEventTimeout.
 */
#include "app/app.h"

#include <SDL.h>
#include <SDL_image.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "app/script.h"
#include "base/base.h"
#include "host/host.h"
#include "i18n/i18n.h"
#include "speech/speech.h"
#include "text/text.h"
#include "ui/ui.h"

enum { SCREEN_NONE = 0, SCREEN_ATTRACT, SCREEN_LANGUAGES, SCREEN_HOME, SCREEN_PLUGIN };
enum { ATTRACT_CYCLE_MS = 3000, MAX_LANGS = 64 };
enum { PTR_DOWN = 1, PTR_MOVE, PTR_UP };

/* Wall clock of the virtual epoch in headless runs: 2026-03-01T00:00:00Z. */
#define VIRTUAL_EPOCH_MS 1772323200000LL

static volatile sig_atomic_t g_term = 0; /* SIGTERM: the one way to stop a kiosk */

static void on_term(int sig)
{
    (void)sig;
    g_term = 1;
}

struct md_app {
    md_config cfg;
    md_i18n *i18n;
    md_text *text;
    md_ui *ui;
    md_plugins *plugins;
    md_speech *speech;
    SDL_Window *win;
    SDL_Renderer *ren;
    SDL_Texture *target;     /* the UI at logical size (rotated or headless runs) */
    SDL_Texture *win_target; /* headless and rotated: the picture the window would show */
    int headless;
    int rotate;
    int win_w, win_h; /* output in pixels */
    int w, h;         /* logical UI size (rotated) */
    uint64_t virt_ms;
    int64_t wall_offset_ms; /* headless: set by the script's clock command */
    uint64_t start_ns;

    /* flow */
    int screen, return_screen;
    int idle_warning;
    int swallow_up; /* the tap that dismissed the idle warning does not reach the UI */
    uint64_t last_input_ms, warn_start_ms, attract_start_ms;
    uint64_t last_pack_poll_ms; /* when the locale packs were last checked for changes */
    md_plugin_ctx *plugin;
    const char *langs[MAX_LANGS];
    int n_langs;
    char lang[40];
    char default_lang[40];
    int pending; /* an action decided inside a frame, applied after it */
    char pending_arg[40];
    md_plugin_ctx *pending_plugin;

    int dirty;
    int quit;
    long frames_built;
    char screen_name[200];
    int finger_id_valid;
    long long finger_id;
};

enum { ACT_NONE = 0, ACT_LANGUAGES, ACT_SET_LANG, ACT_HOME, ACT_OPEN, ACT_START_OVER, ACT_CONTINUE };

/* ---------------------------------------------------------------- clock, messages */

static uint64_t now_ms(const md_app *a)
{
    return a->headless ? a->virt_ms : SDL_GetTicks64();
}

static uint64_t cb_monotonic(void *app)
{
    return now_ms(app);
}

static int64_t cb_unix(void *app)
{
    md_app *a = app;
    if (a->headless)
        return VIRTUAL_EPOCH_MS + (int64_t)a->virt_ms + a->wall_offset_ms;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void cb_go_home(void *app)
{
    md_app *a = app;
    a->pending = ACT_HOME;
}

static const char *tr(md_app *a, const char *msgid)
{
    const char *s = a->i18n ? md_i18n_tr(a->i18n, "runtime", NULL, msgid) : msgid;
    if (!s)
        s = msgid;
    md_ui_note_msgid(a->ui, s, msgid);
    return s;
}

static const char *tr_lang(md_app *a, const char *lang, const char *msgctxt, const char *msgid)
{
    const char *s = a->i18n ? md_i18n_tr_lang(a->i18n, lang, "runtime", msgctxt, msgid) : msgid;
    if (!s)
        s = msgid;
    md_ui_note_msgid(a->ui, s, msgid);
    return s;
}

static const md_lang_info *lang_info(md_app *a, const char *code)
{
    return a->i18n ? md_i18n_find(a->i18n, code) : NULL;
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
    for (int i = 0; i < a->n_langs; i++)
        if (!strcmp(a->langs[i], code))
            return 1;
    return 0;
}

static int set_language(md_app *a, const char *code)
{
    if (!offered(a, code)) {
        md_log(MD_LOG_ERROR, "APP", "language %s is not offered by this kiosk", code);
        return -1;
    }
    if (a->i18n && md_i18n_set_language(a->i18n, code) < 0)
        return -1;
    int changed = strcmp(a->lang, code) != 0;
    snprintf(a->lang, sizeof a->lang, "%s", code);
    if (changed)
        md_host_locale_changed_all(a->plugins, a->lang);
    a->dirty = 1;
    return 0;
}

/* ---------------------------------------------------------------- flow */

static void go(md_app *a, int screen)
{
    a->screen = screen;
    md_ui_reset_focus(a->ui);
    md_ui_reset_scroll(a->ui);
    if (screen == SCREEN_ATTRACT)
        a->attract_start_ms = now_ms(a);
    a->dirty = 1;
}

/* The visitor left: every plugin forgets them, the language goes back, the attract loop starts. */
static void session_reset(md_app *a)
{
    md_log(MD_LOG_INFO, "APP", "session reset");
    md_host_reset_all(a->plugins);
    md_speech_reset(a->speech);
    a->idle_warning = 0;
    a->plugin = NULL;
    set_language(a, a->default_lang);
    go(a, SCREEN_ATTRACT);
    a->last_input_ms = now_ms(a);
}

static void apply_pending(md_app *a)
{
    int act = a->pending;
    a->pending = ACT_NONE;
    switch (act) {
    case ACT_LANGUAGES:
        a->return_screen = a->screen == SCREEN_ATTRACT ? SCREEN_HOME : a->screen;
        go(a, SCREEN_LANGUAGES);
        break;
    case ACT_SET_LANG:
        set_language(a, a->pending_arg);
        go(a, a->return_screen == SCREEN_PLUGIN && a->plugin ? SCREEN_PLUGIN : SCREEN_HOME);
        break;
    case ACT_HOME:
        a->plugin = NULL;
        go(a, SCREEN_HOME);
        break;
    case ACT_OPEN:
        a->plugin = a->pending_plugin;
        md_host_enter(a->plugin);
        go(a, SCREEN_PLUGIN);
        break;
    case ACT_START_OVER:
        session_reset(a);
        break;
    case ACT_CONTINUE:
        a->idle_warning = 0;
        a->last_input_ms = now_ms(a);
        a->dirty = 1;
        break;
    default:
        break;
    }
}

static void back(md_app *a)
{
    if (a->screen == SCREEN_PLUGIN)
        a->pending = ACT_HOME;
    else if (a->screen == SCREEN_LANGUAGES)
        go(a, a->return_screen == SCREEN_PLUGIN && a->plugin ? SCREEN_PLUGIN
              : a->return_screen ? a->return_screen
                                 : SCREEN_HOME);
    apply_pending(a);
}

/* Timers: idle warning, its countdown, the attract cycle. */
static void tick(md_app *a)
{
    uint64_t now = now_ms(a);
    uint64_t timeout = (uint64_t)a->cfg.idle_timeout_s * 1000u;
    uint64_t warn = (uint64_t)a->cfg.idle_warning_s * 1000u;
    if (a->screen != SCREEN_ATTRACT && !a->idle_warning && now - a->last_input_ms >= timeout) {
        a->idle_warning = 1;
        a->warn_start_ms = now;
        md_ui_reset_focus(a->ui);
    }
    if (a->idle_warning && now - a->warn_start_ms >= warn)
        session_reset(a);
}

static uint64_t next_wakeup(md_app *a)
{
    uint64_t now = now_ms(a);
    if (a->screen == SCREEN_ATTRACT) {
        uint64_t k = (now - a->attract_start_ms) / ATTRACT_CYCLE_MS + 1;
        return a->attract_start_ms + k * ATTRACT_CYCLE_MS;
    }
    if (a->idle_warning) {
        uint64_t k = (now - a->warn_start_ms) / 1000 + 1;
        return a->warn_start_ms + k * 1000;
    }
    return a->last_input_ms + (uint64_t)a->cfg.idle_timeout_s * 1000u;
}

/* ---------------------------------------------------------------- screens */

static md_ui_rect content_rect(md_app *a)
{
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    int top = t->bar_px + t->gap_px * 2;
    return (md_ui_rect){t->margin_px, top, a->w - 2 * t->margin_px, a->h - top - t->gap_px * 2};
}

static void chrome(md_app *a, const char *title, int on_home)
{
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    md_ui_fill(a->ui, (md_ui_rect){0, 0, a->w, t->bar_px}, t->bar_bg);
    int pad = (t->bar_px - t->target_px) / 2;
    int home_w = (int)(52 * t->px_per_mm), lang_w = (int)(60 * t->px_per_mm);
    if (home_w + lang_w + 3 * pad > a->w) {
        home_w = (a->w - 3 * pad) / 2;
        lang_w = home_w;
    }
    md_ui_rect home_r = {pad, pad, home_w, t->target_px};
    md_ui_rect lang_r = {a->w - pad - lang_w, pad, lang_w, t->target_px};
    md_ui_opts ho = {.at = &home_r, .text_px = t->text_px[MD_TEXT_BODY]};
    if (md_ui_button(a->ui, on_home ? tr(a, "Start over") : tr(a, "Home"), &ho))
        a->pending = on_home ? ACT_START_OVER : ACT_HOME;
    int title_x = home_r.x + home_w + pad, title_w = lang_r.x - pad - title_x;
    if (title && title_w > t->target_px) {
        md_ui_rect tr_r = {title_x, pad, title_w, t->target_px};
        md_ui_opts to = {.at = &tr_r, .tone = MD_TONE_PRIMARY,
                         .text_px = t->text_px[MD_TEXT_HEADING] * 4 / 5};
        md_ui_text(a->ui, title, MD_TEXT_HEADING, &to);
    }
    md_ui_opts lo = {.at = &lang_r, .text_px = t->text_px[MD_TEXT_BODY]};
    if (md_ui_button(a->ui, tr(a, "Language"), &lo))
        a->pending = ACT_LANGUAGES;
}

static int columns_for(md_app *a, int width_px, int min_mm)
{
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    int n = (int)(width_px / (min_mm * t->px_per_mm));
    return n < 1 ? 1 : n > 4 ? 4 : n;
}

static void screen_attract(md_app *a)
{
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    uint64_t k = (now_ms(a) - a->attract_start_ms) / ATTRACT_CYCLE_MS;
    /* Start the cycle at the default language so the first frame is predictable. */
    int start = 0;
    for (int i = 0; i < a->n_langs; i++)
        if (!strcmp(a->langs[i], a->default_lang))
            start = i;
    const char *l = a->n_langs ? a->langs[(start + k) % (uint64_t)a->n_langs] : "en";
    md_ui_fill(a->ui, (md_ui_rect){0, 0, a->w, a->h}, t->bar_bg);
    int big = t->text_px[MD_TEXT_HEADING] * 2;
    md_ui_rect g = {t->margin_px, a->h / 4, a->w - 2 * t->margin_px, big * 2};
    md_ui_opts go_ = {.at = &g, .lang = l, .tone = MD_TONE_PRIMARY, .text_px = big};
    md_ui_text(a->ui, tr_lang(a, l, NULL, "Welcome"), MD_TEXT_HEADING, &go_);
    int bw = a->w * 3 / 5, bh = t->target_px * 3 / 2;
    md_ui_rect b = {(a->w - bw) / 2, a->h * 5 / 8, bw, bh};
    md_ui_opts bo = {.at = &b, .lang = l, .text_px = t->text_px[MD_TEXT_LARGE]};
    /* Any tap starts (handled with the input); the button tells what to do. */
    md_ui_button(a->ui, tr_lang(a, l, NULL, "Touch the screen to start"), &bo);
    /* Every offered language by its own name, so a passer-by sees theirs is here. */
    int rows = (a->n_langs + 7) / 8; /* balanced rows of at most 8 */
    int per_row = (a->n_langs + rows - 1) / (rows ? rows : 1);
    int cell_w = (a->w - 2 * t->margin_px) / (per_row ? per_row : 1);
    int cell_h = t->text_px[MD_TEXT_SMALL] * 5 / 2;
    int y0 = a->h - t->margin_px / 2 - rows * cell_h;
    for (int i = 0; i < a->n_langs; i++) {
        int row = i / per_row, col = i % per_row;
        int in_row = row == rows - 1 ? a->n_langs - row * per_row : per_row;
        int x0 = t->margin_px + (a->w - 2 * t->margin_px - in_row * cell_w) / 2;
        md_ui_rect cell = {x0 + col * cell_w, y0 + row * cell_h, cell_w, cell_h};
        md_ui_opts eo = {.at = &cell, .lang = a->langs[i], .tone = MD_TONE_PRIMARY,
                         .text_px = t->text_px[MD_TEXT_SMALL]};
        md_ui_text(a->ui, endonym(a, a->langs[i]), MD_TEXT_SMALL, &eo);
    }
}

static void screen_languages(md_app *a)
{
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    md_ui_fill(a->ui, (md_ui_rect){0, 0, a->w, t->bar_px}, t->bar_bg);
    md_ui_rect title = {t->margin_px, 0, a->w - 2 * t->margin_px, t->bar_px};
    md_ui_opts to = {.at = &title, .tone = MD_TONE_PRIMARY};
    md_ui_text(a->ui, tr(a, "Choose your language"), MD_TEXT_HEADING, &to);
    md_ui_rect c = content_rect(a);
    md_ui_area_begin(a->ui, c, 2);
    md_ui_columns_begin(a->ui, columns_for(a, c.w, 80));
    /* Equal rows: the tallest script (Nastaliq, Myanmar) sets the height of every button. */
    int row_h = 0;
    for (int i = 0; i < a->n_langs; i++) {
        md_ui_opts o = {.lang = a->langs[i], .text_px = t->text_px[MD_TEXT_LARGE]};
        int h = md_ui_button_height(a->ui, endonym(a, a->langs[i]), &o);
        row_h = h > row_h ? h : row_h;
    }
    for (int i = 0; i < a->n_langs; i++) {
        md_ui_opts o = {.lang = a->langs[i], .text_px = t->text_px[MD_TEXT_LARGE], .min_h = row_h,
                        .tone = strcmp(a->langs[i], a->lang) ? MD_TONE_NORMAL : MD_TONE_PRIMARY};
        if (md_ui_button(a->ui, endonym(a, a->langs[i]), &o)) {
            a->pending = ACT_SET_LANG;
            snprintf(a->pending_arg, sizeof a->pending_arg, "%s", a->langs[i]);
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
    md_ui_area_end(a->ui);
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
    uint64_t left_ms = (uint64_t)a->cfg.idle_warning_s * 1000u - (now_ms(a) - a->warn_start_ms);
    int seconds = (int)((left_ms + 999) / 1000);
    md_ui_dialog_begin(a->ui, tr(a, "Still there?"));
    static const char *const msgid =
        "The screen will start over in {seconds, plural, one {# second} other {# seconds}}.";
    const char *pattern = tr(a, msgid);
    char buf[512];
    md_arg arg = {.name = "seconds", .type = MD_ARG_INT, .v.i = seconds};
    if (!a->i18n || md_i18n_format(a->i18n, a->lang, pattern, &arg, 1, buf, sizeof buf) < 0)
        snprintf(buf, sizeof buf, "%d", seconds);
    char *shown = md_ui_frame_strdup(a->ui, buf);
    md_ui_note_msgid(a->ui, shown, msgid);
    md_ui_text(a->ui, shown ? shown : buf, MD_TEXT_LARGE, NULL);
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
static void build_frame(md_app *a)
{
    tick(a);
    md_ui_begin_frame(a->ui, a->w, a->h, a->lang, lang_rtl(a, a->lang), now_ms(a));
    switch (a->screen) {
    case SCREEN_ATTRACT:
        screen_attract(a);
        break;
    case SCREEN_LANGUAGES:
        screen_languages(a);
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
    if (a->idle_warning)
        idle_dialog(a);
    md_ui_end_frame(a->ui);
    a->frames_built++;
    a->dirty = 0;
    apply_pending(a);
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
    else if (a->screen == SCREEN_PLUGIN && a->plugin) {
        snprintf(a->screen_name, sizeof a->screen_name, "plugin:%s", md_host_id(a->plugin));
        return a->screen_name;
    }
    return s;
}

const md_config *md_app_config(const md_app *a)
{
    return &a->cfg;
}

/* ---------------------------------------------------------------- input */

static void pointer(md_app *a, int kind, int x, int y)
{
    uint64_t now = now_ms(a);
    a->dirty = 1;
    if (kind != PTR_MOVE)
        a->last_input_ms = now;
    if (a->idle_warning && kind == PTR_DOWN) {
        /* One tap anywhere continues; the dialog's own buttons work as buttons. */
        int hit = md_ui_hit(a->ui, x, y);
        const md_ui_node *n = hit >= 0 ? md_ui_node_at(a->ui, hit) : NULL;
        if (!n || !n->in_dialog) {
            a->pending = ACT_CONTINUE;
            apply_pending(a);
            a->swallow_up = 1;
            return;
        }
    }
    if (a->swallow_up) {
        if (kind == PTR_UP)
            a->swallow_up = 0;
        return;
    }
    if (a->screen == SCREEN_ATTRACT) {
        if (kind == PTR_UP) {
            a->pending = ACT_LANGUAGES;
            apply_pending(a);
        }
        return;
    }
    if (kind == PTR_DOWN)
        md_ui_pointer_down(a->ui, x, y, now);
    else if (kind == PTR_MOVE)
        md_ui_pointer_move(a->ui, x, y, now);
    else
        md_ui_pointer_up(a->ui, x, y, now);
}

/* Window-manager and terminal shortcuts never reach the kiosk: anything with Alt, Ctrl or the
 * system key is dropped here (alt+F4, alt+Tab, ctrl+alt+Backspace, ctrl+q, ctrl+w, ...). */
static void key(md_app *a, SDL_Keycode sym, Uint16 mod)
{
    if (mod & (KMOD_ALT | KMOD_CTRL | KMOD_GUI)) {
        md_log(MD_LOG_DEBUG, "APP", "shortcut %s ignored (lockdown)", SDL_GetKeyName(sym));
        return;
    }
    a->last_input_ms = now_ms(a);
    a->dirty = 1;
    if (a->idle_warning) {
        a->pending = ACT_CONTINUE;
        apply_pending(a);
        return;
    }
    if (a->screen == SCREEN_ATTRACT) {
        a->pending = ACT_LANGUAGES;
        apply_pending(a);
        return;
    }
    switch (sym) {
    case SDLK_ESCAPE:
    case SDLK_AC_BACK:
        back(a);
        break;
    case SDLK_TAB:
        md_ui_key_press(a->ui, (mod & KMOD_SHIFT) ? MD_KEY_PREV : MD_KEY_NEXT);
        break;
    case SDLK_DOWN:
        md_ui_key_press(a->ui, MD_KEY_NEXT);
        break;
    case SDLK_UP:
        md_ui_key_press(a->ui, MD_KEY_PREV);
        break;
    case SDLK_LEFT:
        md_ui_key_press(a->ui, MD_KEY_LEFT);
        break;
    case SDLK_RIGHT:
        md_ui_key_press(a->ui, MD_KEY_RIGHT);
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
        md_ui_key_press(a->ui, MD_KEY_ACTIVATE);
        break;
    default:
        break;
    }
}

void md_app_window_to_ui(int rotate, int win_w, int win_h, int wx, int wy, int *lx, int *ly)
{
    switch (rotate) {
    case 90: /* the picture is turned clockwise: the UI's top edge is the window's right edge */
        *lx = wy;
        *ly = win_w - 1 - wx;
        break;
    case 180:
        *lx = win_w - 1 - wx;
        *ly = win_h - 1 - wy;
        break;
    case 270:
        *lx = win_h - 1 - wy;
        *ly = wx;
        break;
    default:
        *lx = wx;
        *ly = wy;
        break;
    }
}

static void unrotate(const md_app *a, int wx, int wy, int *lx, int *ly)
{
    md_app_window_to_ui(a->rotate, a->win_w, a->win_h, wx, wy, lx, ly);
}

static void handle_event(md_app *a, const SDL_Event *e)
{
    int x = 0, y = 0;
    switch (e->type) {
    case SDL_QUIT:
        if (a->cfg.kiosk)
            md_log(MD_LOG_INFO, "APP", "quit request ignored (kiosk lockdown; stop with SIGTERM)");
        else
            a->quit = 1;
        break;
    case SDL_KEYDOWN:
        key(a, e->key.keysym.sym, e->key.keysym.mod);
        break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (e->button.which == SDL_TOUCH_MOUSEID || e->button.button != SDL_BUTTON_LEFT)
            break;
        unrotate(a, e->button.x, e->button.y, &x, &y);
        pointer(a, e->type == SDL_MOUSEBUTTONDOWN ? PTR_DOWN : PTR_UP, x, y);
        break;
    case SDL_MOUSEMOTION:
        if (e->motion.which == SDL_TOUCH_MOUSEID || !(e->motion.state & SDL_BUTTON_LMASK))
            break;
        unrotate(a, e->motion.x, e->motion.y, &x, &y);
        pointer(a, PTR_MOVE, x, y);
        break;
    case SDL_FINGERDOWN:
    case SDL_FINGERMOTION:
    case SDL_FINGERUP:
        /* One finger drives the UI; others are ignored until it lifts. */
        if (e->type == SDL_FINGERDOWN && !a->finger_id_valid) {
            a->finger_id_valid = 1;
            a->finger_id = (long long)e->tfinger.fingerId;
        } else if (!a->finger_id_valid || a->finger_id != (long long)e->tfinger.fingerId) {
            break;
        }
        unrotate(a, (int)(e->tfinger.x * (float)a->win_w), (int)(e->tfinger.y * (float)a->win_h),
                 &x, &y);
        pointer(a, e->type == SDL_FINGERDOWN ? PTR_DOWN : e->type == SDL_FINGERUP ? PTR_UP
                                                                                  : PTR_MOVE,
                x, y);
        if (e->type == SDL_FINGERUP)
            a->finger_id_valid = 0;
        break;
    case SDL_WINDOWEVENT:
        a->dirty = 1;
        break;
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        a->dirty = 1;
        break;
    default:
        break;
    }
}

/* ---------------------------------------------------------------- drawing */

static int make_target(md_app *a)
{
    if (a->target)
        SDL_DestroyTexture(a->target);
    if (a->win_target)
        SDL_DestroyTexture(a->win_target);
    a->target = NULL;
    a->win_target = NULL;
    if (!a->headless && a->rotate == 0)
        return 0;
    if (a->headless && a->rotate) {
        a->win_target = SDL_CreateTexture(a->ren, SDL_PIXELFORMAT_ARGB8888,
                                          SDL_TEXTUREACCESS_TARGET, a->win_w, a->win_h);
        if (!a->win_target) {
            md_log(MD_LOG_ERROR, "APP", "cannot create a %dx%d window target: %s", a->win_w,
                   a->win_h, SDL_GetError());
            return -1;
        }
    }
    a->target = SDL_CreateTexture(a->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
                                  a->w, a->h);
    if (!a->target) {
        md_log(MD_LOG_ERROR, "APP", "cannot create a %dx%d render target: %s", a->w, a->h,
               SDL_GetError());
        return -1;
    }
    return 0;
}

static void update_size(md_app *a)
{
    if (!a->headless) {
        int w = 0, h = 0;
        SDL_GetRendererOutputSize(a->ren, &w, &h);
        a->win_w = w;
        a->win_h = h;
    }
    int lw = a->rotate % 180 ? a->win_h : a->win_w;
    int lh = a->rotate % 180 ? a->win_w : a->win_h;
    if (lw != a->w || lh != a->h || (!a->target && (a->headless || a->rotate))) {
        a->w = lw;
        a->h = lh;
        make_target(a);
        a->dirty = 1;
    }
}

static void render(md_app *a)
{
    if (a->target)
        SDL_SetRenderTarget(a->ren, a->target);
    md_ui_render(a->ui, a->ren);
    if (a->target && (!a->headless || a->win_target)) {
        SDL_SetRenderTarget(a->ren, a->win_target); /* NULL: the window */
        SDL_SetRenderDrawColor(a->ren, 0, 0, 0, 255);
        SDL_RenderClear(a->ren);
        SDL_Rect dst = {(a->win_w - a->w) / 2, (a->win_h - a->h) / 2, a->w, a->h};
        SDL_RenderCopyEx(a->ren, a->target, NULL, &dst, (double)a->rotate, NULL, SDL_FLIP_NONE);
    }
    if (!a->headless)
        SDL_RenderPresent(a->ren);
    else
        SDL_RenderFlush(a->ren); /* SDL batches draw calls: headless, make them happen now */
}

void md_app_render(md_app *a)
{
    render(a);
}

static int write_png(md_app *a, const char *path)
{
    /* A rotated run shows the window's picture; otherwise the UI itself. */
    int w = a->win_target ? a->win_w : a->w, h = a->win_target ? a->win_h : a->h;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s) {
        md_log(MD_LOG_ERROR, "APP", "cannot allocate a screenshot: %s", SDL_GetError());
        return -1;
    }
    SDL_SetRenderTarget(a->ren, a->win_target ? a->win_target : a->target);
    int rc = SDL_RenderReadPixels(a->ren, NULL, SDL_PIXELFORMAT_RGBA32, s->pixels, s->pitch);
    if (rc == 0)
        rc = IMG_SavePNG(s, path);
    if (rc != 0)
        md_log(MD_LOG_ERROR, "APP", "[%s] cannot write the screenshot: %s", path, SDL_GetError());
    SDL_FreeSurface(s);
    return rc == 0 ? 0 : -1;
}

/* ---------------------------------------------------------------- create / destroy */

static void build_language_list(md_app *a)
{
    a->n_langs = 0;
    if (a->cfg.n_languages > 0) {
        for (int i = 0; i < a->cfg.n_languages && a->n_langs < MAX_LANGS; i++) {
            if (a->i18n && !md_i18n_find(a->i18n, a->cfg.languages[i])) {
                md_log(MD_LOG_ERROR, "CONFIG",
                       "languages: %s has no entry in locales.conf; not offered",
                       a->cfg.languages[i]);
                continue;
            }
            a->langs[a->n_langs++] = a->cfg.languages[i];
        }
    } else if (a->i18n) {
        for (int i = 0; i < md_i18n_language_count(a->i18n) && a->n_langs < MAX_LANGS; i++)
            a->langs[a->n_langs++] = md_i18n_language(a->i18n, i)->code;
    }
    if (a->n_langs == 0)
        a->langs[a->n_langs++] = "en";
    snprintf(a->default_lang, sizeof a->default_lang, "%s",
             offered(a, a->cfg.default_language) ? a->cfg.default_language : a->langs[0]);
    if (!offered(a, a->cfg.default_language))
        md_log(MD_LOG_ERROR, "CONFIG", "default_language %s is not offered; using %s",
               a->cfg.default_language, a->default_lang);
}

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

/* Speech: --speech-log wins; a headless run is otherwise silent; a kiosk speaks with the
 * configured backend ([kiosk] speech = espeak | none, espeak_program, speech_prompts_dir). */
static md_speech *open_speech(md_app *a, const md_app_options *opt)
{
    const char *backend = md_config_get(&a->cfg, "kiosk", "speech");
    if (!backend)
        backend = a->headless ? "none" : "espeak";
    char prompts[4096];
    const char *pd = md_config_get(&a->cfg, "kiosk", "speech_prompts_dir");
    if (!pd && a->cfg.content_dir) {
        snprintf(prompts, sizeof prompts, "%s/speech-prompts", a->cfg.content_dir);
        pd = prompts;
    }
    md_speech_options so = {.prompts_dir = pd};
    return md_speech_open(backend, opt->speech_log,
                          md_config_get(&a->cfg, "kiosk", "espeak_program"), a->i18n, &so);
}

md_app *md_app_create(const md_app_options *opt)
{
    md_app *a = md_calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->headless = opt->headless;
    a->start_ns = opt->start_ns ? opt->start_ns : md_time_ns();
    a->virt_ms = 1000;
    const char *cfg_path = opt->config_path;
    int cfg_rc = 0;
    if (cfg_path)
        cfg_rc = md_config_load(&a->cfg, cfg_path, MD_DATA_DIR);
    else if (file_exists(MD_CONFIG_DEFAULT_PATH))
        cfg_rc = md_config_load(&a->cfg, MD_CONFIG_DEFAULT_PATH, MD_DATA_DIR);
    else {
        md_log(MD_LOG_INFO, "CONFIG", "%s not found; using built-in defaults under %s",
               MD_CONFIG_DEFAULT_PATH, MD_DATA_DIR);
        cfg_rc = md_config_defaults(&a->cfg, MD_DATA_DIR);
    }
    if (cfg_rc < 0 && !a->cfg.plugin_dir) {
        md_free(a);
        return NULL;
    }
    a->rotate = opt->rotate >= 0 ? opt->rotate : a->cfg.rotate;
    a->win_w = opt->width > 0 ? opt->width : a->cfg.width;
    a->win_h = opt->height > 0 ? opt->height : a->cfg.height;

    if (a->headless) {
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        /* The software renderer draws into the window's own surface: without this SDL would
         * back that surface with a GLES texture and load EGL and Mesa (~90 MB) for nothing. */
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        /* Scripts drive logical coordinates; only an explicit --rotate turns the picture
         * (shots then show what the window would), the configuration's rotation does not. */
        a->rotate = opt->rotate >= 0 ? opt->rotate : 0;
    }
    /* Our own handlers, installed before the slow part of start-up: a SIGTERM that arrives while
     * fonts and packs load must still stop the kiosk as soon as the loop starts. SDL's handlers
     * would turn it into SDL_QUIT, which kiosk lockdown ignores. */
    signal(SIGTERM, on_term);
    signal(SIGINT, a->cfg.kiosk ? SIG_IGN : on_term);
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
    SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        md_log(MD_LOG_ERROR, "APP", "SDL_Init failed: %s", SDL_GetError());
        md_config_free(&a->cfg);
        md_free(a);
        return NULL;
    }
    Uint32 flags = SDL_WINDOW_SHOWN; /* no HiDPI scaling: touch and pixels share one space */
    if (!a->headless && !opt->windowed)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    int ww = a->win_w, wh = a->win_h;
    a->win = SDL_CreateWindow("Madang", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, ww, wh,
                              flags);
    if (!a->win) {
        md_log(MD_LOG_ERROR, "APP", "cannot open a window: %s", SDL_GetError());
        md_app_destroy(a);
        return NULL;
    }
    if (!a->headless) {
        a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
        if (!a->ren)
            md_log(MD_LOG_WARN, "APP", "no accelerated renderer (%s); using software",
                   SDL_GetError());
        if (a->cfg.kiosk)
            SDL_SetWindowKeyboardGrab(a->win, SDL_TRUE);
        SDL_ShowCursor(a->cfg.kiosk && !opt->windowed ? SDL_DISABLE : SDL_ENABLE);
    }
    if (!a->ren)
        a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
    if (!a->ren) {
        md_log(MD_LOG_ERROR, "APP", "cannot create a renderer: %s", SDL_GetError());
        md_app_destroy(a);
        return NULL;
    }
    update_size(a);
    if (!a->target && (a->headless || a->rotate)) {
        md_app_destroy(a);
        return NULL;
    }

    a->text = md_text_create(a->cfg.fonts, a->ren);
    if (!a->text)
        md_log(MD_LOG_ERROR, "APP", "no text engine: labels will not be drawn");
    md_ui_theme theme;
    md_ui_theme_default(&theme, a->cfg.px_per_mm);
    a->ui = md_ui_create(a->text, &theme);
    a->i18n = md_i18n_create(a->cfg.locales_dir);
    if (!a->i18n)
        md_log(MD_LOG_ERROR, "APP", "[%s] no locales: messages stay in English",
               a->cfg.locales_dir);
    if (!a->ui) {
        md_app_destroy(a);
        return NULL;
    }
    build_language_list(a);
    snprintf(a->lang, sizeof a->lang, "%s", a->default_lang);
    if (a->i18n)
        md_i18n_set_language(a->i18n, a->lang);

    a->speech = open_speech(a, opt);
    md_host_env env = {a->ui, a->i18n, &a->cfg, a, cb_monotonic, cb_unix, cb_go_home, a->speech};
    a->plugins = md_host_load_dir(&env, a->cfg.plugin_dir);
    if (!a->plugins) {
        md_app_destroy(a);
        return NULL;
    }
    go(a, SCREEN_ATTRACT);
    a->last_input_ms = now_ms(a);
    return a;
}

void md_app_destroy(md_app *a)
{
    if (!a)
        return;
    md_host_unload(a->plugins);
    md_speech_destroy(a->speech);
    md_ui_destroy(a->ui);
    md_text_destroy(a->text);
    md_i18n_destroy(a->i18n);
    if (a->target)
        SDL_DestroyTexture(a->target);
    if (a->win_target)
        SDL_DestroyTexture(a->win_target);
    if (a->ren)
        SDL_DestroyRenderer(a->ren);
    if (a->win)
        SDL_DestroyWindow(a->win);
    SDL_Quit();
    md_config_free(&a->cfg);
    md_free(a);
}

/* ---------------------------------------------------------------- interactive loop */

/* Reloads the locale packs that changed, at most once a second of (real or virtual) time. A pack
 * that fails validation is refused by i18n and the last good one stays; a reload redraws. */
static void poll_packs(md_app *a, uint64_t now)
{
    if (!a->i18n || now - a->last_pack_poll_ms < 1000)
        return;
    a->last_pack_poll_ms = now;
    if (md_i18n_poll_reload(a->i18n) > 0) {
        /* Translations moved: plugins drop strings they kept from tr(). */
        md_host_locale_changed_all(a->plugins, a->lang);
        a->dirty = 1;
    }
}

int md_app_run(md_app *a)
{
    a->dirty = 1;
    while (!a->quit && !g_term) {
        uint64_t now = now_ms(a);
        int animating = md_ui_wants_frame(a->ui) || md_host_take_frame_request(a->plugins);
        uint64_t wake = next_wakeup(a);
        int timeout = 0;
        if (!a->dirty && !animating)
            timeout = wake > now ? (int)(wake - now) : 0;
        if (timeout > 250)
            timeout = 250; /* notice SIGTERM and pack reloads promptly */
        if (animating)
            timeout = 16;
        SDL_Event e;
        if (SDL_WaitEventTimeout(&e, timeout)) {
            handle_event(a, &e);
            while (SDL_PollEvent(&e))
                handle_event(a, &e);
        }
        now = now_ms(a);
        poll_packs(a, now);
        update_size(a);
        if (a->dirty || animating || now >= wake) {
            build_frame(a);
            if (a->dirty) /* an action changed the screen: show the new one at once */
                build_frame(a);
            render(a);
        }
    }
    md_log(MD_LOG_INFO, "APP", "stopping");
    return 0;
}

/* ---------------------------------------------------------------- headless scripts */

/* Runs frames at the current virtual time until nothing more is pending (bounded). */
static void settle(md_app *a)
{
    for (int i = 0; i < 4; i++) {
        build_frame(a);
        if (!a->dirty && !md_ui_wants_frame(a->ui))
            break;
    }
}

/* Advances virtual time by ms, building frames when timers are due or animations run. */
static void advance(md_app *a, uint64_t ms)
{
    uint64_t target = a->virt_ms + ms;
    while (a->virt_ms < target) {
        int animating = a->dirty || md_ui_wants_frame(a->ui) ||
                        md_host_take_frame_request(a->plugins);
        uint64_t next = next_wakeup(a);
        if (animating && next > a->virt_ms + 16)
            next = a->virt_ms + 16;
        if (next <= a->virt_ms)
            next = a->virt_ms + 1;
        if (next >= target) {
            a->virt_ms = target; /* the settle below builds the frame at the target time */
            break;
        }
        a->virt_ms = next;
        build_frame(a);
    }
    poll_packs(a, a->virt_ms); /* as the interactive loop does, on virtual time */
    settle(a);
}

static int fail(const md_script *s, const md_script_cmd *c, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(const md_script *s, const md_script_cmd *c, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s:%d: %s\n", s->name, c->line, msg);
    return 1;
}

/* Visible labels, for failure messages. */
static void visible_labels(md_app *a, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    for (int i = 0; i < md_ui_node_count(a->ui) && n + 4 < cap; i++) {
        const md_ui_node *nd = md_ui_node_at(a->ui, i);
        if (!nd->visible || !nd->label[0])
            continue;
        int w = snprintf(out + n, cap - n, "%s\"%s\"", n ? ", " : "", nd->label);
        if (w < 0 || (size_t)w >= cap - n) {
            out[n] = '\0';
            break;
        }
        n += (size_t)w;
    }
}

static int count_visible(md_app *a, const char *label, int interactive, int *last)
{
    int n = 0;
    for (int i = 0; i < md_ui_node_count(a->ui); i++) {
        const md_ui_node *nd = md_ui_node_at(a->ui, i);
        if (nd->visible && !strcmp(nd->label, label) && (!interactive || nd->focusable)) {
            n++;
            if (last)
                *last = i;
        }
    }
    return n;
}

static void tap_at(md_app *a, int x, int y)
{
    pointer(a, PTR_DOWN, x, y);
    a->virt_ms += 50;
    pointer(a, PTR_UP, x, y);
    settle(a);
}

static int parse_key(const char *name, SDL_Keycode *sym, Uint16 *mod)
{
    *mod = 0;
    char buf[64];
    snprintf(buf, sizeof buf, "%s", name);
    char *k = buf;
    for (char *plus = strchr(k, '+'); plus && plus[1]; plus = strchr(k, '+')) {
        *plus = '\0';
        if (!SDL_strcasecmp(k, "alt"))
            *mod |= KMOD_LALT;
        else if (!SDL_strcasecmp(k, "ctrl"))
            *mod |= KMOD_LCTRL;
        else if (!SDL_strcasecmp(k, "shift"))
            *mod |= KMOD_LSHIFT;
        else if (!SDL_strcasecmp(k, "gui") || !SDL_strcasecmp(k, "super"))
            *mod |= KMOD_LGUI;
        else
            return -1;
        k = plus + 1;
    }
    if (!SDL_strcasecmp(k, "Enter"))
        k = "Return";
    *sym = SDL_GetKeyFromName(k);
    return *sym == SDLK_UNKNOWN ? -1 : 0;
}

static int run_cmd(md_app *a, const md_script *s, const md_script_cmd *c, const char *out_dir)
{
    char path[4096];
    char labels[1024];
    switch (c->op) {
    case MD_SCRIPT_SIZE:
        a->win_w = c->a;
        a->win_h = c->b;
        update_size(a);
        if (!a->target)
            return fail(s, c, "cannot resize to %dx%d", c->a, c->b);
        settle(a);
        return 0;
    case MD_SCRIPT_LANG:
        if (set_language(a, c->arg) < 0)
            return fail(s, c, "lang %s: not an offered language", c->arg);
        settle(a);
        return 0;
    case MD_SCRIPT_TAP_LABEL: {
        int last = -1;
        int n = count_visible(a, c->arg, 1, &last);
        if (n != 1) {
            visible_labels(a, labels, sizeof labels);
            return fail(s, c, "tap \"%s\": %d visible controls have this label (need exactly 1; "
                              "on screen %s: %s)",
                        c->arg, n, md_app_screen_name(a), labels);
        }
        md_ui_rect v = md_ui_node_at(a->ui, last)->vis;
        tap_at(a, v.x + v.w / 2, v.y + v.h / 2);
        return 0;
    }
    case MD_SCRIPT_TAP_XY:
        if (c->a >= a->w || c->b >= a->h)
            return fail(s, c, "tap %d %d is outside the %dx%d screen", c->a, c->b, a->w, a->h);
        tap_at(a, c->a, c->b);
        return 0;
    case MD_SCRIPT_DRAG: {
        pointer(a, PTR_DOWN, c->a, c->b);
        int steps = c->e / 16 > 1 ? c->e / 16 : 1;
        for (int i = 1; i <= steps; i++) {
            a->virt_ms += (uint64_t)c->e / (uint64_t)steps;
            pointer(a, PTR_MOVE, c->a + (c->c - c->a) * i / steps, c->b + (c->d - c->b) * i / steps);
            build_frame(a);
        }
        pointer(a, PTR_UP, c->c, c->d);
        settle(a);
        return 0;
    }
    case MD_SCRIPT_KEY: {
        SDL_Keycode sym = 0;
        Uint16 mod = 0;
        if (parse_key(c->arg, &sym, &mod) < 0)
            return fail(s, c, "key %s: unknown key name", c->arg);
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = SDL_KEYDOWN;
        e.key.keysym.sym = sym;
        e.key.keysym.mod = mod;
        handle_event(a, &e);
        settle(a);
        return 0;
    }
    case MD_SCRIPT_WAIT:
        advance(a, (uint64_t)c->a);
        return 0;
    case MD_SCRIPT_CLOCK:
        a->wall_offset_ms = c->when_ms - (VIRTUAL_EPOCH_MS + (int64_t)a->virt_ms);
        a->dirty = 1;
        settle(a);
        return 0;
    case MD_SCRIPT_QUIET: {
        long before = a->frames_built;
        advance(a, (uint64_t)c->a);
        long n = a->frames_built - before;
        if (n > c->b)
            return fail(s, c, "quiet %d %d: %ld frames were built", c->a, c->b, n);
        return 0;
    }
    case MD_SCRIPT_EXPECT:
        if (count_visible(a, c->arg, 0, NULL) == 0) {
            visible_labels(a, labels, sizeof labels);
            return fail(s, c, "expect \"%s\": not on screen %s (visible: %s)", c->arg,
                        md_app_screen_name(a), labels);
        }
        return 0;
    case MD_SCRIPT_EXPECT_NOT:
        if (count_visible(a, c->arg, 0, NULL) != 0)
            return fail(s, c, "expect-not \"%s\": it is on screen %s", c->arg,
                        md_app_screen_name(a));
        return 0;
    case MD_SCRIPT_SCREEN:
        if (strcmp(md_app_screen_name(a), c->arg))
            return fail(s, c, "screen is %s, expected %s", md_app_screen_name(a), c->arg);
        return 0;
    case MD_SCRIPT_SHOT:
        snprintf(path, sizeof path, "%s/%s.png", out_dir, c->arg);
        render(a);
        if (write_png(a, path) < 0)
            return fail(s, c, "cannot write %s", path);
        return 0;
    case MD_SCRIPT_WAIT_FILE:
        /* Real time: lets a test driver change files (a locale pack) at this point. */
        snprintf(path, sizeof path, "%s/%s", out_dir, c->arg);
        for (int i = 0; !file_exists(path); i++) {
            if (i >= 600)
                return fail(s, c, "%s did not appear within 60 s", path);
            SDL_Delay(100);
        }
        return 0;
    case MD_SCRIPT_TREE:
        snprintf(path, sizeof path, "%s/%s.json", out_dir, c->arg);
        if (md_ui_write_tree_json(a->ui, path) < 0)
            return fail(s, c, "cannot write %s", path);
        return 0;
    default:
        return fail(s, c, "unsupported command");
    }
}

int md_app_run_script(md_app *a, const char *script_path, const char *out_dir)
{
    char *text = md_read_file(script_path, NULL);
    if (!text) {
        fprintf(stderr, "%s:0: cannot read the script\n", script_path);
        return 1;
    }
    md_script s;
    char err[512];
    int rc = md_script_parse(text, script_path, &s, err, sizeof err);
    md_free(text);
    if (rc < 0) {
        fprintf(stderr, "%s\n", err[0] ? err : "cannot parse the script");
        return 1;
    }
    if (out_dir && mkdir(out_dir, 0755) < 0 && !file_exists(out_dir)) {
        fprintf(stderr, "%s:0: cannot create the output directory %s\n", script_path, out_dir);
        md_script_free(&s);
        return 1;
    }
    settle(a);
    rc = 0;
    for (int i = 0; i < s.n && rc == 0; i++)
        rc = run_cmd(a, &s, &s.cmds[i], out_dir ? out_dir : ".");
    md_script_free(&s);
    return rc;
}

/* ---------------------------------------------------------------- benchmark */

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

int md_app_bench(md_app *a, int n_frames)
{
    build_frame(a);
    render(a); /* render() makes the drawing happen (present, or flush when headless) */
    double first_ms = (double)(md_time_ns() - a->start_ns) / 1e6;
    set_language(a, a->default_lang);
    go(a, SCREEN_HOME);
    settle(a);
    if (n_frames < 10)
        n_frames = 10;
    double *t = md_malloc((size_t)n_frames * sizeof *t);
    if (!t)
        return 1;
    for (int i = 0; i < n_frames; i++) {
        uint64_t t0 = md_time_ns();
        a->virt_ms += 16;
        a->last_input_ms = a->virt_ms; /* stay on home */
        build_frame(a);
        render(a);
        t[i] = (double)(md_time_ns() - t0) / 1e6;
    }
    qsort(t, (size_t)n_frames, sizeof *t, cmp_double);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("bench startup_first_frame_ms %.1f ms\n", first_ms);
    printf("bench peak_rss %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
    printf("bench home_frame_p50 %.2f ms\n", t[n_frames / 2]);
    printf("bench home_frame_p99 %.2f ms\n", t[(n_frames * 99) / 100]);
    md_free(t);
    return 0;
}
