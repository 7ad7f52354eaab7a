/* The madang program: window or headless surface, event-driven main loop, the visitor flow
 * (attract -> languages -> home -> plugin, idle warning and reset), the headless script runner
 * and the benchmark mode. main.c parses options and does the process-wide set-up (signals, SDL
 * hints, SDL_Init/SDL_Quit), so several md_app can live in one process (one at a time on screen).
 */
#ifndef MD_APP_H
#define MD_APP_H

#include <signal.h>
#include <stdint.h>

#include "config/config.h"

typedef struct md_app md_app;

typedef struct md_app_options {
    const char *config_path; /* NULL = MD_CONFIG_DEFAULT_PATH, then built-in defaults */
    int headless;            /* offscreen driver, software renderer, virtual clock */
    int windowed;            /* 0 = fullscreen */
    int width, height;       /* window or headless size; 0 = from the config */
    int rotate;              /* -1 = from the config */
    uint64_t start_ns;       /* md_time_ns() at process start, for the first-frame figure */
    const volatile sig_atomic_t *stop; /* md_app_run returns once *stop != 0; NULL = never */
    const char *speech_log; /* --speech-log FILE: one JSON line per utterance, no audio */
    int renderer;           /* 0 = from the config (renderer =), 1 software, 2 GL (--renderer) */
} md_app_options;

md_app *md_app_create(const md_app_options *opt);
void md_app_destroy(md_app *app);
/* Runs the interactive loop until *opt->stop (main sets it on SIGTERM) or the window closes when
 * kiosk = no. */
int md_app_run(md_app *app);
/* Runs a script headless; returns 0, or 1 after printing "FILE:LINE: reason" to stderr. */
int md_app_run_script(md_app *app, const char *script_path, const char *out_dir);
/* Draws the current frame to the window or offscreen surface, as the loop does after a change
 * (for benchmarks that time a change through to pixels). */
void md_app_render(md_app *app);
/* Prints the benchmark lines. */
int md_app_bench(md_app *app, int n_frames);
/* madang --bench-start: draws the first frame and prints "md-ready first-frame", then shows home
 * in the default language (as if a visitor had tapped through), handles pending input and prints
 * "md-ready home" (stdout, flushed), for bench/launch, which times both from before exec. */
int md_app_bench_start(md_app *app);
/* madang --bench-frames: frame p50/p99 (build + draw) of the physical floor (one full-screen
 * texture copy), home, and for each "NAME=SCRIPT" the screen SCRIPT leads to while a finger
 * scrolls it; "bench frame_NAME_p50 MS ms" lines. Returns 0, or 1 if a script failed. */
int md_app_bench_frames(md_app *app, int n_frames, char *const *specs, int n_specs);

/* Maps a window pixel to UI coordinates for a picture rotated clockwise by rotate degrees
 * (touch follows the picture on portrait kiosks). */
void md_app_window_to_ui(int rotate, int win_w, int win_h, int wx, int wy, int *lx, int *ly);

/* For tests and the script runner. */
const char *md_app_screen_name(md_app *app); /* "attract", "home", "plugin:<id>", ... */
const md_config *md_app_config(const md_app *app);

#endif /* MD_APP_H */
