/* The kiosk program: creates and destroys an md_app (configuration, window, text engine, UI,
 * i18n, plugins) and runs the event-driven interactive loop. The flow is in flow.c, SDL in
 * platform_sdl.c, the headless script runner in script_run.c and the benchmark in bench.c.
 *
 * Redraw policy: a frame is built and drawn only when input arrived, a timer is due (attract
 * cycle, idle deadline, countdown second), the UI animates (kinetic scroll, spinner) or a plugin
 * called ui_request_frame. Otherwise the loop sleeps in SDL_WaitEventTimeout.
 */
#include "app/app.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <jansson.h>

#include "app/app_internal.h"
#include "base/base.h"
#include "supervise/supervise.h"

/* ---------------------------------------------------------------- clock, callbacks */

static int64_t cb_unix_ms(md_app *a);

static uint64_t cb_monotonic(void *app)
{
    return md_app_now_ms(app);
}

int64_t md_app_wall_ms(md_app *a)
{
    return cb_unix_ms(a);
}

static int64_t cb_unix(void *app)
{
    return cb_unix_ms(app);
}

static int64_t cb_unix_ms(md_app *a)
{
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

/* ---------------------------------------------------------------- network and data hub */

#ifndef MD_SOFTWARE_VERSION
#define MD_SOFTWARE_VERSION "0.1.0"
#endif

static const char *cfg_get(void *user, const char *section, const char *key)
{
    return md_config_get(user, section, key);
}

/* The hub client, when [hub] configures one. Its counters live in <storage>/hub/. */
static md_hub *open_hub(md_app *a)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/hub", a->cfg.storage_dir ? a->cfg.storage_dir : ".");
    for (char *p = dir + 1; *p; p++) /* mkdir -p: the storage folder may not exist yet */
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0755);
            *p = '/';
        }
    if (mkdir(dir, 0700) < 0 && errno != EEXIST)
        md_log(MD_LOG_WARN, "HUB", "%s: %s; use counters will not survive a restart", dir,
               strerror(errno));
    md_hub_config hc;
    int rc = md_hub_config_read(&hc, cfg_get, &a->cfg, md_app_file_exists(dir) ? dir : NULL);
    if (rc <= 0) {
        if (rc < 0)
            md_log(MD_LOG_ERROR, "HUB",
                   "%s: [hub] is configured wrongly (see above): nothing is "
                   "published or queried",
                   a->cfg.path ? a->cfg.path : "config");
        md_hub_config_free(&hc);
        return NULL;
    }
    md_hub *hub = md_hub_create(&hc, a->net, md_app_now_ms(a), cb_unix(a));
    md_hub_config_free(&hc);
    return hub;
}

/* What the status entity says about this kiosk's software. */
static void hub_status(md_app *a)
{
    if (!a->hub)
        return;
    md_hub_status_set(a->hub, "softwareVersion", "\"" MD_SOFTWARE_VERSION "\"");
    json_t *plugins = json_object(), *left_out = json_array();
    for (int i = 0; i < md_host_count(a->plugins); i++) {
        md_plugin_ctx *p = md_host_plugin(a->plugins, i);
        const char *id = md_host_id(p);
        if (!id)
            continue;
        if (md_host_status(p) == MD_PLUGIN_ACTIVE)
            json_object_set_new(plugins, id, json_string(md_host_version(p)));
        else if (md_host_status(p) == MD_PLUGIN_QUARANTINED) /* the crash journal's verdict */
            json_array_append_new(left_out, json_string(id));
    }
    char *pj = json_dumps(plugins, JSON_COMPACT), *qj = json_dumps(left_out, JSON_COMPACT);
    if (pj)
        md_hub_status_set(a->hub, "plugins", pj);
    if (qj)
        md_hub_status_set(a->hub, "quarantinedPlugins", qj);
    free(pj);
    free(qj);
    json_decref(plugins);
    json_decref(left_out);
    json_t *packs = json_object();
    /* Packs carry no version until sync delivers them: what each runtime pack holds stands in. */
    for (int i = 0; i < a->langs.n; i++) {
        int n_tr = 0, n_fuzzy = 0;
        if (md_i18n_pack_counts(a->i18n, a->langs.code[i], "runtime", &n_tr, &n_fuzzy) == 0)
            json_object_set_new(packs, a->langs.code[i],
                                json_pack("{s:i, s:i}", "translated", n_tr, "fuzzy", n_fuzzy));
    }
    char *kj = json_dumps(packs, JSON_COMPACT);
    if (kj)
        md_hub_status_set(a->hub, "packs", kj);
    free(kj);
    json_decref(packs);
}

