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

#include "a11y/a11y.h"
#include "app/app.h"
#include "config/config.h"
#include "crash/crash.h"
#include "host/host.h"
#include "hub/hub.h"
#include "net/net.h"
#include "i18n/i18n.h"
#include "speech/speech.h"
#include "staff/staff.h"
#include "sync/sync.h"
#include "text/text.h"
#include "ui/ui.h"

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Texture;
union SDL_Event;

enum {
    SCREEN_NONE = 0,
    SCREEN_ATTRACT,
    SCREEN_LANGUAGES,
    SCREEN_HOME,
    SCREEN_PLUGIN,
    SCREEN_PIN,  /* staff mode: the PIN pad (staff_screen.c) */
    SCREEN_STAFF /* staff mode: the staff screen */
};
enum { MD_APP_LOG_LINES = 50, MD_APP_LOG_LINE_BYTES = 240 };
enum {
    STAFF_ACT_NONE = 0,
    STAFF_ACT_CHECK_PIN,
    STAFF_ACT_CLOSE,
    STAFF_ACT_LIFT,
    STAFF_ACT_RESTART
};
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
    md_net *net;       /* plugins' HTTP and the hub client; NULL if it could not start */
    md_hub *hub;       /* NULL when [hub] is not configured (or configured wrongly) */
    long hub_changes;  /* md_hub_changes when last looked: a new answer redraws */
    long net_finished; /* md_net_finished when last looked: a plugin's answer redraws */
    md_a11y *a11y;
    struct SDL_Window *win;
    struct SDL_Renderer *ren;
    struct SDL_Texture *target;     /* the UI at logical size (rotated or headless runs) */
    struct SDL_Texture *win_target; /* headless and rotated: the picture the window would show */
    int headless;
    int use_gl; /* the accelerated (GL) renderer was asked for: --renderer gl or renderer = gl */
    int rotate;
    int win_w, win_h; /* output in pixels */
    int w, h;         /* logical UI size (rotated) */
    int bar_h;        /* the top bar's height in this frame (it grows for large text) */
    int lay_y, lay_h; /* the band the screens are laid out in: all of h, or the low-reach part */
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

    /* crash-only (docs/OPERATIONS.md) */
    md_notify notify;           /* systemd: READY=1 after the first frame, WATCHDOG=1 per loop */
    uint64_t last_rss_check_ms; /* the RSS is checked once a second */
    uint64_t rss_peak_bytes;
    int restart_pending;   /* above the RSS ceiling: restart at the next attract screen */
    int restart_now;       /* the loop or the script runner returns MD_EXIT_RESTART */
    int crash_guard;       /* md_crash_install succeeded */
    int packs_switched;    /* sync switched the locale packs: reload without the settle */
    int fullscreen_locked; /* kiosk and fullscreen: a minimised window comes back at once */
    struct SDL_Texture *no_font_tex; /* the "no font" message, made on first need */
    int no_font_w, no_font_h;
    int restart_by_staff; /* the restart was asked for on the staff screen (not journalled) */

    /* staff mode (staff_screen.c) */
    md_staff *staff;
    uint64_t staff_hold_ms; /* when a press began in the top-left corner of attract, 0 = none */
    char pin[16];           /* the PIN being typed; wiped after each try */
    char pin_message[160];
    int pending_staff; /* STAFF_ACT_*, applied after the frame */
    char log_lines[MD_APP_LOG_LINES][MD_APP_LOG_LINE_BYTES]; /* the last log lines, a ring */
    long log_next;

    int dirty;
    int quit;
    long frames_built;
    char screen_name[200];
    int finger_id_valid;
    long long finger_id;

    /* sync (app_sync.c); NULL when there is no [sync] */
    md_sync *sync;
    md_sync_settings *sync_settings;
    char sync_plugin_dir[4096];
    /* accessibility */
    int a11y_open;    /* the accessibility panel is showing */
    int a11y_opening; /* the panel opened this frame: it takes the keypad focus */
    int explore_down; /* speech mode: a finger is down and not yet a drag */
    int explore_drag; /* speech mode: the finger moved far enough to scroll */
    int explore_x, explore_y;
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
/* Applies the accessibility modes: theme (high contrast, large text) and the low-reach band. */
void md_app_apply_modes(md_app *a);
/* A speech key (repeat, stop, volume, rate) from the keypad. */
void md_app_a11y_key(md_app *a, md_a11y_key key);

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
/* After a window event: in kiosk fullscreen, a minimised, hidden or windowed window is put back. */
void md_app_keep_fullscreen(md_app *a, int window_event);
int md_app_write_png(md_app *a, const char *path);
/* Called from the network thread when a request finished: wakes the event loop. */
void md_app_platform_wake(void *app);

/* app.c */
/* Counts one anonymous use event for the hub (nothing when no hub is configured). */
void md_app_count(md_app *a, md_hub_metric metric, const char *key);
/* Lets the hub client start and collect requests; marks the frame dirty when an answer arrived.
 * Never blocks. */
void md_app_hub_tick(md_app *a);
/* Headless only: also waits (real time, bounded) until the network is idle, so scripts see
 * answers deterministically. */
void md_app_pump_net(md_app *a);
void md_app_poll_packs(md_app *a, uint64_t now);
/* Once a second: the RSS against the configured ceiling (restart_pending), and on the attract
 * screen the clean restart itself (restart_now). */
void md_app_check_rss(md_app *a, uint64_t now);
/* The visitor is gone (attract screen): if a restart is pending, journal it and set restart_now. */
void md_app_restart_if_pending(md_app *a);
int md_app_file_exists(const char *path);

/* staff_screen.c */
void md_app_log_ring_start(md_app *a); /* the log sink: stderr as before, plus the ring */
void md_app_log_ring_stop(md_app *a);
/* On the attract screen: 1 if this pointer event completed the staff gesture (the PIN pad
 * opens). */
int md_app_staff_gesture(md_app *a, int kind, int x, int y);
/* 1 while a staff screen is open (and goes back to attract after staff_timeout_s idle). */
int md_app_staff_tick(md_app *a, uint64_t now);
void md_app_screen_pin(md_app *a);
void md_app_screen_staff(md_app *a);
void md_app_staff_apply(md_app *a);
/* app_sync.c */
/* Reads [sync] and creates the sync (not started); fills synced for the host. 0 (also when sync
 * is off), -1 (logged) when [sync] is unusable: the kiosk runs on what it has. */
int md_app_sync_open(md_app *a, md_host_synced *synced);
void md_app_sync_start(md_app *a);
void md_app_sync_close(md_app *a);
/* Main thread: after a switch, validate and reload, or flip back. Cheap when nothing happened. */
void md_app_sync_poll(md_app *a);
/* The script's `sync`: one round on the sync thread, waited for, then md_app_sync_poll. 0, or -1
 * with the reason when it did not finish or its outcome is not expect (NULL = any). */
int md_app_sync_round(md_app *a, const char *expect, char *err, size_t err_cap);
/* The wall clock in ms (virtual in headless runs). */
int64_t md_app_wall_ms(md_app *a);

/* script_run.c */
/* Runs frames at the current virtual time until nothing more is pending (bounded). */
void md_app_settle(md_app *a);
/* Advances virtual time by ms as the script's wait does; a tap as the script's tap X Y does. */
void md_app_advance(md_app *a, uint64_t ms);
void md_app_tap(md_app *a, int x, int y);

#endif /* MD_APP_INTERNAL_H */
