/* Locale-aware formatting through ICU's C API: numbers, KRW amounts, dates and times (skeletons
 * through the date-time pattern generator), lists. Opening an ICU formatter costs far more than
 * using it (a date skeleton needs a pattern generator: ~100 µs), so an md_i18n keeps the ones it
 * used in a small cache keyed by locale, style or skeleton, and zone (md_i18n_fmt_cache), which
 * it clears when the language changes. Without a cache (NULL) each call opens its own objects.
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

/* ---------------------------------------------------------------- formatter cache */

#define FMT_CACHE_SLOTS 24 /* a screen uses a handful: a few skeletons, numbers, one list */
#define FMT_KEY_BYTES 320

enum { FMT_NONE = 0, FMT_NUMBER, FMT_SKELETON, FMT_DATE, FMT_LIST };

struct md_i18n_fmt_cache {
    struct {
        int kind; /* FMT_*; FMT_NONE = free slot */
        char key[FMT_KEY_BYTES];
        void *obj; /* UNumberFormat, UNumberFormatter, UDateFormat or UListFormatter */
        uint64_t used;
    } slot[FMT_CACHE_SLOTS];
    uint64_t tick;
    uint64_t n_opened, n_hits;
};

md_i18n_fmt_cache *md_i18n_fmt_cache_create(void)
{
    return md_calloc(1, sizeof(md_i18n_fmt_cache));
}

static void close_obj(int kind, void *obj)
{
    if (!obj)
        return;
    switch (kind) {
    case FMT_NUMBER:
        unum_close(obj);
        break;
    case FMT_SKELETON:
        unumf_close(obj);
        break;
    case FMT_DATE:
        udat_close(obj);
        break;
    case FMT_LIST:
        ulistfmt_close(obj);
        break;
    default:
        break;
    }
}

void md_i18n_fmt_cache_clear(md_i18n_fmt_cache *c)
{
    if (!c)
        return;
    for (int i = 0; i < FMT_CACHE_SLOTS; i++) {
        close_obj(c->slot[i].kind, c->slot[i].obj);
        c->slot[i].kind = FMT_NONE;
        c->slot[i].obj = NULL;
        c->slot[i].key[0] = '\0';
    }
}

void md_i18n_fmt_cache_destroy(md_i18n_fmt_cache *c)
{
    md_i18n_fmt_cache_clear(c);
    md_free(c);
}

int md_i18n_fmt_cache_count(const md_i18n_fmt_cache *c)
{
    int n = 0;
    for (int i = 0; c && i < FMT_CACHE_SLOTS; i++)
        n += c->slot[i].kind != FMT_NONE;
    return n;
}

uint64_t md_i18n_fmt_cache_opened(const md_i18n_fmt_cache *c)
{
    return c ? c->n_opened : 0;
}

/* The cached object of this kind and key, or NULL (then the caller opens one and offers it with
 * fmt_put). A key that does not fit is never cached. */
static void *fmt_get(md_i18n_fmt_cache *c, int kind, const char *key)
{
    if (!c || strlen(key) >= FMT_KEY_BYTES)
        return NULL;
    for (int i = 0; i < FMT_CACHE_SLOTS; i++)
        if (c->slot[i].kind == kind && strcmp(c->slot[i].key, key) == 0) {
            c->slot[i].used = ++c->tick;
            c->n_hits++;
            return c->slot[i].obj;
        }
    return NULL;
}

/* Takes obj into the cache (evicting the least recently used) and returns 1, or returns 0 when
 * there is no cache or the key is too long: the caller then closes obj itself. */
static int fmt_put(md_i18n_fmt_cache *c, int kind, const char *key, void *obj)
{
    if (!c || strlen(key) >= FMT_KEY_BYTES)
        return 0;
    int victim = 0;
    for (int i = 0; i < FMT_CACHE_SLOTS; i++) {
        if (c->slot[i].kind == FMT_NONE) {
            victim = i;
            break;
        }
        if (c->slot[i].used < c->slot[victim].used)
            victim = i;
    }
    close_obj(c->slot[victim].kind, c->slot[victim].obj);
    c->slot[victim].kind = kind;
    snprintf(c->slot[victim].key, FMT_KEY_BYTES, "%s", key);
    c->slot[victim].obj = obj;
    c->slot[victim].used = ++c->tick;
    c->n_opened++;
    return 1;
}

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

