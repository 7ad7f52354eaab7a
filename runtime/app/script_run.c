/* The headless script runner: plays a parsed script (script.c) against an md_app on virtual time,
 * taps by label, checks what is on screen, writes screenshots and semantic trees. A failure prints
 * "FILE:LINE: reason" and stops the run.
 */
#include <SDL.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "app/app_internal.h"
#include "i18n/i18n.h"
#include "app/script.h"
#include "base/base.h"
#include "supervise/supervise.h"

/* ---------------------------------------------------------------- headless scripts */

/* Runs frames at the current virtual time until nothing more is pending (bounded). */
void md_app_settle(md_app *a)
{
    for (int i = 0; i < 4; i++) {
        md_app_build_frame(a);
        if (!a->dirty && !md_ui_wants_frame(a->ui))
            break;
    }
}

/* Advances virtual time by ms, building frames when timers are due or animations run, and
 * checking the locale packs and the RSS once per virtual second as the interactive loop does per
 * real second (a changed pack is taken at the second check that sees it unchanged). */
void md_app_advance(md_app *a, uint64_t ms)
{
    uint64_t target = a->virt_ms + ms;
    while (a->virt_ms < target) {
        int animating =
            a->dirty || md_ui_wants_frame(a->ui) || md_host_take_frame_request(a->plugins);
        uint64_t next = md_app_next_wakeup(a);
        if (animating && next > a->virt_ms + 16)
            next = a->virt_ms + 16;
        if (next <= a->virt_ms)
            next = a->virt_ms + 1;
        uint64_t poll_at = a->last_pack_poll_ms + 1000;
        if (poll_at <= a->virt_ms)
            poll_at = a->virt_ms + 1; /* overdue: check at once */
        if (poll_at < next && poll_at < target) {
            a->virt_ms = poll_at; /* a check, not a frame (unless a pack changed) */
            md_app_poll_packs(a, a->virt_ms);
            md_app_check_rss(a, a->virt_ms);
            if (a->dirty)
                md_app_build_frame(a);
            continue;
        }
        if (next >= target) {
            a->virt_ms = target; /* the settle below builds the frame at the target time */
            break;
        }
        a->virt_ms = next;
        md_app_pump_net(a);
        md_app_build_frame(a);
    }
    md_app_pump_net(a);
    md_app_poll_packs(a, a->virt_ms); /* as the interactive loop does, on virtual time */
    md_app_check_rss(a, a->virt_ms);
    md_app_settle(a);
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
        if (nd->visible && md_i18n_same_label(nd->label, label) &&
            (!interactive || nd->focusable)) {
            n++;
            if (last)
                *last = i;
        }
    }
    return n;
}

