/* Formatting that is safe inside right-to-left text: numbers, times, ranges and Latin spans are
 * wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE when the language is written right
 * to left, so "پیر: 18:00–02:00" never draws as "02:00–18:00" (Unicode bidi rule W2 would turn
 * the digits after Arabic letters into Arabic numbers and reorder them). Also time ranges through
 * ICU's date interval formatter and language names from ICU's display names.
 */
#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/udateintervalformat.h>
#include <unicode/udat.h>
#include <unicode/ulistformatter.h>
#include <unicode/udatpg.h>
#include <unicode/uformattedvalue.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "base/base.h"
#include "i18n/internal.h"

#define FSI "\xE2\x81\xA8" /* U+2068 FIRST STRONG ISOLATE */
#define PDI "\xE2\x81\xA9" /* U+2069 POP DIRECTIONAL ISOLATE */
#define DEFAULT_TZ "Asia/Seoul"

int md_i18n_is_rtl(const char *lang)
{
    char loc[96];
    md_i18n_icu_locale(lang, loc, sizeof loc);
    return uloc_isRightToLeft(loc) ? 1 : 0;
}

/* 1 when text holds something that reorders inside right-to-left text: a left-to-right letter, a
 * digit, or a separator between digits. Text made only of right-to-left letters and spaces needs
 * no isolate. */
/* 1 when text is one isolate from its first character to its last (already safe). */
static int wholly_isolated(const char *text)
{
    int32_t n = (int32_t)strlen(text), i = 0, depth = 0;
    while (i < n) {
        UChar32 c = 0;
        U8_NEXT(text, i, n, c);
        if (c >= 0x2066 && c <= 0x2068)
            depth++;
        else if (c == 0x2069)
            depth--;
        else if (depth == 0)
            return 0; /* a character outside any isolate */
        if (depth == 0 && i < n)
            return 0; /* the first isolate closed before the end */
    }
    return depth == 0 && n > 0;
}

static int needs_isolate(const char *text)
{
    if (wholly_isolated(text))
        return 0;
    int32_t n = (int32_t)strlen(text), i = 0;
    while (i < n) {
        UChar32 c = 0;
        U8_NEXT(text, i, n, c);
        if (c < 0)
            return 1;
        switch (u_charDirection(c)) {
        case U_LEFT_TO_RIGHT:
        case U_EUROPEAN_NUMBER:
        case U_ARABIC_NUMBER:
        case U_EUROPEAN_NUMBER_SEPARATOR:
        case U_EUROPEAN_NUMBER_TERMINATOR:
        case U_COMMON_NUMBER_SEPARATOR:
        case U_LEFT_TO_RIGHT_EMBEDDING:
        case U_LEFT_TO_RIGHT_OVERRIDE:
            return 1;
        default:
            break;
        }
    }
    return 0;
}

int md_i18n_isolate_needed(const char *lang, const char *text)
{
    return text && text[0] && md_i18n_is_rtl(lang) && needs_isolate(text);
}

int md_i18n_isolate(const char *lang, const char *text, char *out, size_t cap)
{
    if (!out || !cap)
        return -1;
    if (!text)
        text = "";
    size_t n = strlen(text);
    int wrap = md_i18n_isolate_needed(lang, text);
    if (!wrap) {
        md_i18n_copy_utf8(out, cap, text, n);
        return n < cap ? 0 : -1;
    }
    if (n + 7 > cap) { /* 3 + 3 bytes of controls and the NUL: never cut an isolate in half */
        md_i18n_copy_utf8(out, cap, text, n);
        return -1;
    }
    memmove(out + 3, text, n); /* text may be out itself */
    memcpy(out, FSI, 3);
    memcpy(out + 3 + n, PDI, 4); /* with the NUL */
    return 0;
}

int md_i18n_isolate_in_place(const char *lang, char *buf, size_t cap)
{
    return md_i18n_isolate(lang, buf, buf, cap);
}

static int utf16_to_utf8(const UChar *u, int32_t n_u, char *out, size_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0;
    u_strToUTF8(out, (int32_t)cap, &n, u, n_u, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING) {
        out[0] = '\0';
        return -1;
    }
    return 0;
}

