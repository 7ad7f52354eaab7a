/* The text engine's public face (text.h): creating and destroying an engine, the layout cache
 * (bounded LRU keyed by text and style, honouring the frame lifetime rule of text.h), and stats.
 */
#include "text/text_internal.h"

#include "base/base.h"

#include <SDL.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* Sized from measured need (docs/PERFORMANCE.md): the heaviest screen (the clinic list at
 * 1920x1080) holds about 1.5 MB of layouts and textures; the bound keeps the last few screens
 * warm. Layouts of the current and previous frame are kept even beyond it. */
#define LAYOUT_MAX_ENTRIES 1024
#define LAYOUT_MAX_BYTES (6u << 20)
#define MAX_TEXT_BYTES (16u << 20)

md_text *md_text_create(const char *font_table_path, SDL_Renderer *renderer)
{
    md_text *t = md_calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->renderer = renderer;
    const char *path = font_table_path ? font_table_path : MD_DATA_DIR "/fonts/fonts.conf";
    if (FT_Init_FreeType(&t->ft)) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "FreeType failed to initialise");
        md_free(t);
        return NULL;
    }
    UErrorCode err = U_ZERO_ERROR;
    t->nfc = unorm2_getNFCInstance(&err);
    t->bidi = ubidi_open();
    t->grapheme_iter = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &err);
    t->hb_buf = hb_buffer_create();
    if (U_FAILURE(err) || !t->bidi || !t->grapheme_iter ||
        !hb_buffer_allocation_successful(t->hb_buf)) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "ICU/HarfBuzz initialisation failed: %s",
               u_errorName(err));
        md_text_destroy(t);
        return NULL;
    }
    if (md_text_fonts_load(t, path) != 0) {
        md_text_destroy(t);
        return NULL;
    }
    /* Fonts open lazily, but an engine that could never draw anything is refused now, so a
     * layout can always fall back to some font: try the fallback chain, then any font. */
    int usable = 0;
    for (int pass = 0; pass < 2 && !usable; pass++)
        for (int i = 0; i < t->n_rules && !usable; i++)
            if (pass == 1 || strcmp(t->rules[i].script, "*") == 0)
                usable = md_text_font_open(t, t->rules[i].font_regular) == 0;
    if (!usable) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "%s: none of its fonts can be opened", path);
        md_text_destroy(t);
        return NULL;
    }
    return t;
}

#define LAYOUT_OF(node) MD_LRU_ITEM(node, md_text_layout, lru)

static void layout_evict(md_text *t, md_text_layout *l)
{
    md_lru_unlink(&t->layout_lru, &l->lru);
    md_text_layout **pp = &t->layout_buckets[l->hash & (MD_HASH_BUCKETS - 1)];
    while (*pp && *pp != l)
        pp = &(*pp)->hnext;
    if (*pp)
        *pp = l->hnext;
    t->layout_bytes -= l->mem_bytes;
    md_text_layout_free(t, l);
}

void md_text_destroy(md_text *t)
{
    if (!t)
        return;
    while (t->layout_lru.tail)
        layout_evict(t, LAYOUT_OF(t->layout_lru.tail));
    md_text_shaped_cache_free(t);
    md_text_fonts_free(t);
    for (int i = 0; i < t->n_line_iters; i++)
        ubrk_close(t->line_iters[i].iter);
    if (t->grapheme_iter)
        ubrk_close(t->grapheme_iter);
    if (t->bidi)
        ubidi_close(t->bidi);
    if (t->hb_buf)
        hb_buffer_destroy(t->hb_buf);
    if (t->ft)
        FT_Done_FreeType(t->ft);
    md_free(t);
}

void md_text_set_renderer(md_text *t, SDL_Renderer *renderer)
{
    if (!t)
        return;
    for (md_lru_node *n = t->layout_lru.head; n; n = n->next)
        md_text_layout_drop_texture(t, LAYOUT_OF(n));
    t->renderer = renderer;
}

void md_text_begin_frame(md_text *t)
{
    if (t)
        t->frame++;
}

