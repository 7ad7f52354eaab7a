/* A gettext PO reader: msgctxt, msgid, msgid_plural, msgstr / msgstr[n], multi-line strings, C
 * escapes, comments and the fuzzy flag, obsolete entries skipped. Errors name the line. Strings
 * are decoded into one arena owned by the md_po (decoded text is never longer than the source).
 */
#include "i18n/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/base.h"
#include "i18n/internal.h"

/* Where a piece of a msgstr came from: its first decoded byte and its source line. */
typedef struct piece {
    size_t offset;
    int line;
} piece;

struct md_po {
    md_po_entry *entries;
    int *first_piece; /* per entry, index into pieces (parallel to entries) */
    int n_entries, cap_entries;
    piece *pieces;
    int n_pieces, cap_pieces;
    char *arena; /* all decoded strings */
    size_t arena_used, arena_cap;
};

typedef enum kw { KW_NONE = 0, KW_CTXT, KW_ID, KW_PLURAL, KW_STR } kw;

typedef struct parser {
    md_po *po;
    const char *file;
    char *err;
    size_t err_cap;
    int failed;
    /* the entry being assembled */
    md_po_entry cur;
    int have_id, have_str, cur_fuzzy_next;
    int str_first_piece;
    kw last;         /* keyword the next continuation string belongs to */
    char **last_dst; /* where that keyword's string lives (NULL for ignored msgstr[n>0]) */
    char *ctxt, *id, *plural, *str;
} parser;

static void fail(parser *p, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(parser *p, int line, const char *fmt, ...)
{
    if (p->failed)
        return;
    p->failed = 1;
    if (!p->err || !p->err_cap)
        return;
    int n = snprintf(p->err, p->err_cap, "%s:%d: ", p->file, line);
    if (n < 0 || (size_t)n >= p->err_cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err + n, p->err_cap - (size_t)n, fmt, ap);
    va_end(ap);
}

/* Returns the length of the valid UTF-8 sequence at s (n bytes left), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    if (!len || s[0] > 0xF4 || len > n)
        return 0;
    for (size_t i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80)
            return 0;
    if (len == 3 && s[0] == 0xE0 && s[1] < 0xA0)
        return 0; /* overlong */
    if (len == 3 && s[0] == 0xED && s[1] >= 0xA0)
        return 0; /* surrogate */
    if (len == 4 && s[0] == 0xF0 && s[1] < 0x90)
        return 0;
    if (len == 4 && s[0] == 0xF4 && s[1] >= 0x90)
        return 0;
    return len;
}

/* Decodes the quoted string starting at s[0] == '"' onto the end of *dst (arena). Returns the
 * position after the closing quote, or NULL on error (reported). */
static const char *read_string(parser *p, int line, const char *s, const char *end)
{
    md_po *po = p->po;
    const char *q = s + 1;
    while (q < end && *q != '"') {
        char c = *q++;
        if (c == '\\') {
            if (q >= end) {
                fail(p, line, "unterminated string");
                return NULL;
            }
            char e = *q++;
            switch (e) {
            case 'n':
                c = '\n';
                break;
            case 't':
                c = '\t';
                break;
            case 'r':
                c = '\r';
                break;
            case 'a':
                c = '\a';
                break;
            case 'b':
                c = '\b';
                break;
            case 'f':
                c = '\f';
                break;
            case 'v':
                c = '\v';
                break;
            case '\\':
                c = '\\';
                break;
            case '"':
                c = '"';
                break;
            case '\'':
                c = '\'';
                break;
            case '?':
                c = '?';
                break;
            case 'x': {
                int v = 0, k = 0;
                while (q < end && k < 2 &&
                       ((*q >= '0' && *q <= '9') || ((*q | 32) >= 'a' && (*q | 32) <= 'f'))) {
                    v = v * 16 + (*q <= '9' ? *q - '0' : (*q | 32) - 'a' + 10);
                    q++, k++;
                }
                if (!k) {
                    fail(p, line, "invalid escape sequence \\x");
                    return NULL;
                }
                c = (char)v;
                break;
            }
            default:
                if (e >= '0' && e <= '7') {
                    int v = e - '0', k = 1;
                    while (q < end && k < 3 && *q >= '0' && *q <= '7')
                        v = v * 8 + (*q++ - '0'), k++;
                    c = (char)v;
                    break;
                }
                fail(p, line, "invalid escape sequence \\%c", e);
                return NULL;
            }
            if (c == 0) {
                fail(p, line, "NUL character in string");
                return NULL;
            }
        }
        po->arena[po->arena_used++] = c;
    }
    if (q >= end) {
        fail(p, line, "unterminated string");
        return NULL;
    }
    return q + 1;
}

