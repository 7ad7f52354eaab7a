/* bench-text: figures for the text engine, printed as "bench <name> <value> <unit>".
 *   text_layout_cold_<lang>   lay out the language's paragraph (tests/text/paragraphs) at 600 px
 *                             with empty caches (fonts already open), median of runs, µs
 *   text_layout_cached_<lang> the same call again: a layout-cache hit, not a layout, µs
 *   text_relayout_<lang>      the same paragraph at another width (shaping cached), µs
 *   text_layout_pango_<lang>  Pango laying out the same paragraph with the same Noto font, size
 *                             and width (a new PangoLayout each time; Pango keeps its fonts and
 *                             their glyph extents, as madang does), µs, and the ratio madang/Pango
 *                             (only when built with Pango: `make bench` installs libpango1.0-dev)
 *   text_growth_<lang>_<N>x_*  one paragraph of N copies (1, 10, 100, 300): cold layout, and
 *                             relayout at another width per line (aim: independent of N)
 *   text_draw_<N>_labels      a warm frame of N labels (40, 100, 200, 400), ms and per label
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

/* One paragraph (newlines joined with spaces) repeated n times. The caller frees. */
static char *copies(const char *lang, int n)
{
    char *one = paragraph(lang);
    if (!one)
        return NULL;
    for (char *nl = strchr(one, '\n'); nl; nl = strchr(one, '\n'))
        *nl = ' ';
    size_t n1 = strlen(one);
    char *all = md_malloc((n1 + 1) * (size_t)n + 1);
    if (!all) {
        md_free(one);
        return NULL;
    }
    size_t at = 0;
    for (int i = 0; i < n; i++) {
        memcpy(all + at, one, n1);
        at += n1;
        all[at++] = ' ';
    }
    all[at ? at - 1 : 0] = '\0';
    md_free(one);
    return all;
}

#ifdef MD_HAVE_PANGO
#include <pango/pangoft2.h>

/* Pango with the same font files (fontconfig finds the Noto fonts madang's table names), size
 * and width; a new layout each run, median. */
static double pango_layout_us(const char *lang, const char *text, int width_px, int runs)
{
    static PangoFontMap *map;
    static PangoContext *ctx;
    if (!map) {
        map = pango_ft2_font_map_new();
        pango_ft2_font_map_set_resolution(PANGO_FT2_FONT_MAP(map), 72, 72);
        ctx = pango_font_map_create_context(map);
    }
    const char *family = !strcmp(lang, "zh-Hans") ? "Noto Sans CJK SC"
                         : !strcmp(lang, "ko")    ? "Noto Sans CJK KR"
                         : !strcmp(lang, "ur")    ? "Noto Nastaliq Urdu"
                         : !strcmp(lang, "ar")    ? "Noto Naskh Arabic"
                                                  : "Noto Sans";
    pango_context_set_language(ctx, pango_language_from_string(lang));
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, family);
    pango_font_description_set_absolute_size(fd, 24 * PANGO_SCALE);
    uint64_t v[64];
    if (runs > 64)
        runs = 64;
    for (int r = -1; r < runs; r++) { /* run -1 opens the fonts */
        uint64_t t0 = md_time_ns();
        PangoLayout *l = pango_layout_new(ctx);
        pango_layout_set_font_description(l, fd);
        pango_layout_set_width(l, width_px * PANGO_SCALE);
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_text(l, text, -1);
        int w = 0, h = 0;
        pango_layout_get_pixel_size(l, &w, &h);
        uint64_t t1 = md_time_ns();
        g_object_unref(l);
        if (r >= 0)
            v[r] = t1 - t0;
    }
    pango_font_description_free(fd);
    return median_ns(v, runs) / 1e3;
}
#endif