const md_text_layout *md_text_lay_out(md_text *t, const char *utf8, size_t n_bytes,
                                      const md_text_style *style)
{
    if (!t)
        return NULL;
    md_text_style st;
    memset(&st, 0, sizeof st);
    if (style)
        st = *style;
    if (!st.lang || !st.lang[0])
        st.lang = "en";
    if (st.size_px <= 0)
        st.size_px = 16;
    if (st.width_px < 0)
        st.width_px = 0;
    if (st.max_lines < 0)
        st.max_lines = 0;
    if ((unsigned)st.align > MD_TEXT_ALIGN_END)
        st.align = MD_TEXT_ALIGN_START;
    if ((unsigned)st.dir > MD_TEXT_DIR_RTL)
        st.dir = MD_TEXT_DIR_AUTO;
    st.bold = st.bold ? 1 : 0;
    if (!utf8)
        utf8 = "", n_bytes = 0;
    if (n_bytes == (size_t)-1)
        n_bytes = strlen(utf8);
    if (n_bytes > MAX_TEXT_BYTES) {
        /* offsets inside the engine are int: no screen text is this long, so cut (at a
         * character boundary) rather than fail */
        md_log(MD_LOG_WARN, MD_TEXT_TAG, "text of %zu bytes cut to %u", n_bytes,
               (unsigned)MAX_TEXT_BYTES);
        n_bytes = MAX_TEXT_BYTES;
        while (n_bytes > 0 && ((unsigned char)utf8[n_bytes] & 0xC0) == 0x80)
            n_bytes--;
    }

    /* key: text, NUL, lang, NUL, the numeric style fields */
    int nums[6] = {st.size_px, st.width_px, st.max_lines, (int)st.align, (int)st.dir, st.bold};
    size_t lang_len = strlen(st.lang);
    size_t key_bytes = n_bytes + 1 + lang_len + 1 + sizeof nums;
    char *key = md_malloc(key_bytes);
    if (!key)
        return NULL;
    memcpy(key, utf8, n_bytes);
    key[n_bytes] = '\0';
    memcpy(key + n_bytes + 1, st.lang, lang_len + 1);
    memcpy(key + n_bytes + 2 + lang_len, nums, sizeof nums);
    uint64_t h = md_text_hash(key, key_bytes, 2);
    for (md_text_layout *l = t->layout_buckets[h & (MD_HASH_BUCKETS - 1)]; l; l = l->hnext)
        if (l->hash == h && l->key_bytes == key_bytes && memcmp(l->key, key, key_bytes) == 0) {
            md_free(key);
            md_lru_touch(&t->layout_lru, &l->lru);
            l->last_frame = t->frame;
            t->stats.n_layout_hits++;
            return l;
        }
    md_text_layout *l = md_text_layout_build(t, utf8, n_bytes, &st);
    if (!l) {
        md_free(key);
        return NULL;
    }
    t->stats.n_layouts++;
    l->key = key;
    l->key_bytes = key_bytes;
    l->hash = h;
    l->mem_bytes += key_bytes;
    l->last_frame = t->frame;
    /* Evict least recently used layouts that the lifetime rule allows: not returned in this frame
     * or the previous one. LRU order is usage order, so if the tail is protected, all are. */
    while (t->layout_lru.tail && LAYOUT_OF(t->layout_lru.tail)->last_frame + 2 <= t->frame &&
           (t->layout_lru.n_items >= LAYOUT_MAX_ENTRIES ||
            t->layout_bytes + l->mem_bytes > LAYOUT_MAX_BYTES))
        layout_evict(t, LAYOUT_OF(t->layout_lru.tail));
    l->hnext = t->layout_buckets[h & (MD_HASH_BUCKETS - 1)];
    t->layout_buckets[h & (MD_HASH_BUCKETS - 1)] = l;
    md_lru_push_front(&t->layout_lru, &l->lru);
    t->layout_bytes += l->mem_bytes;
    return l;
}

void md_text_flush_caches(md_text *t)
{
    if (!t)
        return;
    while (t->layout_lru.tail)
        layout_evict(t, LAYOUT_OF(t->layout_lru.tail));
    md_text_shaped_cache_free(t);
    md_text_glyph_cache_clear(t);
}

void md_text_trim(md_text *t, int keep_frames)
{
    if (!t)
        return;
    while (t->layout_lru.tail && LAYOUT_OF(t->layout_lru.tail)->last_frame + 2 <= t->frame)
        layout_evict(t, LAYOUT_OF(t->layout_lru.tail));
    md_text_shaped_cache_free(t);
    md_text_glyph_cache_clear(t);
    uint64_t keep = keep_frames > 0 ? (uint64_t)keep_frames : 1;
    for (int i = 0; i < t->n_fonts; i++) {
        md_font *f = &t->fonts[i];
        if (f->state > 0 && f->last_used_frame + keep < t->frame)
            md_text_font_release(t, i);
        else if (f->state > 0 && f->map)
            /* A kept font's file pages leave the resident set too (the mapping is read-only and
             * private: the kernel reads them back from the page cache when text needs them). */
            madvise(f->map, f->map_bytes, MADV_DONTNEED);
    }
}

void md_text_get_stats(const md_text *t, md_text_stats *out)
{
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    if (!t)
        return;
    *out = t->stats;
    out->cache_bytes = t->shaped_bytes + t->layout_bytes + t->glyph_bytes;
    for (int i = 0; i < t->n_fonts; i++) {
        out->n_fonts_mapped += t->fonts[i].state > 0;
        out->cache_bytes += t->fonts[i].ink_cap * sizeof(md_ink);
    }
}
