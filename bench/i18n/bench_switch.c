/* Language switching on the home screen: the kiosk (headless, software renderer, 1920x1080, the
 * development configuration) goes to home, then switches through all languages of locales.conf
 * for several rounds, one headless script `lang CODE` + `expect "<Language in CODE>"` each (set
 * the language, build the next frame: translate, lay out, shape; check it shows), then draw that
 * frame with the software renderer. Prints "bench <name> <value> <unit>" lines: p50/p99/max per
 * switch over the warm rounds, and the slowest switch of the first (cold) round, which also opens
 * each script's fonts. Then the i18n module alone:
 * one lookup, one plural format, one poll of all packs, loading and validating all shipped packs.
 */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "base/base.h"
#include "i18n/i18n.h"

#define ROUNDS 11 /* 1 cold + 10 warm */

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

static void quiet(void *user, md_log_level level, const char *tag, const char *msg)
{
    (void)user;
    if (level >= MD_LOG_ERROR)
        fprintf(stderr, "%s: %s\n", tag, msg);
}

static int write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(text, f);
    return fclose(f);
}

int main(int argc, char **argv)
{
    uint64_t start_ns = md_time_ns();
    const char *config = argc > 1 ? argv[1] : MD_DATA_DIR "/config/dev.conf";
    md_log_set_sink(quiet, NULL);
    md_i18n *i18n = md_i18n_create(MD_DATA_DIR "/locales");
    if (!i18n)
        return 1;
    int n_langs = md_i18n_language_count(i18n);
    char dir[] = "/tmp/md-bench-i18n-XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    /* To home through the attract screen and the picker, in the first language. */
    char path[512], text[512];
    snprintf(path, sizeof path, "%s/home.script", dir);
    snprintf(text, sizeof text,
             "screen attract\ntap 960 540\nscreen languages\ntap \"%s\"\nscreen home\n",
             md_i18n_language(i18n, 0)->endonym);
    if (write_text(path, text) < 0)
        return 1;
    for (int i = 0; i < n_langs; i++) {
        char p[600], t[512];
        const char *code = md_i18n_language(i18n, i)->code;
        snprintf(p, sizeof p, "%s/%d.script", dir, i);
        /* The expect proves the next frame shows the new language. */
        snprintf(t, sizeof t, "lang %s\nscreen home\nexpect \"%s\"\n", code,
                 md_i18n_tr_lang(i18n, code, "runtime", NULL, "Language"));
        if (write_text(p, t) < 0)
            return 1;
    }
    md_app_options opt = {.config_path = config,
                          .headless = 1,
                          .width = 1920,
                          .height = 1080,
                          .rotate = -1,
                          .start_ns = start_ns};
    /* The process-wide set-up madang's main.c does for a headless run. */
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "bench-i18n: SDL_Init failed: %s\n", SDL_GetError());
        return 1;
    }
    md_app *app = md_app_create(&opt);
    if (!app || md_app_run_script(app, path, dir) != 0) {
        fprintf(stderr, "bench-i18n: cannot reach the home screen with %s\n", config);
        return 1;
    }
    double *warm = md_malloc(sizeof(double) * (size_t)n_langs * ROUNDS);
    int n_warm = 0;
    double cold_max = 0;
    for (int r = 0; r < ROUNDS; r++) {
        for (int k = 0; k < n_langs; k++) {
            int i = (k + 1) % n_langs; /* start with a change of language */
            char p[600];
            snprintf(p, sizeof p, "%s/%d.script", dir, i);
            uint64_t t0 = md_time_ns();
            if (md_app_run_script(app, p, dir) != 0)
                return 1;
            md_app_render(app);
            double ms = (double)(md_time_ns() - t0) / 1e6;
            if (r == 0)
                cold_max = ms > cold_max ? ms : cold_max;
            else
                warm[n_warm++] = ms;
        }
    }
    qsort(warm, (size_t)n_warm, sizeof *warm, cmp_double);
    printf("bench i18n_switch_languages %d count\n", n_langs);
    printf("bench i18n_switch_p50 %.2f ms\n", warm[n_warm / 2]);
    printf("bench i18n_switch_p99 %.2f ms\n", warm[(n_warm * 99) / 100]);
    printf("bench i18n_switch_max %.2f ms\n", warm[n_warm - 1]);
    printf("bench i18n_switch_cold_max %.2f ms\n", cold_max);
    md_free(warm);
    md_app_destroy(app);
    SDL_Quit();

    /* The i18n module alone: lookup, formatting, loading and polling the shipped packs. */
    md_i18n_set_language(i18n, "ru");
    const char *idle =
        "The screen will start over in {seconds, plural, one {# second} other {# seconds}}.";
    volatile size_t sink = 0;
    uint64_t t0 = md_time_ns();
    for (int k = 0; k < 200000; k++)
        sink += (size_t)md_i18n_tr(i18n, "runtime", NULL, k & 1 ? "Language" : "Still there?")[0];
    printf("bench i18n_tr %.1f ns\n", (double)(md_time_ns() - t0) / 200000.0);
    char out[256];
    md_arg arg = {.name = "seconds", .type = MD_ARG_INT};
    t0 = md_time_ns();
    for (int k = 0; k < 2000; k++) {
        arg.v.i = k % 30;
        md_i18n_format(i18n, NULL, md_i18n_tr(i18n, "runtime", NULL, idle), &arg, 1, out,
                       sizeof out);
    }
    printf("bench i18n_format_plural %.1f us\n", (double)(md_time_ns() - t0) / 2000.0 / 1000.0);
    t0 = md_time_ns();
    for (int k = 0; k < 100; k++)
        md_i18n_poll_reload(i18n);
    printf("bench i18n_poll_reload %.1f us\n", (double)(md_time_ns() - t0) / 100.0 / 1000.0);
    t0 = md_time_ns();
    md_i18n *fresh = md_i18n_create(MD_DATA_DIR "/locales");
    printf("bench i18n_create_all_packs %.2f ms\n", (double)(md_time_ns() - t0) / 1e6);
    md_i18n_destroy(fresh);
    (void)sink;
    md_i18n_destroy(i18n);
    for (int i = 0; i < n_langs; i++) {
        snprintf(path, sizeof path, "%s/%d.script", dir, i);
        unlink(path);
    }
    snprintf(path, sizeof path, "%s/home.script", dir);
    unlink(path);
    rmdir(dir);
    return 0;
}
