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

/* Marks a string for extraction by `madang-locale update` (xgettext) where it is not passed
 * directly to a translation call, e.g. in a static table or a `static const char *msgid = ...`
 * that is translated later. Expands to the string itself. NC_ adds a msgctxt. */
#ifndef N_
#define N_(msgid) (msgid)
#endif
#ifndef NC_
#define NC_(msgctxt, msgid) (msgid)
#endif

typedef struct md_lang_info {
    const char *code;             /* BCP 47, e.g. "uz-Latn" */
    const char *endonym;          /* the language's name in itself, e.g. "O'zbekcha" */
    const char *script;           /* ISO 15924, e.g. "Latn" */
    int rtl;                      /* 1 for right-to-left */
    const char *const *fallbacks; /* NULL-terminated chain, e.g. {"ru", "en", "ko", NULL} */
    const char *voice;            /* speech voice name, may be "" */
} md_lang_info;

/* Reads <locales_dir>/locales.conf and the packs. A broken pack is refused (logged with file,
 * line and reason) and its language falls back to the chain. When locales.conf is missing or
 * unusable (logged; locales_dir may be NULL) the instance offers English only, with no packs:
 * messages are their msgids. Returns NULL only when memory runs out. */
md_i18n *md_i18n_create(const char *locales_dir);
/* The same with a last-good folder in storage (may be NULL): every locales.conf and pack that
 * loads is copied there (when it differs), and when locales.conf or a pack cannot be used at
 * start the copy is used instead (logged), so a restart after a bad edit still shows the
 * visitor's language. */
md_i18n *md_i18n_create_with_backup(const char *locales_dir, const char *backup_dir);
/* 1 when locales.conf was read; 0 for the English-only instance. */
int md_i18n_has_conf(const md_i18n *i18n);
void md_i18n_destroy(md_i18n *i18n);

int md_i18n_language_count(const md_i18n *i18n);
const md_lang_info *md_i18n_language(const md_i18n *i18n, int i);        /* borrowed */
const md_lang_info *md_i18n_find(const md_i18n *i18n, const char *code); /* NULL if not offered */

/* Sets the current language. Returns 0, or -1 (logged) if code is not offered. */
int md_i18n_set_language(md_i18n *i18n, const char *code);
const char *md_i18n_current(const md_i18n *i18n);

/* Translation of msgid (msgctxt may be NULL) in domain for the current language, or for lang
 * (md_i18n_tr_lang; NULL = current; a language not offered reads English's chain). Returns msgid
 * itself when nothing matches. The returned pointer stays valid until the md_i18n_poll_reload()
 * after the one that replaced its pack (see md_i18n_poll_reload), or md_i18n_destroy(). */
const char *md_i18n_tr(md_i18n *i18n, const char *domain, const char *msgctxt, const char *msgid);
const char *md_i18n_tr_lang(md_i18n *i18n, const char *lang, const char *domain,
                            const char *msgctxt, const char *msgid);

/* Whether fuzzy (drafted, unreviewed) translations are shown; default 1 (a draft beats English
 * for a visitor). With 0 a fuzzy message falls back along the chain like a missing one. */
void md_i18n_set_use_fuzzy(md_i18n *i18n, int use_fuzzy);

/* Formats pattern (already translated ICU MessageFormat text) in lang (NULL = current) with named
 * args, into out (cap bytes, NUL-terminated, truncated at a character boundary). Returns 0, or -1
 * (logged with the reason) on a syntax error or a missing argument, leaving pattern copied into
 * out. {x, number, currency} is Korean won; dates and times are shown in Asia/Seoul. */
int md_i18n_format(md_i18n *i18n, const char *lang, const char *pattern, const md_arg *args,
                   int n_args, char *out, size_t cap);

/* Locale-aware number, KRW currency and date formatting into out. Return 0 or -1. */
int md_i18n_format_number(const char *lang, double value, int max_fraction_digits, char *out,
                          size_t cap);
int md_i18n_format_krw(const char *lang, long long won, char *out, size_t cap);
/* skeleton is an ICU date skeleton (NULL = "yMMMdjm"); time_zone NULL = "Asia/Seoul". */
int md_i18n_format_date(const char *lang, long long unix_ms, const char *skeleton,
                        const char *time_zone, char *out, size_t cap);
/* "A, B and C" in lang (ICU list patterns). At most 32 items. Returns 0 or -1. */
int md_i18n_format_list(const char *lang, const char *const *items, int n_items, char *out,
                        size_t cap);
/* The same through i18n's formatter cache: ICU formatters stay open per locale, style or
 * skeleton, and zone (opening one costs ~100x using it) until the language changes or
 * md_i18n_trim. What code that formats every frame calls. i18n NULL = uncached. */
