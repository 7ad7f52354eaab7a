/* The per-script font table (fonts/fonts.conf), lazily memory-mapped font files, font chains for
 * (script, language, weight) with coverage checks, and the FreeType glyph-bitmap cache.
 * Fonts are opened on first use, so an engine that only sees Latin never maps the CJK collection.
 */
#include "text/text_internal.h"

#include "base/base.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hb-ot.h>

#define GLYPH_CACHE_MAX_BYTES (3u << 20) /* every screen in 17 languages: 2 MB */

static int find_or_add_font(md_text *t, const char *file, int face)
{
    for (int i = 0; i < t->n_fonts; i++)
        if (t->fonts[i].face_index == face && strcmp(t->fonts[i].file, file) == 0)
            return i;
    if (t->n_fonts >= MD_FONT_NONE - 1)
        return -1;
    md_font *grown = md_realloc(t->fonts, (size_t)(t->n_fonts + 1) * sizeof *grown);
    if (!grown)
        return -1;
    t->fonts = grown;
    md_font *f = &t->fonts[t->n_fonts];
    memset(f, 0, sizeof *f);
    f->file = md_strdup(file);
    f->face_index = face;
    if (!f->file)
        return -1;
    return t->n_fonts++;
}

static int add_dir(md_text *t, const char *dir, const char *package)
{
    char **d = md_realloc(t->dirs, (size_t)(t->n_dirs + 1) * sizeof *d);
    if (!d)
        return -1;
    t->dirs = d;
    char **p = md_realloc(t->dir_packages, (size_t)(t->n_dirs + 1) * sizeof *p);
    if (!p)
        return -1;
    t->dir_packages = p;
    t->dirs[t->n_dirs] = md_strdup(dir);
    t->dir_packages[t->n_dirs] = md_strdup(package ? package : "");
    if (!t->dirs[t->n_dirs] || !t->dir_packages[t->n_dirs]) {
        md_free(t->dirs[t->n_dirs]);
        md_free(t->dir_packages[t->n_dirs]);
        return -1;
    }
    t->n_dirs++;
    return 0;
}

int md_text_fonts_load(md_text *t, const char *table_path)
{
    size_t n_bytes = 0;
    char *src = md_read_file(table_path, &n_bytes);
    if (!src) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "cannot read the font table %s", table_path);
        return -1;
    }
    int line_no = 0, rc = 0;
    char *next_line = src;
    while (next_line && *next_line) {
        char *line = next_line;
        char *nl = strchr(line, '\n');
        next_line = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        line_no++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char w[6][256];
        int n =
            sscanf(line, "%255s %255s %255s %255s %255s %255s", w[0], w[1], w[2], w[3], w[4], w[5]);
        if (n <= 0)
            continue;
        if (strcmp(w[0], "dir") == 0) {
            if (n < 2 || add_dir(t, w[1], n >= 3 ? w[2] : NULL) != 0) {
                md_log(MD_LOG_ERROR, MD_TEXT_TAG, "%s:%d: bad dir line", table_path, line_no);
                rc = -1;
                break;
            }
            continue;
        }
        if ((n != 4 && n != 6) || strlen(w[0]) > 4 || strlen(w[1]) > 23 ||
            !isdigit((unsigned char)w[3][0]) || (n == 6 && !isdigit((unsigned char)w[5][0]))) {
            md_log(MD_LOG_ERROR, MD_TEXT_TAG,
                   "%s:%d: expected SCRIPT LANG FILE FACE [BOLDFILE BOLDFACE]", table_path,
                   line_no);
            rc = -1;
            break;
        }
        md_font_rule r;
        memset(&r, 0, sizeof r);
        if (strcmp(w[0], "*") == 0) {
            snprintf(r.script, sizeof r.script, "*");
        } else {
            /* store ICU's spelling of the code, so "latn" and "Latn" both match Latin text */
            UScriptCode codes[4];
            UErrorCode err = U_ZERO_ERROR;
            const char *name = NULL;
            if (strlen(w[0]) == 4 && uscript_getCode(w[0], codes, 4, &err) >= 1 && U_SUCCESS(err))
                name = uscript_getShortName(codes[0]);
            if (!name) {
                md_log(MD_LOG_ERROR, MD_TEXT_TAG,
                       "%s:%d: unknown script %s (use ISO 15924, "
                       "e.g. Latn)",
                       table_path, line_no, w[0]);
                rc = -1;
                break;
            }
            snprintf(r.script, sizeof r.script, "%s", name);
        }
        snprintf(r.lang, sizeof r.lang, "%s", w[1]);
        r.font_regular = find_or_add_font(t, w[2], atoi(w[3]));
        r.font_bold = n == 6 ? find_or_add_font(t, w[4], atoi(w[5])) : -1;
        md_font_rule *grown = md_realloc(t->rules, (size_t)(t->n_rules + 1) * sizeof *grown);
        if (r.font_regular < 0 || (n == 6 && r.font_bold < 0) || !grown) {
            if (grown)
                t->rules = grown;
            rc = -1;
            break;
        }
        t->rules = grown;
        t->rules[t->n_rules++] = r;
    }
    md_free(src);
    if (rc == 0 && t->n_rules == 0) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "%s: no font rules", table_path);
        rc = -1;
    }
    return rc;
}

