/* The script parser: strict, line-numbered, never crashes on bad input (it has a fuzz target). */
#include "app/script.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"

static const struct {
    const char *name;
    md_script_op op;
} k_ops[] = {{"size", MD_SCRIPT_SIZE},     {"lang", MD_SCRIPT_LANG},
             {"tap", MD_SCRIPT_TAP_LABEL}, {"drag", MD_SCRIPT_DRAG},
             {"key", MD_SCRIPT_KEY},       {"wait", MD_SCRIPT_WAIT},
             {"expect", MD_SCRIPT_EXPECT}, {"expect-not", MD_SCRIPT_EXPECT_NOT},
             {"screen", MD_SCRIPT_SCREEN}, {"shot", MD_SCRIPT_SHOT},
             {"tree", MD_SCRIPT_TREE},     {"quiet", MD_SCRIPT_QUIET},
             {"clock", MD_SCRIPT_CLOCK},   {"wait-file", MD_SCRIPT_WAIT_FILE},
             {"draw", MD_SCRIPT_DRAW}};

const char *md_script_op_name(md_script_op op)
{
    if (op == MD_SCRIPT_TAP_XY)
        return "tap";
    for (size_t i = 0; i < sizeof k_ops / sizeof k_ops[0]; i++)
        if (k_ops[i].op == op)
            return k_ops[i].name;
    return "?";
}

void md_script_free(md_script *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->n; i++)
        md_free(s->cmds[i].arg);
    md_free(s->cmds);
    md_free(s->name);
    memset(s, 0, sizeof *s);
}

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* Reads a "quoted string" with \" and \\ escapes into a new string; *end after the quote. */
static char *read_quoted(const char *p, const char **end, const char **why)
{
    if (*p != '"') {
        *why = "expected a \"quoted label\"";
        return NULL;
    }
    p++;
    size_t cap = strlen(p) + 1;
    char *out = md_malloc(cap);
    if (!out) {
        *why = "out of memory";
        return NULL;
    }
    size_t n = 0;
    while (*p && *p != '"') {
        if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
            p++;
        out[n++] = *p++;
    }
    if (*p != '"') {
        md_free(out);
        *why = "unterminated quote";
        return NULL;
    }
    out[n] = '\0';
    *end = p + 1;
    return out;
}

static int read_int(const char **pp, long lo, long hi, int *out)
{
    const char *p = skip_ws(*pp);
    if (!isdigit((unsigned char)*p) && *p != '-')
        return -1;
    char *end = NULL;
    errno = 0;
    long v = strtol(p, &end, 10);
    if (errno || end == p || v < lo || v > hi)
        return -1;
    *out = (int)v;
    *pp = end;
    return 0;
}

/* Parses "YYYY-MM-DDTHH:MM[:SS]" followed by "Z" or "+HH:MM"/"-HH:MM" into ms since the Unix
 * epoch. Rejects out-of-range fields (no normalising 31 February into March). */
