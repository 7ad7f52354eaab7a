/* madang: the kiosk program. Parses the command line, does the process-wide set-up (signal
 * handlers, SDL hints, SDL_Init/SDL_Quit) and hands over to runtime/app/app.c.
 *   madang [--config FILE] [--windowed [WxH]] [--rotate 0|90|180|270]
 *   madang --headless --script FILE --out DIR [--size WxH] [--config FILE] [--speech-log FILE]
 *   madang --bench [--size WxH] [--config FILE]
 *   madang --bench-start [--headless | --windowed WxH] [--renderer software|gl] [--config FILE]
 *   madang --bench-frames [--size WxH | --windowed WxH] [--config FILE] [NAME=SCRIPT]...
 *   madang --supervise ARGS...          (runtime/supervise)
 *   madang --set-staff-pin [--config FILE]   (PIN on stdin; runtime/staff)
 */
#include <SDL.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <unistd.h>

#include "app/app.h"
#include "base/base.h"
#include "staff/staff.h"
#include "supervise/supervise.h"

static volatile sig_atomic_t g_term = 0; /* SIGTERM: the one way to stop a kiosk */

/* The signal handler (the one global STYLE allows): md_app_run watches g_term. */
static void on_term(int sig)
{
    (void)sig;
    g_term = 1;
}

/* Process-wide set-up before the first md_app: signal handlers and SDL. Returns 0 or -1 (logged).
 */
static int process_init(int headless)
{
    if (headless) {
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        /* The software renderer draws into the window's own surface: without this SDL would
         * back that surface with a GLES texture and load EGL and Mesa (~90 MB) for nothing. */
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    }
    /* Our own handlers, installed before the slow part of start-up: a SIGTERM that arrives while
     * fonts and packs load must still stop the kiosk as soon as the loop starts. SDL's handlers
     * would turn it into SDL_QUIT, which kiosk lockdown ignores. SIGINT is set once the
     * configuration says whether this is a locked-down kiosk (main, after md_app_create). */
    signal(SIGTERM, on_term);
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");
    SDL_SetHint(SDL_HINT_ALLOW_ALT_TAB_WHILE_GRABBED, "0");
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        md_log(MD_LOG_ERROR, "APP", "SDL_Init failed: %s", SDL_GetError());
        return -1;
    }
    return 0;
}

static int usage(void)
{
    fprintf(stderr,
            "usage: madang [--config FILE] [--windowed [WxH]] [--rotate 0|90|180|270]\n"
            "       madang --headless --script FILE --out DIR [--size WxH] [--config FILE]\n"
            "                     [--speech-log FILE]\n"
            "       madang --bench [--size WxH] [--frames N] [--config FILE]\n"
            "       madang --bench-start [--headless | --windowed WxH] [--config FILE]\n"
            "       madang --bench-frames [--size WxH | --windowed WxH] [--config FILE]\n"
            "                     [NAME=SCRIPT]...\n"
            "       (any of them: --renderer software|gl, default from the configuration)\n"
            "       madang --supervise ARGS...      (restart the kiosk after a crash)\n"
            "       madang --set-staff-pin [--config FILE]   (reads the PIN from stdin)\n"
            "--windowed without WxH opens a window of the configuration's width and height.\n"
            "The default configuration is %s; when it is missing, a development build uses\n"
            "%s (the kiosk of `make run`), else built-in defaults.\n",
            MD_CONFIG_DEFAULT_PATH, MD_DATA_DIR "/config/dev.conf");
    return 2;
}

/* The path of the staff PIN's hash for a configuration. */
static int staff_pin_path(const char *config_path, char *out, size_t cap)
{
    md_config cfg;
    int rc = config_path ? md_config_load(&cfg, config_path, MD_DATA_DIR)
             : access(MD_CONFIG_DEFAULT_PATH, R_OK) == 0
                 ? md_config_load(&cfg, MD_CONFIG_DEFAULT_PATH, MD_DATA_DIR)
                 : md_config_defaults(&cfg, MD_DATA_DIR);
    if (rc < 0 && !cfg.storage_dir)
        return -1;
    /* docs/OPERATIONS.md: the hash lives in storage, which survives image updates. */
    snprintf(out, cap, "%s/staff-pin", cfg.storage_dir);
    mkdir(cfg.storage_dir, 0755); /* the one level the hash needs; EEXIST is fine */
    md_config_free(&cfg);
    return 0;
}

/* madang --set-staff-pin: one line of digits on stdin, stored as an argon2id hash. */
static int set_staff_pin(const char *config_path)
{
    char path[4096];
    if (staff_pin_path(config_path, path, sizeof path) < 0)
        return 1;
    char pin[64] = "";
    if (!fgets(pin, sizeof pin, stdin)) {
        fprintf(stderr, "madang: --set-staff-pin reads the PIN from stdin; nothing came\n");
        return 1;
    }
    pin[strcspn(pin, "\r\n")] = '\0';
    char why[512] = "";
    int rc = md_staff_pin_set(path, pin, why, sizeof why);
    memset(pin, 0, sizeof pin);
    if (rc < 0) {
        fprintf(stderr, "madang: staff PIN not set: %s\n", why);
        return 1;
    }
    printf("madang: staff PIN set (argon2id hash in %s)\n", path);
    return 0;
}

/* What the command line asks for (besides --supervise and --set-staff-pin). */
typedef struct cli {
    md_app_options opt;
    const char *script, *out;
    int bench, frames;
    int bench_start, bench_frames, n_specs;
    char *specs[32];
} cli;