static void font_close(md_font *f)
{
    if (f->ft)
        FT_Done_Face(f->ft);
    if (f->hb_font)
        hb_font_destroy(f->hb_font);
    if (f->hb_face)
        hb_face_destroy(f->hb_face);
    if (f->blob)
        hb_blob_destroy(f->blob);
    if (f->map)
        munmap(f->map, f->map_bytes);
    md_free(f->ink);
    f->ink = NULL;
    f->ink_cap = f->ink_n = 0;
    f->ft = NULL;
    f->hb_font = NULL;
    f->hb_face = NULL;
    f->blob = NULL;
    f->map = NULL;
}

void md_text_font_release(md_text *t, int font)
{
    if (font < 0 || font >= t->n_fonts || t->fonts[font].state <= 0)
        return;
    font_close(&t->fonts[font]);
    t->fonts[font].state = 0;
}

void md_text_fonts_free(md_text *t)
{
    md_text_glyph_cache_clear(t);
    for (int i = 0; i < t->n_fonts; i++) {
        font_close(&t->fonts[i]);
        md_free(t->fonts[i].path);
        md_free(t->fonts[i].file);
    }
    md_free(t->fonts);
    for (int i = 0; i < t->n_dirs; i++) {
        md_free(t->dirs[i]);
        md_free(t->dir_packages[i]);
    }
    md_free(t->dirs);
    md_free(t->dir_packages);
    md_free(t->rules);
    for (int i = 0; i < t->n_chains; i++)
        md_free(t->chains[i]);
    md_free(t->chains);
}