static int grow_entries(parser *p)
{
    md_po *po = p->po;
    if (po->n_entries < po->cap_entries)
        return 0;
    int cap = po->cap_entries ? po->cap_entries * 2 : 64;
    md_po_entry *e = md_realloc(po->entries, (size_t)cap * sizeof *e);
    if (!e) {
        fail(p, 0, "out of memory");
        return -1;
    }
    po->entries = e;
    int *fp = md_realloc(po->first_piece, (size_t)cap * sizeof *fp);
    if (!fp) {
        fail(p, 0, "out of memory");
        return -1;
    }
    po->first_piece = fp;
    po->cap_entries = cap;
    return 0;
}

/* Records that the msgstr being read continues on line at its current length. */
static void add_piece(parser *p, int line)
{
    md_po *po = p->po;
    if (!p->str)
        return;
    if (po->n_pieces == po->cap_pieces) {
        int cap = po->cap_pieces ? po->cap_pieces * 2 : 64;
        piece *np = md_realloc(po->pieces, (size_t)cap * sizeof *np);
        if (!np) {
            fail(p, 0, "out of memory");
            return;
        }
        po->pieces = np;
        po->cap_pieces = cap;
    }
    po->pieces[po->n_pieces].offset = (size_t)(po->arena + po->arena_used - p->str);
    po->pieces[po->n_pieces].line = line;
    po->n_pieces++;
}

/* Ends the string being written to the arena (NUL) and returns its start. */
static char *arena_begin(parser *p)
{
    return p->po->arena + p->po->arena_used;
}
static void arena_end(parser *p)
{
    p->po->arena[p->po->arena_used++] = '\0';
}

static void finish_entry(parser *p, int line)
{
    if (!p->have_id && !p->ctxt) {
        return;
    }
    if (!p->have_id) {
        fail(p, line, "msgctxt without msgid");
        return;
    }
    if (!p->have_str) {
        fail(p, p->cur.line, "missing msgstr after msgid");
        return;
    }
    if (grow_entries(p) < 0)
        return;
    md_po_entry e = p->cur;
    e.msgctxt = p->ctxt;
    e.msgid = p->id;
    e.msgid_plural = p->plural;
    e.msgstr = p->str ? p->str : "";
    p->po->first_piece[p->po->n_entries] = p->str ? p->str_first_piece : -1;
    p->po->entries[p->po->n_entries++] = e;
    memset(&p->cur, 0, sizeof p->cur);
    p->have_id = p->have_str = 0;
    p->ctxt = p->id = p->plural = p->str = NULL;
    p->last = KW_NONE;
    p->last_dst = NULL;
}

static int starts_kw(const char *s, const char *end, const char *kw_text)
{
    size_t n = strlen(kw_text);
    return (size_t)(end - s) >= n && memcmp(s, kw_text, n) == 0 &&
           ((size_t)(end - s) == n || s[n] == ' ' || s[n] == '\t' || s[n] == '"' || s[n] == '[');
}

/* Appends the strings on the rest of a line (after a keyword, or a continuation line). The arena
 * write position must be at the end of the string being continued. */
static void read_line_strings(parser *p, int line, const char *s, const char *end, int store)
{
    int n_strings = 0;
    while (s < end) {
        while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
            s++;
        if (s >= end)
            break;
        if (*s != '"') {
            fail(p, line, "expected a quoted string");
            return;
        }
        size_t mark = p->po->arena_used;
        s = read_string(p, line, s, end);
        if (!s)
            return;
        if (!store)
            p->po->arena_used = mark;
        n_strings++;
    }
    if (!n_strings)
        fail(p, line, "expected a quoted string");
}