/* Reads the options into c. 0, or the exit status for a bad command line (usage printed). */
static int parse_options(int argc, char **argv, cli *c)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(arg, "--config") && val) {
            c->opt.config_path = val;
            i++;
        } else if (!strcmp(arg, "--windowed") && (!val || !strncmp(val, "--", 2))) {
            c->opt.windowed = 1; /* the configuration's size */
        } else if ((!strcmp(arg, "--windowed") || !strcmp(arg, "--size")) && val) {
            if (md_parse_size(val, &c->opt.width, &c->opt.height, NULL) < 0) {
                fprintf(stderr, "madang: %s wants WxH, e.g. 1280x800, not \"%s\"\n", arg, val);
                return 2;
            }
            if (!strcmp(arg, "--windowed"))
                c->opt.windowed = 1;
            i++;
        } else if (!strcmp(arg, "--rotate") && val) {
            char *end = NULL;
            long r = strtol(val, &end, 10);
            if (end == val || *end || (r != 0 && r != 90 && r != 180 && r != 270)) {
                fprintf(stderr, "madang: --rotate wants 0, 90, 180 or 270, not \"%s\"\n", val);
                return 2;
            }
            c->opt.rotate = (int)r;
            i++;
        } else if (!strcmp(arg, "--speech-log") && val) {
            c->opt.speech_log = val;
            i++;
        } else if (!strcmp(arg, "--headless")) {
            c->opt.headless = 1;
        } else if (!strcmp(arg, "--script") && val) {
            c->script = val;
            i++;
        } else if (!strcmp(arg, "--out") && val) {
            c->out = val;
            i++;
        } else if (!strcmp(arg, "--bench")) {
            c->bench = 1;
            c->opt.headless = 1;
        } else if (!strcmp(arg, "--frames") && val) {
            c->frames = atoi(val);
            i++;
        } else if (!strcmp(arg, "--renderer") && val) {
            if (strcmp(val, "software") && strcmp(val, "gl")) {
                fprintf(stderr, "madang: --renderer wants software or gl, not \"%s\"\n", val);
                return 2;
            }
            c->opt.renderer = !strcmp(val, "gl") ? 2 : 1;
            i++;
        } else if (!strcmp(arg, "--bench-start")) {
            c->bench_start = 1;
        } else if (!strcmp(arg, "--bench-frames")) {
            c->bench_frames = 1;
        } else if (c->bench_frames && strchr(arg, '=') && arg[0] != '-' && c->n_specs < 32) {
            c->specs[c->n_specs++] = argv[i];
        } else {
            return usage();
        }
    }
    if (c->bench_frames && !c->opt.windowed)
        c->opt.headless = 1; /* in a real window only with --windowed */
    if (c->opt.headless && !c->bench && !c->bench_start && !c->bench_frames &&
        (!c->script || !c->out)) {
        fprintf(stderr, "madang: --headless needs --script FILE and --out DIR\n");
        return usage();
    }
    if ((c->bench || c->bench_start || c->bench_frames) && !c->opt.width) {
        c->opt.width = 1920;
        c->opt.height = 1080;
    }
    /* A development build (MD_DATA_DIR is its source tree) on a machine without a kiosk
     * configuration runs the same kiosk as `make run`, sample content included, instead of
     * built-in defaults that point at a content/ folder that does not exist. */
    if (!c->opt.config_path && access(MD_CONFIG_DEFAULT_PATH, R_OK) != 0 &&
        access(MD_DATA_DIR "/config/dev.conf", R_OK) == 0) {
        c->opt.config_path = MD_DATA_DIR "/config/dev.conf";
        fprintf(stderr, "madang: %s not found; using the development configuration %s\n",
                MD_CONFIG_DEFAULT_PATH, c->opt.config_path);
    }
    return 0;
}

/* The process-wide set-up, one md_app, its run, and the tear-down. Returns the exit status. */
static int run_kiosk(cli *c)
{
    if (process_init(c->opt.headless) < 0)
        return 1;
    c->opt.stop = &g_term;
    md_app *app = md_app_create(&c->opt);
    if (!app) {
        SDL_Quit();
        return 1;
    }
    signal(SIGINT, md_app_config(app)->kiosk ? SIG_IGN : on_term);
    if (c->opt.windowed) {
        const md_config *cfg = md_app_config(app);
        fprintf(stderr, "madang: window %dx%d (%s)\n", c->opt.width ? c->opt.width : cfg->width,
                c->opt.width ? c->opt.height : cfg->height,
                c->opt.width ? "--windowed" : "the configuration's width and height");
    }
    int rc = c->bench          ? md_app_bench(app, c->frames)
             : c->bench_start  ? md_app_bench_start(app)
             : c->bench_frames ? md_app_bench_frames(app, c->frames, c->specs, c->n_specs)
             : c->opt.headless ? md_app_run_script(app, c->script, c->out)
                               : md_app_run(app);
    md_app_destroy(app);
    SDL_Quit();
    return rc;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--supervise")) {
        if (argc < 3)
            return usage();
        char exe[4096];
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n <= 0) {
            fprintf(stderr, "madang: --supervise cannot find its own program\n");
            return 1;
        }
        exe[n] = '\0';
        return md_supervise(exe, argc - 2, argv + 2);
    }
    if (argc > 1 && !strcmp(argv[1], "--set-staff-pin")) {
        const char *cfg = argc > 3 && !strcmp(argv[2], "--config") ? argv[3] : NULL;
        if (argc != 2 && !(argc == 4 && cfg))
            return usage();
        return set_staff_pin(cfg);
    }
    cli c = {.opt = {.rotate = -1, .start_ns = md_time_ns()}, .frames = 300};
    int rc = parse_options(argc, argv, &c);
    return rc ? rc : run_kiosk(&c);
}
