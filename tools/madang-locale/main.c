/* madang-locale: the city staff's tool for the locale packs (docs/LOCALES.md).
 *   lint [--trees DIR] [--fix-zawgyi] PATH...   check packs; errors "file:line: reason" (exit 1),
 * warnings exit 0 stats [LOCALES_DIR]          translated / fuzzy / missing per language and domain
 *   update [--root DIR] [--domain NAME]   re-extract .pot templates with xgettext, msgmerge packs
 *   preview LANG MSGID [NAME=VALUE...]    what a kiosk shows for a message, formatted
 * It uses the runtime's own PO reader and MessageFormat checker, so lint accepts exactly what a
 * kiosk accepts; the width check lays translations out with the real text engine.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "base/base.h"
#include "i18n/i18n.h"
#include <jansson.h>
#include "text/text.h"

/* ------------------------------------------------------------------ small helpers */

static void copy_name(char *out, size_t cap, const char *s, size_t n)
{
    if (n >= cap)
        n = cap - 1;
    memcpy(out, s, n);
    out[n] = '\0';
}

typedef struct strlist {
    char **items;
    int n, cap;
} strlist;

static int strlist_add(strlist *l, const char *s)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 16;
        char **items = md_realloc(l->items, (size_t)cap * sizeof *items);
        if (!items)
            return -1;
        l->items = items;
        l->cap = cap;
    }
    char *c = md_strdup(s);
    if (!c)
        return -1;
    l->items[l->n++] = c;
    return 0;
}