static void handle_flags(parser *p, const char *s, const char *end)
{
    /* "#, fuzzy, c-format" */
    while (s < end) {
        while (s < end && (*s == ' ' || *s == ',' || *s == '\t' || *s == '\r'))
            s++;
        const char *w = s;
        while (s < end && *s != ',' && *s != ' ' && *s != '\t' && *s != '\r')
            s++;
        if (s - w == 5 && memcmp(w, "fuzzy", 5) == 0)
            p->cur_fuzzy_next = 1;
    }
}

/* The whole file must be UTF-8 without NUL bytes. 0, or -1 (failed). */
static int check_utf8(parser *p, const char *s, const char *end)
{
    int line = 1;
    for (const char *q = s; q < end;) {
        size_t len = utf8_len((const unsigned char *)q, (size_t)(end - q));
        if (!len || *q == '\0') {
            fail(p, line,
                 *q ? "invalid UTF-8 (PO files must be saved as UTF-8)" : "NUL byte in file");
            return -1;
        }
        if (*q == '\n')
            line++;
        q += len;
    }
    return 0;
}

/* A line that is only "strings": it continues the last keyword's string. 0, or -1 (failed). */
static int continuation_line(parser *p, int line, const char *l, const char *le)
{
    if (p->last == KW_NONE) {
        fail(p, line, "string without a keyword before it");
        return -1;
    }
    /* The continued string ends at the arena's end: drop its NUL, append, re-terminate. */
    int store = p->last_dst != NULL;
    if (store)
        p->po->arena_used--;
    if (store && p->last == KW_STR)
        add_piece(p, line);
    read_line_strings(p, line, l, le, store);
    if (store && !p->failed)
        arena_end(p);
    return p->failed ? -1 : 0;
}

/* The keyword a line starts with, where its strings start (*rest) and, for msgstr[N], N + 1 in
 * *str_index (0 for a plain msgstr). KW_NONE (failed) for anything else. */
static kw read_keyword(parser *p, int line, const char *l, const char *le, const char **rest,
                       int *str_index)
{
    *str_index = 0;
    if (starts_kw(l, le, "msgctxt")) {
        *rest = l + 7;
        return KW_CTXT;
    }
    if (starts_kw(l, le, "msgid_plural")) {
        *rest = l + 12;
        return KW_PLURAL;
    }
    if (starts_kw(l, le, "msgid")) {
        *rest = l + 5;
        return KW_ID;
    }
    if (!starts_kw(l, le, "msgstr")) {
        fail(p, line,
             "unexpected text (expected msgctxt, msgid, msgstr, a \"string\" or a # comment)");
        return KW_NONE;
    }
    *rest = l + 6;
    if (*rest < le && **rest == '[') {
        const char *q = *rest + 1;
        int v = 0, nd = 0;
        while (q < le && *q >= '0' && *q <= '9' && nd < 4)
            v = v * 10 + (*q++ - '0'), nd++;
        if (!nd || q >= le || *q != ']') {
            fail(p, line, "invalid msgstr[N]");
            return KW_NONE;
        }
        *str_index = v + 1;
        *rest = q + 1;
    }
    return KW_STR;
}

/* Keywords must come in PO order (msgctxt, msgid, msgid_plural, msgstr). 0, or -1 (failed). */
static int check_order(parser *p, int line, kw k, int str_index)
{
    if ((k == KW_CTXT || k == KW_ID) && p->have_str) {
        finish_entry(p, line);
        if (p->failed)
            return -1;
    }
    const char *why = NULL;
    if (k == KW_CTXT && (p->ctxt || p->have_id))
        why = "msgctxt before the previous entry's msgstr";
    else if (k == KW_ID && p->have_id)
        why = "msgid before the previous entry's msgstr";
    else if (k == KW_PLURAL && (!p->have_id || p->plural || p->have_str))
        why = "msgid_plural must follow msgid";
    else if (k == KW_STR && !p->have_id)
        why = "msgstr without msgid";
    else if (k == KW_STR && p->plural && str_index == 0)
        why = "msgid_plural needs msgstr[0], not msgstr";
    else if (k == KW_STR && !p->plural && str_index > 0)
        why = "msgstr[N] without msgid_plural";
    else if (k == KW_STR && p->have_str && str_index <= 1)
        why = "duplicate msgstr";
    if (why) {
        fail(p, line, "%s", why);
        return -1;
    }
    return 0;
}