int md_text_font_open(md_text *t, int font)
{
    if (font < 0 || font >= t->n_fonts)
        return -1;
    md_font *f = &t->fonts[font];
    if (f->state)
        return f->state > 0 ? 0 : -1;
    f->state = -1;
    char path[1024];
    int fd = -1;
    if (f->file[0] == '/') {
        snprintf(path, sizeof path, "%s", f->file);
        fd = open(path, O_RDONLY | O_CLOEXEC);
    }
    for (int i = 0; fd < 0 && i < t->n_dirs; i++) {
        snprintf(path, sizeof path, "%s/%s", t->dirs[i], f->file);
        fd = open(path, O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0) {
        const char *pkg = "";
        for (int i = 0; i < t->n_dirs && !pkg[0]; i++)
            pkg = t->dir_packages[i];
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "font %s not found in the table's dirs (install %s)",
               f->file, pkg[0] ? pkg : "the Noto font packages");
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size <= 0) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "font %s: cannot stat", path);
        close(fd);
        return -1;
    }
    f->map_bytes = (size_t)st.st_size;
    f->map = mmap(NULL, f->map_bytes, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (f->map == MAP_FAILED) {
        f->map = NULL;
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "font %s: mmap failed", path);
        return -1;
    }
    if (f->path && strcmp(f->path, path) != 0) { /* reopened (md_text_trim) elsewhere */
        md_free(f->path);
        f->path = NULL;
    }
    if (!f->path) /* a reopened font keeps its path: run infos borrow it */
        f->path = md_strdup(path);
    if (!f->path) {
        font_close(f);
        f->state = 0; /* out of memory is not a property of the font: try again next time */
        return -1;
    }
    f->blob = hb_blob_create(f->map, (unsigned)f->map_bytes, HB_MEMORY_MODE_READONLY, NULL, NULL);
    if (f->face_index >= (int)hb_face_count(f->blob)) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "font %s has no face %d", path, f->face_index);
        font_close(f);
        return -1;
    }
    f->hb_face = hb_face_create(f->blob, (unsigned)f->face_index);
    f->upem = (int)hb_face_get_upem(f->hb_face);
    f->hb_font = hb_font_create(f->hb_face);
    if (f->upem <= 0 || hb_face_get_glyph_count(f->hb_face) == 0) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "font %s face %d is not usable", path, f->face_index);
        font_close(f);
        return -1;
    }
    hb_font_set_scale(f->hb_font, f->upem, f->upem);
    hb_font_extents_t ext;
    memset(&ext, 0, sizeof ext);
    hb_font_get_h_extents(f->hb_font, &ext);
    f->ascender = (int)ext.ascender;
    f->descender = (int)-ext.descender;
    f->line_gap = (int)ext.line_gap;
    f->state = 1;
    t->stats.n_fonts_open++;
    return 0;
}

int md_text_font_covers(md_text *t, int font, uint32_t cp)
{
    if (md_text_font_open(t, font) != 0)
        return 0;
    hb_codepoint_t gid = 0;
    return hb_font_get_nominal_glyph(t->fonts[font].hb_font, cp, &gid) && gid != 0;
}

static uint32_t ink_slot(uint32_t gid, uint32_t cap)
{
    return (gid * 2654435761u) & (cap - 1);
}

static int ink_grow(md_font *f)
{
    uint32_t cap = f->ink_cap ? f->ink_cap * 2 : 256;
    md_ink *grown = md_calloc(cap, sizeof *grown);
    if (!grown)
        return -1;
    for (uint32_t i = 0; i < f->ink_cap; i++) {
        if (!f->ink[i].gid1)
            continue;
        uint32_t k = ink_slot(f->ink[i].gid1 - 1, cap);
        while (grown[k].gid1)
            k = (k + 1) & (cap - 1);
        grown[k] = f->ink[i];
    }
    md_free(f->ink);
    f->ink = grown;
    f->ink_cap = cap;
    return 0;
}

int md_text_glyph_ink(md_text *t, int font, uint32_t gid, int32_t *top, int32_t *bottom)
{
    md_font *f = &t->fonts[font];
    *top = *bottom = 0;
    uint32_t k = 0;
    if (f->ink_cap) {
        for (k = ink_slot(gid, f->ink_cap); f->ink[k].gid1; k = (k + 1) & (f->ink_cap - 1))
            if (f->ink[k].gid1 == gid + 1) {
                *top = f->ink[k].y_bearing;
                *bottom = -(f->ink[k].y_bearing + f->ink[k].height);
                return f->ink[k].known;
            }
    }
    hb_glyph_extents_t ext;
    memset(&ext, 0, sizeof ext);
    int known = hb_font_get_glyph_extents(f->hb_font, gid, &ext) ? 1 : 0;
    if (!known)
        memset(&ext, 0, sizeof ext);
    t->stats.n_ink_queries++;
    *top = ext.y_bearing;
    *bottom = -(ext.y_bearing + ext.height);
    /* remember it; without memory the answer is still right, only not cached */
    if (gid == UINT32_MAX || ((f->ink_n + 1) * 2 > f->ink_cap && ink_grow(f) != 0))
        return known;
    for (k = ink_slot(gid, f->ink_cap); f->ink[k].gid1; k = (k + 1) & (f->ink_cap - 1))
        ;
    f->ink[k] = (md_ink){gid + 1, ext.y_bearing, ext.height, known};
    f->ink_n++;
    return known;
}

