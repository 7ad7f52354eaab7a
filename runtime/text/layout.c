/* Line layout: splits text into paragraphs, fits each shaped paragraph to the width at ICU's line
 * break opportunities (grapheme boundaries for a word longer than the line), adds the ellipsis
 * for max_lines, orders each line's runs visually (ubidi_reorderVisual on the run levels), sizes
 * lines from the fonts and glyph ink actually used, and aligns them by start/center/end.
 */
#include "text/text_internal.h"

#include "base/base.h"

#include <limits.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf16.h>

typedef struct builder {
    md_text *t;
    md_text_layout *l;
    int cap_lines, cap_runs, cap_glyphs;
    int size_px;
    int32_t width26; /* 0 = no wrapping */
    int max_lines;
    int bold;
    const char *lang;
    int item_cursor; /* first item of the paragraph not yet wholly on a line */
} builder;

typedef struct piece {
    int start, end; /* UTF-16 range within the paragraph */
    int item;       /* -1 = the added ellipsis or hyphen */
    UBiDiLevel level;
} piece;

static int32_t scale26(const md_text *t, int font, int32_t units, int size_px)
{
    int upem = t->fonts[font].upem > 0 ? t->fonts[font].upem : 1000;
    int64_t v = (int64_t)units * size_px * 64;
    return (int32_t)(v >= 0 ? (v + upem / 2) / upem : -((-v + upem / 2) / upem));
}

#define MAX_POS26 ((int64_t)1 << 30) /* 16.7 million px */
static int32_t clamp26(int64_t v)
{
    return (int32_t)(v > MAX_POS26 ? MAX_POS26 : v < -MAX_POS26 ? -MAX_POS26 : v);
}

static int grow(void **p, int *cap, int need, size_t item)
{
    if (need <= *cap)
        return 0;
    int n = *cap ? *cap * 2 : 16;
    while (n < need)
        n *= 2;
    void *g = md_realloc(*p, (size_t)n * item);
    if (!g)
        return -1;
    *p = g;
    *cap = n;
    return 0;
}

static int trim_end(const md_shaped *s, int a, int b)
{
    while (b > a) {
        UChar32 c;
        int i = b;
        U16_PREV(s->u16, a, i, c);
        if (!u_isUWhiteSpace(c))
            break;
        b = i;
    }
    return b;
}

/* Sentence and clause punctuation dropped before an ellipsis. */
static int clause_punct(UChar32 c)
{
    static const UChar32 set[] = {'.',    ',',    ';',    ':',    '!',    '?',    0x060C, 0x061B,
                                  0x061F, 0x06D4, 0x0964, 0x0965, 0x0DF4, 0x104A, 0x104B, 0x17D4,
                                  0x17D5, 0x3001, 0x3002, 0xFF01, 0xFF0C, 0xFF1A, 0xFF1B, 0xFF1F};
    for (size_t i = 0; i < sizeof set / sizeof set[0]; i++)
        if (set[i] == c)
            return 1;
    return 0;
}

/* A glyph the engine adds (the ellipsis U+2026, the hyphen at a soft-hyphen break): from the
 * line's last font if it has the character, else the paragraph's base font, else the Latin chain's
 * first font; for the hyphen also "-" as a second choice. */
static int extra_glyph(md_text *t, const md_shaped *s, int font, uint32_t cp, uint32_t *gid,
                       int *out_font)
{
    int candidates[3] = {font, s->base_font, -1};
    const md_chain *c = md_text_chain(t, USCRIPT_LATIN, "en", 0);
    uint32_t cps[2] = {cp, cp == 0x2010 ? '-' : cp};
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < 3; k++) {
            int f = candidates[k];
            if (f < 0 && c && c->n)
                f = c->fonts[0];
            if (f < 0 || md_text_font_open(t, f) != 0)
                continue;
            hb_codepoint_t g = 0;
            if (hb_font_get_nominal_glyph(t->fonts[f].hb_font, cps[i], &g) && g) {
                *gid = g;
                *out_font = f;
                return 0;
            }
        }
    return -1;
}

