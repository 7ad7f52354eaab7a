/* Paragraph analysis and shaping: UTF-8 hygiene (U+FFFD) -> UTF-16 + NFC -> bidi levels (ubidi)
 * -> script runs (uscript; Common/Inherited take their neighbours' script) -> a font per grapheme
 * from the script's chain (coverage fallback) -> HarfBuzz shaping per item with direction, script
 * and language -> line-break and grapheme boundaries (ubrk). The result (md_shaped) does not depend
 * on size or width and lives in a bounded LRU cache keyed by (paragraph bytes, lang, dir, bold).
 */
#include "text/text_internal.h"

#include "base/base.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/utf16.h>

#define SHAPED_MAX_ENTRIES 2048
#define SHAPED_MAX_BYTES (2u << 20) /* a visit through every screen in 17 languages: 1.2 MB */

uint64_t md_text_hash(const void *data, size_t n_bytes, uint64_t seed)
{
    const uint8_t *p = data;
    uint64_t h = 0xcbf29ce484222325ull ^ seed;
    for (size_t i = 0; i < n_bytes; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h ^ (h >> 29);
}

/* Decodes UTF-8 into UTF-16, replacing every maximal invalid subsequence with U+FFFD (the
 * Unicode "best practice"), tabs with spaces and other control characters with U+FFFD.
 * byte_of[k] receives the byte offset of unit k. out and byte_of hold at least n + 1 entries. */
static int decode_utf8(const uint8_t *s, size_t n, UChar *out, int32_t *byte_of)
{
    int n16 = 0;
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        uint32_t c = s[i];
        size_t len = 0;
        uint8_t lo = 0x80, hi = 0xBF;
        if (c < 0x80)
            len = 1;
        else if (c >= 0xC2 && c <= 0xDF)
            len = 2, c &= 0x1F;
        else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            if (c == 0xE0)
                lo = 0xA0;
            if (c == 0xED)
                hi = 0x9F;
            c &= 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            if (c == 0xF0)
                lo = 0x90;
            if (c == 0xF4)
                hi = 0x8F;
            c &= 0x07;
        }
        i++;
        if (len == 0) {
            c = 0xFFFD;
        } else {
            for (size_t k = 1; k < len; k++) {
                uint8_t b = i < n ? s[i] : 0;
                uint8_t l = k == 1 ? lo : 0x80, h = k == 1 ? hi : 0xBF;
                if (i >= n || b < l || b > h) {
                    c = 0xFFFD;
                    len = 0;
                    break;
                }
                c = (c << 6) | (b & 0x3F);
                i++;
            }
        }
        if (c == '\t')
            c = ' ';
        else if (c < 0x20 || (c >= 0x7F && c < 0xA0))
            c = 0xFFFD;
        if (c > 0xFFFF) {
            out[n16] = (UChar)U16_LEAD(c);
            byte_of[n16++] = (int32_t)start;
            out[n16] = (UChar)U16_TRAIL(c);
            byte_of[n16++] = (int32_t)start;
        } else {
            out[n16] = (UChar)c;
            byte_of[n16++] = (int32_t)start;
        }
    }
    byte_of[n16] = (int32_t)n;
    return n16;
}

/* NFC per normalisation segment (a segment starts where unorm2_hasBoundaryBefore), so each output
 * unit still maps to the bytes of its segment. Returns the new length or -1. */
static int normalize_nfc(md_text *t, UChar **u16, int32_t **byte_of, int n16)
{
    UErrorCode err = U_ZERO_ERROR;
    if (unorm2_quickCheck(t->nfc, *u16, n16, &err) == UNORM_YES && U_SUCCESS(err))
        return n16;
    int cap = 3 * n16 + 4;
    UChar *out = md_malloc((size_t)cap * sizeof *out);
    int32_t *map = md_malloc((size_t)(cap + 1) * sizeof *map);
    if (!out || !map) {
        md_free(out);
        md_free(map);
        return -1;
    }
    int n_out = 0, seg = 0;
    const UChar *src = *u16;
    int i = 0;
    while (seg < n16) {
        /* find the end of the segment starting at seg */
        i = seg;
        UChar32 c;
        U16_NEXT(src, i, n16, c);
        while (i < n16) {
            int j = i;
            U16_NEXT(src, j, n16, c);
            if (unorm2_hasBoundaryBefore(t->nfc, c))
                break;
            i = j;
        }
        err = U_ZERO_ERROR;
        int got = unorm2_normalize(t->nfc, src + seg, i - seg, out + n_out, cap - n_out, &err);
        if (U_FAILURE(err)) {
            /* cannot happen with the 3x bound; keep the text unnormalised rather than fail */
            got = i - seg;
            memcpy(out + n_out, src + seg, (size_t)got * sizeof *out);
        }
        for (int k = 0; k < got; k++)
            map[n_out + k] = got == i - seg ? (*byte_of)[seg + k] : (*byte_of)[seg];
        n_out += got;
        seg = i;
    }
    map[n_out] = (*byte_of)[n16];
    md_free(*u16);
    md_free(*byte_of);
    *u16 = out;
    *byte_of = map;
    return n_out;
}

