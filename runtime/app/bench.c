/* The benchmark modes, printing "bench NAME VALUE UNIT" lines: madang --bench (time to the first
 * frame from main(), peak memory, home frame time), --bench-start (marks first frame and home for
 * bench/launch, which times them from before exec) and --bench-frames (frame times of the floor,
 * home and scrolled screens).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "app/app_internal.h"
#include "base/base.h"

#include <SDL.h>

/* ---------------------------------------------------------------- benchmark */

static int cmp_double(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

int md_app_bench(md_app *a, int n_frames)
{
    md_app_build_frame(a);
    md_app_render(
        a); /* md_app_render() makes the drawing happen (present, or flush when headless) */
    double first_ms = (double)(md_time_ns() - a->start_ns) / 1e6;
    md_app_set_language(a, a->default_lang);
    md_app_go(a, SCREEN_HOME);
    md_app_settle(a);
    if (n_frames < 10)
        n_frames = 10;
    double *t = md_malloc((size_t)n_frames * sizeof *t);
    if (!t)
        return 1;
    for (int i = 0; i < n_frames; i++) {
        uint64_t t0 = md_time_ns();
        a->virt_ms += 16;
        a->last_input_ms = a->virt_ms; /* stay on home */
        md_app_build_frame(a);
        md_app_render(a);
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

int md_app_bench_start(md_app *a)
{
    md_app_build_frame(a);
    md_app_render(a);
    printf("md-ready first-frame\n");
    fflush(stdout);
    md_app_set_language(a, a->default_lang);
    md_app_go(a, SCREEN_HOME);
    md_app_settle(a);
    md_app_render(a);
    /* interactive: the input that arrived meanwhile is taken (none in the bench) */
    if (!a->headless) {
        SDL_Event e;
        while (SDL_PollEvent(&e))
            md_app_handle_event(a, &e);
    }
    printf("md-ready home\n");
    fflush(stdout);
    return 0;
}

/* Times n frames of the current screen; drag = 1 moves a finger up and down over it (scrolling:
 * every frame changes the scroll offset), released at the end. */
static void time_frames(md_app *a, const char *name, int n, int drag)
{
    double *t = md_malloc((size_t)n * sizeof *t);
    if (!t)
        return;
    int x = a->w / 2, y0 = a->h * 85 / 100, span = a->h * 55 / 100, y = y0;
    if (drag) {
        md_app_pointer(a, PTR_DOWN, x, y0);
        a->virt_ms += 16;
        md_app_pointer(a, PTR_MOVE, x, y0 - 40); /* beyond the 3 mm that make it a scroll */
        md_app_build_frame(a);
    }
    md_text_stats s0, s1;
    md_text_get_stats(a->text, &s0);
    for (int i = 0; i < n; i++) {
        uint64_t t0 = md_time_ns();
        a->virt_ms += 16;
        a->last_input_ms = a->virt_ms; /* no idle warning */
        if (drag) {
            int phase = i % 60; /* 30 frames up, 30 frames down, 18 px a frame */
            y = y0 - 40 - (phase < 30 ? phase : 60 - phase) * span / 30;
            md_app_pointer(a, PTR_MOVE, x, y);
        }
        md_app_build_frame(a);
        md_app_render(a);
        t[i] = (double)(md_time_ns() - t0) / 1e6;
    }
    if (drag) {
        md_app_pointer(a, PTR_UP, x, y);
        md_app_settle(a);
    }
    md_text_get_stats(a->text, &s1);
    qsort(t, (size_t)n, sizeof *t, cmp_double);
    printf("bench frame_%s_p50 %.3f ms\n", name, t[n / 2]);
    printf("bench frame_%s_p99 %.3f ms\n", name, t[(n * 99) / 100]);
    printf("bench frame_%s_text_work %.2f layouts, %.2f textures, %.1f glyphs a frame\n", name,
           (double)(s1.n_layouts - s0.n_layouts) / n, (double)(s1.n_textures - s0.n_textures) / n,
           (double)(s1.n_glyphs_rasterised - s0.n_glyphs_rasterised) / n);
    md_free(t);
}

/* The physical floor: one full-screen texture copied to the screen, nothing else. */
static void time_floor(md_app *a, int n)
{
    SDL_Texture *tex =
        SDL_CreateTexture(a->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, a->w, a->h);
    double *t = md_malloc((size_t)n * sizeof *t);
    if (!tex || !t) {
        if (tex)
            SDL_DestroyTexture(tex);
        md_free(t);
        return;
    }
    for (int i = 0; i < n; i++) {
        uint64_t t0 = md_time_ns();
        if (a->target)
            SDL_SetRenderTarget(a->ren, a->target);
        SDL_RenderCopy(a->ren, tex, NULL, NULL);
        if (a->headless)
            SDL_RenderFlush(a->ren);
        else
            SDL_RenderPresent(a->ren);
        t[i] = (double)(md_time_ns() - t0) / 1e6;
    }
    qsort(t, (size_t)n, sizeof *t, cmp_double);
    printf("bench frame_floor_p50 %.3f ms\n", t[n / 2]);
    printf("bench frame_floor_p99 %.3f ms\n", t[(n * 99) / 100]);
    SDL_DestroyTexture(tex);
    md_free(t);
}

int md_app_bench_frames(md_app *a, int n_frames, char *const *specs, int n_specs)
{
    if (n_frames < 60)
        n_frames = 60;
    md_app_build_frame(a);
    md_app_render(a);
    time_floor(a, n_frames);
    md_app_set_language(a, a->default_lang);
    md_app_go(a, SCREEN_HOME);
    md_app_settle(a);
    time_frames(a, "home", n_frames, 0);
    int rc = 0;
    for (int i = 0; i < n_specs; i++) {
        char name[64];
        const char *eq = strchr(specs[i], '=');
        size_t n = eq ? (size_t)(eq - specs[i]) : 0;
        if (!eq || n == 0 || n >= sizeof name) {
            fprintf(stderr, "madang: --bench-frames wants NAME=SCRIPT, not \"%s\"\n", specs[i]);
            return 1;
        }
        memcpy(name, specs[i], n);
        name[n] = '\0';
        /* each screen is reached from attract, as a visitor would */
        md_app_set_language(a, a->default_lang);
        md_app_go(a, SCREEN_ATTRACT);
        md_app_settle(a);
        if (md_app_run_script(a, eq + 1, NULL) != 0) {
            rc = 1;
            continue;
        }
        time_frames(a, name, n_frames, 1);
    }
    return rc;
}