/* One end of a range on its own, with the locale's best pattern for skeleton. */
static int32_t format_end(const char *loc, const UChar *skel, const UChar *tz, double ms,
                          UChar *out, int32_t cap, UErrorCode *st)
{
    UChar pat[128];
    UDateTimePatternGenerator *g = udatpg_open(loc, st);
    int32_t n_pat = U_SUCCESS(*st) ? udatpg_getBestPattern(g, skel, -1, pat, 128, st) : 0;
    udatpg_close(g);
    UDateFormat *df =
        U_SUCCESS(*st) ? udat_open(UDAT_PATTERN, UDAT_PATTERN, loc, tz, -1, pat, n_pat, st) : NULL;
    int32_t n = U_SUCCESS(*st) ? udat_format(df, ms, out, cap, NULL, st) : 0;
    if (df)
        udat_close(df);
    return n;
}

int md_i18n_format_time_range(const char *lang, long long start_ms, long long end_ms,
                              const char *skeleton, const char *time_zone, char *out, size_t cap)
{
    if (!out || !cap)
        return -1;
    out[0] = '\0';
    char loc[96];
    md_i18n_icu_locale(lang, loc, sizeof loc);
    UChar skel[64], tz[64];
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(skel, 64, NULL, skeleton ? skeleton : "jm", -1, &st);
    u_strFromUTF8(tz, 64, NULL, time_zone ? time_zone : DEFAULT_TZ, -1, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING) {
        md_log(MD_LOG_WARN, "I18N", "time range: skeleton or time zone too long");
        return -1;
    }
    UDateIntervalFormat *f = udtitvfmt_open(loc, skel, -1, tz, -1, &st);
    UFormattedDateInterval *r = udtitvfmt_openResult(&st);
    if (U_SUCCESS(st))
        udtitvfmt_formatToResult(f, (UDate)start_ms, (UDate)end_ms, r, &st);
    const UFormattedValue *v = U_SUCCESS(st) ? udtitvfmt_resultAsValue(r, &st) : NULL;
    int32_t n_all = 0;
    const UChar *all = v ? ufmtval_getString(v, &n_all, &st) : NULL;
    UChar u[512];
    int32_t n_u = 0;
    /* Where the two ends are in ICU's result: when they fall on different days (a clinic open past
     * midnight) ICU repeats the dates, which a weekly timetable does not want; then each end is
     * put in its place as a time alone, keeping the locale's separator between them. */
    int32_t span_b[2] = {-1, -1}, span_e[2] = {-1, -1};
    UConstrainedFieldPosition *cfp = U_SUCCESS(st) ? ucfpos_open(&st) : NULL;
    if (cfp) {
        ucfpos_constrainCategory(cfp, UFIELD_CATEGORY_DATE_INTERVAL_SPAN, &st);
        while (U_SUCCESS(st) && ufmtval_nextPosition(v, cfp, &st)) {
            int32_t b = 0, e = 0;
            int32_t field = ucfpos_getField(cfp, &st);
            ucfpos_getIndexes(cfp, &b, &e, &st);
            if (field == 0 || field == 1) {
                span_b[field] = b;
                span_e[field] = e;
            }
        }
        ucfpos_close(cfp);
    }
    if (U_SUCCESS(st) && all) {
        if (span_b[0] >= 0 && span_b[1] > span_e[0]) {
            UChar a[128], b[128];
            int32_t n_a = format_end(loc, skel, tz, (UDate)start_ms, a, 128, &st);
            int32_t n_b = format_end(loc, skel, tz, (UDate)end_ms, b, 128, &st);
            int32_t n_mid = span_b[1] - span_e[0], n_tail = n_all - span_e[1];
            if (U_SUCCESS(st) && span_b[0] + n_a + n_mid + n_b + n_tail < 512) {
                u_memcpy(u, all, span_b[0]);
                n_u = span_b[0];
                u_memcpy(u + n_u, a, n_a);
                n_u += n_a;
                u_memcpy(u + n_u, all + span_e[0], n_mid);
                n_u += n_mid;
                u_memcpy(u + n_u, b, n_b);
                n_u += n_b;
                u_memcpy(u + n_u, all + span_e[1], n_tail);
                n_u += n_tail;
            } else if (U_SUCCESS(st)) {
                st = U_BUFFER_OVERFLOW_ERROR;
            }
        } else if (n_all < 512) { /* both ends in one span: the same day, ICU's own pattern */
            u_memcpy(u, all, n_all);
            n_u = n_all;
        } else {
            st = U_BUFFER_OVERFLOW_ERROR;
        }
    }
    udtitvfmt_closeResult(r);
    udtitvfmt_close(f);
    if (U_FAILURE(st) || utf16_to_utf8(u, n_u, out, cap) < 0) {
        md_log(MD_LOG_WARN, "I18N", "time range for %s: %s", loc, u_errorName(st));
        out[0] = '\0';
        return -1;
    }
    return md_i18n_isolate_in_place(lang, out, cap);
}

