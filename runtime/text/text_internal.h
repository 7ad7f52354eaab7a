/* Internal structures shared by the files of the text engine (runtime/text/ *.c). Nothing here is
 * part of the public contract in text.h; other modules must not include this header.
 * Units: font-unit values are in the face's design units (scaled at layout time); "26.6" values
 * are pixels * 64, as FreeType and HarfBuzz use them.
 */
#ifndef MD_TEXT_INTERNAL_H
#define MD_TEXT_INTERNAL_H

#include "base/base.h"
#include "text/text.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include <unicode/ubidi.h>
#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>

#define MD_TEXT_TAG "TEXT"
#define MD_FONT_NONE 0xFFFF

/* Ink extents of one glyph in font units (the hb_font's scale is the upem, so they do not depend
 * on the size): an entry of a font's open-addressing table keyed by gid + 1 (0 = empty). */
typedef struct md_ink {
    uint32_t gid1;
    int32_t y_bearing, height; /* as hb_glyph_extents_t: top above the baseline, height < 0 */
    int32_t known;             /* 0: HarfBuzz had no extents for the glyph */
} md_ink;

/* One font file + face, opened lazily (mmap + HarfBuzz face; FreeType face on first raster). */
typedef struct md_font {
    char *path; /* absolute path, or NULL if the file was not found in any dir */
    char *file; /* file name as written in the table */
    int face_index;
    int state; /* 0 not opened yet, 1 open, -1 failed (logged once) */
    void *map;
    size_t map_bytes;
    hb_blob_t *blob;
    hb_face_t *hb_face;
    hb_font_t *hb_font; /* scale = upem, so positions come out in font units */
    int upem;
    int ascender, descender, line_gap; /* font units; descender is positive downwards */
    FT_Face ft;
    int ft_size_px;
    /* Glyph ink extents asked of HarfBuzz once per glyph: measuring a CFF outline (Noto CJK)
     * costs more than shaping, and every shaping needs the ink of every glyph. */
    md_ink *ink;
    uint32_t ink_cap, ink_n;  /* cap is a power of two; grown at half full */
    uint64_t last_used_frame; /* the engine frame the font last shaped or drew in */
} md_font;

typedef struct md_font_rule {
    char script[5];              /* "Latn", or "*" for the fallback chain */
    char lang[24];               /* BCP 47 prefix, or "*" */
    int font_regular, font_bold; /* indexes into md_text.fonts; -1 = none */
} md_font_rule;

/* A font chain resolved for (script, lang, bold): indexes into md_text.fonts. */
#define MD_CHAIN_MAX 16
typedef struct md_chain {
    int script;
    int bold;
    char lang[24];
    int n;
    uint16_t fonts[MD_CHAIN_MAX];
} md_chain;

/* One shaped item: a maximal range of a paragraph with one bidi level, script and font. */
typedef struct md_item {
    int start, end; /* UTF-16 indexes into the paragraph */
    int level;      /* bidi embedding level; odd = right to left */
    int script;     /* UScriptCode */
    uint16_t font;
    int glyph_start, n_glyphs;
} md_item;

typedef struct md_sglyph {
    uint32_t gid;
    uint32_t cluster;            /* UTF-16 index into the paragraph */
    int32_t x_adv, x_off, y_off; /* font units */
    int16_t ink_top, ink_bottom; /* font units above / below the baseline (bottom positive down) */
    uint16_t font;
} md_sglyph;

/* A paragraph after hygiene, bidi, itemisation, font selection, shaping and break analysis. It
 * does not depend on size, width or alignment, so any layout of the same paragraph reuses it. */
typedef struct md_shaped {
    struct md_shaped *hnext; /* hash chain */
    md_lru_node lru;
    uint64_t hash;
    char *key; /* raw paragraph bytes + '\0' + lang + '\0' + dir + bold */
    size_t key_bytes;
    size_t mem_bytes;
    int n16;
    UChar *u16;
    int32_t *byte_of; /* n16 + 1 entries: byte offset in the raw paragraph of each UTF-16 unit */
    uint8_t *brk;     /* n16 + 1: MD_BRK_* flags at each position */
    int para_rtl;
    int n_items;
    md_item *items;
    int n_glyphs;
    md_sglyph *glyphs;
    /* n16 + 1: at each position p, how many glyphs of the item holding p have a cluster before
     * p, so a line finds its glyphs without scanning the item (layout.c piece_glyphs) */
    int32_t *gcount;
    int n_missing;
    uint16_t base_font; /* font for empty lines and the ellipsis */
} md_shaped;

enum { MD_BRK_GRAPHEME = 1, MD_BRK_LINE = 2, MD_BRK_HARD = 4 };

/* Positioned glyph inside a layout: pen position on the baseline, in 26.6 relative to the layout.
 */
typedef struct md_pglyph {
    uint32_t gid;
    uint16_t font;
    int32_t x26, y26;
} md_pglyph;

typedef struct md_lrun {
    size_t byte_start, byte_end;
    int rtl;
    int script;
    uint16_t font;
    int glyph_start, n_glyphs, n_missing;
    int x, width;
} md_lrun;