static UBreakIterator *line_iter_for(md_text *t, const char *lang)
{
    char locale[64];
    UErrorCode err = U_ZERO_ERROR;
    int32_t parsed = 0;
    uloc_forLanguageTag(lang, locale, (int32_t)sizeof locale - 16, &parsed, &err);
    if (U_FAILURE(err) || parsed <= 0)
        snprintf(locale, sizeof locale, "en");
    for (int i = 0; i < t->n_line_iters; i++)
        if (strcmp(t->line_iters[i].locale, locale) == 0)
            return t->line_iters[i].iter;
    err = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(UBRK_LINE, locale, NULL, 0, &err);
    if (U_FAILURE(err) || !it) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "ICU line iterator for %s: %s", locale, u_errorName(err));
        return NULL;
    }
    int slot = t->n_line_iters < MD_BRK_CACHE ? t->n_line_iters++ : MD_BRK_CACHE - 1;
    if (t->line_iters[slot].iter)
        ubrk_close(t->line_iters[slot].iter);
    snprintf(t->line_iters[slot].locale, sizeof t->line_iters[slot].locale, "%s", locale);
    t->line_iters[slot].iter = it;
    return it;
}

/* Korean is written with spaces between words, so Korean words are kept whole (CSS word-break:
 * keep-all) instead of ICU's default CJK behaviour of breaking between any two Hangul syllables.
 * ICU 72's line iterator ignores the "@lw=keepall" keyword, so the tailoring is done here. In any
 * language, a soft break between two Hangul characters (classes H2, H3, JL, JV, JT) is removed, so
 * a Korean place name in an English label stays whole; in a Korean UI also one between letters,
 * ideographs and digits (AL, ID, NU, AI) as keep-all specifies. A trailing combining mark counts
 * as its base. */
static int keep_all_for(const char *lang)
{
    return strncasecmp(lang, "ko", 2) == 0 && (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_');
}

static int keep_all_class(UChar32 c) /* 2 Hangul, 1 other keep-all class, 0 none */
{
    switch (u_getIntPropertyValue(c, UCHAR_LINE_BREAK)) {
    case U_LB_H2:
    case U_LB_H3:
    case U_LB_JL:
    case U_LB_JV:
    case U_LB_JT:
        return 2;
    case U_LB_ALPHABETIC:
    case U_LB_IDEOGRAPHIC:
    case U_LB_NUMERIC:
    case U_LB_AMBIGUOUS:
        return 1;
    default:
        return 0;
    }
}

static void apply_keep_all(md_shaped *s, int korean_ui)
{
    for (int b = 1; b < s->n16; b++) {
        if (!(s->brk[b] & MD_BRK_LINE) || (s->brk[b] & MD_BRK_HARD))
            continue;
        UChar32 after, before = 0;
        U16_GET(s->u16, 0, b, s->n16, after);
        int i = b;
        while (i > 0) {
            U16_PREV(s->u16, 0, i, before);
            if (u_getIntPropertyValue(before, UCHAR_LINE_BREAK) != U_LB_COMBINING_MARK &&
                u_getIntPropertyValue(before, UCHAR_LINE_BREAK) != U_LB_ZWJ)
                break;
        }
        int ka = keep_all_class(before), kb = keep_all_class(after);
        if ((ka == 2 && kb == 2) || (korean_ui && ka && kb))
            s->brk[b] &= (uint8_t)~MD_BRK_LINE;
    }
}

/* ICU 72 implements UAX #29 before Unicode 15.1's conjunct rule, so a grapheme boundary falls
 * after a virama or Khmer coeng (क्|ष, ក្|ស, ප්‍|ර), before a Myanmar consonant
 * killed by asat (ချ|ယ်) and before the Myanmar signs UAX #29 excludes from SpacingMark (U+102C,
 * U+1038). Those are inside one written syllable; breaking a long word, cutting for the ellipsis or
 * switching fonts there would tear a conjunct apart, so they are not cluster boundaries here. */
static void join_syllables(md_shaped *s)
{
    for (int b = 1; b < s->n16; b++) {
        if (!(s->brk[b] & MD_BRK_GRAPHEME))
            continue;
        UChar32 at, next = 0, before = 0;
        int i = b;
        U16_NEXT(s->u16, i, s->n16, at);
        if (i < s->n16)
            U16_GET(s->u16, 0, i, s->n16, next);
        int j = b;
        while (j > 0) {
            U16_PREV(s->u16, 0, j, before);
            if (before != 0x200D && before != 0x200C)
                break;
        }
        /* (Myanmar asat U+103A also has combining class 9, but it ends a syllable) */
        int after_virama = u_getCombiningClass(before) == 9 && before != 0x103A &&
                           u_charType(at) == U_OTHER_LETTER;
        int killed = next == 0x103A && u_charType(at) == U_OTHER_LETTER;
        int mark = u_charType(at) == U_COMBINING_SPACING_MARK ||
                   u_charType(at) == U_NON_SPACING_MARK || u_charType(at) == U_ENCLOSING_MARK;
        if (after_virama || killed || mark)
            s->brk[b] &= (uint8_t)~MD_BRK_GRAPHEME;
    }
}

static int ignorable(UChar32 c)
{
    return u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) || c == 0x25CC;
}

