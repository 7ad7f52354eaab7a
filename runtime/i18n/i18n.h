/* Languages and messages: locales.conf, gettext PO packs with ICU MessageFormat, fallback chains,
 * locale-aware formatting, and hot reload of packs that pass validation.
 *
 * Layout on disk (see docs/LOCALES.md): <locales_dir>/locales.conf and
 * <locales_dir>/<bcp47>/<domain>.po, where domain is "runtime" or a plugin id.
 * Lookups are O(1) (hash of msgctxt + msgid per pack). A message missing from the current language
 * falls back along that language's chain (ending in en, then ko), per message, and finally to the
 * msgid itself. Fuzzy entries are used (a machine draft beats English for a visitor) and are
 * counted by `madang-locale stats`.
 */
#ifndef MD_I18N_H
#define MD_I18N_H

#include <stddef.h>

#include "madang/plugin.h" /* md_arg */

typedef struct md_i18n md_i18n;

typedef struct md_lang_info {
    const char *code;       /* BCP 47, e.g. "uz-Latn" */
    const char *endonym;    /* the language's name in itself, e.g. "O'zbekcha" */
    const char *script;     /* ISO 15924, e.g. "Latn" */
    int rtl;                /* 1 for right-to-left */
    const char *const *fallbacks; /* NULL-terminated chain, e.g. {"ru", "en", "ko", NULL} */
    const char *voice;      /* speech voice name, may be "" */
} md_lang_info;

/* Reads <locales_dir>/locales.conf and the packs. Returns NULL (logged) if locales.conf is
 * unusable; a broken pack is refused (logged with file, line and reason) and its language falls
 * back to the chain. */
md_i18n *md_i18n_create(const char *locales_dir);
void md_i18n_destroy(md_i18n *i18n);

int md_i18n_language_count(const md_i18n *i18n);
const md_lang_info *md_i18n_language(const md_i18n *i18n, int i);      /* borrowed */
const md_lang_info *md_i18n_find(const md_i18n *i18n, const char *code); /* NULL if not offered */

/* Sets the current language. Returns 0, or -1 (logged) if code is not offered. */
int md_i18n_set_language(md_i18n *i18n, const char *code);
const char *md_i18n_current(const md_i18n *i18n);

/* Translation of msgid (msgctxt may be NULL) in domain for the current language, or for lang
 * (md_i18n_tr_lang). Returns msgid itself when nothing matches. The returned pointer is stable
 * until the next md_i18n_poll_reload() that reloads that pack, or md_i18n_destroy(). */
const char *md_i18n_tr(md_i18n *i18n, const char *domain, const char *msgctxt, const char *msgid);
const char *md_i18n_tr_lang(md_i18n *i18n, const char *lang, const char *domain,
                            const char *msgctxt, const char *msgid);

/* Formats pattern (already translated ICU MessageFormat text) in lang with named args, into out
 * (cap bytes, NUL-terminated, truncated at a character boundary). Returns 0, or -1 (logged with
 * the reason) on a syntax error or a missing argument, leaving pattern copied into out. */
int md_i18n_format(md_i18n *i18n, const char *lang, const char *pattern, const md_arg *args,
                   int n_args, char *out, size_t cap);

/* Locale-aware number, KRW currency and date formatting into out. Return 0 or -1. */
int md_i18n_format_number(const char *lang, double value, int max_fraction_digits, char *out,
                          size_t cap);
int md_i18n_format_krw(const char *lang, long long won, char *out, size_t cap);
int md_i18n_format_date(const char *lang, long long unix_ms, const char *skeleton,
                        const char *time_zone, char *out, size_t cap);

/* Checks the packs' files for changes and reloads those that changed and pass validation (a pack
 * that fails is refused, logged with file, line and reason, and the last good one stays).
 * Returns the number of packs reloaded. Cheap enough to call once a second. */
int md_i18n_poll_reload(md_i18n *i18n);

#endif /* MD_I18N_H */