/* A keyword line: msgctxt, msgid, msgid_plural or msgstr[N] and its strings. 0, or -1 (failed). */
static int keyword_line(parser *p, int line, const char *l, const char *le)
{
    const char *rest = l;
    int str_index = 0;
    kw k = read_keyword(p, line, l, le, &rest, &str_index);
    if (k == KW_NONE || check_order(p, line, k, str_index) < 0)
        return -1;
    char *start = arena_begin(p);
    int store = !(k == KW_STR && str_index > 1);
    read_line_strings(p, line, rest, le, store);
    if (p->failed)
        return -1;
    if (store)
        arena_end(p);
    p->last = k;
    p->last_dst = store ? &p->str : NULL; /* non-NULL marks "stored" */
    switch (k) {
    case KW_CTXT:
        p->ctxt = start;
        p->cur.line = line;
        p->cur.fuzzy = p->cur_fuzzy_next;
        p->cur_fuzzy_next = 0;
        break;
    case KW_ID:
        p->id = start;
        p->have_id = 1;
        if (!p->cur.line) {
            p->cur.line = line;
            p->cur.fuzzy = p->cur_fuzzy_next;
            p->cur_fuzzy_next = 0;
        }
        break;
    case KW_PLURAL:
        p->plural = start;
        break;
    case KW_STR:
        if (store) {
            p->str = start;
            p->cur.msgstr_line = line;
            p->str_first_piece = p->po->n_pieces;
            size_t end_used = p->po->arena_used;
            p->po->arena_used = (size_t)(start - p->po->arena); /* offset 0 of this msgstr */
            add_piece(p, line);
            p->po->arena_used = end_used;
        }
        p->have_str = 1;
        break;
    default:
        break;
    }
    return 0;
}

/* Duplicates, as msgfmt reports them: an open-addressing table of entry indices. */
static void check_duplicates(parser *p)
{
    md_po *po = p->po;
    size_t n_slots = 16;
    while (n_slots < (size_t)po->n_entries * 2)
        n_slots *= 2;
    int *slots = md_malloc(n_slots * sizeof *slots);
    if (!slots)
        fail(p, 0, "out of memory");
    for (size_t i = 0; slots && i < n_slots; i++)
        slots[i] = -1;
    for (int i = 0; slots && i < po->n_entries && !p->failed; i++) {
        const md_po_entry *a = &po->entries[i];
        uint32_t h = md_i18n_hash_key(a->msgctxt, a->msgid);
        for (size_t k = h & (n_slots - 1);; k = (k + 1) & (n_slots - 1)) {
            if (slots[k] < 0) {
                slots[k] = i;
                break;
            }
            const md_po_entry *b = &po->entries[slots[k]];
            if (strcmp(a->msgid, b->msgid) == 0 &&
                ((!a->msgctxt && !b->msgctxt) ||
                 (a->msgctxt && b->msgctxt && strcmp(a->msgctxt, b->msgctxt) == 0))) {
                fail(p, a->line, "duplicate message definition (first at line %d)", b->line);
                break;
            }
        }
    }
    md_free(slots);
}

/* The header's charset, when it names one, must be UTF-8 (or the template's CHARSET). */
static void check_charset(parser *p)
{
    md_po *po = p->po;
    char charset[64];
    if (md_i18n_po_header(po, "Content-Type", charset, sizeof charset)) {
        const char *cs = strstr(charset, "charset=");
        if (cs && strncasecmp(cs + 8, "UTF-8", 5) != 0 && strncasecmp(cs + 8, "CHARSET", 7) != 0) {
            int hl = po->n_entries ? po->entries[0].line : 1;
            fail(p, hl, "charset must be UTF-8 (found %s)", cs + 8);
        }
    }
}

