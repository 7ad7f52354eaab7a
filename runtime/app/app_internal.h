/* Private to runtime/app: the md_app structure and the functions its files share. The files:
 *   app.c          create/destroy and the interactive main loop
 *   flow.c         the visitor flow (attract -> languages -> home -> plugin, idle reset), screens
 *   platform_sdl.c SDL window, renderer, input events, drawing to the window, screenshots, clock
 *   script_run.c   the headless script runner (script.c parses)
 *   bench.c        the benchmark mode
 * Nothing here is part of app.h; other modules must not include this header.
 */
#ifndef MD_APP_INTERNAL_H
#define MD_APP_INTERNAL_H

#include <signal.h>
#include <stdint.h>

#include "app/app.h"
#include "config/config.h"
#include "host/host.h"
#include "i18n/i18n.h"
#include "speech/speech.h"
#include "text/text.h"
#include "ui/ui.h"

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Texture;
union SDL_Event;

enum { SCREEN_NONE = 0, SCREEN_ATTRACT, SCREEN_LANGUAGES, SCREEN_HOME, SCREEN_PLUGIN };
enum { ATTRACT_CYCLE_MS = 3000 };
enum { PTR_DOWN = 1, PTR_MOVE, PTR_UP };

/* Wall clock of the virtual epoch in headless runs: 2026-03-01T00:00:00Z. */
#define VIRTUAL_EPOCH_MS 1772323200000LL

struct md_app {
    md_config cfg;
    md_i18n *i18n;
    md_text *text;
    md_ui *ui;
    md_plugins *plugins;
    md_speech *speech;
    struct SDL_Window *win;
    struct SDL_Renderer *ren;
    struct SDL_Texture *target;     /* the UI at logical size (rotated or headless runs) */
    struct SDL_Texture *win_target; /* headless and rotated: the picture the window would show */
    int headless;
    int use_gl; /* the accelerated (GL) renderer was asked for: --renderer gl or renderer = gl */
    int rotate;
    int win_w, win_h; /* output in pixels */
    int w, h;         /* logical UI size (rotated) */
    uint64_t virt_ms;
    int64_t wall_offset_ms; /* headless: set by the script's clock command */
    uint64_t start_ns;
    const volatile sig_atomic_t *stop; /* md_app_run ends when *stop != 0 (may be NULL) */

    /* flow */
    int screen, return_screen;
    int idle_warning;
    int swallow_up; /* the tap that dismissed the idle warning does not reach the UI */
    uint64_t last_input_ms, warn_start_ms;
    uint64_t attract_start_ms;  /* start of the language cycle (attract, and the picker before a
                                   choice) */
    int lang_chosen;            /* the visitor picked a language in this session */
    int confirm_start_over;     /* the "Start over?" question is up */
    uint64_t last_pack_poll_ms; /* when the locale packs were last checked for changes */
    md_plugin_ctx *plugin;
    md_lang_list langs; /* offered, in order (md_app_build_language_list) */
    char default_lang[MD_LANG_CODE_MAX + 1];
    int pending; /* an action decided inside a frame, applied after it */
    char pending_arg[MD_LANG_CODE_MAX + 1];
    md_plugin_ctx *pending_plugin;

    int dirty;
    int quit;
    long frames_built;
    char screen_name[200];
    int finger_id_valid;
    long long finger_id;
};

enum {
    ACT_NONE = 0,
    ACT_LANGUAGES,
    ACT_SET_LANG,
    ACT_HOME,
    ACT_OPEN,
    ACT_START_OVER,
    ACT_CONTINUE,
    ACT_ASK_START_OVER /* home's Start over: asks first */
};

/* flow.c */
int md_app_set_language(md_app *a, const char *code);
void md_app_go(md_app *a, int screen);
void md_app_apply_pending(md_app *a);
void md_app_back(md_app *a);
uint64_t md_app_next_wakeup(md_app *a);
/* Builds one frame (no drawing). */
void md_app_build_frame(md_app *a);
void md_app_pointer(md_app *a, int kind, int x, int y);
void md_app_build_language_list(md_app *a);

/* platform_sdl.c */
uint64_t md_app_now_ms(const md_app *a);
/* Opens the window (hidden offscreen one when headless) and its renderer and render targets.
 * Returns 0 or -1 (logged); md_app_platform_close frees what was made either way. */
int md_app_platform_open(md_app *a, int windowed);
void md_app_platform_close(md_app *a);
/* Waits up to timeout_ms for input and handles every event that arrived. */
void md_app_platform_wait(md_app *a, int timeout_ms);
void md_app_handle_event(md_app *a, const union SDL_Event *e);
void md_app_update_size(md_app *a);
int md_app_write_png(md_app *a, const char *path);

/* app.c */
void md_app_poll_packs(md_app *a, uint64_t now);
int md_app_file_exists(const char *path);

/* script_run.c */
/* Runs frames at the current virtual time until nothing more is pending (bounded). */
void md_app_settle(md_app *a);

#endif /* MD_APP_INTERNAL_H */