static int32_t extra_width(md_text *t, const md_shaped *s, uint32_t cp, int size_px)
{
    uint32_t gid = 0;
    int font = -1;
    if (extra_glyph(t, s, s->base_font, cp, &gid, &font) != 0)
        return 0;
    return scale26(t, font, hb_font_get_glyph_h_advance(t->fonts[font].hb_font, gid), size_px);
}

/* 1 if a line ending at le ends at a soft hyphen (U+00AD) and so shows a hyphen */
static int soft_hyphen_at(const md_shaped *s, int le)
{
    return le > 0 && le < s->n16 && s->u16[le - 1] == 0x00AD;
}

/* The pieces of one line in logical order: each a range of one item (or the added glyph). */
typedef struct line_pieces {
    piece small[32];
    piece *v;
    int n, cap;
} line_pieces;

static int pieces_add(line_pieces *lp, piece p)
{
    if (lp->n == lp->cap) {
        piece *grown = md_malloc((size_t)lp->cap * 2 * sizeof *grown);
        if (!grown)
            return -1;
        memcpy(grown, lp->v, (size_t)lp->n * sizeof *grown);
        if (lp->v != lp->small)
            md_free(lp->v);
        lp->v = grown;
        lp->cap *= 2;
    }
    lp->v[lp->n++] = p;
    return 0;
}

/* The end of the line's text: without trailing spaces, and before an ellipsis also without the
 * clause punctuation ("kiosk…" rather than "kiosk.…"). */
static int line_text_end(const md_shaped *s, int ls, int le, int ellipsis)
{
    int te = trim_end(s, ls, le);
    if (ellipsis)
        while (te > ls) {
            UChar32 c;
            int i = te;
            U16_PREV(s->u16, ls, i, c);
            if (!clause_punct(c) && !u_isUWhiteSpace(c))
                break;
            te = i;
        }
    return te;
}

/* The glyphs of item it that belong to the piece [a, b): a contiguous range of the item's glyphs,
 * because HarfBuzz's clusters are monotonic in each item (reversed in right-to-left ones). */
static void piece_glyphs(const md_shaped *s, const md_item *it, int a, int b, int *g0, int *g1)
{
    int ca = a <= it->start ? 0 : s->gcount[a];
    int cb = b >= it->end ? it->n_glyphs : s->gcount[b];
    if (it->level & 1) {
        *g0 = it->glyph_start + it->n_glyphs - cb;
        *g1 = it->glyph_start + it->n_glyphs - ca;
    } else {
        *g0 = it->glyph_start + ca;
        *g1 = it->glyph_start + cb;
    }
}