int md_i18n_language_name(const char *code, const char *in_lang, char *out, size_t cap)
{
    if (!out || !cap)
        return -1;
    char loc[96], disp[96];
    md_i18n_icu_locale(code, loc, sizeof loc);
    md_i18n_icu_locale(in_lang, disp, sizeof disp);
    UChar u[128];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = uloc_getDisplayName(loc, disp, u, 128, &st);
    if (U_FAILURE(st) || n <= 0 || n >= 128 || utf16_to_utf8(u, n, out, cap) < 0) {
        snprintf(out, cap, "%s", code ? code : "");
        return -1;
    }
    return 0;
}

int32_t md_i18n_icu_list(const UListFormatter *lf, const UChar *const *items, const int32_t *lens,
                         int n_items, UChar *out, int32_t cap, UErrorCode *st)
{
    UFormattedList *r = ulistfmt_openResult(st);
    if (U_SUCCESS(*st))
        ulistfmt_formatStringsToResult(lf, items, lens, n_items, r, st);
    const UFormattedValue *v = U_SUCCESS(*st) ? ulistfmt_resultAsValue(r, st) : NULL;
    int32_t n_all = 0;
    const UChar *all = v ? ufmtval_getString(v, &n_all, st) : NULL;
    int32_t n = 0;
    UConstrainedFieldPosition *cfp = all ? ucfpos_open(st) : NULL;
    if (cfp) {
        /* Copy item by item; a separator that is a bare comma (CLDR's Nepali "{0},{1}") gets the
         * space every other comma-separated list has, so "कोरियाली,अङ्ग्रेजी" never shows. */
        ucfpos_constrainField(cfp, UFIELD_CATEGORY_LIST, ULISTFMT_LITERAL_FIELD, st);
        int32_t copied = 0;
        while (U_SUCCESS(*st) && ufmtval_nextPosition(v, cfp, st)) {
            int32_t b = 0, e = 0;
            ucfpos_getIndexes(cfp, &b, &e, st);
            int bare_comma = e - b == 1 && all[b] == 0x2C && e < n_all && all[e] != 0x20;
            int32_t take = e - copied;
            if (n + take + 1 >= cap) {
                *st = U_BUFFER_OVERFLOW_ERROR;
                break;
            }
            u_memcpy(out + n, all + copied, take);
            n += take;
            copied = e;
            if (bare_comma)
                out[n++] = 0x20;
        }
        if (U_SUCCESS(*st) && n + (n_all - copied) < cap) {
            u_memcpy(out + n, all + copied, n_all - copied);
            n += n_all - copied;
        } else if (U_SUCCESS(*st)) {
            *st = U_BUFFER_OVERFLOW_ERROR;
        }
        ucfpos_close(cfp);
    }
    ulistfmt_closeResult(r);
    return U_SUCCESS(*st) ? n : 0;
}

/* Bytes of the bidi control character at p (LRM, RLM, ALM, LRE..RLO, LRI..PDI), or 0. */
static size_t bidi_control_len(const unsigned char *p)
{
    if (p[0] == 0xE2 && p[1] == 0x80 &&
        (p[2] == 0x8E || p[2] == 0x8F || (p[2] >= 0xAA && p[2] <= 0xAE)))
        return 3;
    if (p[0] == 0xE2 && p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9)
        return 3;
    if (p[0] == 0xD8 && p[1] == 0x9C) /* U+061C ARABIC LETTER MARK */
        return 2;
    return 0;
}

int md_i18n_same_label(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)(a ? a : "");
    const unsigned char *q = (const unsigned char *)(b ? b : "");
    for (;;) {
        size_t k = 0;
        while ((k = bidi_control_len(p)) > 0)
            p += k;
        while ((k = bidi_control_len(q)) > 0)
            q += k;
        if (*p != *q)
            return 0;
        if (!*p)
            return 1;
        p++, q++;
    }
}
