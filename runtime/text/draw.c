/* Drawing: a layout is rasterised once (FreeType bitmaps from the glyph cache) into a coverage
 * mask cropped to its ink, and uploaded as one texture in the colour it is drawn in (coverage as
 * alpha). Every later draw in that colour is a single SDL_RenderCopy without colour modulation,
 * which SDL's software blitter handles on its fast per-pixel-alpha path (it skips transparent
 * pixels). Drawing in another colour refills the texture from the kept mask, without FreeType.
 */
#include "text/text_internal.h"

#include "base/base.h"

#include <SDL.h>
#include <string.h>

void md_text_layout_drop_texture(md_text *t, md_text_layout *l)
{
    if (l->texture) {
        SDL_DestroyTexture((SDL_Texture *)l->texture);
        size_t bytes = (size_t)l->tex_w * l->tex_h * 5;
        l->mem_bytes -= bytes;
        if (md_lru_linked(&t->layout_lru, &l->lru))
            t->layout_bytes -= bytes;
    }
    l->texture = NULL;
    md_free(l->coverage);
    l->coverage = NULL;
    l->tex_empty = 0;
    l->tex_modulated = 0;
}

/* 26.6 -> nearest pixel, rounding halves up also for negative values (a mark offset left of the
 * line start). */
static int px26(int32_t v)
{
    return (int)((v + 32) >> 6);
}

/* Uploads the coverage mask in colour rgb (0xRRGGBB). */
static int fill_texture(md_text_layout *l, uint32_t rgb)
{
    size_t n = (size_t)l->tex_w * l->tex_h;
    uint32_t *px = md_malloc(n * sizeof *px);
    if (!px)
        return -1;
    for (size_t i = 0; i < n; i++)
        px[i] = ((uint32_t)l->coverage[i] << 24) | rgb;
    int rc = SDL_UpdateTexture((SDL_Texture *)l->texture, NULL, px, l->tex_w * 4);
    md_free(px);
    if (rc != 0) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "SDL_UpdateTexture: %s", SDL_GetError());
        return -1;
    }
    l->tex_rgb = rgb;
    return 0;
}

static int build_texture(md_text *t, md_text_layout *l)
{
    /* A glyph that cannot be rasterised for lack of memory fails the whole texture (the next
     * draw tries again), so a transient failure never leaves a label with a hole in it. */
    t->glyph_oom = 0;
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -(1 << 30), y1 = -(1 << 30);
    for (int i = 0; i < l->n_glyphs; i++) {
        const md_pglyph *g = &l->glyphs[i];
        const md_gbitmap *bm = md_text_glyph_bitmap(t, g->font, g->gid, l->size_px);
        if (!bm || !bm->w || !bm->h)
            continue;
        int gx = px26(g->x26) + bm->left, gy = px26(g->y26) - bm->top;
        x0 = gx < x0 ? gx : x0;
        y0 = gy < y0 ? gy : y0;
        x1 = gx + bm->w > x1 ? gx + bm->w : x1;
        y1 = gy + bm->h > y1 ? gy + bm->h : y1;
    }
    if (t->glyph_oom)
        return -1;
    if (x1 <= x0 || y1 <= y0) {
        l->tex_empty = 1;
        return 0;
    }
    int w = x1 - x0, h = y1 - y0;
    if ((int64_t)w * h > (int64_t)64 << 20) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "layout of %dx%d px is too large to draw", w, h);
        return -1;
    }
    uint8_t *cov = md_calloc((size_t)w * h, 1);
    if (!cov)
        return -1;
    for (int i = 0; i < l->n_glyphs; i++) {
        const md_pglyph *g = &l->glyphs[i];
        const md_gbitmap *bm = md_text_glyph_bitmap(t, g->font, g->gid, l->size_px);
        if (!bm || !bm->w || !bm->h)
            continue;
        int gx = px26(g->x26) + bm->left - x0, gy = px26(g->y26) - bm->top - y0;
        /* clip: a glyph the first pass could not render (out of memory) is not in the box */
        for (int y = gy < 0 ? -gy : 0; y < bm->h && gy + y < h; y++) {
            uint8_t *row = cov + (size_t)(gy + y) * w + gx;
            const uint8_t *src = bm->pixels + (size_t)y * bm->w;
            for (int x = gx < 0 ? -gx : 0; x < bm->w && gx + x < w; x++) {
                unsigned a = row[x] + src[x];
                row[x] = (uint8_t)(a > 255 ? 255 : a);
            }
        }
    }
    if (t->glyph_oom) {
        md_free(cov);
        return -1;
    }
    SDL_Texture *tex =
        SDL_CreateTexture(t->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, w, h);
    if (!tex) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "cannot create a %dx%d text texture: %s", w, h,
               SDL_GetError());
        md_free(cov);
        return -1;
    }
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    l->texture = tex;
    l->coverage = cov;
    l->tex_x = x0;
    l->tex_y = y0;
    l->tex_w = w;
    l->tex_h = h;
    l->tex_rgb = 0xFFFFFFFFu;          /* no colour uploaded yet */
    l->mem_bytes += (size_t)w * h * 5; /* texture (4 bytes/px) + coverage mask */
    t->layout_bytes += (size_t)w * h * 5;
    t->stats.n_textures++;
    return 0;
}

int md_text_draw(md_text *t, const md_text_layout *layout, int x, int y, uint32_t rgba)
{
    if (!t || !layout) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "md_text_draw: no engine or layout");
        return -1;
    }
    if (!t->renderer) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "md_text_draw: the engine has no renderer");
        return -1;
    }
    /* The layout is the engine's (text.h: "owned by the engine's cache"); the texture is a
     * cache of it, filled on first draw. */
    md_text_layout *l = (md_text_layout *)layout;
    if (!l->texture && !l->tex_empty && build_texture(t, l) != 0)
        return -1;
    if (l->tex_empty)
        return 0;
    SDL_Texture *tex = (SDL_Texture *)l->texture;
    uint32_t rgb = rgba >> 8;
    if (!l->tex_modulated && l->tex_rgb != rgb) {
        /* Drawn in two colours within one frame (a shadow, a highlight): refilling every time
         * would cost more than modulating, so keep it white and let SDL colour it. */
        if (l->tex_rgb != 0xFFFFFFFFu && l->tex_frame == t->frame) {
            if (fill_texture(l, 0xFFFFFF) != 0)
                return -1;
            l->tex_modulated = 1;
        } else if (fill_texture(l, rgb) != 0) {
            return -1;
        }
    }
    l->tex_frame = t->frame;
    for (int i = 0; i < l->n_runs; i++) /* shown: md_text_trim keeps these fonts */
        t->fonts[l->runs[i].font].last_used_frame = t->frame;
    if (l->tex_modulated)
        SDL_SetTextureColorMod(tex, (Uint8)(rgba >> 24), (Uint8)(rgba >> 16), (Uint8)(rgba >> 8));
    SDL_SetTextureAlphaMod(tex, (Uint8)rgba);
    SDL_Rect dst = {x + l->tex_x, y + l->tex_y, l->tex_w, l->tex_h};
    if (SDL_RenderCopy(t->renderer, tex, NULL, &dst) != 0) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "SDL_RenderCopy: %s", SDL_GetError());
        return -1;
    }
    return 0;
}
