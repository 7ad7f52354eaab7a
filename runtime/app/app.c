/* The kiosk program: creates and destroys an md_app (configuration, window, text engine, UI,
 * i18n, plugins) and runs the event-driven interactive loop. The flow is in flow.c, SDL in
 * platform_sdl.c, the headless script runner in script_run.c and the benchmark in bench.c.
 *
 * Redraw policy: a frame is built and drawn only when input arrived, a timer is due (attract
 * cycle, idle deadline, countdown second), the UI animates (kinetic scroll, spinner) or a plugin
 * called ui_request_frame. Otherwise the loop sleeps in SDL_WaitEventTimeout.
 */
#include "app/app.h"

#include <stdio.h>
#include <sys/stat.h>
#include <time.h>

#include "app/app_internal.h"
#include "base/base.h"

/* ---------------------------------------------------------------- clock, callbacks */

static uint64_t cb_monotonic(void *app)
{
    return md_app_now_ms(app);
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

int md_app_file_exists(const char *p)
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

/* The configuration: --config, else MD_CONFIG_DEFAULT_PATH, else the built-in defaults. A file
 * with bad values still gives a configuration (logged); -1 only when not even defaults exist. */
static int load_config(md_app *a, const char *cfg_path)
{
    int cfg_rc = 0;
    if (cfg_path)
        cfg_rc = md_config_load(&a->cfg, cfg_path, MD_DATA_DIR);
    else if (md_app_file_exists(MD_CONFIG_DEFAULT_PATH))
        cfg_rc = md_config_load(&a->cfg, MD_CONFIG_DEFAULT_PATH, MD_DATA_DIR);
    else {
        md_log(MD_LOG_INFO, "CONFIG", "%s not found; using built-in defaults under %s",
               MD_CONFIG_DEFAULT_PATH, MD_DATA_DIR);
        cfg_rc = md_config_defaults(&a->cfg, MD_DATA_DIR);
    }
    return cfg_rc < 0 && !a->cfg.plugin_dir ? -1 : 0;
}

/* Text engine, UI, i18n, the offered languages, speech and the plugins, in that order (each
 * needs the ones before). 0, or -1 (out of memory; md_app_destroy frees what was made). */
static int open_modules(md_app *a, const md_app_options *opt)
{
    a->text = md_text_create(a->cfg.fonts, a->ren);
    if (!a->text)
        md_log(MD_LOG_ERROR, "APP", "no text engine: labels will not be drawn");
    md_ui_theme theme;
    md_ui_theme_default(&theme, a->cfg.px_per_mm);
    a->ui = md_ui_create(a->text, &theme);
    a->i18n = md_i18n_create(a->cfg.locales_dir); /* English only when there are no packs */
    if (!a->ui || !a->i18n)
        return -1;
    md_app_build_language_list(a);
    md_i18n_set_language(a->i18n, a->default_lang);

    a->speech = open_speech(a, opt);
    md_host_env env = {a->ui, a->i18n, &a->cfg, a, cb_monotonic, cb_unix, cb_go_home, a->speech};
    a->plugins = md_host_load_dir(&env, a->cfg.plugin_dir);
    return a->plugins ? 0 : -1;
}

md_app *md_app_create(const md_app_options *opt)
{
    md_app *a = md_calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->headless = opt->headless;
    a->start_ns = opt->start_ns ? opt->start_ns : md_time_ns();
    a->stop = opt->stop;
    a->virt_ms = 1000;
    if (load_config(a, opt->config_path) < 0) {
        md_free(a);
        return NULL;
    }
    a->rotate = opt->rotate >= 0 ? opt->rotate : a->cfg.rotate;
    a->win_w = opt->width > 0 ? opt->width : a->cfg.width;
    a->win_h = opt->height > 0 ? opt->height : a->cfg.height;
    if (a->headless) {
        /* Scripts drive logical coordinates; only an explicit --rotate turns the picture
         * (shots then show what the window would), the configuration's rotation does not. */
        a->rotate = opt->rotate >= 0 ? opt->rotate : 0;
    }
    a->use_gl = opt->renderer ? opt->renderer == 2 : a->cfg.renderer_gl;
    if (md_app_platform_open(a, opt->windowed) < 0 || open_modules(a, opt) < 0) {
        md_app_destroy(a);
        return NULL;
    }
    md_app_go(a, SCREEN_ATTRACT);
    a->last_input_ms = md_app_now_ms(a);
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
    md_app_platform_close(a);
    md_config_free(&a->cfg);
    md_free(a);
}

/* ---------------------------------------------------------------- interactive loop */

/* Reloads the locale packs that changed, at most once a second of (real or virtual) time. A pack
 * that fails validation is refused by i18n and the last good one stays; a reload redraws. */
void md_app_poll_packs(md_app *a, uint64_t now)
{
    if (now - a->last_pack_poll_ms < 1000)
        return;
    a->last_pack_poll_ms = now;
    if (md_i18n_poll_reload(a->i18n) > 0) {
        /* Translations moved: plugins drop strings they kept from tr(). */
        md_host_locale_changed_all(a->plugins, md_i18n_current(a->i18n));
        a->dirty = 1;
    }
}

int md_app_run(md_app *a)
{
    a->dirty = 1;
    while (!a->quit && !(a->stop && *a->stop)) {
        uint64_t now = md_app_now_ms(a);
        int animating = md_ui_wants_frame(a->ui) || md_host_take_frame_request(a->plugins);
        uint64_t wake = md_app_next_wakeup(a);
        int timeout = 0;
        if (!a->dirty && !animating)
            timeout = wake > now ? (int)(wake - now) : 0;
        if (timeout > 250)
            timeout = 250; /* notice SIGTERM and pack reloads promptly */
        if (animating)
            timeout = 16;
        md_app_platform_wait(a, timeout);
        now = md_app_now_ms(a);
        md_app_poll_packs(a, now);
        md_app_update_size(a);
        if (a->dirty || animating || now >= wake) {
            md_app_build_frame(a);
            if (a->dirty) /* an action changed the screen: show the new one at once */
                md_app_build_frame(a);
            md_app_render(a);
        }
    }
    md_log(MD_LOG_INFO, "APP", "stopping");
    return 0;
}