/* The first font of the chain that has every character of the grapheme [a, b). */
static int pick_font(md_text *t, const md_chain *chain, const UChar *u16, int a, int b)
{
    for (int k = 0; k < chain->n; k++) {
        int f = chain->fonts[k], ok = 1, any = 0;
        for (int i = a; i < b && ok;) {
            UChar32 c;
            U16_NEXT(u16, i, b, c);
            if (ignorable(c))
                continue;
            any = 1;
            ok = md_text_font_covers(t, f, (uint32_t)c);
        }
        if (ok && (any || md_text_font_open(t, f) == 0))
            return f;
    }
    return -1;
}

/* Last resort for a grapheme its script's chain cannot set: the chains of the scripts its
 * first character is used with (Script_Extensions), then every font of the table in order. */
static int pick_font_anywhere(md_text *t, const UChar *u16, int a, int b, const char *lang,
                              int bold)
{
    UChar32 c;
    int i = a;
    U16_NEXT(u16, i, b, c);
    UScriptCode ext[8];
    UErrorCode err = U_ZERO_ERROR;
    int n_ext = uscript_getScriptExtensions(c, ext, 8, &err);
    for (int k = 0; U_SUCCESS(err) && k < n_ext; k++) {
        const md_chain *chain = md_text_chain(t, ext[k], lang, bold);
        int f = chain ? pick_font(t, chain, u16, a, b) : -1;
        if (f >= 0)
            return f;
    }
    md_chain all;
    memset(&all, 0, sizeof all);
    for (int r = 0; r < t->n_rules; r++) {
        for (int pass = 0; pass < 2; pass++) {
            int f = pass ? t->rules[r].font_bold : t->rules[r].font_regular;
            if (f < 0 || (pass == 1) != (bold != 0) || t->fonts[f].state < 0)
                continue;
            /* open lazily; a font that cannot cover the first character is skipped cheaply */
            if (!md_text_font_covers(t, f, (uint32_t)c))
                continue;
            all.n = 1;
            all.fonts[0] = (uint16_t)f;
            int got = pick_font(t, &all, u16, a, b);
            if (got >= 0)
                return got;
        }
    }
    return -1;
}

static void shaped_free(md_shaped *s)
{
    if (!s)
        return;
    md_free(s->key);
    md_free(s->u16);
    md_free(s->byte_of);
    md_free(s->brk);
    md_free(s->items);
    md_free(s->glyphs);
    md_free(s->gcount);
    md_free(s);
}

