/* bench-text: figures for the text engine, printed as "bench <name> <value> <unit>".
 *   text_layout_cold_<lang>   lay out the language's paragraph (tests/text/paragraphs) at 600 px
 *                             with empty caches (fonts already open), median of runs, µs
 *   text_layout_warm_<lang>   the same call again (served by the layout cache), µs
 *   text_relayout_<lang>      the same paragraph at another width (shaping cached), µs
 *   text_screen_warm_draw     a 1920x1080 software-renderer frame of 40 labels in mixed scripts,
 *                             layouts cached and textures built, text only (no clear), ms
 *   text_screen_warm_frame    the same including clearing the screen, ms
 *   text_screen_cold_frame    the first such frame (shaping, rasterising, textures), ms
 *   text_engine_create, text_first_layout_ko   start-up: the engine, then its first layout
 *                             (font mapping, ICU data loading), µs
 * No thresholds: figures only. */
#include "base/base.h"
#include "text/text.h"

#include <SDL.h>
#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *k_langs[] = {"ko", "en", "zh-Hans", "vi", "ru", "uz-Latn", "kk", "tl", "id",
                                "th", "km", "ne",      "si", "my", "mn",      "ur", "bn", "ar"};
#define N_LANGS (int)(sizeof k_langs / sizeof k_langs[0])

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static double median_ns(uint64_t *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_u64);
    return (double)v[n / 2];
}

static char *paragraph(const char *lang)
{
    char path[512];
    snprintf(path, sizeof path, "%s/tests/text/paragraphs/%s.txt", MD_DATA_DIR, lang);
    return md_read_file(path, NULL);
}

int main(void)
{
    /* start-up: creating the engine (reads the table, opens nothing) and the very first layout
     * (maps the fonts it needs, loads ICU data) */
    uint64_t c0 = md_time_ns();
    md_text *t = md_text_create(NULL, NULL);
    if (!t)
        return 1;
    uint64_t c1 = md_time_ns();
    char *first = paragraph("ko");
    md_text_style fst;
    memset(&fst, 0, sizeof fst);
    fst.lang = "ko";
    fst.size_px = 24;
    fst.width_px = 600;
    md_text_lay_out(t, first, (size_t)-1, &fst);
    uint64_t c2 = md_time_ns();
    md_free(first);
    printf("bench text_engine_create %.1f us\n", (double)(c1 - c0) / 1e3);
    printf("bench text_first_layout_ko %.1f us\n", (double)(c2 - c1) / 1e3);
    enum { RUNS = 15 };
    uint64_t cold[RUNS], warm[RUNS], re[RUNS];
    for (int li = 0; li < N_LANGS; li++) {
        char *text = paragraph(k_langs[li]);
        if (!text)
            return 1;
        md_text_style st;
        memset(&st, 0, sizeof st);
        st.lang = k_langs[li];
        st.size_px = 24;
        st.width_px = 600;
        md_text_lay_out(t, text, (size_t)-1, &st); /* opens the fonts, loads ICU dictionaries */
        for (int r = 0; r < RUNS; r++) {
            md_text_flush_caches(t);
            uint64_t t0 = md_time_ns();
            md_text_lay_out(t, text, (size_t)-1, &st);
            uint64_t t1 = md_time_ns();
            md_text_lay_out(t, text, (size_t)-1, &st);
            uint64_t t2 = md_time_ns();
            md_text_style st2 = st;
            st2.width_px = 400 + r;
            md_text_lay_out(t, text, (size_t)-1, &st2);
            uint64_t t3 = md_time_ns();
            cold[r] = t1 - t0, warm[r] = t2 - t1, re[r] = t3 - t2;
        }
        printf("bench text_layout_cold_%s %.1f us\n", k_langs[li], median_ns(cold, RUNS) / 1e3);
        printf("bench text_layout_warm_%s %.2f us\n", k_langs[li], median_ns(warm, RUNS) / 1e3);
        printf("bench text_relayout_%s %.1f us\n", k_langs[li], median_ns(re, RUNS) / 1e3);
        md_free(text);
    }
    md_text_flush_caches(t);

    /* A screen of 40 labels: the first sentence-ish (up to 60 bytes at a boundary) of each
     * language's paragraph, cycling through the languages, in 4 columns of 10. */
    SDL_Surface *screen =
        SDL_CreateRGBSurfaceWithFormat(0, 1920, 1080, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = screen ? SDL_CreateSoftwareRenderer(screen) : NULL;
    if (!r) {
        fprintf(stderr, "bench-text: no software renderer: %s\n", SDL_GetError());
        return 1;
    }
    md_text_set_renderer(t, r);
    char *labels[40];
    md_text_style styles[40];
    for (int i = 0; i < 40; i++) {
        const char *lang = k_langs[i % N_LANGS];
        char *p = paragraph(lang);
        if (!p)
            return 1;
        size_t n = strlen(p), cut = n < 60 ? n : 60;
        while (cut < n && ((unsigned char)p[cut] & 0xC0) == 0x80)
            cut++;
        for (size_t k = cut; k > 20; k--) /* prefer ending at a space */
            if (p[k] == ' ') {
                cut = k;
                break;
            }
        p[cut] = '\0';
        labels[i] = p;
        memset(&styles[i], 0, sizeof styles[i]);
        styles[i].lang = lang;
        styles[i].size_px = 22 + (i % 3) * 6;
        styles[i].width_px = 460;
        styles[i].max_lines = 2;
    }
    enum { FRAMES = 60 };
    uint64_t frame[FRAMES], text_only[FRAMES], cold_frame = 0;
    for (int f = 0; f < FRAMES + 1; f++) {
        md_text_begin_frame(t);
        uint64_t t0 = md_time_ns();
        SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
        SDL_RenderClear(r);
        uint64_t t1 = md_time_ns();
        for (int i = 0; i < 40; i++) {
            const md_text_layout *l = md_text_lay_out(t, labels[i], (size_t)-1, &styles[i]);
            md_text_draw(t, l, 20 + (i / 10) * 475, 20 + (i % 10) * 105, 0x202020FFu);
        }
        SDL_RenderPresent(r);
        uint64_t t2 = md_time_ns();
        if (f == 0)
            cold_frame = t2 - t0;
        else
            frame[f - 1] = t2 - t0, text_only[f - 1] = t2 - t1;
    }
    md_text_stats stats;
    md_text_get_stats(t, &stats);
    printf("bench text_screen_cold_frame %.2f ms\n", (double)cold_frame / 1e6);
    printf("bench text_screen_warm_frame %.2f ms\n", median_ns(frame, FRAMES) / 1e6);
    printf("bench text_screen_warm_draw %.2f ms\n", median_ns(text_only, FRAMES) / 1e6);
    printf("bench text_cache_bytes %zu bytes\n", stats.cache_bytes);
    printf("bench text_fonts_open %d fonts\n", stats.n_fonts_open);
    if (getenv("BENCH_TEXT_PNG"))
        IMG_SavePNG(screen, getenv("BENCH_TEXT_PNG"));
    for (int i = 0; i < 40; i++)
        md_free(labels[i]);
    md_text_destroy(t);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(screen);
    return 0;
}