void md_app_count(md_app *a, md_hub_metric metric, const char *key)
{
    if (a->hub)
        md_hub_count(a->hub, cb_unix(a), metric, key);
}

void md_app_hub_tick(md_app *a)
{
    if (a->hub)
        md_hub_tick(a->hub, md_app_now_ms(a), cb_unix(a));
    long changes = md_hub_changes(a->hub), finished = md_net_finished(a->net);
    if ((changes != a->hub_changes || finished != a->net_finished) && a->screen == SCREEN_PLUGIN)
        a->dirty = 1; /* the open plugin may show what just arrived */
    a->hub_changes = changes;
    a->net_finished = finished;
}

void md_app_pump_net(md_app *a)
{
    /* A request started by a tick may finish on the network thread before we look: a change in
     * the finished count means there are answers for another tick to collect. */
    for (int i = 0; i < 50; i++) {
        long seen = md_net_finished(a->net);
        md_app_hub_tick(a);
        if (md_net_pending(a->net) == 0 && md_net_finished(a->net) == seen)
            break;
        md_net_wait_idle(a->net, 10000);
    }
}

/* Speech: --speech-log wins; a headless run is otherwise silent; a kiosk speaks with the
 * configured backend ([kiosk] speech = espeak | none, espeak_program, speech_prompts_dir). */
static md_speech *open_speech(md_app *a, const md_app_options *opt)
{
    const char *backend = a->cfg.speech ? a->cfg.speech : a->headless ? "none" : "espeak";
    char prompts[4096];
    const char *pd = a->cfg.speech_prompts_dir;
    if (!pd && a->cfg.content_dir) {
        snprintf(prompts, sizeof prompts, "%s/speech-prompts", a->cfg.content_dir);
        pd = prompts;
    }
    md_speech_options so = {.prompts_dir = pd};
    return md_speech_open(backend, opt->speech_log, a->cfg.espeak_program, a->i18n, &so);
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
    /* Last-good copies of locales.conf and the packs live in storage (docs/LOCALES.md); English
     * only when there is neither a usable locales.conf nor a copy. */
    char backup[4096];
    snprintf(backup, sizeof backup, "%s/locales-last-good", a->cfg.storage_dir);
    a->i18n = md_i18n_create_with_backup(a->cfg.locales_dir, backup);
    if (!a->ui || !a->i18n)
        return -1;
    md_app_build_language_list(a);
    md_i18n_set_language(a->i18n, a->default_lang);

    a->speech = open_speech(a, opt);
    a->a11y = md_a11y_create(a->speech, a->i18n);
    md_app_apply_modes(a);
    a->net = md_net_create(a->headless ? NULL : md_app_platform_wake, a);
    if (!a->net)
        md_log(MD_LOG_ERROR, "APP", "no network thread: plugins get no HTTP, nothing is published");
    a->hub = a->net ? open_hub(a) : NULL;
    md_host_env env = {a->ui,   a->i18n,    &a->cfg,   a,      cb_monotonic,
                       cb_unix, cb_go_home, a->speech, a->net, a->hub};
    md_host_synced synced = {0};
    md_app_sync_open(a, &synced); /* a bad [sync] is logged; the kiosk runs on what it has */
    a->plugins = md_host_load(&env, a->cfg.plugin_dir, &synced);
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
    /* The crash guard before anything calls a plugin: journal in storage, deadlines from the
     * configuration (docs/OPERATIONS.md). */
    char journal[4096];
    snprintf(journal, sizeof journal, "%s/crash.journal", a->cfg.storage_dir);
    md_crash_settings cs = {.journal_path = journal,
                            .callback_deadline_ms = a->cfg.callback_deadline_ms,
                            .init_deadline_ms = a->cfg.init_deadline_ms};
    a->crash_guard = md_crash_install(&cs) == 0;
    md_notify_init(&a->notify);
    md_app_log_ring_start(a);
    char pin_path[4096];
    snprintf(pin_path, sizeof pin_path, "%s/staff-pin", a->cfg.storage_dir);
    a->staff = md_staff_create(a->cfg.staff_pin_file ? a->cfg.staff_pin_file : pin_path);
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
    hub_status(a);
    md_app_go(a, SCREEN_ATTRACT);
    a->last_input_ms = md_app_now_ms(a);
    md_app_sync_start(a);
    return a;
}