static int shape_items(md_text *t, md_shaped *s, const char *lang)
{
    int cap = s->n16 + 8;
    s->glyphs = md_malloc((size_t)cap * sizeof *s->glyphs);
    s->gcount = md_calloc((size_t)s->n16 + 1, sizeof *s->gcount);
    if (!s->glyphs || !s->gcount)
        return -1;
    hb_language_t hb_lang = hb_language_from_string(lang, -1);
    for (int it = 0; it < s->n_items; it++) {
        md_item *item = &s->items[it];
        md_font *f = &t->fonts[item->font];
        hb_buffer_t *buf = t->hb_buf;
        hb_buffer_clear_contents(buf);
        hb_buffer_add_utf16(buf, (const uint16_t *)s->u16, s->n16, (unsigned)item->start,
                            item->end - item->start);
        hb_buffer_set_direction(buf, (item->level & 1) ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
        const char *sname = uscript_getShortName((UScriptCode)item->script);
        hb_buffer_set_script(buf, sname ? hb_script_from_string(sname, -1) : HB_SCRIPT_COMMON);
        hb_buffer_set_language(buf, hb_lang);
        hb_buffer_set_flags(buf, (item->start == 0 ? HB_BUFFER_FLAG_BOT : 0) |
                                     (item->end == s->n16 ? HB_BUFFER_FLAG_EOT : 0));
        hb_shape(f->hb_font, buf, NULL, 0);
        t->stats.n_shapes++;
        unsigned n = 0;
        hb_glyph_info_t *info = hb_buffer_get_glyph_infos(buf, &n);
        hb_glyph_position_t *pos = hb_buffer_get_glyph_positions(buf, NULL);
        if (s->n_glyphs + (int)n > cap) {
            cap = (s->n_glyphs + (int)n) * 2;
            md_sglyph *grown = md_realloc(s->glyphs, (size_t)cap * sizeof *grown);
            if (!grown)
                return -1;
            s->glyphs = grown;
        }
        item->glyph_start = s->n_glyphs;
        item->n_glyphs = (int)n;
        for (unsigned k = 0; k < n; k++) {
            md_sglyph *g = &s->glyphs[s->n_glyphs++];
            g->gid = info[k].codepoint;
            g->cluster = info[k].cluster;
            g->x_adv = pos[k].x_advance;
            g->x_off = pos[k].x_offset;
            g->y_off = pos[k].y_offset;
            g->font = item->font;
            int32_t ink_top = 0, ink_bottom = 0, top = 0, bottom = 0;
            if (md_text_glyph_ink(t, item->font, g->gid, &ink_top, &ink_bottom)) {
                top = g->y_off + ink_top;
                bottom = ink_bottom - g->y_off;
            }
            g->ink_top = (int16_t)(top > 32000 ? 32000 : top < -32000 ? -32000 : top);
            g->ink_bottom = (int16_t)(bottom > 32000 ? 32000 : bottom < -32000 ? -32000 : bottom);
            if (g->gid == 0)
                s->n_missing++;
        }
        /* glyphs in logical order: j-th from the start (left to right) or from the end */
        int rtl = item->level & 1;
        for (int p = item->start, j = 0; p < item->end; p++) {
            while (j < (int)n &&
                   (int)s->glyphs[item->glyph_start + (rtl ? (int)n - 1 - j : j)].cluster < p)
                j++;
            s->gcount[p] = j;
        }
    }
    return 0;
}

/* Stage 1, bidi: the paragraph direction and every unit's embedding level. *levels points into
 * the engine's UBiDi and stays valid until the next paragraph is analysed. */
static int analyse_bidi(md_text *t, md_shaped *s, const md_text_style *st, const char *lang,
                        const UBiDiLevel **levels)
{
    int n16 = s->n16;
    UBiDiLevel para_level = st->dir == MD_TEXT_DIR_LTR   ? 0
                            : st->dir == MD_TEXT_DIR_RTL ? 1
                            : md_text_lang_rtl(lang)     ? UBIDI_DEFAULT_RTL
                                                         : UBIDI_DEFAULT_LTR;
    *levels = NULL;
    UErrorCode err = U_ZERO_ERROR;
    if (n16 > 0) {
        ubidi_setPara(t->bidi, s->u16, n16, para_level, NULL, &err);
        if (U_SUCCESS(err))
            *levels = ubidi_getLevels(t->bidi, &err);
        if (U_FAILURE(err) || !*levels) {
            md_log(MD_LOG_ERROR, MD_TEXT_TAG, "ubidi failed: %s", u_errorName(err));
            return -1;
        }
        s->para_rtl = ubidi_getParaLevel(t->bidi) & 1;
    } else {
        s->para_rtl = para_level == 1 || para_level == UBIDI_DEFAULT_RTL;
    }
    return 0;
}

/* Stage 2, scripts: Common and Inherited take the script before them, or after them at the
 * start; a closing bracket takes the script of its opening bracket (UAX #24), so "Madang (안산)"
 * sets both brackets in one font. scripts[] receives a UScriptCode per unit. */
static void analyse_scripts(const md_shaped *s, const char *lang, uint8_t *scripts)
{
    int n16 = s->n16;
    enum { MAX_OPEN = 32 };
    struct {
        UChar32 close;
        int at;
    } open_stack[MAX_OPEN];
    int n_open = 0;
    int last = -1, first_real = -1;
    for (int i = 0; i < n16;) {
        int at = i;
        UChar32 c;
        U16_NEXT(s->u16, i, n16, c);
        UErrorCode e = U_ZERO_ERROR;
        int sc = uscript_getScript(c, &e);
        if (U_FAILURE(e))
            sc = USCRIPT_UNKNOWN;
        if (sc == USCRIPT_COMMON || sc == USCRIPT_INHERITED) {
            sc = last;
            /* a shared character used only by some scripts (Arabic comma: Arab, Syrc, Thaa...)
             * keeps the previous script only if it is one of them */
            UScriptCode ext[8];
            UErrorCode ee = U_ZERO_ERROR;
            int n_ext = uscript_getScriptExtensions(c, ext, 8, &ee);
            if (U_SUCCESS(ee) && n_ext > 0 && ext[0] != USCRIPT_COMMON &&
                ext[0] != USCRIPT_INHERITED) {
                int found = 0;
                for (int k = 0; k < n_ext; k++)
                    found |= (int)ext[k] == last;
                if (!found)
                    sc = ext[0];
            }
            int bpt = u_getIntPropertyValue(c, UCHAR_BIDI_PAIRED_BRACKET_TYPE);
            if (bpt == U_BPT_OPEN && n_open < MAX_OPEN) {
                open_stack[n_open].close = u_getBidiPairedBracket(c);
                open_stack[n_open++].at = at;
            } else if (bpt == U_BPT_CLOSE) {
                for (int k = n_open - 1; k >= 0; k--)
                    if (open_stack[k].close == c) {
                        /* an opener before any real script gets the first one (below) */
                        sc = scripts[open_stack[k].at] == 255 ? first_real
                                                              : scripts[open_stack[k].at];
                        n_open = k;
                        break;
                    }
            }
        } else {
            last = sc;
            if (first_real < 0)
                first_real = sc;
        }
        for (int k = at; k < i; k++)
            scripts[k] = (uint8_t)(sc < 0 ? 255 : sc);
    }
    if (first_real < 0)
        first_real = md_text_lang_script(lang);
    for (int i = 0; i < n16 && scripts[i] == 255; i++)
        scripts[i] = (uint8_t)first_real;
}

/* Stage 3, grapheme boundaries and a font per grapheme: the first font of the grapheme's script
 * chain that covers all of it, else any font that does; the paragraph's base font (empty lines,
 * the ellipsis). fonts[] receives a font per unit; scripts[] is aligned to whole graphemes. */
static int analyse_fonts(md_text *t, md_shaped *s, const md_text_style *st, const char *lang,
                         uint8_t *scripts, int *fonts)
{
    int n16 = s->n16;
    UErrorCode err = U_ZERO_ERROR;
    const md_chain *base_chain = md_text_chain(t, md_text_lang_script(lang), lang, st->bold);
    s->base_font = MD_FONT_NONE;
    for (int k = 0; base_chain && k < base_chain->n && s->base_font == MD_FONT_NONE; k++)
        if (md_text_font_open(t, base_chain->fonts[k]) == 0)
            s->base_font = base_chain->fonts[k];
    for (int f = 0; f < t->n_fonts && s->base_font == MD_FONT_NONE; f++)
        if (md_text_font_open(t, f) == 0)
            s->base_font = (uint16_t)f;
    if (s->base_font == MD_FONT_NONE) {
        md_log(MD_LOG_ERROR, MD_TEXT_TAG, "no usable font at all (install fonts-noto-core)");
        return -1;
    }
    s->brk[0] |= MD_BRK_GRAPHEME;
    s->brk[n16] |= MD_BRK_GRAPHEME;
    if (n16 > 0) {
        ubrk_setText(t->grapheme_iter, s->u16, n16, &err);
        for (int b = ubrk_first(t->grapheme_iter); b != UBRK_DONE && U_SUCCESS(err);
             b = ubrk_next(t->grapheme_iter))
            s->brk[b] |= MD_BRK_GRAPHEME;
        join_syllables(s);
        for (int a = 0, b = 1; a < n16; a = b++) {
            while (b < n16 && !(s->brk[b] & MD_BRK_GRAPHEME))
                b++;
            int sc = scripts[a];
            const md_chain *chain = md_text_chain(t, sc, lang, st->bold);
            int f = chain ? pick_font(t, chain, s->u16, a, b) : -1;
            if (f < 0)
                f = pick_font_anywhere(t, s->u16, a, b, lang, st->bold);
            if (f < 0) {
                if (sc >= 0 && sc <= USCRIPT_CODE_LIMIT && !t->logged_script[sc]) {
                    t->logged_script[sc] = 1;
                    UChar32 c;
                    U16_GET(s->u16, 0, a, n16, c);
                    const char *name = uscript_getShortName((UScriptCode)sc);
                    md_log(MD_LOG_WARN, MD_TEXT_TAG,
                           "no font for script %s (first seen: U+%04X); drawing replacement "
                           "glyphs",
                           name ? name : "?", (unsigned)c);
                }
                f = chain && chain->n ? chain->fonts[0] : s->base_font;
                if (md_text_font_open(t, f) != 0)
                    f = s->base_font;
            }
            for (int k = a; k < b; k++) {
                fonts[k] = f;
                scripts[k] = (uint8_t)sc;
            }
        }
    }
    return 0;
}

/* Stage 4, items: maximal ranges with one level, script and font. */
static int analyse_items(md_shaped *s, const UBiDiLevel *levels, const uint8_t *scripts,
                         const int *fonts)
{
    int n16 = s->n16;
    s->items = md_malloc(((size_t)n16 + 1) * sizeof *s->items);
    if (!s->items)
        return -1;
    for (int i = 0; i < n16;) {
        int j = i + 1;
        while (j < n16 && levels[j] == levels[i] && scripts[j] == scripts[i] &&
               fonts[j] == fonts[i])
            j++;
        md_item *item = &s->items[s->n_items++];
        memset(item, 0, sizeof *item);
        item->start = i;
        item->end = j;
        item->level = levels[i];
        item->script = scripts[i];
        item->font = (uint16_t)fonts[i];
        i = j;
    }
    return 0;
}

/* Stage 5, line-break opportunities for the language (ICU's line iterator, dictionaries for
 * Thai, Khmer, Lao and Myanmar), then Korean keep-all. */
static void analyse_breaks(md_text *t, md_shaped *s, const char *lang)
{
    int n16 = s->n16;
    UErrorCode err = U_ZERO_ERROR;
    if (n16 > 0) {
        UBreakIterator *li = line_iter_for(t, lang);
        if (li) {
            ubrk_setText(li, s->u16, n16, &err);
            for (int b = ubrk_first(li); b != UBRK_DONE && U_SUCCESS(err); b = ubrk_next(li)) {
                if (b == 0)
                    continue;
                int status = ubrk_getRuleStatus(li);
                s->brk[b] |= MD_BRK_LINE;
                if (status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT && b < n16)
                    s->brk[b] |= MD_BRK_HARD;
            }
        }
    }
    apply_keep_all(s, keep_all_for(lang));
}

/* Builds the analysis of one paragraph (no "\n" inside): decoding and NFC, then the five stages
 * above, shaping between items and breaks. Returns NULL on allocation failure. */
static md_shaped *analyse(md_text *t, const char *bytes, size_t n_bytes, const md_text_style *st,
                          const char *lang)
{
    md_shaped *s = md_calloc(1, sizeof *s);
    if (!s)
        return NULL;
    uint8_t *scripts = NULL;
    int *fonts = NULL;
    const UBiDiLevel *levels = NULL;
    s->u16 = md_malloc((n_bytes + 1) * sizeof *s->u16);
    s->byte_of = md_malloc((n_bytes + 1) * sizeof *s->byte_of);
    if (!s->u16 || !s->byte_of)
        goto fail;
    s->n16 = decode_utf8((const uint8_t *)bytes, n_bytes, s->u16, s->byte_of);
    s->n16 = normalize_nfc(t, &s->u16, &s->byte_of, s->n16);
    if (s->n16 < 0)
        goto fail;
    int n16 = s->n16;
    s->brk = md_calloc((size_t)n16 + 1, 1);
    scripts = md_malloc((size_t)n16 + 1);
    fonts = md_malloc(((size_t)n16 + 1) * sizeof *fonts);
    if (!s->brk || !scripts || !fonts)
        goto fail;
    if (analyse_bidi(t, s, st, lang, &levels) != 0)
        goto fail;
    analyse_scripts(s, lang, scripts);
    if (analyse_fonts(t, s, st, lang, scripts, fonts) != 0 ||
        analyse_items(s, levels, scripts, fonts) != 0 || shape_items(t, s, lang) != 0)
        goto fail;
    analyse_breaks(t, s, lang);
    md_free(scripts);
    md_free(fonts);
    s->mem_bytes =
        sizeof *s + (size_t)n16 * (sizeof *s->u16 + sizeof *s->byte_of + sizeof *s->gcount + 1) +
        (size_t)s->n_items * sizeof *s->items + (size_t)s->n_glyphs * sizeof *s->glyphs + n_bytes;
    return s;
fail:
    md_free(scripts);
    md_free(fonts);
    shaped_free(s);
    return NULL;
}

static void evict_one(md_text *t)
{
    if (!t->shaped_lru.tail)
        return;
    md_shaped *s = MD_LRU_ITEM(t->shaped_lru.tail, md_shaped, lru);
    md_lru_unlink(&t->shaped_lru, &s->lru);
    md_shaped **pp = &t->shaped_buckets[s->hash & (MD_HASH_BUCKETS - 1)];
    while (*pp && *pp != s)
        pp = &(*pp)->hnext;
    if (*pp)
        *pp = s->hnext;
    t->shaped_bytes -= s->mem_bytes;
    shaped_free(s);
}

md_shaped *md_text_shape_paragraph(md_text *t, const char *bytes, size_t n_bytes,
                                   const md_text_style *st)
{
    const char *lang = st->lang && st->lang[0] ? st->lang : "en";
    size_t lang_len = strlen(lang);
    size_t key_bytes = n_bytes + 1 + lang_len + 3;
    char *key = md_malloc(key_bytes);
    if (!key)
        return NULL;
    memcpy(key, bytes, n_bytes);
    key[n_bytes] = '\0';
    memcpy(key + n_bytes + 1, lang, lang_len);
    key[n_bytes + 1 + lang_len] = '\0';
    key[n_bytes + 2 + lang_len] = (char)('0' + (int)st->dir);
    key[n_bytes + 3 + lang_len] = (char)('0' + (st->bold ? 1 : 0));
    uint64_t h = md_text_hash(key, key_bytes, 1);
    for (md_shaped *s = t->shaped_buckets[h & (MD_HASH_BUCKETS - 1)]; s; s = s->hnext)
        if (s->hash == h && s->key_bytes == key_bytes && memcmp(s->key, key, key_bytes) == 0) {
            md_free(key);
            md_lru_touch(&t->shaped_lru, &s->lru);
            t->stats.n_shaped_hits++;
            return s;
        }
    md_shaped *s = analyse(t, bytes, n_bytes, st, lang);
    if (!s) {
        md_free(key);
        return NULL;
    }
    s->key = key;
    s->key_bytes = key_bytes;
    s->hash = h;
    s->mem_bytes += key_bytes;
    while (t->shaped_lru.n_items > 0 && (t->shaped_lru.n_items >= SHAPED_MAX_ENTRIES ||
                                         t->shaped_bytes + s->mem_bytes > SHAPED_MAX_BYTES))
        evict_one(t);
    s->hnext = t->shaped_buckets[h & (MD_HASH_BUCKETS - 1)];
    t->shaped_buckets[h & (MD_HASH_BUCKETS - 1)] = s;
    md_lru_push_front(&t->shaped_lru, &s->lru);
    t->shaped_bytes += s->mem_bytes;
    return s;
}

void md_text_shaped_cache_free(md_text *t)
{
    while (t->shaped_lru.tail)
        evict_one(t);
}
