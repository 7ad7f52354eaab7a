/* ICU MessageFormat with named arguments, in C. ICU's C API (umsg_*) only takes positional
 * arguments, so this is a small recursive-descent parser that both checks a pattern strictly
 * (reporting the byte offset of an error) and formats it, using ICU for plural rules, numbers and
 * dates. One parser serves both, so what lint accepts is exactly what the runtime can format.
 * Every variant of a plural/select is parsed (checked) even when it is not the one shown.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/udat.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>

#include "base/base.h"
#include "i18n/internal.h"

#define MAX_DEPTH 24
#define MAX_VARIANTS 48

typedef struct mf {
    const char *s;
    size_t n, pos;
    int failed;
    char *err;
    size_t err_cap, err_pos;
    md_msg_arg_fn on_arg;
    void *user;
    int collect; /* call on_arg (off while re-parsing a chosen variant) */
    int depth;
    /* formatting (fmt = 1) */
    int fmt;
    const char *loc;          /* ICU locale id */
    const char *lang;         /* BCP 47, for md_i18n_isolate: arguments are isolated in RTL text */
    md_i18n_fmt_cache *cache; /* may be NULL */
    const md_arg *args;
    int n_args;
    char *out;
    size_t cap, len;
    int full;
} mf;

static void mf_fail(mf *m, size_t pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void mf_fail(mf *m, size_t pos, const char *fmt, ...)
{
    if (m->failed)
        return;
    m->failed = 1;
    m->err_pos = pos;
    if (m->err && m->err_cap) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(m->err, m->err_cap, fmt, ap);
        va_end(ap);
    }
}

