/* Validation of one translated message, shared by the runtime (a pack with one bad message is
 * refused as a whole) and madang-locale lint: pattern syntax, same argument names as the source,
 * the CLDR plural categories the language needs, balanced bidi controls.
 */
#include <stdio.h>
#include <string.h>

#include <unicode/upluralrules.h>
#include <unicode/uenum.h>

#include "base/base.h"
#include "i18n/internal.h"

#define MAX_ARGS 32

typedef struct arg_set {
    md_msg_arg args[MAX_ARGS];
    int n;
    int overflow;
} arg_set;

static void collect(void *user, const md_msg_arg *a)
{
    arg_set *set = user;
    if (set->n < MAX_ARGS)
        set->args[set->n++] = *a;
    else
        set->overflow = 1;
}

static int has_name(const arg_set *set, const char *name)
{
    for (int i = 0; i < set->n; i++)
        if (strcmp(set->args[i].name, name) == 0)
            return 1;
    return 0;
}

static int has_word(const char *list, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = list; (p = strstr(p, w)) != NULL; p += n)
        if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
            return 1;
    return 0;
}

/* Keywords the language's cardinal or ordinal rules use, space-separated, into out. */
static int needed_keywords(const char *lang, int ordinal, char *out, size_t cap)
{
    char loc[96];
    md_i18n_icu_locale(lang, loc, sizeof loc);
    UErrorCode st = U_ZERO_ERROR;
    UPluralRules *pr =
        uplrules_openForType(loc, ordinal ? UPLURAL_TYPE_ORDINAL : UPLURAL_TYPE_CARDINAL, &st);
    UEnumeration *en = U_SUCCESS(st) ? uplrules_getKeywords(pr, &st) : NULL;
    size_t len = 0;
    out[0] = '\0';
    const char *kw;
    int32_t n_kw = 0;
    while (en && U_SUCCESS(st) && (kw = uenum_next(en, &n_kw, &st)) != NULL) {
        int w = snprintf(out + len, cap - len, "%s%s", len ? " " : "", kw);
        if (w < 0 || (size_t)w >= cap - len)
            break;
        len += (size_t)w;
    }
    if (en)
        uenum_close(en);
    uplrules_close(pr);
    return U_FAILURE(st) ? -1 : 0;
}

size_t md_i18n_char_index(const char *utf8, size_t byte_offset)
{
    size_t n = 0;
    for (size_t i = 0; i < byte_offset && utf8[i]; i++)
        n += ((unsigned char)utf8[i] & 0xC0) != 0x80;
    return n;
}

int md_i18n_check_message(const char *lang, const char *msgid, const char *msgstr, char *err,
                          size_t err_cap, size_t *err_offset)
{
    size_t dummy = 0;
    if (!err_offset)
        err_offset = &dummy;
    *err_offset = 0;
    char reason[256];
    size_t at = 0;
    if (!msgstr || !msgstr[0])
        return 0;
    arg_set src, dst;
    memset(&src, 0, sizeof src);
    memset(&dst, 0, sizeof dst);
    if (md_i18n_check_pattern(msgid, collect, &src, reason, sizeof reason, &at) < 0) {
        snprintf(err, err_cap, "source text (msgid): %s (at character %zu)", reason,
                 md_i18n_char_index(msgid, at) + 1);
        return -1;
    }
    if (md_i18n_check_pattern(msgstr, collect, &dst, reason, sizeof reason, &at) < 0) {
        snprintf(err, err_cap, "translation: %s (at character %zu)", reason,
                 md_i18n_char_index(msgstr, at) + 1);
        *err_offset = at;
        return -1;
    }
    for (int i = 0; i < dst.n; i++) {
        if (!has_name(&src, dst.args[i].name)) {
            snprintf(err, err_cap, "placeholder {%s} is not in the source text", dst.args[i].name);
            *err_offset = dst.args[i].offset;
            return -1;
        }
    }
    for (int i = 0; i < src.n; i++) {
        if (!has_name(&dst, src.args[i].name)) {
            snprintf(err, err_cap,
                     "placeholder {%s} of the source text is missing in the translation",
                     src.args[i].name);
            return -1;
        }
    }
    for (int i = 0; i < dst.n; i++) {
        const md_msg_arg *a = &dst.args[i];
        int ordinal = strcmp(a->kind, "selectordinal") == 0;
        if (!ordinal && strcmp(a->kind, "plural") != 0)
            continue;
        char need[128];
        if (needed_keywords(lang, ordinal, need, sizeof need) < 0)
            continue; /* ICU has no rules: nothing to require */
        char missing[128] = "";
        size_t len = 0;
        for (char *w = need; *w;) {
            char *sp = strchr(w, ' ');
            if (sp)
                *sp = '\0';
            if (!has_word(a->keywords, w)) {
                int n = snprintf(missing + len, sizeof missing - len, "%s%s", len ? ", " : "", w);
                if (n > 0 && (size_t)n < sizeof missing - len)
                    len += (size_t)n;
            }
            if (!sp)
                break;
            w = sp + 1;
        }
        if (missing[0]) {
            snprintf(err, err_cap, "%s {%s} lacks the categories %s needed in %s", a->kind, a->name,
                     missing, lang);
            *err_offset = a->offset;
            return -1;
        }
    }
    return md_i18n_check_bidi(msgstr, err, err_cap, err_offset);
}

