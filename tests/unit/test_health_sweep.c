/* Issue 9, items 6 and 7: walks every screen of the health guide in all 17 languages, in landscape
 * (1920x1080) and portrait (1080x1920), through the real kiosk (flow, host, UI, text engine; no
 * pictures: semantic trees only, to stay fast). From each screen it activates every control it has
 * not activated yet in that run (a tile, a button, a list row), checks the screen it lands on, and
 * comes back with the guide's own Back; then again at 200% text (issue 14) in English and the tall
 * and right-to-left scripts. On every screen it fails on a tile, button or list label
 * that is cut ("truncated" in the tree), a tile icon under 10 mm, and text a visitor must read set
 * below 4.8 mm capital height.
 */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "a11y/a11y.h"
#include "app/app.h"
#include "app/app_internal.h"
#include "check.h"
#include "headless_app.h"
#include "host/host.h"
#include "i18n/i18n.h"
#include "ui/ui.h"
#include "ui/ui_internal.h" /* keypad focus, to activate a control scrolled out of view */

#define ID "kr.go.ansan.health"
enum { MAX_SEEN = 2048, MAX_PATH_LEN = 24, LABEL_CAP = 512 };

typedef struct sweep {
    md_app *a;
    const char *lang;
    int w, h;
    /* labels activated in this run, and screens seen */
    char (*tapped)[LABEL_CAP];
    int n_tapped;
    unsigned screens[MAX_SEEN];
    int n_screens;
    int n_problems;
    char dbg_label[LABEL_CAP];
    int dbg_focus;
    long n_taps;
} sweep;

static unsigned hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The screen: the plugin area's first heading or notice (else its first node). */
static unsigned screen_sig(md_app *a, char *name, size_t cap)
{
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    const char *first = NULL;
    for (int i = 0; i < md_ui_node_count(a->ui); i++) {
        const md_ui_node *n = md_ui_node_at(a->ui, i);
        if (n->rect.y < t->bar_px && n->role != MD_UI_ROLE_HEADING)
            continue; /* the top bar */
        if (n->rect.y < t->bar_px)
            continue;
        if (!first)
            first = n->label;
        if (n->role == MD_UI_ROLE_HEADING || n->role == MD_UI_ROLE_ALERT) {
            first = n->label;
            break;
        }
    }
    snprintf(name, cap, "%s", first ? first : "");
    return hash(name);
}

static void settle(md_app *a)
{
    for (int i = 0; i < 3; i++) {
        a->virt_ms += 20;
        md_app_settle(a);
        if (!md_ui_wants_frame(a->ui) && !a->dirty)
            break;
    }
}

/* Activates the focusable node i (through keypad focus: it may be scrolled out of view). */
static void activate(sweep *s, int i)
{
    md_app *a = s->a;
    const md_ui_node *n = md_ui_node_at(a->ui, i);
    a->ui->focus = n->focus_index;
    snprintf(s->dbg_label, sizeof s->dbg_label, "%s", n->label);
    s->dbg_focus = n->focus_index;
    md_ui_key_press(a->ui, MD_UI_KEY_ACTIVATE);
    a->dirty = 1;
    a->last_input_ms = md_app_now_ms(a);
    settle(a);
    s->n_taps++;
    if (getenv("MD_SWEEP_DEBUG")) {
        char now[LABEL_CAP];
        screen_sig(a, now, sizeof now);
        fprintf(stderr, "   tap [%s] f%d -> %s\n", s->dbg_label, s->dbg_focus, now);
    }
}

static void check_screen(sweep *s, const char *screen)
{
    md_app *a = s->a;
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    for (int i = 0; i < md_ui_node_count(a->ui); i++) {
        const md_ui_node *n = md_ui_node_at(a->ui, i);
        const char *why = NULL;
        if ((n->role == MD_UI_ROLE_TILE || n->role == MD_UI_ROLE_BUTTON ||
             n->role == MD_UI_ROLE_LIST_ITEM) &&
            n->truncated)
            why = "label cut";
        else if (n->role == MD_UI_ROLE_TILE && n->icon_px >= 0 && n->icon_px < t->icon_min_px)
            why = "icon under 10 mm";
        else if (n->font_px > 0 && n->font_px < t->min_text_px)
            why = "text under 4.8 mm capitals";
        if (why && s->n_problems < 40) {
            fprintf(stderr, "  FAIL %s %dx%d, screen \"%s\": %s %s \"%s\" (%d px, icon %d)\n",
                    s->lang, s->w, s->h, screen, md_ui_role_name(n->role), why, n->label,
                    n->font_px, n->icon_px);
            check_case_failed_ = 1;
        }
        if (why)
            s->n_problems++;
    }
}