md_po *md_i18n_po_parse(const char *text, size_t n_bytes, const char *file_name, char *err,
                        size_t err_cap)
{
    if (err && err_cap)
        err[0] = '\0';
    parser p;
    memset(&p, 0, sizeof p);
    p.file = file_name ? file_name : "<po>";
    p.err = err;
    p.err_cap = err_cap;
    if (!text) {
        fail(&p, 0, "no text");
        return NULL;
    }
    md_po *po = md_calloc(1, sizeof *po);
    if (!po) {
        fail(&p, 0, "out of memory");
        return NULL;
    }
    p.po = po;
    /* Decoded strings are never longer than the source, plus one NUL per string (at most one
     * string start per source byte). */
    po->arena_cap = n_bytes * 2 + 16;
    po->arena = md_malloc(po->arena_cap);
    if (!po->arena) {
        md_i18n_po_free(po);
        fail(&p, 0, "out of memory");
        return NULL;
    }
    const char *s = text, *end = text + n_bytes;
    if (n_bytes >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3;
    if (check_utf8(&p, s, end) < 0) {
        md_i18n_po_free(po);
        return NULL;
    }
    int line = 0;
    while (s < end && !p.failed) {
        const char *eol = memchr(s, '\n', (size_t)(end - s));
        if (!eol)
            eol = end;
        line++;
        const char *l = s;
        s = eol < end ? eol + 1 : end;
        while (l < eol && (*l == ' ' || *l == '\t'))
            l++;
        const char *le = eol;
        while (le > l && (le[-1] == '\r' || le[-1] == ' ' || le[-1] == '\t'))
            le--;
        if (l == le)
            continue;
        if (*l == '#') {
            if (l + 1 < le && l[1] == '~')
                continue; /* obsolete entry */
            if (p.have_str)
                finish_entry(&p, line); /* a comment starts the next entry */
            if (l + 1 < le && l[1] == ',')
                handle_flags(&p, l + 2, le);
            p.last = KW_NONE;
            continue;
        }
        if ((*l == '"' ? continuation_line(&p, line, l, le) : keyword_line(&p, line, l, le)) < 0)
            break;
    }
    if (!p.failed && (p.ctxt || p.have_id))
        finish_entry(&p, line);
    if (!p.failed)
        check_duplicates(&p);
    if (!p.failed)
        check_charset(&p);
    if (p.failed) {
        md_i18n_po_free(po);
        return NULL;
    }
    return po;
}

md_po *md_i18n_po_load(const char *path, char *err, size_t err_cap)
{
    size_t n = 0;
    char *text = md_read_file(path, &n);
    if (!text) {
        if (err && err_cap)
            snprintf(err, err_cap, "%s:0: cannot read the file", path);
        return NULL;
    }
    md_po *po = md_i18n_po_parse(text, n, path, err, err_cap);
    md_free(text);
    return po;
}

void md_i18n_po_free(md_po *po)
{
    if (!po)
        return;
    md_free(po->entries);
    md_free(po->first_piece);
    md_free(po->pieces);
    md_free(po->arena);
    md_free(po);
}

int md_i18n_po_count(const md_po *po)
{
    return po ? po->n_entries : 0;
}

const md_po_entry *md_i18n_po_entry(const md_po *po, int i)
{
    return po && i >= 0 && i < po->n_entries ? &po->entries[i] : NULL;
}

int md_i18n_po_msgstr_line(const md_po *po, int i, size_t byte_offset)
{
    const md_po_entry *e = md_i18n_po_entry(po, i);
    if (!e)
        return 0;
    int line = e->msgstr_line;
    int k = po->first_piece[i];
    if (k < 0)
        return line;
    int end = i + 1 < po->n_entries && po->first_piece[i + 1] >= 0 ? po->first_piece[i + 1]
                                                                   : po->n_pieces;
    for (; k < end && po->pieces[k].offset <= byte_offset; k++)
        line = po->pieces[k].line;
    return line;
}

const char *md_i18n_po_header(const md_po *po, const char *field, char *out, size_t cap)
{
    if (!po || !field || !out || !cap)
        return NULL;
    for (int i = 0; i < po->n_entries; i++) {
        const md_po_entry *e = &po->entries[i];
        if (e->msgctxt || e->msgid[0])
            continue;
        size_t fl = strlen(field);
        for (const char *l = e->msgstr; *l;) {
            const char *eol = strchr(l, '\n');
            if (!eol)
                eol = l + strlen(l);
            if ((size_t)(eol - l) > fl && strncasecmp(l, field, fl) == 0 && l[fl] == ':') {
                const char *v = l + fl + 1;
                while (v < eol && *v == ' ')
                    v++;
                size_t n = (size_t)(eol - v);
                if (n >= cap)
                    n = cap - 1;
                memcpy(out, v, n);
                out[n] = '\0';
                return out;
            }
            l = *eol ? eol + 1 : eol;
        }
        return NULL;
    }
    return NULL;
}
