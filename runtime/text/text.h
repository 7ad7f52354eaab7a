/* The multilingual text engine: UTF-8 in, correctly shaped, wrapped and drawn lines out.
 *
 * Pipeline (docs/ARCHITECTURE.md): UTF-8 -> UTF-16 + NFC (ICU) -> bidi paragraphs and runs (ICU
 * ubidi) -> script runs (ICU uscript) -> font runs from the per-script table in fonts/ with
 * per-grapheme coverage fallback -> HarfBuzz shaping with direction, script and language -> ICU
 * line breaking for the text's language -> FreeType rasterising into cached glyphs -> SDL drawing.
 * Shaped runs and laid-out paragraphs are cached (bounded, LRU), so a steady screen costs no
 * shaping. Fonts are memory-mapped and opened lazily per script.
 *
 * Ownership: md_text_lay_out() returns a layout owned by the engine's cache. It stays valid until
 * the second md_text_begin_frame() after the frame in which it was last returned; the cache never
 * evicts a layout used in the current frame. Tools that never call begin_frame keep every layout
 * until md_text_destroy (or until the cache's bound pushes out ones not used in this "frame").
 */
#ifndef MD_TEXT_H
#define MD_TEXT_H

#include <stddef.h>
#include <stdint.h>

typedef struct SDL_Renderer SDL_Renderer;
typedef struct md_text md_text;
typedef struct md_text_layout md_text_layout;

typedef enum md_text_align {
    MD_TEXT_ALIGN_START = 0, /* left in LTR paragraphs, right in RTL ones */
    MD_TEXT_ALIGN_CENTER,
    MD_TEXT_ALIGN_END
} md_text_align;

typedef enum md_text_dir {
    MD_TEXT_DIR_AUTO = 0, /* from the first strong character; if none, from the language */
    MD_TEXT_DIR_LTR,
    MD_TEXT_DIR_RTL
} md_text_dir;

typedef struct md_text_style {
    const char *lang; /* BCP 47 language of the text ("ne", "zh-Hans", "ur"); NULL = "en" */
    int size_px;      /* font size (em) in pixels; <= 0 means 16 */
    int width_px;     /* wrap width; 0 = one line per paragraph, no wrapping */
    int max_lines;    /* 0 = unlimited; otherwise the last line ends with an ellipsis */
    md_text_align align;
    md_text_dir dir;
    int bold; /* 1 = the bold face where the table has one */
} md_text_style;

typedef struct md_text_line_info {
    size_t byte_start, byte_end; /* range of the input UTF-8 shown on this line */
    int x, y;                    /* top-left of the line box relative to the layout */
    int width, height;           /* line box; height from the fonts actually used on the line */
    int baseline;                /* from the line's top */
    int rtl;                     /* paragraph direction of this line */
    int n_runs;
} md_text_line_info;

typedef struct md_text_run_info {
    size_t byte_start, byte_end; /* range of the input UTF-8 */
    int rtl;
    char script[5];        /* ISO 15924, e.g. "Khmr", "Arab", "Hang" */
    const char *lang;      /* language used for shaping; borrowed from the layout */
    const char *font_file; /* absolute path; borrowed from the engine */
    int face_index;        /* face of a collection (.ttc) */
    int n_glyphs;
    int n_missing; /* glyphs drawn as the .notdef / replacement glyph */
    int x, width;  /* relative to the line's x */
} md_text_run_info;

/* Creates an engine with the font table at font_table_path (NULL = the default table in
 * MD_DATA_DIR/fonts/). renderer may be NULL for layout-only use (tools, lint); drawing then
 * fails. Returns NULL (logged) when the table cannot be read or none of its fonts opens. */
md_text *md_text_create(const char *font_table_path, SDL_Renderer *renderer);
void md_text_destroy(md_text *text);
/* Switches the renderer (e.g. after the window was recreated); drops textures of the old one. */
void md_text_set_renderer(md_text *text, SDL_Renderer *renderer);

/* Marks a new frame for the cache's lifetime rules (see the top of this file). */
void md_text_begin_frame(md_text *text);

/* Lays out utf8 (n_bytes may be (size_t)-1 for NUL-terminated). Invalid UTF-8 is replaced with
 * U+FFFD. Never returns NULL except on allocation failure (logged). "\n" starts a new paragraph.
 * Text beyond 16 MiB is ignored (logged). (The verb is "lay out": md_text_layout is the type.) */
const md_text_layout *md_text_lay_out(md_text *text, const char *utf8, size_t n_bytes,
                                      const md_text_style *style);

/* Size of the laid-out text in pixels: the width is style.width_px when wrapping (lines are
 * aligned inside it), otherwise the widest line; the height is the sum of the line boxes. Glyph
 * ink stays inside this box vertically (line metrics include it). */
void md_text_layout_size(const md_text_layout *layout, int *width, int *height);
int md_text_layout_line_count(const md_text_layout *layout);
int md_text_layout_line(const md_text_layout *layout, int i, md_text_line_info *out);
int md_text_layout_run(const md_text_layout *layout, int line, int i, md_text_run_info *out);
int md_text_layout_missing(const md_text_layout *layout);   /* total missing glyphs */
int md_text_layout_truncated(const md_text_layout *layout); /* 1 if max_lines cut text */
/* Ascent of the first line, so widgets can align text on a baseline. */
int md_text_layout_first_baseline(const md_text_layout *layout);

/* Draws the layout with its top-left at (x, y) in colour 0xRRGGBBAA. Returns 0 or -1 (logged). */
int md_text_draw(md_text *text, const md_text_layout *layout, int x, int y, uint32_t rgba);

/* Drops every cached layout, shaped paragraph, glyph bitmap and texture (fonts stay open).
 * Invalidates all layouts returned so far: call it only when nothing holds one (e.g. between
 * frames after a font-table change, under memory pressure, or in benchmarks measuring cold
 * layout). */
void md_text_flush_caches(md_text *text);

/* Gives memory back when a visitor leaves (the flow calls it at its session reset): drops the
 * layouts not returned in this frame or the previous one, every shaped paragraph and glyph
 * bitmap, and closes the fonts that nothing drew in the last keep_frames frames (their mapping,
 * HarfBuzz and FreeType faces and glyph extents; a font reopens by itself when text needs it).
 * Layouts returned in this or the previous frame stay valid. */
void md_text_trim(md_text *text, int keep_frames);

/* Cache statistics, for tests and `make bench`. */
typedef struct md_text_stats {
    uint64_t n_shapes;      /* HarfBuzz shape calls so far */
    uint64_t n_layouts;     /* layouts computed (cache misses) */
    uint64_t n_layout_hits; /* layouts served from the cache */
    size_t cache_bytes;     /* approximate bytes held by the caches */
    int n_fonts_open;       /* font files opened so far (lazily) */
    /* Appended (the struct only grows at the end): */
    uint64_t n_glyphs_rasterised; /* FreeType glyph renders (cache misses of the glyph cache) */
    uint64_t n_textures;          /* layout textures created for drawing */
    uint64_t n_shaped_hits;       /* paragraphs whose shaping came from the shaped-run cache */
    uint64_t n_ink_queries;       /* glyph ink extents asked of HarfBuzz (misses of the per-font
                                     ink cache) */
    int n_fonts_mapped;           /* fonts open now (md_text_trim closes unused ones) */
} md_text_stats;
void md_text_get_stats(const md_text *text, md_text_stats *out);

#endif /* MD_TEXT_H */