void md_app_destroy(md_app *a)
{
    if (!a)
        return;
    md_app_sync_close(a); /* the sync thread stops before anything it reads goes away */
    /* Clean shutdown (SIGTERM, the end of a script): the hour so far goes to the hub, or stays
     * on disk for the next run. */
    if (a->hub)
        md_hub_flush(a->hub, md_app_now_ms(a), cb_unix(a), 3000);
    md_host_unload(a->plugins); /* cancels the plugins' requests and queries */
    md_a11y_destroy(a->a11y);
    md_hub_destroy(a->hub);
    md_net_destroy(a->net);
    md_speech_destroy(a->speech);
    md_ui_destroy(a->ui);
    md_text_destroy(a->text);
    md_i18n_destroy(a->i18n);
    md_app_platform_close(a);
    md_notify_close(&a->notify);
    md_staff_destroy(a->staff);
    md_app_log_ring_stop(a);
    if (a->crash_guard)
        md_crash_uninstall();
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
    int whole = a->packs_switched; /* a sync switch: the files are whole, no settle needed */
    a->packs_switched = 0;
    if ((whole ? md_i18n_reload_now(a->i18n) : md_i18n_poll_reload(a->i18n)) > 0) {
        /* Translations moved: plugins drop strings they kept from tr(). */
        md_host_locale_changed_all(a->plugins, md_i18n_current(a->i18n));
        a->dirty = 1;
    }
}

void md_app_check_rss(md_app *a, uint64_t now)
{
    if (now - a->last_rss_check_ms < 1000)
        return;
    a->last_rss_check_ms = now;
    uint64_t rss = md_crash_rss_bytes();
    if (rss > a->rss_peak_bytes)
        a->rss_peak_bytes = rss;
    uint64_t ceiling = (uint64_t)a->cfg.rss_ceiling_mb << 20;
    if (!ceiling || rss <= ceiling || a->restart_pending)
        return;
    a->restart_pending = 1;
    md_log(MD_LOG_WARN, "APP",
           "RSS %llu MB is above the ceiling of %d MB (rss_ceiling_mb): the kiosk restarts at the "
           "next attract screen",
           (unsigned long long)(rss >> 20), a->cfg.rss_ceiling_mb);
    if (a->screen == SCREEN_ATTRACT && !a->idle_warning)
        md_app_restart_if_pending(a);
}

void md_app_restart_if_pending(md_app *a)
{
    if (!a->restart_pending || a->restart_now)
        return;
    a->restart_now = 1;
    if (a->restart_by_staff)
        return; /* asked for, not a fault: nothing to journal */
    uint64_t grown = 0;
    md_plugin_ctx *p = md_host_grew_most(a->plugins, &grown);
    char why[200];
    snprintf(why, sizeof why,
             "rss: peak %llu MB above the ceiling of %d MB, %llu MB grown in its "
             "callbacks",
             (unsigned long long)(a->rss_peak_bytes >> 20), a->cfg.rss_ceiling_mb,
             (unsigned long long)(grown >> 20));
    /* A plugin that grew by more than a quarter of the ceiling is blamed in the journal, so a
     * leaking plugin is quarantined like a crashing one. */
    int blame = p && grown > ((uint64_t)a->cfg.rss_ceiling_mb << 20) / 4;
    md_host_journal_crash(a->plugins, blame ? p : NULL, why);
    md_log(MD_LOG_WARN, "APP",
           "restarting cleanly between visitors: peak RSS %llu MB (ceiling %d "
           "MB)%s%s",
           (unsigned long long)(a->rss_peak_bytes >> 20), a->cfg.rss_ceiling_mb,
           blame ? "; grown most in " : "", blame ? md_host_id(p) : "");
}

int md_app_run(md_app *a)
{
    a->dirty = 1;
    while (!a->quit && !(a->stop && *a->stop) && !a->restart_now) {
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
        /* The loop advanced: the systemd watchdog is fed only from here (never the watchdog
         * thread), so a callback that never returns stops the pings. */
        md_notify_alive(&a->notify, md_time_ns());
        md_app_hub_tick(a);
        now = md_app_now_ms(a);
        md_app_sync_poll(a);
        md_app_poll_packs(a, now);
        md_app_check_rss(a, now);
        md_app_update_size(a);
        if (a->dirty || animating || now >= wake) {
            md_app_build_frame(a);
            if (a->dirty) /* an action changed the screen: show the new one at once */
                md_app_build_frame(a);
            md_app_render(a);
            md_notify_ready(&a->notify); /* once: the first frame is on screen */
        }
    }
    if (a->restart_now) {
        md_log(MD_LOG_INFO, "APP", "stopping for a clean restart (exit %d)", MD_EXIT_RESTART);
        return MD_EXIT_RESTART;
    }
    md_notify_send(&a->notify, "STOPPING=1");
    md_log(MD_LOG_INFO, "APP", "stopping");
    return 0;
}
