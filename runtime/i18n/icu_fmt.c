/* Locale-aware formatting through ICU's C API: numbers, KRW amounts, dates and times (skeletons
 * through the date-time pattern generator), lists. Each call opens its ICU objects; callers that
 * format in a hot loop cache the output per language (md_i18n_generation tells them when).
 */
#include <stdio.h>
#include <string.h>

#include <unicode/udat.h>
#include <unicode/udatpg.h>
#include <unicode/ulistformatter.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/unumberformatter.h>
#include <unicode/ustring.h>

#include "base/base.h"
#include "i18n/internal.h"

#define DEFAULT_TZ "Asia/Seoul"

void md_i18n_copy_utf8(char *out, size_t cap, const char *src, size_t n)
{
    if (!out || !cap)
        return;
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--; /* src[n] is a continuation byte: the character starting before n is cut */
    }
    memmove(out, src, n);
    out[n] = '\0';
}

const char *md_i18n_icu_locale(const char *lang, char *out, size_t cap)
{
    if (!out || !cap)
        return out;
    UErrorCode st = U_ZERO_ERROR;
    int32_t parsed = 0;
    int32_t n = uloc_forLanguageTag(lang ? lang : "en", out, (int32_t)cap, &parsed, &st);
    if (U_FAILURE(st) || n <= 0 || (size_t)n >= cap)
        snprintf(out, cap, "%s", "en");
    return out;
}

/* UTF-16 result of ICU to UTF-8 out. */
static int to_utf8(const UChar *u, int32_t n_u, char *out, size_t cap, const char *what)
{
    char buf[1024];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n = 0;
    u_strToUTF8(buf, (int32_t)sizeof buf, &n, u, n_u, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING) {
        md_log(MD_LOG_WARN, "I18N", "%s: result too long or invalid (%s)", what, u_errorName(st));
        if (out && cap)
            out[0] = '\0';
        return -1;
    }
    md_i18n_copy_utf8(out, cap, buf, (size_t)n);
    return 0;
}

int md_i18n_icu_number(const char *icu_loc, md_i18n_num_style style, double value,
                       int max_fraction_digits, char *out, size_t cap)
{
    char loc[96];
    UNumberFormatStyle ustyle = UNUM_DECIMAL;
    snprintf(loc, sizeof loc, "%s", icu_loc);
    if (style == MD_I18N_NUM_PERCENT)
        ustyle = UNUM_PERCENT;
    else if (style == MD_I18N_NUM_KRW) {
        ustyle = UNUM_CURRENCY;
        snprintf(loc, sizeof loc, "%s@currency=KRW", icu_loc);
    }
    UErrorCode st = U_ZERO_ERROR;
    UNumberFormat *nf = unum_open(ustyle, NULL, 0, loc, NULL, &st);
    if (U_FAILURE(st)) {
        md_log(MD_LOG_WARN, "I18N", "number format for %s: %s", loc, u_errorName(st));
        return -1;
    }
    if (style == MD_I18N_NUM_INTEGER)
        unum_setAttribute(nf, UNUM_MAX_FRACTION_DIGITS, 0);
    else if (style == MD_I18N_NUM_DECIMAL && max_fraction_digits >= 0)
        unum_setAttribute(nf, UNUM_MAX_FRACTION_DIGITS, max_fraction_digits);
    UChar u[256];
    int32_t n = unum_formatDouble(nf, value, u, 256, NULL, &st);
    unum_close(nf);
    if (U_FAILURE(st)) {
        md_log(MD_LOG_WARN, "I18N", "number format for %s: %s", loc, u_errorName(st));
        return -1;
    }
    return to_utf8(u, n, out, cap, "number");
}

int md_i18n_icu_number_skeleton(const char *icu_loc, const char *skeleton, double value, char *out,
                                size_t cap)
{
    UChar usk[256];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n_sk = 0;
    u_strFromUTF8(usk, 256, &n_sk, skeleton, -1, &st);
    if (U_FAILURE(st) || n_sk >= 256) {
        md_log(MD_LOG_WARN, "I18N", "number skeleton too long");
        return -1;
    }
    UNumberFormatter *f = unumf_openForSkeletonAndLocale(usk, n_sk, icu_loc, &st);
    UFormattedNumber *r = unumf_openResult(&st);
    if (U_SUCCESS(st))
        unumf_formatDouble(f, value, r, &st);
    UChar u[256];
    int32_t n = U_SUCCESS(st) ? unumf_resultToString(r, u, 256, &st) : 0;
    unumf_closeResult(r);
    unumf_close(f);
    if (U_FAILURE(st)) {
        md_log(MD_LOG_WARN, "I18N", "number skeleton \"%s\" for %s: %s", skeleton, icu_loc,
               u_errorName(st));
        return -1;
    }
    return to_utf8(u, n, out, cap, "number");
}