static void strlist_free(strlist *l)
{
    for (int i = 0; i < l->n; i++)
        md_free(l->items[i]);
    md_free(l->items);
    memset(l, 0, sizeof *l);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Adds files under path ending in one of the suffixes (recursively, sorted). */
static void find_files(const char *path, const char *const *suffixes, strlist *out)
{
    if (!is_dir(path)) {
        strlist_add(out, path);
        return;
    }
    DIR *d = opendir(path);
    if (!d)
        return;
    strlist names = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            strlist_add(&names, e->d_name);
    closedir(d);
    qsort(names.items, (size_t)names.n, sizeof *names.items, cmp_str);
    for (int i = 0; i < names.n; i++) {
        char sub[2048];
        snprintf(sub, sizeof sub, "%s/%s", path, names.items[i]);
        if (is_dir(sub)) {
            find_files(sub, suffixes, out);
            continue;
        }
        for (int k = 0; suffixes[k]; k++)
            if (ends_with(sub, suffixes[k]))
                strlist_add(out, sub);
    }
    strlist_free(&names);
}

/* Runs argv, waiting; stdout to out_path when not NULL. Returns the exit status or -1. */
static int run(char *const argv[], const char *out_path)
{
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        if (out_path && !freopen(out_path, "w", stdout))
            _exit(127);
        execvp(argv[0], argv);
        fprintf(stderr, "madang-locale: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    int st = 0;
    if (waitpid(pid, &st, 0) < 0)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The language of a pack: its folder's name (locales/<code>/x.po), else the header's Language. */
static void pack_lang(const char *path, const md_po *po, char *out, size_t cap)
{
    out[0] = '\0';
    char tmp[2048];
    snprintf(tmp, sizeof tmp, "%s", path);
    char *slash = strrchr(tmp, '/');
    if (slash) {
        *slash = '\0';
        char *dir = strrchr(tmp, '/');
        dir = dir ? dir + 1 : tmp;
        if (strcmp(dir, "locales") != 0 && strlen(dir) >= 2 && strlen(dir) < 16 &&
            strspn(dir, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-") == strlen(dir)) {
            snprintf(out, cap, "%s", dir);
            return;
        }
    }
    if (!md_i18n_po_header(po, "Language", out, cap))
        out[0] = '\0';
    for (char *c = out; *c; c++)
        if (*c == '_')
            *c = '-';
}

/* ------------------------------------------------------------------ Zawgyi */

static int is_consonant(uint32_t c)
{
    return c >= 0x1000 && c <= 0x1021;
}

/* Heuristics for Zawgyi-encoded Burmese (a font hack that reuses Unicode code points for other
 * shapes and typing order). Unicode Burmese never has: U+1060..U+1097 (Zawgyi's stacked and
 * variant forms; in Unicode those are Mon/Karen/Shan letters), vowel sign E (U+1031) or medial
 * U+103B before their consonant (Zawgyi stores them in visual order), or the stacker U+1039
 * followed by something other than a consonant (Zawgyi uses it as the visible asat). Returns the
 * number of such signs. */
static int zawgyi_signs(const char *utf8)
{
    UChar u[4096];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 4096, &n, utf8, -1, &st);
    if (U_FAILURE(st))
        return 0;
    int signs = 0;
    for (int32_t i = 0; i < n; i++) {
        uint32_t c = u[i], prev = i ? u[i - 1] : 0, next = i + 1 < n ? u[i + 1] : 0;
        int prev_myanmar_base = is_consonant(prev) || (prev >= 0x1023 && prev <= 0x102A) ||
                                (prev >= 0x103B && prev <= 0x103E) || prev == 0x103F;
        if (c >= 0x1060 && c <= 0x1097)
            signs++;
        else if (c == 0x1031 && !prev_myanmar_base && prev != 0x1031)
            signs++;
        else if (c == 0x103B && !is_consonant(prev) && is_consonant(next))
            signs++;
        else if (c == 0x1039 && !is_consonant(next))
            signs++;
    }
    return signs;
}

/* Converts Zawgyi to Unicode with ICU's "Zawgyi-my" transliterator (ICU >= 58). */
static int zawgyi_to_unicode(const char *utf8, char *out, size_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar id[16];
    u_uastrcpy(id, "Zawgyi-my");
    UTransliterator *t = utrans_openU(id, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    UChar u[4096];
    int32_t n = 0;
    if (U_SUCCESS(st))
        u_strFromUTF8(u, 2048, &n, utf8, -1, &st);
    int32_t limit = n;
    if (U_SUCCESS(st))
        utrans_transUChars(t, u, &n, 4096, 0, &limit, &st);
    utrans_close(t);
    if (U_SUCCESS(st))
        u_strToUTF8(out, (int32_t)cap, NULL, u, n, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING) {
        snprintf(out, cap, "(no conversion: %s)", u_errorName(st));
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ width check (trees) */

/* A node of a semantic tree with a msgid: role, msgid, msgctxt, rect, font_px (font size) and
 * max_lines (0 = unlimited: the widget grows with its text), as runtime/ui writes them, and
 * text_w (the width available to the text) when present. A node is compared with the pack of
 * its own "lang" only (any pack when it has none). Missing values come from the default
 * theme at 3.2 px/mm (body 22 px, heading 35 px; buttons and tiles pad 13 px each side, 2 lines).
 */
typedef struct tree_node {
    char *tree; /* tree name: the JSON file's name without .json */
    char *msgid, *msgctxt;
    char lang[16]; /* the language the tree was recorded in; "" = any */
    int text_w, h, text_px, max_lines;
} tree_node;

typedef struct trees {
    tree_node *nodes;
    int n, cap;
} trees;

/* A string member of obj, or NULL. */
static const char *member_str(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

/* A number member of obj, or fallback when it is absent or not a number. */
static double member_num(const json_t *obj, const char *key, double fallback)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_number(v) ? json_number_value(v) : fallback;
}

static void collect_nodes(trees *t, const char *tree_name, const json_t *j, int depth)
{
    if (!j || depth > 64)
        return;
    if (json_is_object(j)) {
        const char *msgid = member_str(j, "msgid");
        const json_t *rect = json_object_get(j, "rect");
        if (msgid && msgid[0] && json_is_object(rect)) {
            if (t->n == t->cap) {
                int cap = t->cap ? t->cap * 2 : 64;
                tree_node *nn = md_realloc(t->nodes, (size_t)cap * sizeof *nn);
                if (!nn)
                    return;
                t->nodes = nn;
                t->cap = cap;
            }
            const char *role = member_str(j, "role");
            int boxed = role && (strcmp(role, "button") == 0 || strcmp(role, "tile") == 0);
            int heading = role && strcmp(role, "heading") == 0;
            tree_node *n = &t->nodes[t->n++];
            memset(n, 0, sizeof *n);
            n->tree = md_strdup(tree_name);
            n->msgid = md_strdup(msgid);
            const char *ctxt = member_str(j, "msgctxt");
            n->msgctxt = ctxt ? md_strdup(ctxt) : NULL;
            const char *nl = member_str(j, "lang");
            snprintf(n->lang, sizeof n->lang, "%s", nl ? nl : "");
            int w = (int)member_num(rect, "w", 0);
            n->h = (int)member_num(rect, "h", 0);
            /* Trees from before text_w existed: guess the padding of buttons and tiles. */
            n->text_w = (int)member_num(j, "text_w", boxed ? w - 26 : w);
            n->text_px = (int)member_num(j, "font_px", member_num(j, "text_px", heading ? 35 : 22));
            n->max_lines = (int)member_num(j, "max_lines", boxed ? 2 : 0);
        }
        const char *key;
        json_t *value;
        json_object_foreach((json_t *)j, key, value) collect_nodes(t, tree_name, value, depth + 1);
    } else if (json_is_array(j)) {
        size_t i;
        json_t *value;
        json_array_foreach(j, i, value) collect_nodes(t, tree_name, value, depth + 1);
    }
}

static int load_trees(trees *t, const char *dir)
{
    const char *const sfx[] = {".json", NULL};
    strlist files = {0};
    if (!is_dir(dir)) {
        fprintf(stderr, "madang-locale: --trees %s: not a folder\n", dir);
        return -1;
    }
    find_files(dir, sfx, &files);
    for (int i = 0; i < files.n; i++) {
        size_t n = 0;
        char *text = md_read_file(files.items[i], &n);
        if (!text)
            continue;
        json_error_t err;
        json_t *j = json_loadb(text, n, 0, &err);
        md_free(text);
        if (!j) {
            fprintf(stderr, "%s:%d: warning: not a semantic tree (%s)\n", files.items[i], err.line,
                    err.text);
            continue;
        }
        char name[512];
        const char *base = strrchr(files.items[i], '/');
        snprintf(name, sizeof name, "%s", base ? base + 1 : files.items[i]);
        name[strlen(name) - 5] = '\0';
        collect_nodes(t, name, j, 0);
        json_decref(j);
    }
    strlist_free(&files);
    return 0;
}

static void free_trees(trees *t)
{
    for (int i = 0; i < t->n; i++) {
        md_free(t->nodes[i].tree);
        md_free(t->nodes[i].msgid);
        md_free(t->nodes[i].msgctxt);
    }
    md_free(t->nodes);
}

static void count_arg(void *user, const md_msg_arg *a)
{
    (void)a;
    (*(int *)user)++;
}

typedef struct lint_ctx {
    int n_errors, n_warnings;
    trees trees;
    int have_trees;
    md_text *text;
    int text_failed;
    int fix_zawgyi; /* --fix-zawgyi: rewrite Zawgyi translations as Unicode, marked fuzzy */
} lint_ctx;

/* A replacement of one entry's msgstr lines, for --fix-zawgyi. */
typedef struct fix {
    int entry_line, msgstr_line, fuzzy;
    char *text; /* the new msgstr, unescaped */
} fix;

/* Rewrites path with each fix's msgstr (one line, escaped) and a fuzzy flag where missing.
 * Writes a temporary file and renames it, so a kiosk never reads half a file. */
static int apply_fixes(const char *path, const fix *fixes, int n_fixes)
{
    size_t n = 0;
    char *text = md_read_file(path, &n);
    if (!text)
        return -1;
    char tmp[2100];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        md_free(text);
        return -1;
    }
    int line = 0, skipping = 0;
    for (char *l = text; *l;) {
        char *nl = strchr(l, '\n');
        size_t len = nl ? (size_t)(nl - l + 1) : strlen(l);
        line++;
        const char *t = l;
        while (*t == ' ' || *t == '\t')
            t++;
        if (skipping && *t == '"') {
            l += len;
            continue; /* a continuation of the replaced msgstr */
        }
        skipping = 0;
        const fix *fx = NULL;
        for (int i = 0; i < n_fixes; i++) {
            if (fixes[i].entry_line == line && !fixes[i].fuzzy)
                fputs("#, fuzzy\n", f);
            if (fixes[i].msgstr_line == line)
                fx = &fixes[i];
        }
        if (fx) {
            fputs("msgstr \"", f);
            for (const char *c = fx->text; *c; c++) {
                if (*c == '"' || *c == '\\')
                    fputc('\\', f), fputc(*c, f);
                else if (*c == '\n')
                    fputs("\\n", f);
                else
                    fputc(*c, f);
            }
            fputs("\"\n", f);
            skipping = 1;
        } else {
            fwrite(l, 1, len, f);
        }
        l += len;
    }
    int rc = fclose(f) == 0 ? rename(tmp, path) : -1;
    md_free(text);
    return rc;
}

/* Width of the widest piece of text between two line-break opportunities (ICU line breaking for
 * lang): the text engine must cut such a piece mid-word when it is wider than the space. */
static int widest_unit(md_text *text, const char *utf8, const md_text_style *one_line)
{
    UChar u[2048];
    int32_t n_u = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 2048, &n_u, utf8, -1, &st);
    char loc[64];
    md_i18n_icu_locale(one_line->lang, loc, sizeof loc);
    UBreakIterator *bi = U_SUCCESS(st) ? ubrk_open(UBRK_LINE, loc, u, n_u, &st) : NULL;
    int widest = 0;
    int32_t start = bi ? ubrk_first(bi) : UBRK_DONE;
    for (int32_t end = bi ? ubrk_next(bi) : UBRK_DONE; bi && end != UBRK_DONE;
         start = end, end = ubrk_next(bi)) {
        char piece[1024];
        int32_t n8 = 0;
        UErrorCode st2 = U_ZERO_ERROR;
        u_strToUTF8(piece, (int32_t)sizeof piece, &n8, u + start, end - start, &st2);
        if (U_FAILURE(st2) || n8 >= (int32_t)sizeof piece)
            continue;
        piece[n8] = '\0';
        while (n8 > 0 && (piece[n8 - 1] == ' ' || piece[n8 - 1] == '\n'))
            piece[--n8] = '\0'; /* trailing spaces hang at a line end */
        const md_text_layout *l = md_text_lay_out(text, piece, (size_t)n8, one_line);
        int w = 0, h = 0;
        if (l)
            md_text_layout_size(l, &w, &h);
        if (w > widest)
            widest = w;
    }
    ubrk_close(bi);
    return widest;
}

static void check_width(lint_ctx *lc, const char *path, const char *lang, const md_po_entry *e)
{
    if (!lc->have_trees || lc->text_failed)
        return;
    int n_args = 0;
    if (md_i18n_check_pattern(e->msgstr, count_arg, &n_args, NULL, 0, NULL) < 0 || n_args > 0)
        return; /* a pattern's width depends on its arguments: the runtime's own tests cover it */
    for (int i = 0; i < lc->trees.n; i++) {
        const tree_node *n = &lc->trees.nodes[i];
        if (strcmp(n->msgid, e->msgid) != 0 || (!n->msgctxt) != (!e->msgctxt) ||
            (n->msgctxt && strcmp(n->msgctxt, e->msgctxt) != 0) || n->text_w <= 0)
            continue;
        /* The runtime fits text to its language (font_px may be shrunk for it): a tree recorded
         * in one language says nothing about another's translation. */
        if (n->lang[0] && strcmp(n->lang, lang) != 0)
            continue;
        if (!lc->text) {
            lc->text = md_text_create(NULL, NULL);
            if (!lc->text) {
                fprintf(stderr, "madang-locale: the text engine did not start; no width check\n");
                lc->text_failed = 1;
                return;
            }
        }
        md_text_style style;
        memset(&style, 0, sizeof style);
        style.lang = lang;
        style.size_px = n->text_px > 0 ? n->text_px : 22;
        style.width_px = 0; /* one line: its width is what the text needs */
        const md_text_layout *one = md_text_lay_out(lc->text, e->msgstr, (size_t)-1, &style);
        int need_w = 0, need_h = 0;
        if (one)
            md_text_layout_size(one, &need_w, &need_h);
        style.width_px = n->text_w;
        const md_text_layout *lay = md_text_lay_out(lc->text, e->msgstr, (size_t)-1, &style);
        if (!lay || !one)
            continue;
        int w = 0, h = 0;
        md_text_layout_size(lay, &w, &h);
        int lines = md_text_layout_line_count(lay);
        style.width_px = 0;
        int unit = widest_unit(lc->text, e->msgstr, &style);
        if (w > n->text_w || unit > n->text_w) {
            printf("%s:%d: warning: does not fit on screen %s: needs %d px, has %d px (a word is "
                   "wider than the space)\n",
                   path, e->msgstr_line, n->tree, unit > w ? unit : w, n->text_w);
            lc->n_warnings++;
        } else if (n->max_lines > 0 && lines > n->max_lines) {
            printf(
                "%s:%d: warning: does not fit on screen %s: needs %d px, has %d px (%d line%s of "
                "%d px)\n",
                path, e->msgstr_line, n->tree, need_w, n->max_lines * n->text_w, n->max_lines,
                n->max_lines == 1 ? "" : "s", n->text_w);
            lc->n_warnings++;
        }
        (void)h; /* flowing widgets grow with their text: only width and line count bind */
    }
}

/* ------------------------------------------------------------------ lint */

static void lint_file(lint_ctx *lc, const char *path)
{
    char err[1024];
    md_po *po = md_i18n_po_load(path, err, sizeof err);
    if (!po) {
        printf("%s\n", err);
        lc->n_errors++;
        return;
    }
    int is_template = ends_with(path, ".pot");
    char lang[32];
    pack_lang(path, po, lang, sizeof lang);
    if (!is_template && !lang[0]) {
        printf("%s:1: cannot tell the language (put the file in locales/<code>/ or set the "
               "Language header)\n",
               path);
        lc->n_errors++;
    }
    fix *fixes = md_calloc(256, sizeof *fixes);
    int n_fixes = 0;
    for (int i = 0; i < md_i18n_po_count(po); i++) {
        const md_po_entry *e = md_i18n_po_entry(po, i);
        if (!e->msgid[0] && !e->msgctxt)
            continue;
        char reason[512];
        size_t at = 0;
        if (md_i18n_check_pattern(e->msgid, NULL, NULL, reason, sizeof reason, &at) < 0) {
            printf("%s:%d: source text (msgid): %s (at character %zu)\n", path, e->line, reason,
                   md_i18n_char_index(e->msgid, at) + 1);
            lc->n_errors++;
            continue;
        }
        if (is_template || !e->msgstr[0] || !lang[0])
            continue;
        if (strcmp(lang, "my") == 0 && zawgyi_signs(e->msgstr) > 0) {
            char uni[2048];
            int conv = zawgyi_to_unicode(e->msgstr, uni, sizeof uni);
            if (lc->fix_zawgyi && fixes && conv == 0 && n_fixes < 256) {
                fixes[n_fixes].entry_line = e->line;
                fixes[n_fixes].msgstr_line = e->msgstr_line;
                fixes[n_fixes].fuzzy = e->fuzzy;
                fixes[n_fixes].text = md_strdup(uni);
                if (fixes[n_fixes].text)
                    n_fixes++;
                printf("%s:%d: warning: Zawgyi converted to Unicode: \"%s\" (marked fuzzy: have it "
                       "checked)\n",
                       path, e->msgstr_line, uni);
                lc->n_warnings++;
                continue;
            }
            printf(
                "%s:%d: Zawgyi-encoded Burmese, not Unicode (retype it with a Unicode keyboard, or "
                "run lint --fix-zawgyi); converted to Unicode it reads: \"%s\"\n",
                path, e->msgstr_line, uni);
            lc->n_errors++;
            continue;
        }
        if (md_i18n_check_message(lang, e->msgid, e->msgstr, reason, sizeof reason, &at) < 0) {
            printf("%s:%d: %s\n", path, md_i18n_po_msgstr_line(po, i, at), reason);
            lc->n_errors++;
            continue;
        }
        check_width(lc, path, lang, e);
    }
    md_i18n_po_free(po);
    if (n_fixes && apply_fixes(path, fixes, n_fixes) < 0) {
        printf("%s:0: cannot rewrite the file\n", path);
        lc->n_errors++;
    }
    for (int i = 0; i < n_fixes; i++)
        md_free(fixes[i].text);
    md_free(fixes);
}

/* Collects the I18N error lines about one locales.conf while md_i18n_create reads it. */
typedef struct conf_sink {
    const char *conf_path; /* as md_i18n_create names it in its messages */
    const char *shown;     /* as the user named it */
    int n_errors;
} conf_sink;

static void conf_log(void *user, md_log_level level, const char *tag, const char *msg)
{
    conf_sink *cs = user;
    (void)tag;
    size_t n = strlen(cs->conf_path);
    if (level >= MD_LOG_ERROR && strncmp(msg, cs->conf_path, n) == 0 && msg[n] == ':') {
        printf("%s%s\n", cs->shown, msg + n);
        cs->n_errors++;
    }
}

/* Checks a locales.conf the way a kiosk reads it at start-up (a kiosk cannot start its languages
 * from a broken one, so this matters more than any pack). */
static void lint_conf(lint_ctx *lc, const char *conf_path)
{
    char dir[2048];
    snprintf(dir, sizeof dir, "%s", conf_path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    char path[2100];
    snprintf(path, sizeof path, "%s/locales.conf", dir);
    conf_sink cs = {path, conf_path, 0};
    md_log_set_sink(conf_log, &cs);
    md_i18n *i18n = md_i18n_create(dir);
    md_log_set_sink(NULL, NULL);
    if ((!i18n || !md_i18n_has_conf(i18n)) && cs.n_errors == 0) {
        printf("%s:0: unusable (cannot be read)\n", conf_path);
        cs.n_errors++;
    }
    md_i18n_destroy(i18n);
    lc->n_errors += cs.n_errors;
}

static int cmd_lint(int argc, char **argv)
{
    lint_ctx lc;
    memset(&lc, 0, sizeof lc);
    strlist files = {0};
    const char *const sfx[] = {".po", ".pot", "/locales.conf", NULL};
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--trees") == 0 && i + 1 < argc) {
            if (load_trees(&lc.trees, argv[++i]) < 0) {
                strlist_free(&files);
                return 2;
            }
            lc.have_trees = 1;
            continue;
        }
        if (strcmp(argv[i], "--fix-zawgyi") == 0) {
            lc.fix_zawgyi = 1;
            continue;
        }
        if (argv[i][0] == '-') {
            fprintf(stderr, "madang-locale lint: unknown option %s\n", argv[i]);
            strlist_free(&files);
            return 2;
        }
        find_files(argv[i], sfx, &files);
    }
    if (!files.n) {
        fprintf(stderr, "usage: madang-locale lint [--trees DIR] PATH...\n");
        return 2;
    }
    for (int i = 0; i < files.n; i++) {
        if (ends_with(files.items[i], "locales.conf"))
            lint_conf(&lc, files.items[i]);
        else
            lint_file(&lc, files.items[i]);
    }
    printf("%d file(s): %d error(s), %d warning(s)\n", files.n, lc.n_errors, lc.n_warnings);
    strlist_free(&files);
    free_trees(&lc.trees);
    md_text_destroy(lc.text);
    return lc.n_errors ? 1 : 0;
}

/* ------------------------------------------------------------------ stats */

static void quiet_sink(void *user, md_log_level level, const char *tag, const char *msg)
{
    (void)user;
    (void)level;
    (void)tag;
    (void)msg;
}

static int entry_in(const md_po *po, const md_po_entry *t, const md_po_entry **found)
{
    for (int i = 0; i < md_i18n_po_count(po); i++) {
        const md_po_entry *e = md_i18n_po_entry(po, i);
        if (strcmp(e->msgid, t->msgid) == 0 && (!e->msgctxt) == (!t->msgctxt) &&
            (!e->msgctxt || strcmp(e->msgctxt, t->msgctxt) == 0)) {
            *found = e;
            return 1;
        }
    }
    return 0;
}

static int cmd_stats(int argc, char **argv)
{
    const char *dir = argc > 0 ? argv[0] : MD_DATA_DIR "/locales";
    /* stats takes one folder (the one with locales.conf), not the packs themselves: a shell glob
     * such as locales/ * / *.po would otherwise read as "locales.conf is unusable". */
    struct stat st_dir;
    if (argc > 1 || stat(dir, &st_dir) != 0 || !S_ISDIR(st_dir.st_mode)) {
        fprintf(stderr,
                "madang-locale stats: expects one folder, the one holding locales.conf (e.g. "
                "locales), not %s%s\n"
                "usage: madang-locale stats [LOCALES_DIR]   (default %s/locales)\n",
                argc > 1 ? "a list of files such as " : "", dir, MD_DATA_DIR);
        return 2;
    }
    md_log_set_sink(quiet_sink, NULL);
    md_i18n *i18n = md_i18n_create(dir);
    md_log_set_sink(NULL, NULL);
    if (!i18n || !md_i18n_has_conf(i18n)) {
        fprintf(stderr, "madang-locale stats: %s/locales.conf is unusable (run lint)\n", dir);
        md_i18n_destroy(i18n);
        return 1;
    }
    /* Domains: the templates, plus any pack without one. */
    strlist domains = {0};
    const char *const pot_sfx[] = {".pot", ".po", NULL};
    strlist files = {0};
    find_files(dir, pot_sfx, &files);
    for (int i = 0; i < files.n; i++) {
        const char *base = strrchr(files.items[i], '/');
        base = base ? base + 1 : files.items[i];
        char name[256];
        snprintf(name, sizeof name, "%s", base);
        *strrchr(name, '.') = '\0';
        int seen = 0;
        for (int k = 0; k < domains.n; k++)
            seen |= strcmp(domains.items[k], name) == 0;
        if (!seen)
            strlist_add(&domains, name);
    }
    qsort(domains.items, (size_t)domains.n, sizeof *domains.items, cmp_str);
    printf("%-10s %-24s %10s %6s %8s\n", "language", "domain", "translated", "fuzzy", "missing");
    int tot_tr = 0, tot_fz = 0, tot_mi = 0;
    for (int d = 0; d < domains.n; d++) {
        char pot_path[2048];
        snprintf(pot_path, sizeof pot_path, "%s/%s.pot", dir, domains.items[d]);
        char err[512];
        md_po *pot =
            access(pot_path, R_OK) == 0 ? md_i18n_po_load(pot_path, err, sizeof err) : NULL;
        for (int l = 0; l < md_i18n_language_count(i18n); l++) {
            const char *code = md_i18n_language(i18n, l)->code;
            char path[2048];
            snprintf(path, sizeof path, "%s/%s/%s.po", dir, code, domains.items[d]);
            int n_tr = 0, n_fz = 0, n_mi = 0;
            md_po *po = access(path, R_OK) == 0 ? md_i18n_po_load(path, err, sizeof err) : NULL;
            if (access(path, R_OK) == 0 && !po) {
                printf("%-10s %-24s %s\n", code, domains.items[d], "BROKEN (run lint)");
                continue;
            }
            if (pot) {
                for (int i = 0; i < md_i18n_po_count(pot); i++) {
                    const md_po_entry *t = md_i18n_po_entry(pot, i), *e = NULL;
                    if (!t->msgid[0] && !t->msgctxt)
                        continue;
                    if (po && entry_in(po, t, &e) && e->msgstr[0]) {
                        n_tr += !e->fuzzy;
                        n_fz += e->fuzzy;
                    } else {
                        n_mi++;
                    }
                }
            } else if (po) {
                for (int i = 0; i < md_i18n_po_count(po); i++) {
                    const md_po_entry *e = md_i18n_po_entry(po, i);
                    if (!e->msgid[0] && !e->msgctxt)
                        continue;
                    if (e->msgstr[0]) {
                        n_tr += !e->fuzzy;
                        n_fz += e->fuzzy;
                    } else {
                        n_mi++;
                    }
                }
            } else {
                continue; /* no template and no pack: nothing to count */
            }
            printf("%-10s %-24s %10d %6d %8d\n", code, domains.items[d], n_tr, n_fz, n_mi);
            tot_tr += n_tr, tot_fz += n_fz, tot_mi += n_mi;
            md_i18n_po_free(po);
        }
        md_i18n_po_free(pot);
    }
    printf("%-10s %-24s %10d %6d %8d\n", "total", "", tot_tr, tot_fz, tot_mi);
    printf("(translated = reviewed; fuzzy = drafted, shown to visitors but needs a native "
           "speaker's review; missing = shown in the fallback language)\n");
    strlist_free(&files);
    strlist_free(&domains);
    md_i18n_destroy(i18n);
    return 0;
}

/* ------------------------------------------------------------------ update */

/* Writes a new pack for code from the template: the header gets Language and UTF-8. */
static int new_pack_from_template(const char *pot, const char *po_path, const char *code)
{
    size_t n = 0;
    char *text = md_read_file(pot, &n);
    if (!text)
        return -1;
    FILE *f = fopen(po_path, "w");
    if (!f) {
        md_free(text);
        return -1;
    }
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm_utc;
    gmtime_r(&now, &tm_utc);
    strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M+0000", &tm_utc);
    int header_done = 0;
    for (char *line = text; *line;) {
        char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line + 1) : strlen(line);
        if (strncmp(line, "msgstr", sizeof "msgstr" - 1) == 0)
            header_done = 1;
        if (strncmp(line, "\"Language: ", sizeof "\"Language: " - 1) == 0)
            fprintf(f, "\"Language: %s\\n\"\n", code);
        else if (strncmp(line, "\"Content-Type: ", sizeof "\"Content-Type: " - 1) == 0)
            fprintf(f, "\"Content-Type: text/plain; charset=UTF-8\\n\"\n");
        else if (strncmp(line, "\"PO-Revision-Date: YEAR", sizeof "\"PO-Revision-Date: YEAR" - 1) ==
                 0)
            fprintf(f, "\"PO-Revision-Date: %s\\n\"\n", stamp);
        else if (strncmp(line, "\"Last-Translator: FULL NAME",
                         sizeof "\"Last-Translator: FULL NAME" - 1) == 0)
            fprintf(f, "\"Last-Translator: none yet\\n\"\n");
        else if (strncmp(line, "\"Language-Team: LANGUAGE",
                         sizeof "\"Language-Team: LANGUAGE" - 1) == 0)
            fprintf(f, "\"Language-Team: none\\n\"\n");
        else if (strncmp(line, "#, fuzzy", sizeof "#, fuzzy" - 1) == 0 && !header_done)
            ; /* the template's header is marked fuzzy; a pack's is not */
        else
            fwrite(line, 1, len, f);
        line += len;
    }
    fclose(f);
    md_free(text);
    return 0;
}

static int extract(const char *root, const strlist *sources, const char *const *keywords,
                   const char *pot)
{
    char *argv[256];
    int n = 0;
    argv[n++] = "xgettext";
    argv[n++] = "--from-code=UTF-8";
    argv[n++] = "--language=C";
    argv[n++] = "--add-comments=TRANSLATORS:";
    argv[n++] = "--package-name=madang";
    argv[n++] = "--sort-by-file";
    argv[n++] = "--keyword=";
    char kw[32][64];
    for (int k = 0; keywords[k] && k < 32; k++) {
        snprintf(kw[k], sizeof kw[k], "--keyword=%s", keywords[k]);
        argv[n++] = kw[k];
    }
    char out_arg[2100];
    snprintf(out_arg, sizeof out_arg, "--output=%s", pot);
    argv[n++] = out_arg;
    argv[n++] = "--directory";
    argv[n++] = (char *)root;
    for (int i = 0; i < sources->n && n < 254; i++)
        argv[n++] = sources->items[i];
    argv[n] = NULL;
    remove(pot);
    if (run(argv, NULL) != 0) {
        fprintf(stderr, "madang-locale update: xgettext failed for %s\n", pot);
        return -1;
    }
    return access(pot, R_OK) == 0 ? 1 : 0; /* xgettext writes nothing when it finds nothing */
}

static int merge_domain(md_i18n *i18n, const char *locales, const char *domain, const char *pot)
{
    int rc = 0;
    for (int l = 0; l < md_i18n_language_count(i18n); l++) {
        const char *code = md_i18n_language(i18n, l)->code;
        char dir[2048], po[2200];
        snprintf(dir, sizeof dir, "%s/%s", locales, code);
        snprintf(po, sizeof po, "%s/%s.po", dir, domain);
        mkdir(dir, 0755);
        if (access(po, R_OK) != 0) {
            if (new_pack_from_template(pot, po, code) < 0)
                rc = -1;
            printf("created %s\n", po);
            continue;
        }
        char *argv[] = {"msgmerge",
                        "--quiet",
                        "--update",
                        "--backup=none",
                        "--no-fuzzy-matching",
                        "--no-wrap",
                        po,
                        (char *)pot,
                        NULL};
        if (run(argv, NULL) != 0) {
            fprintf(stderr, "madang-locale update: msgmerge failed for %s\n", po);
            rc = -1;
        } else {
            printf("merged  %s\n", po);
        }
    }
    return rc;
}

/* The plugin's id (its domain) from `.id = "..."` in its sources, else the folder name. */
static void plugin_id(const char *plugin_dir, const char *folder, char *out, size_t cap)
{
    snprintf(out, cap, "%s", folder);
    const char *const sfx[] = {".c", NULL};
    strlist files = {0};
    find_files(plugin_dir, sfx, &files);
    for (int i = 0; i < files.n; i++) {
        char *text = md_read_file(files.items[i], NULL);
        const char *p = text ? strstr(text, ".id") : NULL;
        while (p) {
            const char *q = p + 3;
            while (*q == ' ' || *q == '\t')
                q++;
            if (*q == '=') {
                q++;
                while (*q == ' ' || *q == '\t')
                    q++;
                if (*q == '"') {
                    const char *e = strchr(q + 1, '"');
                    if (e && (size_t)(e - q - 1) < cap) {
                        snprintf(out, cap, "%.*s", (int)(e - q - 1), q + 1);
                        md_free(text);
                        strlist_free(&files);
                        return;
                    }
                }
            }
            p = strstr(p + 3, ".id");
        }
        md_free(text);
    }
    strlist_free(&files);
}

static int cmd_update(int argc, char **argv)
{
    const char *root = MD_DATA_DIR, *only = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--root") == 0 && i + 1 < argc)
            root = argv[++i];
        else if (strcmp(argv[i], "--domain") == 0 && i + 1 < argc)
            only = argv[++i];
        else {
            fprintf(stderr, "usage: madang-locale update [--root DIR] [--domain NAME]\n");
            return 2;
        }
    }
    char locales[2048];
    snprintf(locales, sizeof locales, "%s/locales", root);
    md_i18n *i18n = md_i18n_create(locales);
    if (!i18n || !md_i18n_has_conf(i18n)) {
        md_i18n_destroy(i18n);
        return 1;
    }
    int rc = 0;
    /* Runtime strings: md_i18n_tr(i18n, domain, ctxt, msgid) and friends, the runtime's own
     * wrappers tr(app, msgid), tr_lang(app, lang, ctxt, msgid), runtime_tr(host, msgid); N_() marks
     * strings in static tables that are translated later. */
    static const char *const rt_keywords[] = {"md_i18n_tr:4",
                                              "md_i18n_tr:3c,4",
                                              "md_i18n_tr_lang:5",
                                              "md_i18n_tr_lang:4c,5",
                                              "N_:1",
                                              "NC_:1c,2",
                                              "tr:2",
                                              "tr_lang:4",
                                              "tr_lang:3c,4",
                                              "runtime_tr:2",
                                              NULL};
    static const char *const plugin_keywords[] = {"tr:2",        "trc:2c,3",    "format:3",
                                                  "format:2c,3", "N_:1",        "NC_:1c,2",
                                                  "MD_N_:1",     "MD_NC_:1c,2", NULL};
    if (!only || strcmp(only, "runtime") == 0) {
        strlist src = {0};
        const char *const sfx[] = {".c", ".h", NULL};
        char dir[2100];
        snprintf(dir, sizeof dir, "%s/runtime", root);
        find_files(dir, sfx, &src);
        for (int i = 0; i < src.n; i++) /* relative to root, so references read runtime/x.c */
            memmove(src.items[i], src.items[i] + strlen(root) + 1,
                    strlen(src.items[i]) - strlen(root));
        char pot[2200];
        snprintf(pot, sizeof pot, "%s/runtime.pot", locales);
        int found = extract(root, &src, rt_keywords, pot);
        if (found < 0)
            rc = 1;
        else if (found == 0)
            printf("runtime: no strings found\n");
        else if (merge_domain(i18n, locales, "runtime", pot) < 0)
            rc = 1;
        strlist_free(&src);
    }
    char plugins[2100];
    snprintf(plugins, sizeof plugins, "%s/plugins", root);
    DIR *d = opendir(plugins);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char pdir[2400];
        snprintf(pdir, sizeof pdir, "%s/%s", plugins, e->d_name);
        if (!is_dir(pdir))
            continue;
        char id[256];
        plugin_id(pdir, e->d_name, id, sizeof id);
        if (only && strcmp(only, id) != 0)
            continue;
        strlist src = {0};
        const char *const sfx[] = {".c", NULL};
        find_files(pdir, sfx, &src);
        for (int i = 0; i < src.n; i++)
            memmove(src.items[i], src.items[i] + strlen(root) + 1,
                    strlen(src.items[i]) - strlen(root));
        char pot[2400];
        snprintf(pot, sizeof pot, "%s/%s.pot", locales, id);
        int found = extract(root, &src, plugin_keywords, pot);
        if (found < 0)
            rc = 1;
        else if (found > 0 && merge_domain(i18n, locales, id, pot) < 0)
            rc = 1;
        strlist_free(&src);
    }
    if (d)
        closedir(d);
    md_i18n_destroy(i18n);
    return rc;
}