/* Appends the glyphs of piece p at the pen as one run, growing the line's ascent and descent. */
static int place_piece(builder *b, const md_shaped *s, size_t para_byte, const piece *p,
                       uint32_t extra_gid, int extra_font, int64_t *pen, int32_t *asc,
                       int32_t *desc)
{
    md_text *t = b->t;
    md_text_layout *l = b->l;
    int font = p->item >= 0 ? s->items[p->item].font : extra_font;
    int g0 = 0, g1 = 0;
    if (p->item >= 0)
        piece_glyphs(s, &s->items[p->item], p->start, p->end, &g0, &g1);
    int n_new = p->item >= 0 ? g1 - g0 : 1;
    if (grow((void **)&l->glyphs, &b->cap_glyphs, l->n_glyphs + n_new, sizeof *l->glyphs))
        return -1;
    md_lrun *run = &l->runs[l->n_runs++];
    memset(run, 0, sizeof *run);
    run->byte_start = para_byte + (size_t)s->byte_of[p->start];
    run->byte_end = para_byte + (size_t)s->byte_of[p->end];
    run->rtl = p->level & 1;
    run->glyph_start = l->n_glyphs;
    run->x = (int)(clamp26(*pen) / 64);
    md_font *f = &t->fonts[font];
    run->font = (uint16_t)font;
    run->script = p->item >= 0 ? s->items[p->item].script : USCRIPT_COMMON;
    int32_t fa = scale26(t, font, f->ascender, b->size_px);
    int32_t fd = scale26(t, font, f->descender, b->size_px);
    *asc = fa > *asc ? fa : *asc;
    *desc = fd > *desc ? fd : *desc;
    if (p->item < 0) {
        l->glyphs[l->n_glyphs++] = (md_pglyph){extra_gid, (uint16_t)font, clamp26(*pen), 0};
        hb_position_t adv = hb_font_get_glyph_h_advance(f->hb_font, extra_gid);
        *pen += scale26(t, font, adv, b->size_px);
        run->n_glyphs = 1;
    } else {
        for (int k = g0; k < g1; k++) {
            const md_sglyph *g = &s->glyphs[k];
            int32_t top = scale26(t, font, g->ink_top, b->size_px);
            int32_t bottom = scale26(t, font, g->ink_bottom, b->size_px);
            *asc = top > *asc ? top : *asc;
            *desc = bottom > *desc ? bottom : *desc;
            l->glyphs[l->n_glyphs++] =
                (md_pglyph){g->gid, g->font, clamp26(*pen + scale26(t, font, g->x_off, b->size_px)),
                            -scale26(t, font, g->y_off, b->size_px)};
            *pen += scale26(t, font, g->x_adv, b->size_px);
            if (g->gid == 0)
                run->n_missing++;
        }
        run->n_glyphs = g1 - g0;
    }
    run->width = (int)((clamp26(*pen) + 63) / 64) - run->x;
    l->n_missing += run->n_missing;
    return 0;
}

/* Builds the line [ls, le) of paragraph s in one pass over only its own items and glyphs:
 * b->item_cursor remembers where the previous line ended (lines come in logical order), so the
 * cost of a line does not depend on the length of the paragraph. Pieces are put in visual order
 * with ubidi_reorderVisual on their levels. */
static int emit_line(builder *b, const md_shaped *s, size_t para_byte, int ls, int le, int ellipsis)
{
    md_text *t = b->t;
    md_text_layout *l = b->l;
    int te = line_text_end(s, ls, le, ellipsis);
    line_pieces lp;
    lp.v = lp.small;
    lp.n = 0;
    lp.cap = (int)(sizeof lp.small / sizeof lp.small[0]);
    int32_t order_small[32];
    int32_t *order = order_small;
    UBiDiLevel levels_small[32];
    UBiDiLevel *levels = levels_small;
    int rc = -1;
    while (b->item_cursor < s->n_items && s->items[b->item_cursor].end <= ls)
        b->item_cursor++;
    for (int i = b->item_cursor; i < s->n_items && s->items[i].start < te; i++) {
        const md_item *it = &s->items[i];
        if (pieces_add(&lp, (piece){it->start > ls ? it->start : ls, it->end < te ? it->end : te, i,
                                    (UBiDiLevel)it->level}) != 0)
            goto done;
    }
    /* the added glyph: an ellipsis at the paragraph's end side, or a hyphen after the last
     * piece in its direction */
    uint32_t extra_gid = 0;
    int extra_font = -1;
    int hyphen = !ellipsis && soft_hyphen_at(s, le);
    if (ellipsis || hyphen) {
        int last_font = lp.n ? s->items[lp.v[lp.n - 1].item].font : s->base_font;
        UBiDiLevel level =
            ellipsis || !lp.n ? (UBiDiLevel)(s->para_rtl ? 1 : 0) : lp.v[lp.n - 1].level;
        if (extra_glyph(t, s, last_font, ellipsis ? 0x2026 : 0x2010, &extra_gid, &extra_font) ==
                0 &&
            pieces_add(&lp, (piece){te, te, -1, level}) != 0)
            goto done;
    }
    if (lp.n > 32) {
        order = md_malloc((size_t)lp.n * sizeof *order);
        levels = md_malloc((size_t)lp.n);
        if (!order || !levels)
            goto done;
    }
    for (int i = 0; i < lp.n; i++)
        levels[i] = lp.v[i].level;
    if (lp.n > 0)
        ubidi_reorderVisual(levels, lp.n, order);

    if (grow((void **)&l->lines, &b->cap_lines, l->n_lines + 1, sizeof *l->lines) != 0 ||
        grow((void **)&l->runs, &b->cap_runs, l->n_runs + lp.n, sizeof *l->runs) != 0)
        goto done;
    md_lline *line = &l->lines[l->n_lines];
    memset(line, 0, sizeof *line);
    line->run_start = l->n_runs;
    line->glyph_start = l->n_glyphs;
    line->info.byte_start = para_byte + (size_t)s->byte_of[ls];
    line->info.byte_end = para_byte + (size_t)s->byte_of[le];
    line->info.rtl = s->para_rtl;
    /* 64-bit: a long unwrapped line at a large size must not overflow (positions beyond
     * MAX_POS26 are clamped; nothing that far can be drawn anyway) */
    int64_t pen = 0;
    int32_t asc = 0, desc = 0;
    if (lp.n == 0) {
        asc = scale26(t, s->base_font, t->fonts[s->base_font].ascender, b->size_px);
        desc = scale26(t, s->base_font, t->fonts[s->base_font].descender, b->size_px);
    }
    for (int v = 0; v < lp.n; v++)
        if (place_piece(b, s, para_byte, &lp.v[order[v]], extra_gid, extra_font, &pen, &asc,
                        &desc) != 0)
            goto done;
    /* Vertical metrics are finished in md_text_layout_build (every line of a layout gets the
     * largest ascent and descent, so spacing stays even); glyph y is relative to the baseline. */
    line = &l->lines[l->n_lines];
    line->asc26 = asc;
    line->desc26 = desc;
    line->glyph_end = l->n_glyphs;
    line->info.width = (int)((clamp26(pen) + 63) / 64);
    line->info.n_runs = l->n_runs - line->run_start;
    l->n_lines++;
    rc = 0;
done:
    if (order != order_small)
        md_free(order);
    if (levels != levels_small)
        md_free(levels);
    if (lp.v != lp.small)
        md_free(lp.v);
    return rc;
}