/* Layout and relayout time as one paragraph grows: 1, 10, 100 and 300 copies. */
static void growth(md_text *t, const char *lang)
{
    static const int mult[] = {1, 10, 100, 300};
    double per_line_1x = 0;
    for (int k = 0; k < 4; k++) {
        char *text = copies(lang, mult[k]);
        if (!text)
            return;
        int runs = mult[k] >= 100 ? 3 : 9;
        uint64_t cold[9], re[9];
        int lines = 0;
        for (int r = 0; r < runs; r++) {
            md_text_flush_caches(t);
            md_text_style st;
            memset(&st, 0, sizeof st);
            st.lang = lang;
            st.size_px = 24;
            st.width_px = 600;
            uint64_t t0 = md_time_ns();
            md_text_lay_out(t, text, (size_t)-1, &st);
            uint64_t t1 = md_time_ns();
            cold[r] = t1 - t0;
        }
        /* relayout: the paragraph stays shaped; each width builds every line again (the median
         * of several, after the cold runs, so page faults of the first big layout stay out) */
        for (int r = 0; r < 9; r++) {
            md_text_style st;
            memset(&st, 0, sizeof st);
            st.lang = lang;
            st.size_px = 24;
            st.width_px = 560 + r;
            uint64_t t1 = md_time_ns();
            const md_text_layout *l = md_text_lay_out(t, text, (size_t)-1, &st);
            re[r] = md_time_ns() - t1;
            lines = md_text_layout_line_count(l);
        }
        double cold_us = median_ns(cold, runs) / 1e3, re_us = median_ns(re, 9) / 1e3;
        double re_min_us = (double)re[0] / 1e3; /* sorted by median_ns */
        double per_line = lines ? re_min_us / lines : 0;
        if (k == 0)
            per_line_1x = per_line;
        printf("bench text_growth_%s_%dx_layout %.1f us (%d lines)\n", lang, mult[k], cold_us,
               lines);
        printf("bench text_growth_%s_%dx_relayout_per_line %.2f us (x%.2f of 1x; aim: x1, "
               "independent of length; best of 9, median %.2f us)\n",
               lang, mult[k], per_line, per_line_1x > 0 ? per_line / per_line_1x : 0,
               lines ? re_us / lines : 0);
#ifdef MD_HAVE_PANGO
        double pango_us = pango_layout_us(lang, text, 600, runs);
        printf("bench text_growth_%s_%dx_pango %.1f us (madang/pango %.2f)\n", lang, mult[k],
               pango_us, cold_us / pango_us);
#endif
        md_free(text);
    }
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
        printf("bench text_layout_cached_%s %.2f us\n", k_langs[li], median_ns(warm, RUNS) / 1e3);
#ifdef MD_HAVE_PANGO
        double pango_us = pango_layout_us(k_langs[li], text, 600, RUNS);
        printf("bench text_layout_pango_%s %.1f us (madang/pango %.2f; aim <= 1 for CJK)\n",
               k_langs[li], pango_us, median_ns(cold, RUNS) / 1e3 / pango_us);
#endif
        printf("bench text_relayout_%s %.1f us\n", k_langs[li], median_ns(re, RUNS) / 1e3);
        md_free(text);
    }
    md_text_flush_caches(t);
    growth(t, "en");
    growth(t, "zh-Hans");
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
    /* Growth: N labels on the same screen, in as many columns as fit (warm: layouts and textures
     * built, as on a steady screen). */
    static const int counts[] = {40, 100, 200, 400};
    double per_label_40 = 0;
    for (int c = 0; c < 4; c++) {
        int n = counts[c], cols = n <= 40 ? 4 : n <= 100 ? 5 : n <= 200 ? 8 : 10;
        int rows = (n + cols - 1) / cols, col_w = 1880 / cols, row_h = 1040 / rows;
        uint64_t v[FRAMES];
        for (int f = 0; f < FRAMES + 1; f++) {
            md_text_begin_frame(t);
            uint64_t t0 = md_time_ns();
            SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
            SDL_RenderClear(r);
            for (int i = 0; i < n; i++) {
                md_text_style st = styles[i % 40];
                st.width_px = col_w - 15;
                st.size_px = row_h > 60 ? st.size_px : 16 + (i % 3) * 2;
                st.max_lines = 1;
                const md_text_layout *l = md_text_lay_out(t, labels[i % 40], (size_t)-1, &st);
                md_text_draw(t, l, 20 + (i % cols) * col_w, 20 + (i / cols) * row_h, 0x202020FFu);
            }
            SDL_RenderPresent(r);
            if (f > 0)
                v[f - 1] = md_time_ns() - t0;
        }
        double ms = median_ns(v, FRAMES) / 1e6, per = ms * 1e3 / n;
        if (c == 0)
            per_label_40 = per;
        printf("bench text_draw_%d_labels %.2f ms (%.1f us a label, x%.2f of 40)\n", n, ms, per,
               per_label_40 > 0 ? per / per_label_40 : 0);
    }
    for (int i = 0; i < 40; i++)
        md_free(labels[i]);
    md_text_destroy(t);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(screen);
    return 0;
}