/* A rule's language applies when it is a prefix of the text's tag ending at a subtag boundary
 * ("zh" matches "zh-Hans-CN"; "zh-Hans" does not match "zh"). */
static int lang_matches(const char *rule, const char *lang)
{
    size_t n = strlen(rule);
    return strncasecmp(rule, lang, n) == 0 && (lang[n] == '\0' || lang[n] == '-' || lang[n] == '_');
}

static void chain_add(md_chain *c, const md_text *t, const md_font_rule *r, int bold)
{
    int f = bold && r->font_bold >= 0 ? r->font_bold : r->font_regular;
    if (f < 0 || c->n >= MD_CHAIN_MAX)
        return;
    for (int i = 0; i < c->n; i++)
        if (c->fonts[i] == f)
            return;
    if (t->fonts[f].state < 0)
        return; /* known missing: skip without retrying */
    c->fonts[c->n++] = (uint16_t)f;
}

const md_chain *md_text_chain(md_text *t, int script, const char *lang, int bold)
{
    for (int i = 0; i < t->n_chains; i++) {
        md_chain *c = t->chains[i];
        if (c->script == script && c->bold == bold && strcmp(c->lang, lang) == 0)
            return c;
    }
    if (t->n_chains == t->cap_chains) {
        int cap = t->cap_chains ? t->cap_chains * 2 : 16;
        md_chain **grown = md_realloc(t->chains, (size_t)cap * sizeof *grown);
        if (!grown)
            return NULL;
        t->chains = grown;
        t->cap_chains = cap;
    }
    md_chain *c = md_calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->script = script;
    c->bold = bold;
    snprintf(c->lang, sizeof c->lang, "%s", lang);
    const char *name = uscript_getShortName((UScriptCode)script);
    if (!name)
        name = "Zzzz";
    /* Pass 1: the script's rules for this language; pass 2: the script's "*" rules; pass 3: the
     * fallback chain. */
    for (int pass = 0; pass < 3; pass++)
        for (int i = 0; i < t->n_rules; i++) {
            const md_font_rule *r = &t->rules[i];
            int script_ok = pass < 2 ? strcmp(r->script, name) == 0 : strcmp(r->script, "*") == 0;
            int lang_any = strcmp(r->lang, "*") == 0;
            int lang_ok = pass == 0 ? !lang_any && lang_matches(r->lang, lang) : lang_any;
            if (script_ok && lang_ok)
                chain_add(c, t, r, bold);
        }
    t->chains[t->n_chains++] = c;
    return c;
}

/* Language -> its usual script, used when a paragraph has no strong script of its own (digits,
 * punctuation), so "123" in a Korean label is set in the Korean font. */