/* Lays out one paragraph. *stop is set when max_lines was reached. */
static int layout_paragraph(builder *b, const md_shaped *s, size_t para_byte, int last_para,
                            int *stop)
{
    md_text *t = b->t;
    int n16 = s->n16;
    b->item_cursor = 0;
    int64_t *cum = md_calloc((size_t)n16 + 1, sizeof *cum);
    if (!cum)
        return -1;
    /* advance of each cluster, accumulated at its first UTF-16 unit */
    for (int i = 0; i < s->n_glyphs; i++) {
        const md_sglyph *g = &s->glyphs[i];
        if ((int)g->cluster < n16)
            cum[g->cluster + 1] += scale26(t, g->font, g->x_adv, b->size_px);
    }
    for (int i = 0; i < n16; i++)
        cum[i + 1] += cum[i];
#define WIDTH(a, e) (cum[trim_end(s, (a), (e))] - cum[(a)])
    int32_t hyphen26 = extra_width(t, s, 0x2010, b->size_px);
    int rc = 0;
    int ls = 0;
    do {
        int le = n16;
        if (b->width26 <= 0) {
            for (int i = ls + 1; i < n16; i++)
                if (s->brk[i] & MD_BRK_HARD) {
                    le = i;
                    break;
                }
        } else {
            int best = -1;
            for (int i = ls + 1; i <= n16; i++) {
                if (!(s->brk[i] & MD_BRK_LINE) && i != n16)
                    continue;
                if (WIDTH(ls, i) + (soft_hyphen_at(s, i) ? hyphen26 : 0) <= b->width26)
                    best = i;
                else
                    break;
                if (s->brk[i] & MD_BRK_HARD)
                    break;
            }
            if (best < 0) {
                /* the first word alone is too wide: break it between graphemes */
                int g = ls + 1;
                while (g < n16 && !(s->brk[g] & MD_BRK_GRAPHEME))
                    g++;
                for (int i = g + 1; i <= n16; i++) {
                    if (!(s->brk[i] & MD_BRK_GRAPHEME))
                        continue;
                    if (WIDTH(ls, i) > b->width26)
                        break;
                    g = i;
                }
                best = g;
            }
            le = best;
        }
        if (n16 == 0)
            le = 0;
        int more = le < n16 || !last_para;
        int ellipsis = 0;
        if (b->max_lines > 0 && b->l->n_lines == b->max_lines - 1 && more) {
            ellipsis = 1;
            b->l->truncated = 1;
            *stop = 1;
            if (b->width26 > 0) {
                int32_t ell = extra_width(t, s, 0x2026, b->size_px);
                /* cut at a word boundary if one leaves room for the ellipsis, else between
                 * graphemes (a word cut mid-way keeps the glyph forms it was shaped with) */
                int cut = le;
                while (cut > ls && (WIDTH(ls, cut) + ell > b->width26 ||
                                    (cut < n16 && !(s->brk[cut] & MD_BRK_LINE))))
                    cut--;
                if (cut <= ls)
                    while (le > ls && WIDTH(ls, le) + ell > b->width26) {
                        le--;
                        while (le > ls && !(s->brk[le] & MD_BRK_GRAPHEME))
                            le--;
                    }
                else
                    le = cut;
            }
        }
        if (emit_line(b, s, para_byte, ls, le, ellipsis) != 0) {
            rc = -1;
            break;
        }
        if (*stop)
            break;
        if (le <= ls) /* cannot happen (a line holds at least one grapheme); never loop forever */
            break;
        ls = le;
    } while (ls < n16);
#undef WIDTH
    md_free(cum);
    return rc;
}