typedef struct md_lline {
    md_text_line_info info;
    int run_start;
    int glyph_start, glyph_end;
    int32_t asc26, desc26; /* from the fonts and glyph ink of this line */
} md_lline;

struct md_text_layout {
    struct md_text_layout *hnext; /* hash chain */
    md_lru_node lru;
    uint64_t hash;
    char *key;
    size_t key_bytes;
    size_t mem_bytes;
    uint64_t last_frame;
    const struct md_text *engine; /* owner: font paths for run info */
    char lang[24];
    int size_px;
    int width, height;
    int n_lines;
    md_lline *lines;
    int n_runs;
    md_lrun *runs;
    int n_glyphs;
    md_pglyph *glyphs;
    int n_missing;
    int truncated;
    /* Drawing: the whole layout rendered once into a texture cropped to the ink. */
    void *texture;      /* SDL_Texture *, in colour tex_rgb */
    uint8_t *coverage;  /* tex_w * tex_h alpha mask the texture is filled from */
    uint32_t tex_rgb;   /* colour the texture holds; 0xFFFFFFFF = none yet */
    int tex_modulated;  /* 1: texture is white, coloured by SDL colour modulation */
    uint64_t tex_frame; /* frame of the last draw */
    int tex_x, tex_y, tex_w, tex_h;
    int tex_empty;
};

/* Rasterised glyph (8-bit coverage), cached across layouts. */
typedef struct md_gbitmap {
    struct md_gbitmap *hnext;
    uint32_t gid;
    uint16_t font;
    uint16_t size_px;
    int16_t left, top;
    uint16_t w, h;
    uint8_t *pixels;
} md_gbitmap;

#define MD_HASH_BUCKETS 1024
#define MD_BRK_CACHE 8

struct md_text {
    SDL_Renderer *renderer;
    FT_Library ft;
    char **dirs;
    char **dir_packages;
    int n_dirs;
    md_font *fonts;
    int n_fonts;
    md_font_rule *rules;
    int n_rules;
    md_chain **chains; /* each chain allocated once: callers keep pointers across calls */
    int n_chains, cap_chains;
    uint8_t logged_script[USCRIPT_CODE_LIMIT + 1];

    /* ICU objects, reused */
    UBiDi *bidi;
    UBreakIterator *grapheme_iter;
    struct {
        char locale[64];
        UBreakIterator *iter;
    } line_iters[MD_BRK_CACHE];
    int n_line_iters;
    const UNormalizer2 *nfc;
    hb_buffer_t *hb_buf;

    /* caches */
    md_shaped *shaped_buckets[MD_HASH_BUCKETS];
    md_lru shaped_lru; /* of md_shaped */
    size_t shaped_bytes;
    md_text_layout *layout_buckets[MD_HASH_BUCKETS];
    md_lru layout_lru; /* of md_text_layout */
    size_t layout_bytes;
    md_gbitmap *glyph_buckets[MD_HASH_BUCKETS];
    size_t glyph_bytes;
    int n_glyph_entries;
    int glyph_oom; /* set when a glyph could not be cached for lack of memory */

    uint64_t frame;
    md_text_stats stats;
};

/* fonts.c */
int md_text_fonts_load(md_text *t, const char *table_path);
void md_text_fonts_free(md_text *t);
int md_text_font_open(md_text *t, int font); /* 0 ok, -1 unavailable (logged once) */
/* Closes an open font (md_text_trim); the next md_text_font_open opens it again. */
void md_text_font_release(md_text *t, int font);
/* The font chain for script/lang/bold, built on first use. The pointer stays valid until the
 * engine is destroyed (later calls never move it). NULL only on allocation failure. */
const md_chain *md_text_chain(md_text *t, int script, const char *lang, int bold);
int md_text_font_covers(md_text *t, int font, uint32_t cp);
/* Ink top (above the baseline) and bottom (below) of glyph gid in font units, cached per font.
 * Returns 0 (both set to 0) when HarfBuzz has no extents for the glyph. The font must be open. */
int md_text_glyph_ink(md_text *t, int font, uint32_t gid, int32_t *top, int32_t *bottom);
/* Rasterises (cached) a glyph at size_px. NULL if the font cannot render it. */
const md_gbitmap *md_text_glyph_bitmap(md_text *t, int font, uint32_t gid, int size_px);
void md_text_glyph_cache_clear(md_text *t);
int md_text_lang_script(const char *lang); /* the usual script of a language (UScriptCode) */
int md_text_lang_rtl(const char *lang);

/* shape.c */
md_shaped *md_text_shape_paragraph(md_text *t, const char *bytes, size_t n_bytes,
                                   const md_text_style *style);
void md_text_shaped_cache_free(md_text *t);

/* layout.c */
md_text_layout *md_text_layout_build(md_text *t, const char *utf8, size_t n_bytes,
                                     const md_text_style *style);
void md_text_layout_free(md_text *t, md_text_layout *l);

/* draw.c */
void md_text_layout_drop_texture(md_text *t, md_text_layout *l);

uint64_t md_text_hash(const void *data, size_t n_bytes, uint64_t seed);

#endif /* MD_TEXT_INTERNAL_H */
