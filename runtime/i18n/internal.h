/* Private to runtime/i18n: helpers shared by its files (not part of the module's public face,
 * which is i18n.h). */
#ifndef MD_I18N_INTERNAL_H
#define MD_I18N_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "i18n/i18n.h"

/* FNV-1a of msgctxt (may be NULL), '\4', msgid: the key of the pack hash tables. */
uint32_t md_i18n_hash_key(const char *msgctxt, const char *msgid);

/* Formats pattern like md_i18n_format but without an md_i18n (plural rules and formatters are
 * opened for the call). err receives the reason on failure. */
int md_i18n_format_pattern(const char *lang, const char *pattern, const md_arg *args, int n_args,
                           char *out, size_t cap, char *err, size_t err_cap);
/* The same with formatters from cache (may be NULL). */
struct md_i18n_fmt_cache;
int md_i18n_format_pattern_cached(struct md_i18n_fmt_cache *cache, const char *lang,
                                  const char *pattern, const md_arg *args, int n_args, char *out,
                                  size_t cap, char *err, size_t err_cap);

/* Copies at most cap-1 bytes of src (n bytes) into out, cut at a UTF-8 character boundary. */
void md_i18n_copy_utf8(char *out, size_t cap, const char *src, size_t n);

typedef enum md_i18n_num_style {
    MD_I18N_NUM_DECIMAL = 0, /* max_fraction_digits applies when >= 0 */
    MD_I18N_NUM_INTEGER,
    MD_I18N_NUM_PERCENT, /* 0.25 -> 25% */
    MD_I18N_NUM_KRW      /* currency KRW in the locale's currency pattern */
} md_i18n_num_style;

/* ICU formatters kept open between calls, keyed by locale, style or skeleton, and time zone (at
 * most 24, least recently used evicted). An md_i18n owns one and clears it when the language
 * changes (md_i18n_set_language) or on md_i18n_trim. Main thread only, like all of i18n. */
typedef struct md_i18n_fmt_cache md_i18n_fmt_cache;
md_i18n_fmt_cache *md_i18n_fmt_cache_create(void); /* NULL (logged) without memory */
void md_i18n_fmt_cache_destroy(md_i18n_fmt_cache *cache);
void md_i18n_fmt_cache_clear(md_i18n_fmt_cache *cache);            /* closes every formatter */
int md_i18n_fmt_cache_count(const md_i18n_fmt_cache *cache);       /* formatters held */
uint64_t md_i18n_fmt_cache_opened(const md_i18n_fmt_cache *cache); /* formatters opened so far */

/* ICU-backed formatters; icu_loc is an ICU locale id (md_i18n_icu_locale). cache may be NULL
 * (the call opens and closes its own formatter). Return 0 or -1. */
int md_i18n_icu_number(md_i18n_fmt_cache *cache, const char *icu_loc, md_i18n_num_style style,
                       double value, int max_fraction_digits, char *out, size_t cap);
int md_i18n_icu_number_skeleton(md_i18n_fmt_cache *cache, const char *icu_loc, const char *skeleton,
                                double value, char *out, size_t cap);
int md_i18n_icu_number_skeleton_ok(const char *skeleton); /* 1 if ICU accepts it */
/* date_style/time_style are UDateFormatStyle values; skeleton (may be NULL) wins over them. */
int md_i18n_icu_date(md_i18n_fmt_cache *cache, const char *icu_loc, int date_style, int time_style,
                     const char *skeleton, const char *time_zone, double unix_ms, char *out,
                     size_t cap);
/* md_i18n_format_number/krw/date/list of i18n.h through a cache (lang is a BCP 47 code). */
int md_i18n_icu_format_number(md_i18n_fmt_cache *cache, const char *lang, double value,
                              int max_fraction_digits, char *out, size_t cap);
int md_i18n_icu_format_krw(md_i18n_fmt_cache *cache, const char *lang, long long won, char *out,
                           size_t cap);
int md_i18n_icu_format_date(md_i18n_fmt_cache *cache, const char *lang, long long unix_ms,
                            const char *skeleton, const char *time_zone, char *out, size_t cap);
int md_i18n_icu_format_list(md_i18n_fmt_cache *cache, const char *lang, const char *const *items,
                            int n_items, char *out, size_t cap);

/* The formatter cache of i18n (NULL when i18n is NULL). */
md_i18n_fmt_cache *md_i18n_fmt_cache_of(md_i18n *i18n);

/* Formats with lf (ICU's "and" list formatter) into out (UTF-16), repairing a bare-comma separator
 * (CLDR's Nepali "{0},{1}"). Returns the length, 0 with *st set on failure. */
#include <unicode/ulistformatter.h>
int32_t md_i18n_icu_list(const UListFormatter *lf, const UChar *const *items, const int32_t *lens,
                         int n_items, UChar *out, int32_t cap, UErrorCode *st);

/* 1 when md_i18n_isolate would wrap text in FSI ... PDI for lang. */
int md_i18n_isolate_needed(const char *lang, const char *text);

#endif