/* ------------------------------------------------------------------ preview */

/* Prints what a kiosk shows for msgid in lang: the translation found along the fallback chain,
 * formatted with NAME=VALUE arguments (numbers when they parse as numbers, else text). */
static int cmd_preview(int argc, char **argv)
{
    const char *dir = MD_DATA_DIR "/locales", *domain = "runtime", *ctxt = NULL;
    const char *lang = NULL, *msgid = NULL;
    int domain_given = 0;
    md_arg args[16];
    int n_args = 0;
    char names[16][64];
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--locales") == 0 && i + 1 < argc)
            dir = argv[++i];
        else if (strcmp(argv[i], "--domain") == 0 && i + 1 < argc) {
            domain = argv[++i];
            domain_given = 1;
        } else if (strcmp(argv[i], "--context") == 0 && i + 1 < argc)
            ctxt = argv[++i];
        else if (!lang)
            lang = argv[i];
        else if (!msgid)
            msgid = argv[i];
        else if (strchr(argv[i], '=') && n_args < 16) {
            const char *eq = strchr(argv[i], '=');
            copy_name(names[n_args], sizeof names[n_args], argv[i], (size_t)(eq - argv[i]));
            md_arg *a = &args[n_args++];
            memset(a, 0, sizeof *a);
            a->name = names[n_args - 1];
            char *end_i = NULL, *end_d = NULL;
            long long v = strtoll(eq + 1, &end_i, 10);
            double d = strtod(eq + 1, &end_d);
            if (eq[1] && *end_i == '\0') {
                a->type = MD_ARG_INT;
                a->v.i = v;
            } else if (eq[1] && *end_d == '\0') {
                a->type = MD_ARG_DOUBLE;
                a->v.d = d;
            } else {
                a->type = MD_ARG_STRING;
                a->v.s = eq + 1;
            }
        } else {
            lang = NULL;
            break;
        }
    }
    if (!lang || !msgid) {
        fprintf(stderr, "usage: madang-locale preview [--locales DIR] [--domain D] [--context C] "
                        "LANG MSGID [NAME=VALUE...]\n");
        return 2;
    }
    md_i18n *i18n = md_i18n_create(dir);
    if (!i18n || !md_i18n_has_conf(i18n)) {
        md_i18n_destroy(i18n);
        return 1;
    }
    if (!md_i18n_find(i18n, lang)) {
        fprintf(stderr, "madang-locale preview: %s is not in %s/locales.conf\n", lang, dir);
        md_i18n_destroy(i18n);
        return 1;
    }
    const char *pattern = md_i18n_tr_lang(i18n, lang, domain, ctxt, msgid);
    /* Say which domain was read (runtime unless --domain), and where the message is when that
     * domain does not have it: a plugin's msgid previewed in "runtime" would print English. */
    fprintf(stderr, "madang-locale preview: domain %s%s\n", domain,
            domain_given ? "" : " (the default; --domain ID for a plugin's messages)");
    if (pattern == msgid) {
        strlist files = {0};
        const char *const pot_sfx[] = {".pot", NULL};
        find_files(dir, pot_sfx, &files);
        for (int i = 0; i < files.n; i++) {
            const char *base = strrchr(files.items[i], '/');
            char other[256];
            snprintf(other, sizeof other, "%s", base ? base + 1 : files.items[i]);
            *strrchr(other, '.') = '\0';
            if (strcmp(other, domain) != 0 &&
                md_i18n_tr_lang(i18n, lang, other, ctxt, msgid) != msgid)
                fprintf(stderr,
                        "madang-locale preview: not translated in domain %s; domain %s has it: "
                        "add --domain %s\n",
                        domain, other, other);
        }
        strlist_free(&files);
    }
    char out[4096];
    int rc = md_i18n_format(i18n, lang, pattern, args, n_args, out, sizeof out);
    printf("%s\n", out);
    md_i18n_destroy(i18n);
    return rc < 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "lint") == 0)
        return cmd_lint(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "stats") == 0)
        return cmd_stats(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "update") == 0)
        return cmd_update(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "preview") == 0)
        return cmd_preview(argc - 2, argv + 2);
    fprintf(stderr,
            "usage: madang-locale lint [--trees DIR] [--fix-zawgyi] PATH...\n"
            "       madang-locale stats [LOCALES_DIR]\n"
            "       madang-locale update [--root DIR] [--domain NAME]\n"
            "       madang-locale preview [--domain D] [--context C] LANG MSGID [NAME=VALUE...]\n"
            "See docs/LOCALES.md.\n");
    return 2;
}