int md_i18n_icu_number(md_i18n_fmt_cache *cache, const char *icu_loc, md_i18n_num_style style,
                       double value, int max_fraction_digits, char *out, size_t cap)
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
    char key[FMT_KEY_BYTES];
    snprintf(key, sizeof key, "%s|%d|%d", loc, (int)style,
             style == MD_I18N_NUM_DECIMAL ? max_fraction_digits : 0);
    UNumberFormat *nf = fmt_get(cache, FMT_NUMBER, key);
    int owned = 0;
    if (!nf) {
        nf = unum_open(ustyle, NULL, 0, loc, NULL, &st);
        if (U_FAILURE(st)) {
            md_log(MD_LOG_WARN, "I18N", "number format for %s: %s", loc, u_errorName(st));
            return -1;
        }
        if (style == MD_I18N_NUM_INTEGER)
            unum_setAttribute(nf, UNUM_MAX_FRACTION_DIGITS, 0);
        else if (style == MD_I18N_NUM_DECIMAL && max_fraction_digits >= 0)
            unum_setAttribute(nf, UNUM_MAX_FRACTION_DIGITS, max_fraction_digits);
        owned = !fmt_put(cache, FMT_NUMBER, key, nf);
    }
    UChar u[256];
    int32_t n = unum_formatDouble(nf, value, u, 256, NULL, &st);
    if (owned)
        unum_close(nf);
    if (U_FAILURE(st)) {
        md_log(MD_LOG_WARN, "I18N", "number format for %s: %s", loc, u_errorName(st));
        return -1;
    }
    return to_utf8(u, n, out, cap, "number");
}

