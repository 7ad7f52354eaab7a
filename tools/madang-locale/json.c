/* A small recursive JSON reader (see json.h). Depth-limited so hostile files cannot exhaust the
 * stack; \uXXXX escapes (with surrogate pairs) become UTF-8.
 */
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

typedef struct jp {
    const char *s, *end;
    int line;
    char *err;
    size_t err_cap;
    int failed;
} jp;

static void jfail(jp *p, const char *what)
{
    if (!p->failed && p->err && p->err_cap)
        snprintf(p->err, p->err_cap, "line %d: %s", p->line, what);
    p->failed = 1;
}

static void ws(jp *p)
{
    while (p->s < p->end && (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r')) {
        if (*p->s == '\n')
            p->line++;
        p->s++;
    }
}

static int hex4(const char *s, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        *v <<= 4;
        if (c >= '0' && c <= '9')
            *v |= (unsigned)(c - '0');
        else if ((c | 32) >= 'a' && (c | 32) <= 'f')
            *v |= (unsigned)((c | 32) - 'a' + 10);
        else
            return -1;
    }
    return 0;
}

static char *parse_string(jp *p)
{
    p->s++; /* opening quote */
    /* Size the result by the raw length up to the closing quote (escapes only shrink it; a
     * \uXXXX of 6 bytes becomes at most 4). */
    const char *q = p->s;
    while (q < p->end && *q != '"')
        q += *q == '\\' && q + 1 < p->end ? 2 : 1;
    char *out = md_malloc((size_t)(q - p->s) + 1);
    if (!out) {
        jfail(p, "out of memory");
        return NULL;
    }
    size_t n = 0;
    while (p->s < p->end && *p->s != '"') {
        char c = *p->s++;
        if (c == '\n')
            p->line++;
        if (c != '\\') {
            out[n++] = c;
            continue;
        }
        if (p->s >= p->end)
            break;
        char e = *p->s++;
        switch (e) {
        case 'n':
            out[n++] = '\n';
            break;
        case 't':
            out[n++] = '\t';
            break;
        case 'r':
            out[n++] = '\r';
            break;
        case 'b':
            out[n++] = '\b';
            break;
        case 'f':
            out[n++] = '\f';
            break;
        case '/':
            out[n++] = '/';
            break;
        case '\\':
            out[n++] = '\\';
            break;
        case '"':
            out[n++] = '"';
            break;
        case 'u': {
            unsigned cp = 0, lo = 0;
            if (p->end - p->s < 4 || hex4(p->s, &cp) < 0) {
                jfail(p, "bad \\u escape");
                md_free(out);
                return NULL;
            }
            p->s += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && p->end - p->s >= 6 && p->s[0] == '\\' &&
                p->s[1] == 'u' && hex4(p->s + 2, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p->s += 6;
            }
            if (cp >= 0xD800 && cp < 0xE000)
                cp = 0xFFFD;
            if (cp < 0x80) {
                out[n++] = (char)(cp ? cp : ' ');
            } else if (cp < 0x800) {
                out[n++] = (char)(0xC0 | (cp >> 6));
                out[n++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out[n++] = (char)(0xE0 | (cp >> 12));
                out[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                out[n++] = (char)(0x80 | (cp & 0x3F));
            } else {
                out[n++] = (char)(0xF0 | (cp >> 18));
                out[n++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                out[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                out[n++] = (char)(0x80 | (cp & 0x3F));
            }
            break;
        }
        default:
            jfail(p, "bad escape in string");
            md_free(out);
            return NULL;
        }
    }
    if (p->s >= p->end) {
        jfail(p, "unterminated string");
        md_free(out);
        return NULL;
    }
    p->s++;
    out[n] = '\0';
    return out;
}

static json *parse_value(jp *p, int depth);

static json *new_node(jp *p, json_type t)
{
    json *j = md_calloc(1, sizeof *j);
    if (!j)
        jfail(p, "out of memory");
    else
        j->type = t;
    return j;
}

static json *parse_container(jp *p, int depth, int is_object)
{
    json *j = new_node(p, is_object ? JSON_OBJECT : JSON_ARRAY);
    if (!j)
        return NULL;
    p->s++;
    json **tail = &j->child;
    ws(p);
    if (p->s < p->end && *p->s == (is_object ? '}' : ']')) {
        p->s++;
        return j;
    }
    for (;;) {
        ws(p);
        char *key = NULL;
        if (is_object) {
            if (p->s >= p->end || *p->s != '"') {
                jfail(p, "expected a member name");
                break;
            }
            key = parse_string(p);
            if (!key)
                break;
            ws(p);
            if (p->s >= p->end || *p->s != ':') {
                md_free(key);
                jfail(p, "expected ':'");
                break;
            }
            p->s++;
        }
        json *v = parse_value(p, depth + 1);
        if (!v) {
            md_free(key);
            break;
        }
        v->key = key;
        *tail = v;
        tail = &v->next;
        ws(p);
        if (p->s < p->end && *p->s == ',') {
            p->s++;
            continue;
        }
        if (p->s < p->end && *p->s == (is_object ? '}' : ']')) {
            p->s++;
            return j;
        }
        jfail(p, is_object ? "expected ',' or '}'" : "expected ',' or ']'");
        break;
    }
    json_free(j);
    return NULL;
}

static json *parse_value(jp *p, int depth)
{
    if (depth > 64) {
        jfail(p, "nested too deeply");
        return NULL;
    }
    ws(p);
    if (p->s >= p->end) {
        jfail(p, "unexpected end");
        return NULL;
    }
    char c = *p->s;
    if (c == '{' || c == '[')
        return parse_container(p, depth, c == '{');
    if (c == '"') {
        char *s = parse_string(p);
        if (!s)
            return NULL;
        json *j = new_node(p, JSON_STRING);
        if (!j) {
            md_free(s);
            return NULL;
        }
        j->string = s;
        return j;
    }
    const struct {
        const char *word;
        json_type t;
        double v;
    } words[] = {{"true", JSON_BOOL, 1}, {"false", JSON_BOOL, 0}, {"null", JSON_NULL, 0}};
    for (int i = 0; i < 3; i++) {
        size_t n = strlen(words[i].word);
        if ((size_t)(p->end - p->s) >= n && memcmp(p->s, words[i].word, n) == 0) {
            p->s += n;
            json *j = new_node(p, words[i].t);
            if (j)
                j->number = words[i].v;
            return j;
        }
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        char buf[64];
        size_t n = 0;
        while (p->s < p->end && n < sizeof buf - 1 && strchr("+-.eE0123456789", *p->s) != NULL)
            buf[n++] = *p->s++;
        buf[n] = '\0';
        json *j = new_node(p, JSON_NUMBER);
        if (j)
            j->number = strtod(buf, NULL);
        return j;
    }
    jfail(p, "unexpected character");
    return NULL;
}

json *json_parse(const char *text, size_t n, char *err, size_t err_cap)
{
    jp p = {text, text + n, 1, err, err_cap, 0};
    json *j = parse_value(&p, 0);
    if (j) {
        ws(&p);
        if (p.s != p.end) {
            jfail(&p, "text after the value");
            json_free(j);
            return NULL;
        }
    }
    return j;
}

void json_free(json *j)
{
    while (j) {
        json *next = j->next;
        json_free(j->child);
        md_free(j->string);
        md_free(j->key);
        md_free(j);
        j = next;
    }
}

const json *json_get(const json *obj, const char *key)
{
    if (!obj || obj->type != JSON_OBJECT)
        return NULL;
    for (const json *c = obj->child; c; c = c->next)
        if (c->key && strcmp(c->key, key) == 0)
            return c;
    return NULL;
}

double json_number(const json *j, double fallback)
{
    return j && j->type == JSON_NUMBER ? j->number : fallback;
}

const char *json_string(const json *j)
{
    return j && j->type == JSON_STRING ? j->string : NULL;
}
