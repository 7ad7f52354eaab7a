/* Semantic trees (the JSON madang --headless writes with `tree NAME`): the nodes with a msgid,
 * read with Jansson, for lint's width check.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "locale_tool.h"

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

int ml_load_trees(trees *t, const char *dir)
{
    const char *const sfx[] = {".json", NULL};
    strlist files = {0};
    if (!ml_is_dir(dir)) {
        fprintf(stderr, "madang-locale: --trees %s: not a folder\n", dir);
        return -1;
    }
    ml_find_files(dir, sfx, &files);
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
    ml_strlist_free(&files);
    return 0;
}

void ml_free_trees(trees *t)
{
    for (int i = 0; i < t->n; i++) {
        md_free(t->nodes[i].tree);
        md_free(t->nodes[i].msgid);
        md_free(t->nodes[i].msgctxt);
    }
    md_free(t->nodes);
}
