/* Drawing: a layout is rasterised once (FreeType bitmaps from the glyph cache) into one texture
 * cropped to its ink, white with coverage as alpha; every later draw is a single SDL_RenderCopy
 * with colour and alpha modulation. A steady screen therefore costs one blit per label.
 */
#include "text/text_internal.h"

#include "base/base.h"

#include <SDL.h>
#include <string.h>

void md_text_layout_drop_texture(md_text_layout *l)
{
    if (l->texture)
        SDL_DestroyTexture((SDL_Texture *)l->texture);
    l->texture = NULL;
    l->tex_empty = 0;
}

static int build_texture(md_text *t, md_text_layout *l)
{
    int x0 = 1 << 30, y0 = 1 << 30, x1 = -(1 << 30), y1 = -(1 << 30);
    for (int i = 0; i < l->n_glyphs; i++) {
        const md_pglyph *g = &l->glyphs[i];
        const md_gbitmap *bm = md_text_glyph_bitmap(t, g->font, g->gid, l->size_px);
        if (!bm || !bm->w || !bm->h)
            continue;
        int gx = (g->x26 + 32) / 64 + bm->left, gy = (g->y26 + 32) / 64 - bm->top;
        x0 = gx < x0 ? gx : x0;
        y0 = gy < y0 ? gy : y0;
        x1 = gx + bm->w > x1 ? gx + bm->w : x1;
        y1 = gy + bm->h > y1 ? gy + bm->h : y1;
    }
    if (x1 <= x0 || y1 <= y0) {
        l->tex_empty = 1;
        return 0;
    }
    int w = x1 - x0, h = y1 - y0;
    if ((int64_t)w * h > (int64_t)64 << 20) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "layout of %dx%d px is too large to draw", w, h);
        return -1;
    }
    uint32_t *px = md_calloc((size_t)w * h, sizeof *px);
    if (!px)
        return -1;
    for (int i = 0; i < l->n_glyphs; i++) {
        const md_pglyph *g = &l->glyphs[i];
        const md_gbitmap *bm = md_text_glyph_bitmap(t, g->font, g->gid, l->size_px);
        if (!bm || !bm->w || !bm->h)
            continue;
        int gx = (g->x26 + 32) / 64 + bm->left - x0, gy = (g->y26 + 32) / 64 - bm->top - y0;
        for (int y = 0; y < bm->h; y++) {
            uint32_t *row = px + (size_t)(gy + y) * w + gx;
            const uint8_t *src = bm->pixels + (size_t)y * bm->w;
            for (int x = 0; x < bm->w; x++) {
                if (!src[x])
                    continue;
                uint32_t a = (row[x] >> 24) + src[x];
                row[x] = ((a > 255 ? 255 : a) << 24) | 0xFFFFFFu;
            }
        }
    }
    SDL_Texture *tex = SDL_CreateTexture(t->renderer, SDL_PIXELFORMAT_ARGB8888,
                                         SDL_TEXTUREACCESS_STATIC, w, h);
    if (!tex || SDL_UpdateTexture(tex, NULL, px, w * 4) != 0) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "cannot create a %dx%d text texture: %s", w, h,
               SDL_GetError());
        if (tex)
            SDL_DestroyTexture(tex);
        md_free(px);
        return -1;
    }
    md_free(px);
    SDL_SetTextureBlendMode(tex, SDL_BLENDMODE_BLEND);
    l->texture = tex;
    l->tex_x = x0;
    l->tex_y = y0;
    l->tex_w = w;
    l->tex_h = h;
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
    SDL_SetTextureColorMod(tex, (Uint8)(rgba >> 24), (Uint8)(rgba >> 16), (Uint8)(rgba >> 8));
    SDL_SetTextureAlphaMod(tex, (Uint8)rgba);
    SDL_Rect dst = {x + l->tex_x, y + l->tex_y, l->tex_w, l->tex_h};
    if (SDL_RenderCopy(t->renderer, tex, NULL, &dst) != 0) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "SDL_RenderCopy: %s", SDL_GetError());
        return -1;
    }
    return 0;
}