int md_i18n_icu_number_skeleton(md_i18n_fmt_cache *cache, const char *icu_loc, const char *skeleton,
                                double value, char *out, size_t cap)
{
    UChar usk[256];
    UErrorCode st = U_ZERO_ERROR;
    int32_t n_sk = 0;
    u_strFromUTF8(usk, 256, &n_sk, skeleton, -1, &st);
    if (U_FAILURE(st) || n_sk >= 256) {
        md_log(MD_LOG_WARN, "I18N", "number skeleton too long");
        return -1;
    }
    char key[FMT_KEY_BYTES];
    snprintf(key, sizeof key, "%s|%s", icu_loc, skeleton);
    UNumberFormatter *f = fmt_get(cache, FMT_SKELETON, key);
    int owned = 0;
    if (!f) {
        f = unumf_openForSkeletonAndLocale(usk, n_sk, icu_loc, &st);
        owned = U_FAILURE(st) || !fmt_put(cache, FMT_SKELETON, key, f);
    }
    UFormattedNumber *r = unumf_openResult(&st);
    if (U_SUCCESS(st))
        unumf_formatDouble(f, value, r, &st);
    UChar u[256];
    int32_t n = U_SUCCESS(st) ? unumf_resultToString(r, u, 256, &st) : 0;
    unumf_closeResult(r);
    if (owned)
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

/* Opens the date format for a skeleton (through the pattern generator) or for the styles. */
static UDateFormat *open_date(const char *icu_loc, int date_style, int time_style,
                              const char *skeleton, const UChar *tz, int32_t n_tz, UErrorCode *st)
{
    if (!skeleton)
        return udat_open((UDateFormatStyle)time_style, (UDateFormatStyle)date_style, icu_loc, tz,
                         n_tz, NULL, 0, st);
    UChar usk[128], pat[256];
    int32_t n_sk = 0;
    u_strFromUTF8(usk, 128, &n_sk, skeleton, -1, st);
    if (U_FAILURE(*st) || n_sk >= 128) {
        md_log(MD_LOG_WARN, "I18N", "date skeleton too long");
        if (U_SUCCESS(*st))
            *st = U_BUFFER_OVERFLOW_ERROR;
        return NULL;
    }
    UDateTimePatternGenerator *g = udatpg_open(icu_loc, st);
    int32_t n_pat = U_SUCCESS(*st) ? udatpg_getBestPattern(g, usk, n_sk, pat, 256, st) : 0;
    udatpg_close(g);
    if (U_FAILURE(*st))
        return NULL;
    return udat_open(UDAT_PATTERN, UDAT_PATTERN, icu_loc, tz, n_tz, pat, n_pat, st);
}

int md_i18n_icu_date(md_i18n_fmt_cache *cache, const char *icu_loc, int date_style, int time_style,
                     const char *skeleton, const char *time_zone, double unix_ms, char *out,
                     size_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar tz[64];
    int32_t n_tz = 0;
    u_strFromUTF8(tz, 64, &n_tz, time_zone ? time_zone : DEFAULT_TZ, -1, &st);
    if (U_FAILURE(st) || n_tz >= 64) {
        md_log(MD_LOG_WARN, "I18N", "bad time zone name");
        return -1;
    }
    char key[FMT_KEY_BYTES];
    snprintf(key, sizeof key, "%s|%d|%d|%s|%s", icu_loc, date_style, time_style,
             skeleton ? skeleton : "", time_zone ? time_zone : DEFAULT_TZ);
    UDateFormat *df = fmt_get(cache, FMT_DATE, key);
    int owned = 0;
    if (!df) {
        df = open_date(icu_loc, date_style, time_style, skeleton, tz, n_tz, &st);
        owned = U_FAILURE(st) || !df || !fmt_put(cache, FMT_DATE, key, df);
    }
    UChar u[256];
    int32_t n = 0;
    if (U_SUCCESS(st))
        n = udat_format(df, unix_ms, u, 256, NULL, &st);
    if (df && owned)
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
    return md_i18n_icu_format_number(NULL, lang, value, max_fraction_digits, out, cap);
}

int md_i18n_icu_format_number(md_i18n_fmt_cache *cache, const char *lang, double value,
                              int max_fraction_digits, char *out, size_t cap)
{
    char loc[96];
    md_i18n_icu_locale(lang, loc, sizeof loc);
    if (md_i18n_icu_number(cache, loc, MD_I18N_NUM_DECIMAL, value, max_fraction_digits, out, cap) <
        0)
        return -1;
    return md_i18n_isolate_in_place(lang, out, cap);
}

int md_i18n_format_krw(const char *lang, long long won, char *out, size_t cap)
{
    return md_i18n_icu_format_krw(NULL, lang, won, out, cap);
}

int md_i18n_icu_format_krw(md_i18n_fmt_cache *cache, const char *lang, long long won, char *out,
                           size_t cap)
{
    char loc[96];
    md_i18n_icu_locale(lang, loc, sizeof loc);
    if (md_i18n_icu_number(cache, loc, MD_I18N_NUM_KRW, (double)won, 0, out, cap) < 0)
        return -1;
    return md_i18n_isolate_in_place(lang, out, cap);
}

int md_i18n_format_date(const char *lang, long long unix_ms, const char *skeleton,
                        const char *time_zone, char *out, size_t cap)
{
    return md_i18n_icu_format_date(NULL, lang, unix_ms, skeleton, time_zone, out, cap);
}

int md_i18n_icu_format_date(md_i18n_fmt_cache *cache, const char *lang, long long unix_ms,
                            const char *skeleton, const char *time_zone, char *out, size_t cap)
{
    char loc[96];
    md_i18n_icu_locale(lang, loc, sizeof loc);
    if (md_i18n_icu_date(cache, loc, UDAT_NONE, UDAT_NONE, skeleton ? skeleton : "yMMMdjm",
                         time_zone, (double)unix_ms, out, cap) < 0)
        return -1;
    return md_i18n_isolate_in_place(lang, out, cap);
}

int md_i18n_format_list(const char *lang, const char *const *items, int n_items, char *out,
                        size_t cap)
{
    return md_i18n_icu_format_list(NULL, lang, items, n_items, out, cap);
}

int md_i18n_icu_format_list(md_i18n_fmt_cache *cache, const char *lang, const char *const *items,
                            int n_items, char *out, size_t cap)
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
    UListFormatter *lf = fmt_get(cache, FMT_LIST, loc);
    int owned = 0;
    if (!lf) {
        lf = ulistfmt_open(loc, &st);
        owned = U_FAILURE(st) || !fmt_put(cache, FMT_LIST, loc, lf);
    }
    UChar u[2048];
    int32_t n = U_SUCCESS(st) ? md_i18n_icu_list(lf, strs, lens, n_items, u, 2048, &st) : 0;
    if (owned)
        ulistfmt_close(lf);
    if (U_FAILURE(st)) {
        md_log(MD_LOG_WARN, "I18N", "list format for %s: %s", loc, u_errorName(st));
        return -1;
    }
    return to_utf8(u, n, out, cap, "list");
}

/* ---- the same through an md_i18n's cache (i18n.h) ---- */

int md_i18n_format_number_cached(md_i18n *i18n, const char *lang, double value,
                                 int max_fraction_digits, char *out, size_t cap)
{
    return md_i18n_icu_format_number(md_i18n_fmt_cache_of(i18n), lang, value, max_fraction_digits,
                                     out, cap);
}

int md_i18n_format_krw_cached(md_i18n *i18n, const char *lang, long long won, char *out, size_t cap)
{
    return md_i18n_icu_format_krw(md_i18n_fmt_cache_of(i18n), lang, won, out, cap);
}

int md_i18n_format_date_cached(md_i18n *i18n, const char *lang, long long unix_ms,
                               const char *skeleton, const char *time_zone, char *out, size_t cap)
{
    return md_i18n_icu_format_date(md_i18n_fmt_cache_of(i18n), lang, unix_ms, skeleton, time_zone,
                                   out, cap);
}

int md_i18n_format_list_cached(md_i18n *i18n, const char *lang, const char *const *items,
                               int n_items, char *out, size_t cap)
{
    return md_i18n_icu_format_list(md_i18n_fmt_cache_of(i18n), lang, items, n_items, out, cap);
}