int md_i18n_format_number_cached(md_i18n *i18n, const char *lang, double value,
                                 int max_fraction_digits, char *out, size_t cap);
int md_i18n_format_krw_cached(md_i18n *i18n, const char *lang, long long won, char *out,
                              size_t cap);
int md_i18n_format_date_cached(md_i18n *i18n, const char *lang, long long unix_ms,
                               const char *skeleton, const char *time_zone, char *out, size_t cap);
int md_i18n_format_list_cached(md_i18n *i18n, const char *lang, const char *const *items,
                               int n_items, char *out, size_t cap);
/* Number of ICU formatters i18n holds open (for tests and `make bench`). */
int md_i18n_cached_formatters(const md_i18n *i18n);
/* Gives memory back when a visitor leaves: closes the cached formatters (they reopen on use). */
void md_i18n_trim(md_i18n *i18n);

/* Right-to-left safety. Every formatter above and below, and md_i18n_format's arguments, pass
 * their result through md_i18n_isolate: in a right-to-left language (per ICU's likely script)
 * text holding a left-to-right letter, a digit or a digit separator is wrapped in FSI ... PDI
 * (U+2068 ... U+2069), so a time, a range, a number or a Latin name keeps its own order inside
 * Urdu or Arabic text. In left-to-right languages, and for purely right-to-left text, it is copied
 * unchanged. out may be text itself. Returns 0, or -1 when it did not fit (then copied, cut). */
int md_i18n_isolate(const char *lang, const char *text, char *out, size_t cap);
int md_i18n_isolate_in_place(const char *lang, char *buf, size_t cap);
int md_i18n_is_rtl(const char *lang); /* 1 when lang is written right to left */

/* A time range such as "18:00–02:00" (or "6:00 PM – 2:00 AM") through ICU's date interval
 * formatter with skeleton (NULL = "jm", the locale's own 12/24-hour preference), in time_zone
 * (NULL = Asia/Seoul). When the ends fall on different days (open past midnight) each end is shown
 * as a time alone, with the locale's range separator. Isolated for right-to-left text. 0 or -1. */
int md_i18n_format_time_range(const char *lang, long long start_ms, long long end_ms,
                              const char *skeleton, const char *time_zone, char *out, size_t cap);

/* 1 when a and b are the same text once bidi control characters (LRM, RLM, ALM, embeddings,
 * overrides, isolates) are ignored: how scripts (`tap "label"`, `expect`) name a label that the
 * formatting isolated, e.g. "1345 · امیگریشن رابطہ مرکز" for "\u20661345\u2069 · ...". */
int md_i18n_same_label(const char *a, const char *b);

/* The name of language code (BCP 47) written in in_lang ("Korean", "कोरियाली", "한국어") from
 * ICU's display names. Returns 0, or -1 with code itself copied into out. */
int md_i18n_language_name(const char *code, const char *in_lang, char *out, size_t cap);

/* Checks the packs' files for changes and reloads those that changed and pass validation (a pack
 * that fails is refused, logged with file, line and reason, and the last good one stays). A
 * changed file is taken only once it has stopped changing: the same size, mtime and inode at two
 * polls in a row (the settle time is the poll interval, 1 s in the kiosk), so a half-written
 * file is never read; staff tools should still publish by rename (docs/LOCALES.md).
 * Returns the number of packs reloaded. Cheap enough to call once a second (it stats the files).
 *
 * Lifetime of strings across a reload: a replaced pack is retired, not freed. Retired packs are
 * freed at the start of the NEXT md_i18n_poll_reload() call (or md_i18n_destroy). So a string
 * returned by md_i18n_tr() stays valid for at least one whole poll interval after the reload that
 * replaced it: a caller may keep it for the current frame without copying. Callers that want to
 * know whether anything changed (e.g. to drop caches) read md_i18n_generation(). */
int md_i18n_poll_reload(md_i18n *i18n);
/* The same without the settle: for files known to be whole (a sync switched its `current` link
 * to a validated release). */
int md_i18n_reload_now(md_i18n *i18n);

/* Increases by one every time a pack is (re)loaded or the language changes; 0 never occurs after
 * md_i18n_create. Lets callers cache translated or laid-out strings and know when to drop them. */
unsigned md_i18n_generation(const md_i18n *i18n);

/* Counts of the messages of a pack as loaded (for `stats`-like displays and tests). Returns 0, or
 * -1 if lang or domain has no pack loaded. */
int md_i18n_pack_counts(const md_i18n *i18n, const char *lang, const char *domain,
                        int *n_translated, int *n_fuzzy);