static void emit(mf *m, const char *b, size_t n)
{
    if (!m->fmt || m->full || !m->out)
        return;
    if (m->len + n < m->cap) {
        memcpy(m->out + m->len, b, n);
        m->len += n;
        m->out[m->len] = '\0';
        return;
    }
    /* Copy what fits, cut at a character boundary, and stop emitting. */
    size_t room = m->cap - 1 - m->len;
    while (room > 0 && ((unsigned char)b[room] & 0xC0) == 0x80)
        room--;
    memcpy(m->out + m->len, b, room);
    m->len += room;
    m->out[m->len] = '\0';
    m->full = 1;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
static int is_id(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
static void skip_ws(mf *m)
{
    while (m->pos < m->n && is_ws(m->s[m->pos]))
        m->pos++;
}
static char peek(const mf *m)
{
    return m->pos < m->n ? m->s[m->pos] : '\0';
}

/* Reads an identifier; returns its length (0 if none). */
static size_t read_id(mf *m, const char **start)
{
    *start = m->s + m->pos;
    size_t b = m->pos;
    while (m->pos < m->n && is_id(m->s[m->pos]))
        m->pos++;
    return m->pos - b;
}

static int word_is(const char *w, size_t n, const char *lit)
{
    return strlen(lit) == n && memcmp(w, lit, n) == 0;
}

static const md_arg *find_arg(const mf *m, const char *name, size_t n)
{
    for (int i = 0; i < m->n_args; i++) {
        const char *a = m->args[i].name;
        if (a && strlen(a) == n && memcmp(a, name, n) == 0)
            return &m->args[i];
    }
    return NULL;
}

/* The number plural / '#' uses, after offset. */
typedef struct plural_ctx {
    int active;
    double value;
} plural_ctx;

static void parse_message(mf *m, int nested, const plural_ctx *pc, int show);

/* An argument's formatted text: isolated when it would reorder inside right-to-left text. */
static void emit_arg(mf *m, const char *text)
{
    int wrap = md_i18n_isolate_needed(m->lang, text);
    if (wrap)
        emit(m, "\xE2\x81\xA8", 3); /* FSI */
    emit(m, text, strlen(text));
    if (wrap)
        emit(m, "\xE2\x81\xA9", 3); /* PDI */
}

static void emit_number(mf *m, double v, md_i18n_num_style style)
{
    char buf[128];
    if (md_i18n_icu_number(m->cache, m->loc, style, v, -1, buf, sizeof buf) < 0) {
        mf_fail(m, m->pos, "cannot format number");
        return;
    }
    emit_arg(m, buf);
}

/* Value of a numeric argument; 0 and an error if absent or not a number. */
static int arg_number(mf *m, const md_arg *a, const char *name, size_t n, size_t at, double *v)
{
    if (!a) {
        mf_fail(m, at, "missing argument '%.*s'", (int)n, name);
        return -1;
    }
    if (a->type == MD_ARG_INT)
        *v = (double)a->v.i;
    else if (a->type == MD_ARG_DOUBLE)
        *v = a->v.d;
    else if (a->type == MD_ARG_DATE)
        *v = (double)a->v.date_ms;
    else {
        mf_fail(m, at, "argument '%.*s' is not a number", (int)n, name);
        return -1;
    }
    return 0;
}

static void report_arg(mf *m, const char *name, size_t n, const char *kind, const char *keywords,
                       size_t at)
{
    if (!m->collect || !m->on_arg)
        return;
    md_msg_arg a;
    memset(&a, 0, sizeof a);
    md_i18n_copy_utf8(a.name, sizeof a.name, name, n);
    snprintf(a.kind, sizeof a.kind, "%s", kind);
    snprintf(a.keywords, sizeof a.keywords, "%s", keywords ? keywords : "");
    a.offset = at;
    m->on_arg(m->user, &a);
}

static const char *const plural_keywords[] = {"zero", "one", "two", "few", "many", "other"};

typedef struct variant {
    const char *sel;
    size_t sel_len;
    size_t start;       /* first byte of the sub-message (after '{') */
    int explicit_value; /* "=N" */
    double value;
} variant;

/* Parses "sel {msg} sel {msg} ..." up to the closing '}' of the argument (not consumed). */
static int parse_variants(mf *m, int is_plural, variant *vars, int *n_vars, size_t arg_at,
                          const char *name, size_t name_len)
{
    *n_vars = 0;
    int have_other = 0;
    for (;;) {
        skip_ws(m);
        if (m->failed)
            return -1;
        char c = peek(m);
        if (c == '}' || c == '\0')
            break;
        size_t sel_at = m->pos;
        variant v;
        memset(&v, 0, sizeof v);
        if (c == '=') {
            if (!is_plural) {
                mf_fail(m, sel_at, "'=N' selectors are only allowed in plural and selectordinal");
                return -1;
            }
            m->pos++;
            const char *num = m->s + m->pos;
            size_t b = m->pos;
            if (peek(m) == '-')
                m->pos++;
            while (m->pos < m->n &&
                   ((m->s[m->pos] >= '0' && m->s[m->pos] <= '9') || m->s[m->pos] == '.'))
                m->pos++;
            if (m->pos == b || (m->pos == b + 1 && num[0] == '-')) {
                mf_fail(m, sel_at, "expected a number after '='");
                return -1;
            }
            char tmp[32];
            md_i18n_copy_utf8(tmp, sizeof tmp, num, m->pos - b);
            v.explicit_value = 1;
            v.value = strtod(tmp, NULL);
            v.sel = m->s + sel_at;
            v.sel_len = m->pos - sel_at;
        } else {
            v.sel_len = read_id(m, &v.sel);
            if (!v.sel_len) {
                mf_fail(m, sel_at, "expected a selector (a keyword or =N) or '}' in '%.*s'",
                        (int)name_len, name);
                return -1;
            }
            if (is_plural) {
                int known = 0;
                for (size_t k = 0; k < sizeof plural_keywords / sizeof *plural_keywords; k++)
                    known |= word_is(v.sel, v.sel_len, plural_keywords[k]);
                if (!known) {
                    mf_fail(m, sel_at,
                            "unknown plural category '%.*s' (use zero, one, two, few, many, other "
                            "or =N)",
                            (int)v.sel_len, v.sel);
                    return -1;
                }
            }
            if (word_is(v.sel, v.sel_len, "other"))
                have_other = 1;
        }
        for (int i = 0; i < *n_vars; i++) {
            if (vars[i].sel_len == v.sel_len && memcmp(vars[i].sel, v.sel, v.sel_len) == 0) {
                mf_fail(m, sel_at, "duplicate selector '%.*s'", (int)v.sel_len, v.sel);
                return -1;
            }
        }
        if (*n_vars >= MAX_VARIANTS) {
            mf_fail(m, sel_at, "too many variants");
            return -1;
        }
        skip_ws(m);
        if (peek(m) != '{') {
            mf_fail(m, m->pos, "expected '{' after selector '%.*s'", (int)v.sel_len, v.sel);
            return -1;
        }
        m->pos++;
        v.start = m->pos;
        vars[(*n_vars)++] = v;
        plural_ctx pc = {is_plural, 0};
        parse_message(m, 1, &pc, 0);
        if (m->failed)
            return -1;
        m->pos++; /* the sub-message's '}' */
    }
    if (!have_other) {
        mf_fail(m, arg_at, "'%.*s' needs an 'other' variant", (int)name_len, name);
        return -1;
    }
    return 0;
}

static void show_variant(mf *m, const variant *v, const plural_ctx *pc)
{
    size_t save = m->pos;
    int save_collect = m->collect;
    m->pos = v->start;
    m->collect = 0;
    parse_message(m, 1, pc, 1);
    m->collect = save_collect;
    m->pos = save;
}

static void keywords_of(const variant *vars, int n, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        if (vars[i].explicit_value)
            continue;
        int w = snprintf(out + len, cap - len, "%s%.*s", len ? " " : "", (int)vars[i].sel_len,
                         vars[i].sel);
        if (w < 0 || (size_t)w >= cap - len)
            break;
        len += (size_t)w;
    }
}

/* Parses "{...}" at m->pos (which is '{'); formats it when show. */
/* The argument being parsed: its name, where its '{' is, and its value when formatting. */
typedef struct arg_ref {
    const char *name;
    size_t name_len;
    size_t at;
    const md_arg *a; /* NULL when checking only, or when the caller passed no such argument */
} arg_ref;

/* {name}: the value as text (strings), a short date, or a decimal number. */
static void format_simple(mf *m, const arg_ref *r)
{
    const md_arg *a = r->a;
    if (!a) {
        mf_fail(m, r->at, "missing argument '%.*s'", (int)r->name_len, r->name);
        return;
    }
    if (a->type == MD_ARG_STRING)
        emit_arg(m, a->v.s ? a->v.s : "");
    else if (a->type == MD_ARG_DATE) {
        char buf[256];
        if (md_i18n_icu_date(m->cache, m->loc, UDAT_SHORT, UDAT_SHORT, NULL, NULL,
                             (double)a->v.date_ms, buf, sizeof buf) < 0)
            mf_fail(m, r->at, "cannot format date");
        else
            emit_arg(m, buf);
    } else {
        double v = 0;
        if (arg_number(m, a, r->name, r->name_len, r->at, &v) == 0)
            emit_number(m, v, MD_I18N_NUM_DECIMAL);
    }
}

/* The optional ", style" of a number, date or time argument: a named style or a "::skeleton".
 * 0, or -1 (failed). */
static int read_style(mf *m, int is_number, char *style, size_t cap, int *skeleton)
{
    style[0] = '\0';
    *skeleton = 0;
    if (peek(m) != ',')
        return 0;
    m->pos++;
    skip_ws(m);
    size_t style_at = m->pos;
    if (m->pos + 1 < m->n && m->s[m->pos] == ':' && m->s[m->pos + 1] == ':') {
        m->pos += 2;
        size_t b = m->pos;
        while (m->pos < m->n && m->s[m->pos] != '}' && m->s[m->pos] != '{' && m->s[m->pos] != '\'')
            m->pos++;
        size_t e = m->pos;
        while (e > b && is_ws(m->s[e - 1]))
            e--;
        if (e == b || e - b >= cap) {
            mf_fail(m, style_at, "empty or too long skeleton");
            return -1;
        }
        memcpy(style, m->s + b, e - b);
        style[e - b] = '\0';
        *skeleton = 1;
        if (is_number && !md_i18n_icu_number_skeleton_ok(style)) {
            mf_fail(m, style_at, "invalid number skeleton '::%s'", style);
            return -1;
        }
    } else {
        const char *st = NULL;
        size_t st_len = read_id(m, &st);
        int ok = 0;
        const char *const num_styles[] = {"integer", "percent", "currency"};
        const char *const date_styles[] = {"short", "medium", "long", "full"};
        for (int i = 0; i < 3; i++)
            ok |= is_number ? word_is(st, st_len, num_styles[i])
                            : word_is(st, st_len, date_styles[i]);
        if (!is_number)
            ok |= word_is(st, st_len, date_styles[3]);
        if (!ok) {
            mf_fail(m, style_at,
                    is_number
                        ? "unknown number style (use integer, percent, currency or ::skeleton)"
                        : "unknown date/time style (use short, medium, long, full or "
                          "::skeleton)");
            return -1;
        }
        md_i18n_copy_utf8(style, cap, st, st_len);
    }
    skip_ws(m);
    return 0;
}

/* {name, number|date|time[, style]}: after the type word. */
static void parse_number_date(mf *m, const arg_ref *r, const char *type, size_t type_len, int show)
{
    int is_number = word_is(type, type_len, "number");
    char style[128];
    int skeleton = 0;
    if (read_style(m, is_number, style, sizeof style, &skeleton) < 0)
        return;
    if (peek(m) != '}') {
        mf_fail(m, m->pos, "expected '}' to close '%.*s'", (int)r->name_len, r->name);
        return;
    }
    m->pos++;
    char kind[8];
    md_i18n_copy_utf8(kind, sizeof kind, type, type_len);
    report_arg(m, r->name, r->name_len, kind, NULL, r->at);
    if (!m->fmt || !show)
        return;
    double v = 0;
    if (arg_number(m, r->a, r->name, r->name_len, r->at, &v) < 0)
        return;
    if (is_number) {
        if (skeleton) {
            char buf[256];
            if (md_i18n_icu_number_skeleton(m->cache, m->loc, style, v, buf, sizeof buf) < 0)
                mf_fail(m, r->at, "cannot format number");
            else
                emit_arg(m, buf);
            return;
        }
        md_i18n_num_style ns = !style[0]         ? MD_I18N_NUM_DECIMAL
                               : style[0] == 'i' ? MD_I18N_NUM_INTEGER
                               : style[0] == 'p' ? MD_I18N_NUM_PERCENT
                                                 : MD_I18N_NUM_KRW;
        emit_number(m, v, ns);
        return;
    }
    int ds = UDAT_NONE, ts = UDAT_NONE;
    int sv = !style[0] || style[0] == 'm' ? UDAT_MEDIUM
             : style[0] == 's'            ? UDAT_SHORT
             : style[0] == 'l'            ? UDAT_LONG
                                          : UDAT_FULL;
    if (type[0] == 'd')
        ds = sv;
    else
        ts = sv;
    char buf[256];
    if (md_i18n_icu_date(m->cache, m->loc, ds, ts, skeleton ? style : NULL, NULL, v, buf,
                         sizeof buf) < 0)
        mf_fail(m, r->at, "cannot format date");
    else
        emit_arg(m, buf);
}

/* The optional "offset:N" of a plural. 0, or -1 (failed). */
static int read_offset(mf *m, double *offset)
{
    *offset = 0;
    if (m->pos + 7 > m->n || memcmp(m->s + m->pos, "offset:", 7) != 0)
        return 0;
    m->pos += 7;
    skip_ws(m);
    size_t b = m->pos;
    while (m->pos < m->n && m->s[m->pos] >= '0' && m->s[m->pos] <= '9' && m->pos - b < 9)
        m->pos++;
    if (m->pos == b) {
        mf_fail(m, b, "expected a number after 'offset:'");
        return -1;
    }
    char tmp[16];
    md_i18n_copy_utf8(tmp, sizeof tmp, m->s + b, m->pos - b);
    *offset = strtod(tmp, NULL);
    return 0;
}

/* Shows the variant a select picks: the one whose key is the argument's value, else "other". */
static void show_select(mf *m, const arg_ref *r, const variant *vars, int n_vars,
                        const variant *other)
{
    const md_arg *a = r->a;
    char key[64];
    if (a->type == MD_ARG_STRING)
        snprintf(key, sizeof key, "%s", a->v.s ? a->v.s : "");
    else if (a->type == MD_ARG_INT)
        snprintf(key, sizeof key, "%lld", (long long)a->v.i);
    else {
        mf_fail(m, r->at, "argument '%.*s' of a select must be a string", (int)r->name_len,
                r->name);
        return;
    }
    const variant *chosen = NULL;
    for (int i = 0; i < n_vars && !chosen; i++)
        if (word_is(vars[i].sel, vars[i].sel_len, key))
            chosen = &vars[i];
    plural_ctx none = {0, 0};
    show_variant(m, chosen ? chosen : other, &none);
}

/* Shows the variant a plural or selectordinal picks: an explicit =N, else the CLDR category of
 * the value (minus the offset) in the message's locale, else "other". */
static void show_plural(mf *m, const arg_ref *r, int is_ordinal, double offset, const variant *vars,
                        int n_vars, const variant *other)
{
    double v = 0;
    if (arg_number(m, r->a, r->name, r->name_len, r->at, &v) < 0)
        return;
    const variant *chosen = NULL;
    for (int i = 0; i < n_vars && !chosen; i++)
        if (vars[i].explicit_value && vars[i].value == v)
            chosen = &vars[i];
    if (!chosen) {
        UErrorCode st = U_ZERO_ERROR;
        UPluralRules *pr = uplrules_openForType(
            m->loc, is_ordinal ? UPLURAL_TYPE_ORDINAL : UPLURAL_TYPE_CARDINAL, &st);
        UChar kw[32];
        int32_t n_kw = U_SUCCESS(st) ? uplrules_select(pr, v - offset, kw, 32, &st) : 0;
        uplrules_close(pr);
        if (U_FAILURE(st)) {
            mf_fail(m, r->at, "plural rules for %s: %s", m->loc, u_errorName(st));
            return;
        }
        char kw8[32];
        int32_t i8 = 0;
        for (; i8 < n_kw && i8 < 31; i8++)
            kw8[i8] = (char)kw[i8];
        kw8[i8] = '\0';
        for (int i = 0; i < n_vars && !chosen; i++)
            if (!vars[i].explicit_value && word_is(vars[i].sel, vars[i].sel_len, kw8))
                chosen = &vars[i];
    }
    plural_ctx pc = {1, v - offset};
    if (is_ordinal)
        pc.value = v;
    show_variant(m, chosen ? chosen : other, &pc);
}

/* {name, plural|selectordinal|select, variants}: after the type word. */
static void parse_choice(mf *m, const arg_ref *r, const char *type, size_t type_len, int show)
{
    int is_plural = word_is(type, type_len, "plural");
    int is_ordinal = word_is(type, type_len, "selectordinal");
    if (peek(m) != ',') {
        mf_fail(m, m->pos, "expected ',' after '%.*s'", (int)type_len, type);
        return;
    }
    m->pos++;
    skip_ws(m);
    double offset = 0;
    if (is_plural && read_offset(m, &offset) < 0)
        return;
    variant vars[MAX_VARIANTS];
    int n_vars = 0;
    if (parse_variants(m, is_plural || is_ordinal, vars, &n_vars, r->at, r->name, r->name_len) < 0)
        return;
    if (peek(m) != '}') {
        mf_fail(m, r->at, "unterminated '{%.*s, %.*s'", (int)r->name_len, r->name, (int)type_len,
                type);
        return;
    }
    m->pos++;
    char kws[128];
    keywords_of(vars, n_vars, kws, sizeof kws);
    char kind[16];
    md_i18n_copy_utf8(kind, sizeof kind, type, type_len);
    report_arg(m, r->name, r->name_len, kind, kws, r->at);
    if (!m->fmt || !show)
        return;
    if (!r->a) {
        mf_fail(m, r->at, "missing argument '%.*s'", (int)r->name_len, r->name);
        return;
    }
    const variant *other = NULL;
    for (int i = 0; i < n_vars; i++)
        if (!vars[i].explicit_value && word_is(vars[i].sel, vars[i].sel_len, "other"))
            other = &vars[i];
    if (!is_plural && !is_ordinal)
        show_select(m, r, vars, n_vars, other);
    else
        show_plural(m, r, is_ordinal, offset, vars, n_vars, other);
}

/* One argument, from its '{': the name, then '}' or the type and what the type takes. */
static void parse_argument(mf *m, int show)
{
    arg_ref r = {NULL, 0, m->pos, NULL};
    m->pos++;
    skip_ws(m);
    r.name_len = read_id(m, &r.name);
    if (!r.name_len) {
        mf_fail(m, m->pos,
                m->pos >= m->n ? "unterminated '{'" : "expected an argument name after '{'");
        return;
    }
    skip_ws(m);
    r.a = m->fmt && show ? find_arg(m, r.name, r.name_len) : NULL;
    if (peek(m) == '}') {
        m->pos++;
        report_arg(m, r.name, r.name_len, "", NULL, r.at);
        if (m->fmt && show)
            format_simple(m, &r);
        return;
    }
    if (peek(m) != ',') {
        mf_fail(m, m->pos >= m->n ? r.at : m->pos,
                m->pos >= m->n ? "unterminated '{%.*s'" : "expected ',' or '}' after '%.*s'",
                (int)r.name_len, r.name);
        return;
    }
    m->pos++;
    skip_ws(m);
    const char *type = NULL;
    size_t type_at = m->pos;
    size_t type_len = read_id(m, &type);
    skip_ws(m);
    if (word_is(type, type_len, "number") || word_is(type, type_len, "date") ||
        word_is(type, type_len, "time"))
        parse_number_date(m, &r, type, type_len, show);
    else if (word_is(type, type_len, "plural") || word_is(type, type_len, "selectordinal") ||
             word_is(type, type_len, "select"))
        parse_choice(m, &r, type, type_len, show);
    else
        mf_fail(m, type_at,
                type_len ? "unknown argument type '%.*s' (use number, date, time, plural, "
                           "selectordinal or select)"
                         : "expected an argument type%.*s",
                (int)type_len, type ? type : "");
}

/* Message text up to the end (top level) or up to a '}' (nested; left unconsumed). */
static void parse_message(mf *m, int nested, const plural_ctx *pc, int show)
{
    if (++m->depth > MAX_DEPTH) {
        mf_fail(m, m->pos, "nested too deeply");
        m->depth--;
        return;
    }
    size_t start_at = m->pos;
    while (!m->failed) {
        if (m->pos >= m->n) {
            if (nested)
                mf_fail(m, start_at ? start_at - 1 : 0, "unterminated '{' (a '}' is missing)");
            break;
        }
        char c = m->s[m->pos];
        if (c == '}') {
            if (nested)
                break;
            mf_fail(m, m->pos, "unmatched '}' (quote it as '}' to show a brace)");
            break;
        }
        if (c == '{') {
            parse_argument(m, show);
            continue;
        }
        if (c == '#' && pc && pc->active) {
            m->pos++;
            if (show)
                emit_number(m, pc->value, MD_I18N_NUM_DECIMAL);
            continue;
        }
        if (c == '\'') {
            char d = m->pos + 1 < m->n ? m->s[m->pos + 1] : '\0';
            if (d == '\'') {
                if (show)
                    emit(m, "'", 1);
                m->pos += 2;
                continue;
            }
            if (d == '{' || d == '}' || d == '|' || (d == '#' && pc && pc->active)) {
                /* Quoted literal text up to the next lone apostrophe (or the end, as ICU). */
                m->pos++;
                while (m->pos < m->n) {
                    if (m->s[m->pos] == '\'') {
                        if (m->pos + 1 < m->n && m->s[m->pos + 1] == '\'') {
                            if (show)
                                emit(m, "'", 1);
                            m->pos += 2;
                            continue;
                        }
                        m->pos++;
                        break;
                    }
                    if (show)
                        emit(m, m->s + m->pos, 1);
                    m->pos++;
                }
                continue;
            }
            if (show)
                emit(m, "'", 1);
            m->pos++;
            continue;
        }
        size_t b = m->pos;
        while (m->pos < m->n && m->s[m->pos] != '{' && m->s[m->pos] != '}' &&
               m->s[m->pos] != '\'' && !(m->s[m->pos] == '#' && pc && pc->active))
            m->pos++;
        if (show)
            emit(m, m->s + b, m->pos - b);
    }
    m->depth--;
}

int md_i18n_check_pattern(const char *pattern, md_msg_arg_fn on_arg, void *user, char *err,
                          size_t err_cap, size_t *err_offset)
{
    mf m;
    memset(&m, 0, sizeof m);
    m.s = pattern ? pattern : "";
    m.n = strlen(m.s);
    m.err = err;
    m.err_cap = err_cap;
    m.on_arg = on_arg;
    m.user = user;
    m.collect = 1;
    if (err && err_cap)
        err[0] = '\0';
    parse_message(&m, 0, NULL, 0);
    if (err_offset)
        *err_offset = m.failed ? m.err_pos : 0;
    return m.failed ? -1 : 0;
}

int md_i18n_format_pattern(const char *lang, const char *pattern, const md_arg *args, int n_args,
                           char *out, size_t cap, char *err, size_t err_cap)
{
    return md_i18n_format_pattern_cached(NULL, lang, pattern, args, n_args, out, cap, err, err_cap);
}

int md_i18n_format_pattern_cached(md_i18n_fmt_cache *cache, const char *lang, const char *pattern,
                                  const md_arg *args, int n_args, char *out, size_t cap, char *err,
                                  size_t err_cap)
{
    if (!out || !cap)
        return -1;
    char loc[96];
    md_i18n_icu_locale(lang, loc, sizeof loc);
    mf m;
    memset(&m, 0, sizeof m);
    m.s = pattern ? pattern : "";
    m.n = strlen(m.s);
    m.err = err;
    m.err_cap = err_cap;
    m.fmt = 1;
    m.loc = loc;
    m.lang = lang;
    m.cache = cache;
    m.args = args;
    m.n_args = n_args > 0 ? n_args : 0;
    m.out = out;
    m.cap = cap;
    out[0] = '\0';
    if (err && err_cap)
        err[0] = '\0';
    parse_message(&m, 0, NULL, 1);
    return m.failed ? -1 : 0;
}
