/* madang-locale lint: checks packs (and locales.conf) with the runtime's own PO reader and
 * MessageFormat checker; with --trees, lays every translation out with the real text engine in
 * the space its widget had and reports what does not fit; --fix-zawgyi converts Zawgyi text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "text/text.h"

#include "locale_tool.h"

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

static void lint_file(lint_ctx *lc, const char *path)
{
    char err[1024];
    md_po *po = md_i18n_po_load(path, err, sizeof err);
    if (!po) {
        printf("%s\n", err);
        lc->n_errors++;
        return;
    }
    int is_template = ml_ends_with(path, ".pot");
    char lang[32];
    ml_pack_lang(path, po, lang, sizeof lang);
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
        if (strcmp(lang, "my") == 0 && ml_zawgyi_signs(e->msgstr) > 0) {
            char uni[2048];
            int conv = ml_zawgyi_to_unicode(e->msgstr, uni, sizeof uni);
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

int cmd_lint(int argc, char **argv)
{
    lint_ctx lc;
    memset(&lc, 0, sizeof lc);
    strlist files = {0};
    const char *const sfx[] = {".po", ".pot", "/locales.conf", NULL};
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--trees") == 0 && i + 1 < argc) {
            if (ml_load_trees(&lc.trees, argv[++i]) < 0) {
                ml_strlist_free(&files);
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
            ml_strlist_free(&files);
            return 2;
        }
        ml_find_files(argv[i], sfx, &files);
    }
    if (!files.n) {
        fprintf(stderr, "usage: madang-locale lint [--trees DIR] PATH...\n");
        return 2;
    }
    for (int i = 0; i < files.n; i++) {
        if (ml_ends_with(files.items[i], "locales.conf"))
            lint_conf(&lc, files.items[i]);
        else
            lint_file(&lc, files.items[i]);
    }
    printf("%d file(s): %d error(s), %d warning(s)\n", files.n, lc.n_errors, lc.n_warnings);
    ml_strlist_free(&files);
    ml_free_trees(&lc.trees);
    md_text_destroy(lc.text);
    return lc.n_errors ? 1 : 0;
}