void md_app_tap(md_app *a, int x, int y)
{
    md_app_pointer(a, PTR_DOWN, x, y);
    a->virt_ms += 50;
    md_app_pointer(a, PTR_UP, x, y);
    md_app_settle(a);
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

static int cmd_size(md_app *a, const md_script *s, const md_script_cmd *c)
{
    a->win_w = c->w;
    a->win_h = c->h;
    md_app_update_size(a);
    if (!a->target)
        return fail(s, c, "cannot resize to %dx%d", c->w, c->h);
    md_app_settle(a);
    return 0;
}

static int cmd_tap_label(md_app *a, const md_script *s, const md_script_cmd *c)
{
    int last = -1;
    int n = count_visible(a, c->arg, 1, &last);
    if (n != 1) {
        char labels[1024];
        visible_labels(a, labels, sizeof labels);
        return fail(s, c,
                    "tap \"%s\": %d visible controls have this label (need exactly 1; "
                    "on screen %s: %s)",
                    c->arg, n, md_app_screen_name(a), labels);
    }
    md_ui_rect v = md_ui_node_at(a->ui, last)->vis;
    md_app_tap(a, v.x + v.w / 2, v.y + v.h / 2);
    return 0;
}

static int cmd_drag(md_app *a, const md_script_cmd *c)
{
    md_app_pointer(a, PTR_DOWN, c->x, c->y);
    int steps = c->ms / 16 > 1 ? c->ms / 16 : 1;
    for (int i = 1; i <= steps; i++) {
        a->virt_ms += (uint64_t)c->ms / (uint64_t)steps;
        md_app_pointer(a, PTR_MOVE, c->x + (c->x2 - c->x) * i / steps,
                       c->y + (c->y2 - c->y) * i / steps);
        md_app_build_frame(a);
    }
    md_app_pointer(a, PTR_UP, c->x2, c->y2);
    md_app_settle(a);
    return 0;
}

static int cmd_key(md_app *a, const md_script *s, const md_script_cmd *c)
{
    SDL_Keycode sym = 0;
    Uint16 mod = 0;
    if (parse_key(c->arg, &sym, &mod) < 0)
        return fail(s, c, "key %s: unknown key name", c->arg);
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = sym;
    e.key.keysym.mod = mod;
    md_app_handle_event(a, &e);
    md_app_settle(a);
    return 0;
}

static int cmd_quiet(md_app *a, const md_script *s, const md_script_cmd *c)
{
    long before = a->frames_built;
    md_app_advance(a, (uint64_t)c->ms);
    long n = a->frames_built - before;
    if (n > c->max_frames)
        return fail(s, c, "quiet %d %d: %ld frames were built", c->ms, c->max_frames, n);
    return 0;
}

static int cmd_expect(md_app *a, const md_script *s, const md_script_cmd *c)
{
    int n = count_visible(a, c->arg, 0, NULL);
    if (c->op == MD_SCRIPT_EXPECT_NOT && n != 0)
        return fail(s, c, "expect-not \"%s\": it is on screen %s", c->arg, md_app_screen_name(a));
    if (c->op == MD_SCRIPT_EXPECT && n == 0) {
        char labels[1024];
        visible_labels(a, labels, sizeof labels);
        return fail(s, c, "expect \"%s\": not on screen %s (visible: %s)", c->arg,
                    md_app_screen_name(a), labels);
    }
    return 0;
}

/* Beside every shot NAME.png: NAME.a11y-tree.json (the semantic tree) and NAME.a11y.json (the
 * modes in force and the screen's geometry), which md-a11y-lint reads to check the contrast and
 * size of every text and, in low-reach mode, where every control lies. */
static int write_a11y_sidecar(md_app *a, const char *out_dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.a11y-tree.json", out_dir, name);
    if (md_ui_write_tree_json(a->ui, path) < 0)
        return -1;
    snprintf(path, sizeof path, "%s/%s.a11y.json", out_dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    const md_a11y_modes *m = md_a11y_modes_get(a->a11y);
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    fprintf(f,
            "{\"high_contrast\": %d, \"large_text\": %d, \"low_reach\": %d, "
            "\"text_scale_pct\": %d, \"px_per_mm\": %.3f, \"panel_bottom_mm\": %d, "
            "\"screen_w\": %d, \"screen_h\": %d, \"rotate\": %d, \"screen\": \"%s\"}\n",
            m->high_contrast, m->large_text, m->low_reach, t->text_scale_pct, a->cfg.px_per_mm,
            a->cfg.panel_bottom_mm, a->w, a->h, a->rotate, md_app_screen_name(a));
    return fclose(f) == 0 ? 0 : -1;
}

/* shot, tree and wait-file: files in the output directory. */
static int cmd_file(md_app *a, const md_script *s, const md_script_cmd *c, const char *out_dir)
{
    char path[4096];
    switch (c->op) {
    case MD_SCRIPT_SHOT:
        snprintf(path, sizeof path, "%s/%s.png", out_dir, c->arg);
        md_app_render(a);
        if (md_app_write_png(a, path) < 0)
            return fail(s, c, "cannot write %s", path);
        if (write_a11y_sidecar(a, out_dir, c->arg) < 0)
            return fail(s, c, "cannot write the accessibility record of %s", c->arg);
        return 0;
    case MD_SCRIPT_TREE:
        snprintf(path, sizeof path, "%s/%s.json", out_dir, c->arg);
        if (md_ui_write_tree_json(a->ui, path) < 0)
            return fail(s, c, "cannot write %s", path);
        return 0;
    default: /* MD_SCRIPT_WAIT_FILE */
        /* Real time: lets a test driver change files (a locale pack) at this point. */
        snprintf(path, sizeof path, "%s/%s", out_dir, c->arg);
        for (int i = 0; !md_app_file_exists(path); i++) {
            if (i >= 600)
                return fail(s, c, "%s did not appear within 60 s", path);
            SDL_Delay(100);
        }
        return 0;
    }
}

static int run_cmd(md_app *a, const md_script *s, const md_script_cmd *c, const char *out_dir)
{
    switch (c->op) {
    case MD_SCRIPT_SIZE:
        return cmd_size(a, s, c);
    case MD_SCRIPT_LANG:
        if (md_app_set_language(a, c->arg) < 0)
            return fail(s, c, "lang %s: not an offered language", c->arg);
        md_app_settle(a);
        return 0;
    case MD_SCRIPT_TAP_LABEL:
        return cmd_tap_label(a, s, c);
    case MD_SCRIPT_TAP_XY:
        if (c->x >= a->w || c->y >= a->h)
            return fail(s, c, "tap %d %d is outside the %dx%d screen", c->x, c->y, a->w, a->h);
        md_app_tap(a, c->x, c->y);
        return 0;
    case MD_SCRIPT_DRAG:
        return cmd_drag(a, c);
    case MD_SCRIPT_KEY:
        return cmd_key(a, s, c);
    case MD_SCRIPT_WAIT:
        md_app_advance(a, (uint64_t)c->ms);
        return 0;
    case MD_SCRIPT_CLOCK:
        a->wall_offset_ms = c->when_ms - (VIRTUAL_EPOCH_MS + (int64_t)a->virt_ms);
        a->dirty = 1;
        md_app_settle(a);
        return 0;
    case MD_SCRIPT_QUIET:
        return cmd_quiet(a, s, c);
    case MD_SCRIPT_EXPECT:
    case MD_SCRIPT_EXPECT_NOT:
        return cmd_expect(a, s, c);
    case MD_SCRIPT_SCREEN:
        if (strcmp(md_app_screen_name(a), c->arg))
            return fail(s, c, "screen is %s, expected %s", md_app_screen_name(a), c->arg);
        return 0;
    case MD_SCRIPT_DRAW: /* pixels without a file: what memory and time figures want */
        md_app_render(a);
        return 0;
    case MD_SCRIPT_SHOT:
    case MD_SCRIPT_TREE:
    case MD_SCRIPT_WAIT_FILE:
        return cmd_file(a, s, c, out_dir);
    case MD_SCRIPT_SYNC: {
        char why[1024];
        if (md_app_sync_round(a, c->arg, why, sizeof why) < 0)
            return fail(s, c, "%s", why);
        md_app_settle(a);
        return 0;
    }
    default:
        return fail(s, c, "unsupported command");
    }
}

int md_app_run_script(md_app *a, const char *script_path, const char *out_dir)
{
    size_t n_bytes = 0;
    char *text = md_read_bounded(script_path, MD_FILE_SCRIPT, &n_bytes);
    if (!text) {
        fprintf(stderr, "%s:0: cannot read the script\n", script_path);
        return 1;
    }
    int nul_line = 0;
    if (md_text_find_nul(text, n_bytes, &nul_line) >= 0) {
        /* A NUL would end the script there and let it pass: it is an error instead. */
        fprintf(stderr, "%s:%d: NUL byte in the script\n", script_path, nul_line);
        md_free(text);
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
    if (out_dir && mkdir(out_dir, 0755) < 0 && !md_app_file_exists(out_dir)) {
        fprintf(stderr, "%s:0: cannot create the output directory %s\n", script_path, out_dir);
        md_script_free(&s);
        return 1;
    }
    md_app_settle(a);
    md_app_render(a);
    md_notify_ready(&a->notify); /* the first frame is drawn */
    rc = 0;
    for (int i = 0; i < s.n && rc == 0; i++) {
        rc = run_cmd(a, &s, &s.cmds[i], out_dir ? out_dir : ".");
        if (rc == 0 && a->restart_now) {
            /* Above the RSS ceiling and back at attract: restart cleanly; a supervisor runs the
             * script again from the start. */
            fprintf(stderr, "%s:%d: clean restart for memory (exit %d)\n", s.name, s.cmds[i].line,
                    MD_EXIT_RESTART);
            rc = MD_EXIT_RESTART;
        } else if (rc == 0 && a->stop && *a->stop) {
            md_log(MD_LOG_INFO, "APP", "stopping (SIGTERM) at %s:%d", s.name, s.cmds[i].line);
            break;
        }
    }
    md_script_free(&s);
    return rc;
}