static int was_tapped(sweep *s, const char *label)
{
    for (int i = 0; i < s->n_tapped; i++)
        if (!strcmp(s->tapped[i], label))
            return 1;
    return 0;
}

static int find_back(md_app *a)
{
    for (int i = 0; i < md_ui_node_count(a->ui); i++) {
        const md_ui_node *n = md_ui_node_at(a->ui, i);
        if (n->focusable && n->msgid && !strcmp(n->msgid, "Back"))
            return i;
    }
    return -1;
}

static void open_guide(md_app *a)
{
    md_app_go(a, SCREEN_HOME);
    a->plugin = md_host_find(a->plugins, ID);
    md_host_enter(a->plugin);
    md_app_go(a, SCREEN_PLUGIN);
    settle(a);
}

/* Replays the taps of path (labels) from the guide's first screen. */
static void replay(sweep *s, char (*path)[LABEL_CAP], int depth)
{
    open_guide(s->a);
    for (int d = 0; d < depth; d++)
        for (int i = 0; i < md_ui_node_count(s->a->ui); i++) {
            const md_ui_node *n = md_ui_node_at(s->a->ui, i);
            if (n->focusable && !strcmp(n->label, path[d])) {
                activate(s, i);
                break;
            }
        }
}

static void explore(sweep *s, char (*path)[LABEL_CAP], int depth)
{
    md_app *a = s->a;
    char name[LABEL_CAP];
    unsigned sig = screen_sig(a, name, sizeof name);
    for (int i = 0; i < s->n_screens; i++)
        if (s->screens[i] == sig) {
            if (getenv("MD_SWEEP_DEBUG"))
                fprintf(stderr, "   seen: %s\n", name);
            return;
        }
    if (s->n_screens < MAX_SEEN)
        s->screens[s->n_screens++] = sig;
    if (getenv("MD_SWEEP_DEBUG"))
        fprintf(stderr, "%s %dx%d depth %d: %s (%d nodes)\n", s->lang, s->w, s->h, depth, name,
                md_ui_node_count(a->ui));
    check_screen(s, name);
    if (depth >= MAX_PATH_LEN)
        return;
    const md_ui_theme *t = md_ui_theme_get(a->ui);
    int toggles = 0; /* rows that only select (the card's symptoms): two are enough */
    for (;;) {
        /* The next control on this screen not activated yet in this run. */
        int next = -1;
        for (int i = 0; i < md_ui_node_count(a->ui) && next < 0; i++) {
            const md_ui_node *n = md_ui_node_at(a->ui, i);
            if (!n->focusable || n->rect.y < t->bar_px) /* not the top bar's Home, Language */
                continue;
            if (n->msgid && !strcmp(n->msgid, "Back"))
                continue;
            if (n->role == MD_UI_ROLE_LIST_ITEM && toggles >= 2)
                continue;
            if (!was_tapped(s, n->label))
                next = i;
        }
        if (next < 0 || s->n_tapped >= MAX_SEEN) {
            if (getenv("MD_SWEEP_DEBUG"))
                for (int i = 0; i < md_ui_node_count(a->ui); i++) {
                    const md_ui_node *n = md_ui_node_at(a->ui, i);
                    if (n->focusable)
                        fprintf(stderr, "   done %s: [%s] y=%d\n", name, n->label, n->rect.y);
                }
            return;
        }
        snprintf(s->tapped[s->n_tapped++], LABEL_CAP, "%s", md_ui_node_at(a->ui, next)->label);
        snprintf(path[depth], LABEL_CAP, "%s", md_ui_node_at(a->ui, next)->label);
        activate(s, next);
        char now_name[LABEL_CAP];
        if (screen_sig(a, now_name, sizeof now_name) == sig) {
            toggles += md_ui_node_at(a->ui, next)->role == MD_UI_ROLE_LIST_ITEM;
            continue; /* a toggle or a selection: still this screen */
        }
        explore(s, path, depth + 1);
        /* Back to this screen: the guide's Back, else replay the path from its first screen. */
        int back = find_back(a);
        if (back >= 0)
            activate(s, back);
        if (screen_sig(a, now_name, sizeof now_name) != sig)
            replay(s, path, depth);
        if (screen_sig(a, now_name, sizeof now_name) != sig) {
            if (getenv("MD_SWEEP_DEBUG"))
                fprintf(stderr, "  cannot reach %s again (at %s)\n", name, now_name);
            return; /* this screen cannot be reached again (it depended on a toggle) */
        }
    }
}

static void sweep_all(const char *conf, int large, long *screens, long *taps);

