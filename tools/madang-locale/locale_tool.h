/* Private to madang-locale: what its files share (docs/LOCALES.md).
 *   main.c     the command line         lint.c     lint (+ the width check against trees)
 *   stats.c    stats                    update.c   update (xgettext/msgmerge; plugin ids from .so)
 *   preview.c  preview                  zawgyi.c   Zawgyi detection and conversion
 *   trees.c    semantic trees (JSON)    util.c     string lists, files, running programs
 */
#ifndef MD_LOCALE_TOOL_H
#define MD_LOCALE_TOOL_H

#include <stddef.h>

#include "base/base.h"
#include "i18n/i18n.h"

/* The subcommands: argv after the subcommand's name. Exit status: 0, 1 (errors), 2 (usage). */
int cmd_lint(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_update(int argc, char **argv);
int cmd_preview(int argc, char **argv);

/* util.c */
typedef struct strlist {
    char **items;
    int n, cap;
} strlist;
/* Copies the n bytes at s into out as a NUL-terminated string, cut to cap. */
void ml_copy_name(char *out, size_t cap, const char *s, size_t n);
int ml_strlist_add(strlist *l, const char *s); /* a copy; 0 or -1 */
void ml_strlist_free(strlist *l);
int ml_cmp_str(const void *a, const void *b); /* qsort of char * */
int ml_ends_with(const char *s, const char *suffix);
int ml_is_dir(const char *path);
/* Files under path (a file or a folder, recursively) whose names end in one of suffixes, sorted. */
void ml_find_files(const char *path, const char *const *suffixes, strlist *out);
/* Runs argv (stdout to out_path when not NULL); its exit status, or -1. */
int ml_run(char *const argv[], const char *out_path);
/* The language of a pack: its folder's name (locales/<code>/x.po), else the header's Language. */
void ml_pack_lang(const char *path, const md_po *po, char *out, size_t cap);

/* content.c: appends the content texts of plugin_dir/content/ (its .json files) that lack an
 * offered language to pot (context "content"). Returns how many, or -1 (a file that does not parse,
 * logged). */
int ml_extract_content(const char *plugin_dir, const md_i18n *i18n, const char *pot);

/* zawgyi.c */
/* 1 when the UTF-8 text looks like Zawgyi-encoded Burmese rather than Unicode. */
int ml_zawgyi_signs(const char *utf8);
/* Converts Zawgyi text to Unicode (ICU's Zawgyi-my transliterator). 0 or -1. */
int ml_zawgyi_to_unicode(const char *utf8, char *out, size_t cap);

/* trees.c */
/* A node of a semantic tree with a msgid: role, msgid, msgctxt, rect, font_px (font size) and
 * max_lines (0 = unlimited: the widget grows with its text), as runtime/ui writes them, and
 * text_w (the width available to the text) when present. A node is compared with the pack of
 * its own "lang" only (any pack when it has none). Missing values come from the default
 * theme at 3.2 px/mm (body 22 px, heading 35 px; buttons and tiles pad 13 px each side, 2 lines).
 */
typedef struct tree_node {
    char *tree; /* tree name: the JSON file's name without .json */
    char *msgid, *msgctxt;
    char lang[MD_LANG_CODE_MAX + 1]; /* the language the tree was recorded in; "" = any */
    int text_w, h, text_px, max_lines;
} tree_node;

typedef struct trees {
    tree_node *nodes;
    int n, cap;
} trees;
/* Reads every *.json semantic tree in dir (madang --headless `tree` output). 0 or -1 (printed). */
int ml_load_trees(trees *t, const char *dir);
void ml_free_trees(trees *t);

#endif /* MD_LOCALE_TOOL_H */