static int parse_iso_time(const char **pp, long long *out_ms)
{
    const char *p = skip_ws(*pp);
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, n = 0;
    if (sscanf(p, "%4d-%2d-%2dT%2d:%2d%n", &y, &mo, &d, &h, &mi, &n) != 5 || n != 16)
        return -1;
    p += n;
    if (*p == ':') {
        if (!isdigit((unsigned char)p[1]) || !isdigit((unsigned char)p[2]))
            return -1;
        sec = (p[1] - '0') * 10 + (p[2] - '0');
        p += 3;
    }
    long off_min = 0;
    if (*p == 'Z') {
        p++;
    } else if ((*p == '+' || *p == '-') && isdigit((unsigned char)p[1]) &&
               isdigit((unsigned char)p[2]) && p[3] == ':' && isdigit((unsigned char)p[4]) &&
               isdigit((unsigned char)p[5])) {
        int oh = (p[1] - '0') * 10 + (p[2] - '0'), om = (p[4] - '0') * 10 + (p[5] - '0');
        if (oh > 14 || om > 59)
            return -1;
        off_min = (*p == '-' ? -1 : 1) * (oh * 60L + om);
        p += 6;
    } else {
        return -1;
    }
    static const int days_in[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > days_in[mo - 1] ||
        (mo == 2 && d == 29 && !leap) || h > 23 || mi > 59 || sec > 59)
        return -1;
    /* Days from the civil date (Howard Hinnant's algorithm), independent of the process TZ. */
    int yy = mo <= 2 ? y - 1 : y;
    long era = yy / 400;
    long yoe = yy - era * 400;
    long doy = (153L * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    long long days = era * 146097LL + doe - 719468;
    *out_ms = ((days * 86400LL + h * 3600LL + mi * 60LL + sec) - off_min * 60LL) * 1000LL;
    *pp = p;
    return 0;
}

static char *read_word(const char **pp)
{
    const char *p = skip_ws(*pp);
    const char *s = p;
    while (*p && *p != ' ' && *p != '\t')
        p++;
    if (p == s)
        return NULL;
    *pp = p;
    return md_strndup(s, (size_t)(p - s));
}

static int valid_file_name(const char *s)
{
    if (!s[0] || s[0] == '.')
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' && *s != '.')
            return 0;
    return 1;
}

static int parse_line(const char *line, md_script_cmd *c, const char **why)
{
    const char *p = skip_ws(line);
    const char *w = p;
    while (*p && *p != ' ' && *p != '\t')
        p++;
    size_t wn = (size_t)(p - w);
    c->op = MD_SCRIPT_NONE;
    for (size_t i = 0; i < sizeof k_ops / sizeof k_ops[0]; i++)
        if (strlen(k_ops[i].name) == wn && !strncmp(k_ops[i].name, w, wn))
            c->op = k_ops[i].op;
    if (c->op == MD_SCRIPT_NONE) {
        *why = "unknown command (size, lang, tap, drag, key, wait, expect, expect-not, screen, "
               "shot, tree, quiet, clock, wait-file)";
        return -1;
    }
    p = skip_ws(p);
    switch (c->op) {
    case MD_SCRIPT_SIZE: {
        const char *end = NULL;
        if (md_parse_size(p, &c->w, &c->h, &end) < 0) {
            *why = "expected size WxH, e.g. size 1280x720 (each side 64 to 16384)";
            return -1;
        }
        p = end;
        break;
    }
    case MD_SCRIPT_TAP_LABEL:
        if (*p != '"') {
            if (read_int(&p, 0, 100000, &c->x) < 0 || read_int(&p, 0, 100000, &c->y) < 0) {
                *why = "expected tap \"label\" or tap X Y";
                return -1;
            }
            c->op = MD_SCRIPT_TAP_XY;
            break;
        }
        /* fallthrough */
    case MD_SCRIPT_EXPECT:
    case MD_SCRIPT_EXPECT_NOT:
        c->arg = read_quoted(p, &p, why);
        if (!c->arg)
            return -1;
        if (!c->arg[0]) {
            *why = "empty label";
            return -1;
        }
        break;
    case MD_SCRIPT_DRAG:
        if (read_int(&p, 0, 100000, &c->x) < 0 || read_int(&p, 0, 100000, &c->y) < 0 ||
            read_int(&p, 0, 100000, &c->x2) < 0 || read_int(&p, 0, 100000, &c->y2) < 0 ||
            read_int(&p, 1, 60000, &c->ms) < 0) {
            *why = "expected drag X1 Y1 X2 Y2 MS";
            return -1;
        }
        break;
    case MD_SCRIPT_QUIET:
        if (read_int(&p, 0, 24 * 3600 * 1000, &c->ms) < 0 ||
            read_int(&p, 0, 1000000, &c->max_frames) < 0) {
            *why = "expected quiet MS MAX_FRAMES";
            return -1;
        }
        break;
    case MD_SCRIPT_CLOCK:
        if (parse_iso_time(&p, &c->when_ms) < 0) {
            *why = "expected clock YYYY-MM-DDTHH:MM[:SS] with Z or an offset such as +09:00";
            return -1;
        }
        break;
    case MD_SCRIPT_WAIT:
        if (read_int(&p, 0, 24 * 3600 * 1000, &c->ms) < 0) {
            *why = "expected wait MS (0 to 86400000)";
            return -1;
        }
        break;
    case MD_SCRIPT_LANG:
    case MD_SCRIPT_KEY:
    case MD_SCRIPT_SCREEN:
    case MD_SCRIPT_SHOT:
    case MD_SCRIPT_TREE:
    case MD_SCRIPT_WAIT_FILE:
        c->arg = read_word(&p);
        if (!c->arg) {
            *why = "missing argument";
            return -1;
        }
        if ((c->op == MD_SCRIPT_SHOT || c->op == MD_SCRIPT_TREE || c->op == MD_SCRIPT_WAIT_FILE) &&
            !valid_file_name(c->arg)) {
            *why = "a file name may use letters, digits, '-', '_' and '.'";
            return -1;
        }
        if (c->op == MD_SCRIPT_SCREEN && strcmp(c->arg, "attract") && strcmp(c->arg, "languages") &&
            strcmp(c->arg, "home") && strcmp(c->arg, "idle-warning") &&
            strncmp(c->arg, "plugin:", 7)) {
            *why = "unknown screen (attract, languages, home, idle-warning, plugin:<id>)";
            return -1;
        }
        break;
    default:
        break;
    }
    p = skip_ws(p);
    if (*p && *p != '#') {
        *why = "unexpected text after the command";
        return -1;
    }
    return 0;
}

int md_script_parse(const char *text, const char *name, md_script *out, char *err, size_t err_cap)
{
    memset(out, 0, sizeof *out);
    if (err_cap)
        err[0] = '\0';
    const char *p = text ? text : "";
    int line_no = 0, cap = 0;
    out->name = md_strdup(name ? name : "(script)");
    if (!out->name)
        return -1;
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        line_no++;
        char *line = md_strndup(p, n);
        if (!line) {
            md_script_free(out);
            return -1;
        }
        if (n && line[n - 1] == '\r')
            line[n - 1] = '\0';
        const char *s = skip_ws(line);
        if (*s && *s != '#') {
            if (out->n == cap) {
                cap = cap ? cap * 2 : 32;
                md_script_cmd *grown = md_realloc(out->cmds, (size_t)cap * sizeof *grown);
                if (!grown) {
                    md_free(line);
                    md_script_free(out);
                    return -1;
                }
                out->cmds = grown;
            }
            md_script_cmd *c = &out->cmds[out->n];
            memset(c, 0, sizeof *c);
            c->line = line_no;
            const char *why = NULL;
            if (parse_line(s, c, &why) < 0) {
                snprintf(err, err_cap, "%s:%d: %s", out->name, line_no, why ? why : "bad line");
                md_free(c->arg);
                md_free(line);
                md_script_free(out);
                return -1;
            }
            out->n++;
        }
        md_free(line);
        p = nl ? nl + 1 : p + n;
    }
    return 0;
}