static void test_every_screen_every_language(void)
{
    const char *b = getenv("MD_BUILD");
    char build[512];
    snprintf(build, sizeof build, "%s/%s", MD_DATA_DIR, b && b[0] ? b : "build");
    if (b && b[0] == '/')
        snprintf(build, sizeof build, "%s", b);
    char dir[] = "/tmp/md-health-sweep-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char plugins[600], so[600], link[700], conf[600], text[4096];
    snprintf(plugins, sizeof plugins, "%s/plugins", dir);
    snprintf(so, sizeof so, "%s/plugins/health.so", build);
    snprintf(link, sizeof link, "%s/health.so", plugins);
    CHECK(mkdir(plugins, 0755) == 0);
    CHECK(symlink(so, link) == 0);
    snprintf(conf, sizeof conf, "%s/kiosk.conf", dir);
    snprintf(text, sizeof text,
             "[kiosk]\nplugin_dir = %s\nstorage_dir = %s/storage\nlocales_dir = %s/locales\n"
             "fonts = %s/fonts/fonts.conf\npx_per_mm = 4.5\ndefault_language = ko\n"
             "idle_timeout_s = 86400\n"
             "[plugin." ID "]\ncontent_dir = %s/plugins/health/content\nlatitude = 37.32980\n"
             "longitude = 126.79050\n",
             plugins, dir, MD_DATA_DIR, MD_DATA_DIR, MD_DATA_DIR);
    CHECK_INT(md_test_write_file(conf, text), 0);
    long screens = 0, taps = 0;
    sweep_all(conf, 0, &screens, &taps);
    printf("health sweep: %ld screens, %ld activations\n", screens, taps);
    screens = taps = 0;
    sweep_all(conf, 1, &screens, &taps);
    printf("health sweep at 200%% text: %ld screens, %ld activations\n", screens, taps);
    char rm[300];
    snprintf(rm, sizeof rm, "rm -rf '%s'", dir);
    CHECK_INT(system(rm), 0);
}

/* Large text (issue 14): the same walk at 200% in the tall and right-to-left scripts and English;
 * nothing may be cut and no text falls below twice the floor. */
static int in_large_set(const char *lang)
{
    static const char *const tall[] = {"en", "my", "si", "ur", "km", "ne", "th", "bn"};
    for (size_t i = 0; i < sizeof tall / sizeof tall[0]; i++)
        if (!strcmp(lang, tall[i]))
            return 1;
    return 0;
}

static void sweep_all(const char *conf, int large, long *screens, long *taps)
{
    const int sizes[2][2] = {{1920, 1080}, {1080, 1920}};
    for (int z = 0; z < 2; z++) {
        md_app *a = md_test_headless_app(conf, sizes[z][0], sizes[z][1]);
        CHECK(a != NULL);
        if (!a)
            continue;
        CHECK(md_host_find(a->plugins, ID) != NULL);
        CHECK_INT(a->langs.n, 17);
        for (int l = 0; l < a->langs.n && md_host_find(a->plugins, ID); l++) {
            const char *only = getenv("MD_SWEEP_LANG"); /* for a person debugging one language */
            if (only && strcmp(only, a->langs.code[l]) != 0)
                continue;
            if (large && !in_large_set(a->langs.code[l]))
                continue;
            sweep s = {.a = a, .lang = a->langs.code[l], .w = sizes[z][0], .h = sizes[z][1]};
            s.tapped = calloc(MAX_SEEN, sizeof *s.tapped);
            char(*path)[LABEL_CAP] = calloc(MAX_PATH_LEN + 1, sizeof *path);
            md_app_set_language(a, s.lang);
            a->lang_chosen = 1;
            md_host_reset_all(a->plugins);
            md_a11y_modes_get(a->a11y)->large_text = large;
            md_app_apply_modes(a);
            open_guide(a);
            explore(&s, path, 0);
            /* Every kind of screen was reached: home, who, age, areas, symptoms, a result, the
             * emergency screen, departments, a clinic list and a clinic, the card's questions and
             * the card, help and a help line. */
            if (s.n_screens < 40) {
                fprintf(stderr, "  FAIL %s %dx%d: only %d screens reached\n", s.lang, s.w, s.h,
                        s.n_screens);
                check_case_failed_ = 1;
            }
            *screens += s.n_screens;
            *taps += s.n_taps;
            free(path);
            free(s.tapped);
        }
        md_app_destroy(a);
    }
}

int main(void)
{
    if (md_test_headless_init() != 0)
        return 1;
    RUN(test_every_screen_every_language);
    SDL_Quit();
    return check_summary();
}