static const char *bidi_name(uint32_t cp)
{
    switch (cp) {
    case 0x202A:
        return "LRE (U+202A)";
    case 0x202B:
        return "RLE (U+202B)";
    case 0x202C:
        return "PDF (U+202C)";
    case 0x202D:
        return "LRO (U+202D)";
    case 0x202E:
        return "RLO (U+202E)";
    case 0x2066:
        return "LRI (U+2066)";
    case 0x2067:
        return "RLI (U+2067)";
    case 0x2068:
        return "FSI (U+2068)";
    case 0x2069:
        return "PDI (U+2069)";
    default:
        return "?";
    }
}

int md_i18n_check_bidi(const char *utf8, char *err, size_t err_cap, size_t *err_offset)
{
    size_t dummy = 0;
    if (!err_offset)
        err_offset = &dummy;
    size_t open_at[128];
    uint32_t stack[128];
    int depth = 0;
    const unsigned char *s = (const unsigned char *)(utf8 ? utf8 : "");
    for (;;) {
        uint32_t cp = 0;
        if (*s == '\0' || *s == '\n') {
            if (depth > 0) {
                *err_offset = open_at[depth - 1];
                snprintf(err, err_cap, "unbalanced bidi controls: %s is not closed with %s",
                         bidi_name(stack[depth - 1]),
                         stack[depth - 1] >= 0x2066 ? "PDI (U+2069)" : "PDF (U+202C)");
                return -1;
            }
            if (*s == '\0')
                return 0;
            s++;
            continue;
        }
        /* All bidi controls are 3-byte sequences E2 80 AA..AE / E2 81 A6..A9. */
        if (s[0] == 0xE2 && s[1] && s[2]) {
            cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
        }
        if ((cp >= 0x202A && cp <= 0x202E && cp != 0x202C) || (cp >= 0x2066 && cp <= 0x2068)) {
            if (depth >= 125) {
                *err_offset = (size_t)(s - (const unsigned char *)utf8);
                snprintf(err, err_cap, "unbalanced bidi controls: nested deeper than 125");
                return -1;
            }
            open_at[depth] = (size_t)(s - (const unsigned char *)utf8);
            stack[depth++] = cp;
        } else if (cp == 0x202C) {
            if (depth == 0 || stack[depth - 1] >= 0x2066) {
                *err_offset = (size_t)(s - (const unsigned char *)utf8);
                snprintf(
                    err, err_cap,
                    "unbalanced bidi controls: PDF (U+202C) without a matching LRE/RLE/LRO/RLO");
                return -1;
            }
            depth--;
        } else if (cp == 0x2069) {
            while (depth > 0 && stack[depth - 1] < 0x2066)
                depth--; /* a PDI also closes embeddings opened inside the isolate */
            if (depth == 0) {
                *err_offset = (size_t)(s - (const unsigned char *)utf8);
                snprintf(err, err_cap,
                         "unbalanced bidi controls: PDI (U+2069) without a matching LRI/RLI/FSI");
                return -1;
            }
            depth--;
        }
        s += cp ? 3 : 1;
    }
}