int md_i18n_icu_number_skeleton_ok(const char *skeleton)
{
    UChar usk[256];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n_sk = 0;
    u_strFromUTF8(usk, 256, &n_sk, skeleton, -1, &st);
    if (U_FAILURE(st) || n_sk >= 256)
        return 0;
    UParseError pe;
    UNumberFormatter *f = unumf_openForSkeletonAndLocaleWithError(usk, n_sk, "en", &pe, &st);
    unumf_close(f);
    return U_SUCCESS(st);
}

int md_i18n_icu_date(const char *icu_loc, int date_style, int time_style, const char *skeleton,
                     const char *time_zone, double unix_ms, char *out, size_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar tz[64];
    int32_t n_tz = 0;
    u_strFromUTF8(tz, 64, &n_tz, time_zone ? time_zone : DEFAULT_TZ, -1, &st);
    if (U_FAILURE(st) || n_tz >= 64) {
        md_log(MD_LOG_WARN, "I18N", "bad time zone name");
        return -1;
    }
    UDateFormat *df = NULL;
    if (skeleton) {
        UChar usk[128], pat[256];
        int32_t n_sk = 0;
        u_strFromUTF8(usk, 128, &n_sk, skeleton, -1, &st);
        if (U_FAILURE(st) || n_sk >= 128) {
            md_log(MD_LOG_WARN, "I18N", "date skeleton too long");
            return -1;
        }
        UDateTimePatternGenerator *g = udatpg_open(icu_loc, &st);
        int32_t n_pat = U_SUCCESS(st) ? udatpg_getBestPattern(g, usk, n_sk, pat, 256, &st) : 0;
        udatpg_close(g);
        if (U_SUCCESS(st))
            df = udat_open(UDAT_PATTERN, UDAT_PATTERN, icu_loc, tz, n_tz, pat, n_pat, &st);
    } else {
        df = udat_open((UDateFormatStyle)time_style, (UDateFormatStyle)date_style, icu_loc, tz,
                       n_tz, NULL, 0, &st);
    }
    UChar u[256];
    int32_t n = 0;
    if (U_SUCCESS(st))
        n = udat_format(df, unix_ms, u, 256, NULL, &st);
    if (df)
        udat_close(df);
    if (U_FAILURE(st)) {
        md_log(MD_LOG_WARN, "I18N", "date format for %s (%s): %s", icu_loc,
               skeleton ? skeleton : "style", u_errorName(st));
        return -1;
    }
    return to_utf8(u, n, out, cap, "date");
}

int md_i18n_format_number(const char *lang, double value, int max_fraction_digits, char *out,
                          size_t cap)
{
    char loc[96];
    md_i18n_icu_locale(lang, loc, sizeof loc);
    if (md_i18n_icu_number(loc, MD_I18N_NUM_DECIMAL, value, max_fraction_digits, out, cap) < 0)
        return -1;
    return md_i18n_isolate_in_place(lang, out, cap);
}

int md_i18n_format_krw(const char *lang, long long won, char *out, size_t cap)
{
    char loc[96];
    md_i18n_icu_locale(lang, loc, sizeof loc);
    if (md_i18n_icu_number(loc, MD_I18N_NUM_KRW, (double)won, 0, out, cap) < 0)
        return -1;
    return md_i18n_isolate_in_place(lang, out, cap);
}

int md_i18n_format_date(const char *lang, long long unix_ms, const char *skeleton,
                        const char *time_zone, char *out, size_t cap)
{
    char loc[96];
    md_i18n_icu_locale(lang, loc, sizeof loc);
    if (md_i18n_icu_date(loc, UDAT_NONE, UDAT_NONE, skeleton ? skeleton : "yMMMdjm", time_zone,
                         (double)unix_ms, out, cap) < 0)
        return -1;
    return md_i18n_isolate_in_place(lang, out, cap);
}

int md_i18n_format_list(const char *lang, const char *const *items, int n_items, char *out,
                        size_t cap)
{
    char loc[96];
    md_i18n_icu_locale(lang, loc, sizeof loc);
    if (n_items < 0 || n_items > 32) {
        md_log(MD_LOG_WARN, "I18N", "list of %d items not supported", n_items);
        return -1;
    }
    UChar buf[2048];
    const UChar *strs[32];
    int32_t lens[32];
    int32_t used = 0;
    UErrorCode st = U_ZERO_ERROR;
    for (int i = 0; i < n_items; i++) {
        int32_t n = 0;
        char item[512]; /* each item isolated on its own in right-to-left text */
        md_i18n_isolate(lang, items[i] ? items[i] : "", item, sizeof item);
        u_strFromUTF8(buf + used, 2048 - used, &n, item, -1, &st);
        if (U_FAILURE(st) || used + n >= 2048) {
            md_log(MD_LOG_WARN, "I18N", "list items too long");
            return -1;
        }
        strs[i] = buf + used;
        lens[i] = n;
        used += n;
    }
    UChar u[2048];
    int32_t n = U_SUCCESS(st) ? md_i18n_icu_list(loc, strs, lens, n_items, u, 2048, &st) : 0;
    if (U_FAILURE(st)) {
        md_log(MD_LOG_WARN, "I18N", "list format for %s: %s", loc, u_errorName(st));
        return -1;
    }
    return to_utf8(u, n, out, cap, "list");
}