/* Next paragraph end from p: returns the end of the paragraph's text and sets *next to the start
 * of the following one (after "\n", "\r\n", "\r" or U+2029), or n when there is none. */
static size_t para_end(const char *s, size_t p, size_t n, size_t *next)
{
    for (size_t i = p; i < n; i++) {
        if (s[i] == '\n') {
            *next = i + 1;
            return i;
        }
        if (s[i] == '\r') {
            *next = i + 1 < n && s[i + 1] == '\n' ? i + 2 : i + 1;
            return i;
        }
        if ((unsigned char)s[i] == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            (unsigned char)s[i + 2] == 0xA9) {
            *next = i + 3;
            return i;
        }
    }
    *next = n;
    return n;
}

void md_text_layout_free(md_text *t, md_text_layout *l)
{
    if (!l)
        return;
    md_text_layout_drop_texture(t, l);
    md_free(l->key);
    md_free(l->lines);
    md_free(l->runs);
    md_free(l->glyphs);
    md_free(l);
}

md_text_layout *md_text_layout_build(md_text *t, const char *utf8, size_t n_bytes,
                                     const md_text_style *st)
{
    md_text_layout *l = md_calloc(1, sizeof *l);
    if (!l)
        return NULL;
    builder b;
    memset(&b, 0, sizeof b);
    b.t = t;
    b.l = l;
    l->engine = t;
    b.size_px = st->size_px > 0 ? st->size_px : 16;
    if (b.size_px > 2048)
        b.size_px = 2048;
    b.width26 = st->width_px > 0 ? (st->width_px > 1 << 20 ? 1 << 26 : st->width_px * 64) : 0;
    b.max_lines = st->max_lines > 0 ? st->max_lines : 0;
    b.bold = st->bold ? 1 : 0;
    b.lang = st->lang && st->lang[0] ? st->lang : "en";
    snprintf(l->lang, sizeof l->lang, "%s", b.lang);
    l->size_px = b.size_px;
    int stop = 0;
    size_t p = 0;
    do {
        size_t next = n_bytes;
        size_t e = para_end(utf8, p, n_bytes, &next);
        md_shaped *s = md_text_shape_paragraph(t, utf8 + p, e - p, st);
        if (!s || layout_paragraph(&b, s, p, next >= n_bytes && e == n_bytes, &stop) != 0) {
            md_text_layout_free(t, l);
            return NULL;
        }
        p = next;
        if (e == n_bytes)
            break;
    } while (!stop);
    /* alignment */
    int lw = 0;
    for (int i = 0; i < l->n_lines; i++)
        if (l->lines[i].info.width > lw)
            lw = l->lines[i].info.width;
    l->width = st->width_px > 0 ? st->width_px : lw;
    int32_t asc = 0, desc = 0;
    for (int i = 0; i < l->n_lines; i++) {
        asc = l->lines[i].asc26 > asc ? l->lines[i].asc26 : asc;
        desc = l->lines[i].desc26 > desc ? l->lines[i].desc26 : desc;
    }
    int asc_px = (asc + 63) / 64, desc_px = (desc + 63) / 64;
    int y = 0;
    for (int i = 0; i < l->n_lines; i++) {
        md_lline *line = &l->lines[i];
        line->info.y = y;
        line->info.baseline = asc_px;
        line->info.height = asc_px + desc_px;
        for (int g = line->glyph_start; g < line->glyph_end; g++)
            l->glyphs[g].y26 = clamp26(l->glyphs[g].y26 + ((int64_t)y + asc_px) * 64);
        /* (heights beyond INT_MAX px are not representable; stop growing there) */
        y = y > INT_MAX - line->info.height ? INT_MAX : y + line->info.height;
    }
    l->height = y;
    for (int i = 0; i < l->n_lines; i++) {
        md_lline *line = &l->lines[i];
        int free_px = l->width - line->info.width;
        int rtl = line->info.rtl;
        int x = 0;
        if (st->align == MD_TEXT_ALIGN_CENTER)
            x = free_px / 2;
        else if ((st->align == MD_TEXT_ALIGN_END) != (rtl != 0))
            x = free_px;
        if (x < 0)
            x = 0;
        line->info.x = x;
        for (int g = line->glyph_start; g < line->glyph_end; g++)
            l->glyphs[g].x26 = clamp26(l->glyphs[g].x26 + (int64_t)x * 64);
    }
    l->mem_bytes = sizeof *l + (size_t)b.cap_lines * sizeof *l->lines +
                   (size_t)b.cap_runs * sizeof *l->runs + (size_t)b.cap_glyphs * sizeof *l->glyphs;
    return l;
}