/* ---- Packs and patterns as data: shared by the runtime's validation and madang-locale. ---- */

/* One entry of a PO file. Strings are UTF-8, escapes decoded, owned by the md_po. */
typedef struct md_po_entry {
    const char *msgctxt;      /* NULL when the entry has none */
    const char *msgid;        /* "" only for the header entry */
    const char *msgid_plural; /* NULL unless gettext plurals are used (we use ICU plurals; then
                                 msgstr is msgstr[0]) */
    const char *msgstr;       /* "" when untranslated */
    int fuzzy;                /* "#, fuzzy": drafted, needs a native speaker's review */
    int line;                 /* line of the entry's first keyword (msgctxt or msgid), from 1 */
    int msgstr_line;          /* line of msgstr */
} md_po_entry;

typedef struct md_po md_po;

/* Parses PO text (UTF-8; a BOM is skipped). file_name is used in messages only. On success returns
 * the entries (obsolete "#~" entries are skipped; the header entry, msgid "", is kept). On error
 * returns NULL and writes "file_name:line: reason" into err (not logged: the caller decides how to
 * report it). Never crashes on any input. */
md_po *md_i18n_po_parse(const char *text, size_t n_bytes, const char *file_name, char *err,
                        size_t err_cap);
/* Reads and parses path; errors as md_i18n_po_parse (an unreadable file is "path:0: reason"). */
md_po *md_i18n_po_load(const char *path, char *err, size_t err_cap);
void md_i18n_po_free(md_po *po);
int md_i18n_po_count(const md_po *po);
const md_po_entry *md_i18n_po_entry(const md_po *po, int i); /* borrowed from po */
/* The source line of byte byte_offset of entry i's msgstr (a msgstr may span several lines). */
int md_i18n_po_msgstr_line(const md_po *po, int i, size_t byte_offset);
/* A field of the header entry ("Language", "Content-Type"), or NULL. Copied into out. */
const char *md_i18n_po_header(const md_po *po, const char *field, char *out, size_t cap);

/* An argument found in an ICU MessageFormat pattern. */
typedef struct md_msg_arg {
    char name[64];
    char kind[16];      /* "" (simple {name}), "number", "date", "time", "plural",
                           "selectordinal", "select" */
    char keywords[128]; /* plural/selectordinal/select: keyword selectors, space-separated
                           ("one few many other"); explicit "=N" selectors are not listed */
    size_t offset;      /* byte offset of the argument's '{' in the pattern */
} md_msg_arg;
typedef void (*md_msg_arg_fn)(void *user, const md_msg_arg *arg);

/* Strict syntax check of an ICU MessageFormat pattern (the subset md_i18n_format implements:
 * {a}, {a, number[, integer|percent|currency|::skeleton]}, {a, date|time[, short|medium|long|
 * full|::skeleton]}, {a, plural|selectordinal, [offset:n] =N {..} kw {..} other {..}},
 * {a, select, kw {..} other {..}}, apostrophe quoting as ICU's default mode). on_arg (may be NULL)
 * is called for every argument, nested ones included. Returns 0, or -1 with the reason in err and
 * the byte offset of the error in *err_offset (may be NULL). */
int md_i18n_check_pattern(const char *pattern, md_msg_arg_fn on_arg, void *user, char *err,
                          size_t err_cap, size_t *err_offset);

/* Validates one translation for language lang the way the runtime does before accepting a pack:
 * msgstr's pattern syntax, the same argument names as msgid, every CLDR plural category lang
 * needs present in each plural / selectordinal, balanced bidi controls. Returns 0, or -1 with the
 * reason in err and, in *err_offset (may be NULL), the byte offset in msgstr the reason is about
 * (0 when it is about msgid). An empty msgstr (untranslated) is valid. */
int md_i18n_check_message(const char *lang, const char *msgid, const char *msgstr, char *err,
                          size_t err_cap, size_t *err_offset);

/* Checks that utf8 has balanced bidi embedding/override (LRE RLE LRO RLO ... PDF) and isolate
 * (LRI RLI FSI ... PDI) controls. Returns 0, or -1 with the reason in err and the byte offset of
 * the offending control in *err_offset (may be NULL). */
int md_i18n_check_bidi(const char *utf8, char *err, size_t err_cap, size_t *err_offset);

/* Number of characters (code points) of utf8 before byte_offset: error positions for people. */
size_t md_i18n_char_index(const char *utf8, size_t byte_offset);

/* The ICU locale id for a BCP 47 code ("uz-Latn" -> "uz_Latn") into out. Returns out. */
const char *md_i18n_icu_locale(const char *lang, char *out, size_t cap);

#endif /* MD_I18N_H */