int md_text_lang_script(const char *lang)
{
    static const struct {
        const char *lang;
        UScriptCode script;
    } map[] = {
        {"ko", USCRIPT_HANGUL},   {"zh", USCRIPT_HAN},        {"ja", USCRIPT_HAN},
        {"th", USCRIPT_THAI},     {"lo", USCRIPT_LAO},        {"km", USCRIPT_KHMER},
        {"my", USCRIPT_MYANMAR},  {"ne", USCRIPT_DEVANAGARI}, {"hi", USCRIPT_DEVANAGARI},
        {"si", USCRIPT_SINHALA},  {"bn", USCRIPT_BENGALI},    {"ur", USCRIPT_ARABIC},
        {"ar", USCRIPT_ARABIC},   {"fa", USCRIPT_ARABIC},     {"ps", USCRIPT_ARABIC},
        {"he", USCRIPT_HEBREW},   {"ru", USCRIPT_CYRILLIC},   {"kk", USCRIPT_CYRILLIC},
        {"mn", USCRIPT_CYRILLIC}, {"uk", USCRIPT_CYRILLIC},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (lang_matches(map[i].lang, lang))
            return map[i].script;
    return USCRIPT_LATIN;
}

int md_text_lang_rtl(const char *lang)
{
    static const char *rtl[] = {"ar", "ur", "fa", "ps", "he", "yi", "dv", "ug", "sd", "ckb"};
    for (size_t i = 0; i < sizeof rtl / sizeof rtl[0]; i++)
        if (lang_matches(rtl[i], lang))
            return 1;
    return 0;
}

/* ---- glyph bitmaps ---- */

void md_text_glyph_cache_clear(md_text *t)
{
    for (int b = 0; b < MD_HASH_BUCKETS; b++) {
        md_gbitmap *g = t->glyph_buckets[b];
        while (g) {
            md_gbitmap *next = g->hnext;
            md_free(g->pixels);
            md_free(g);
            g = next;
        }
        t->glyph_buckets[b] = NULL;
    }
    t->glyph_bytes = 0;
    t->n_glyph_entries = 0;
}

const md_gbitmap *md_text_glyph_bitmap(md_text *t, int font, uint32_t gid, int size_px)
{
    uint64_t key = ((uint64_t)gid << 32) ^ ((uint64_t)font << 16) ^ (uint64_t)size_px;
    unsigned b = (unsigned)(md_text_hash(&key, sizeof key, 7) & (MD_HASH_BUCKETS - 1));
    for (md_gbitmap *g = t->glyph_buckets[b]; g; g = g->hnext)
        if (g->gid == gid && g->font == font && g->size_px == size_px)
            return g;
    if (md_text_font_open(t, font) != 0)
        return NULL;
    md_font *f = &t->fonts[font];
    if (!f->ft) {
        if (FT_New_Memory_Face(t->ft, f->map, (FT_Long)f->map_bytes, f->face_index, &f->ft)) {
            md_log(MD_LOG_ERROR, MD_TEXT_TAG, "FreeType cannot open %s face %d", f->path,
                   f->face_index);
            f->ft = NULL;
            return NULL;
        }
        f->ft_size_px = 0;
    }
    if (f->ft_size_px != size_px) {
        if (FT_Set_Pixel_Sizes(f->ft, 0, (FT_UInt)size_px))
            return NULL;
        f->ft_size_px = size_px;
    }
    if (FT_Load_Glyph(f->ft, gid, FT_LOAD_DEFAULT | FT_LOAD_TARGET_LIGHT) ||
        FT_Render_Glyph(f->ft->glyph, FT_RENDER_MODE_NORMAL))
        return NULL;
    FT_Bitmap *bm = &f->ft->glyph->bitmap;
    if (bm->pixel_mode != FT_PIXEL_MODE_GRAY)
        return NULL;
    if (t->glyph_bytes > GLYPH_CACHE_MAX_BYTES)
        md_text_glyph_cache_clear(t); /* layouts keep their own textures, so this is cheap */
    md_gbitmap *g = md_calloc(1, sizeof *g);
    if (!g) {
        t->glyph_oom = 1;
        return NULL;
    }
    g->gid = gid;
    g->font = (uint16_t)font;
    g->size_px = (uint16_t)size_px;
    g->left = (int16_t)f->ft->glyph->bitmap_left;
    g->top = (int16_t)f->ft->glyph->bitmap_top;
    g->w = (uint16_t)bm->width;
    g->h = (uint16_t)bm->rows;
    if (g->w && g->h) {
        g->pixels = md_malloc((size_t)g->w * g->h);
        if (!g->pixels) {
            md_free(g);
            t->glyph_oom = 1;
            return NULL;
        }
        for (unsigned y = 0; y < g->h; y++)
            memcpy(g->pixels + (size_t)y * g->w, bm->buffer + (ptrdiff_t)y * bm->pitch, g->w);
    }
    g->hnext = t->glyph_buckets[b];
    t->glyph_buckets[b] = g;
    t->glyph_bytes += sizeof *g + (size_t)g->w * g->h;
    t->n_glyph_entries++;
    t->stats.n_glyphs_rasterised++;
    return g;
}