/* ---- accessors (text.h) ---- */

void md_text_layout_size(const md_text_layout *l, int *width, int *height)
{
    if (width)
        *width = l ? l->width : 0;
    if (height)
        *height = l ? l->height : 0;
}

int md_text_layout_line_count(const md_text_layout *l)
{
    return l ? l->n_lines : 0;
}

int md_text_layout_line(const md_text_layout *l, int i, md_text_line_info *out)
{
    if (!l || !out || i < 0 || i >= l->n_lines)
        return -1;
    *out = l->lines[i].info;
    return 0;
}

int md_text_layout_run(const md_text_layout *l, int line, int i, md_text_run_info *out)
{
    if (!l || !out || line < 0 || line >= l->n_lines || i < 0 || i >= l->lines[line].info.n_runs)
        return -1;
    const md_lrun *r = &l->runs[l->lines[line].run_start + i];
    memset(out, 0, sizeof *out);
    out->byte_start = r->byte_start;
    out->byte_end = r->byte_end;
    out->rtl = r->rtl;
    const char *name = uscript_getShortName((UScriptCode)r->script);
    snprintf(out->script, sizeof out->script, "%s", name ? name : "Zzzz");
    out->lang = l->lang;
    out->font_file = l->engine->fonts[r->font].path;
    out->face_index = l->engine->fonts[r->font].face_index;
    out->n_glyphs = r->n_glyphs;
    out->n_missing = r->n_missing;
    out->x = r->x;
    out->width = r->width;
    return 0;
}

int md_text_layout_missing(const md_text_layout *l)
{
    return l ? l->n_missing : 0;
}

int md_text_layout_truncated(const md_text_layout *l)
{
    return l ? l->truncated : 0;
}

int md_text_layout_first_baseline(const md_text_layout *l)
{
    return l && l->n_lines ? l->lines[0].info.y + l->lines[0].info.baseline : 0;
}
