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
