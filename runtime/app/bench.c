/* The benchmark mode (madang --bench): time to the first frame, peak memory, and the time to
 * build and draw the home screen, printed as "bench NAME VALUE UNIT" lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "app/app_internal.h"
#include "base/base.h"

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

/* ---------------------------------------------------------------- soak */

static uint64_t soak_rng(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/* One visitor event, chosen by r. */
static void soak_event(md_app *a, uint64_t r)
{
    unsigned kind = (unsigned)(r % 100);
    if (kind < 55) { /* a tap on something that takes taps, wherever we are */
        int n = 0;
        for (int i = 0; i < md_ui_node_count(a->ui); i++) {
            const md_ui_node *nd = md_ui_node_at(a->ui, i);
            n += nd->visible && nd->focusable && nd->enabled;
        }
        if (n == 0) {
            md_app_tap(a, a->w / 2, a->h / 2);
            return;
        }
        int pick = (int)((r >> 8) % (uint64_t)n);
        for (int i = 0; i < md_ui_node_count(a->ui); i++) {
            const md_ui_node *nd = md_ui_node_at(a->ui, i);
            if (!(nd->visible && nd->focusable && nd->enabled) || pick--)
                continue;
            md_app_tap(a, nd->vis.x + nd->vis.w / 2, nd->vis.y + nd->vis.h / 2);
            return;
        }
    } else if (kind < 65) {
        if (a->langs.n > 0) {
            md_app_set_language(a, a->langs.code[(r >> 8) % (uint64_t)a->langs.n]);
            md_app_settle(a);
        }
    } else if (kind < 75) {
        md_app_back(a);
        md_app_settle(a);
    } else if (kind < 80) { /* a flick in the middle of the screen */
        int y0 = a->h * 3 / 4, y1 = a->h / 4;
        if (r & 256) {
            int t = y0;
            y0 = y1;
            y1 = t;
        }
        md_app_pointer(a, PTR_DOWN, a->w / 2, y0);
        for (int i = 1; i <= 6; i++) {
            a->virt_ms += 16;
            md_app_pointer(a, PTR_MOVE, a->w / 2, y0 + (y1 - y0) * i / 6);
            md_app_build_frame(a);
        }
        md_app_pointer(a, PTR_UP, a->w / 2, y1);
        md_app_settle(a);
    } else if (kind < 95) {
        md_app_advance(a, (r >> 8) % 5000);
    } else { /* the visitor walks away: the countdown runs out, every plugin resets */
        md_app_advance(a, (uint64_t)(a->cfg.idle_timeout_s + a->cfg.idle_warning_s + 1) * 1000u);
    }
}

int md_app_soak(md_app *a, long n_events, int max_s)
{
    enum { WARM_UP = 100000, STEP = 100000 };
    uint64_t state = 0x9E3779B97F4A7C15ull, t0 = md_time_ns();
    uint64_t limit_ns = (uint64_t)(max_s > 0 ? max_s : 300) * 1000000000ull;
    md_app_settle(a);
    double base_mb = 0, last_mb = 0;
    long done = 0;
    for (; done < n_events; done++) {
        soak_event(a, soak_rng(&state));
        if (a->restart_now) {
            printf("bench soak_stopped_by_rss_ceiling %ld events\n", done + 1);
            break;
        }
        if ((done + 1) % STEP != 0)
            continue;
        double mb = (double)md_crash_rss_bytes() / 1048576.0;
        double s = (double)(md_time_ns() - t0) / 1e9;
        if (done + 1 == WARM_UP) {
            base_mb = last_mb = mb;
            printf("bench soak_rss_after_warm_up %.1f MB (%ld events, %.0f s)\n", mb, done + 1, s);
        } else if (done + 1 > WARM_UP) {
            printf("bench soak_rss_growth_%ldk %+.2f MB (RSS %.1f MB, %.0f s)\n", (done + 1) / 1000,
                   mb - last_mb, mb, s);
            last_mb = mb;
        }
        fflush(stdout);
        if (md_time_ns() - t0 > limit_ns && done + 1 < n_events) {
            printf("bench soak_time_limit_reached %ld events of %ld in %.0f s (the rest not run)\n",
                   done + 1, n_events, s);
            done++;
            break;
        }
    }
    double total_s = (double)(md_time_ns() - t0) / 1e9;
    printf("bench soak_events %ld events in %.0f s (%.0f events/s)\n", done, total_s,
           total_s > 0 ? (double)done / total_s : 0.0);
    if (done > WARM_UP)
        printf("bench soak_rss_growth_after_warm_up %+.2f MB (aim: under 1 MB)\n",
               last_mb - base_mb);
    return 0;
}
