/* madang-locale update, content part: a plugin's content texts (per-language maps in
 * the .json files of plugins/<name>/content/, such as a clinic's "name": {"en": ..., "ko": ...})
 * that lack one of the offered languages are added to the plugin's template with the context
 * "content", so their translations go through the same PO packs, drafts and review as the UI's
 * messages. The plugin asks host->trc(ctx, "content", english) when a map has no text in the
 * visitor's language.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "locale_tool.h"

typedef struct content_walk {
    const md_i18n *i18n;
    FILE *pot;
    strlist seen;
    const char *file;
    int n_added;
} content_walk;

/* A per-language map: a string "en" and every key an offered language. */
static int is_text_map(const content_walk *w, json_t *obj)
{
    if (!json_is_string(json_object_get(obj, "en")))
        return 0;
    const char *key = NULL;
    json_t *v = NULL;
    json_object_foreach(obj, key, v)
    {
        if (!json_is_string(v) || !md_i18n_find(w->i18n, key))
            return 0;
    }
    return 1;
}

static void put_escaped(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f), fputc(*s, f);
        else if (*s == '\n')
            fputs("\\n", f);
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

static void walk(content_walk *w, json_t *node, const char *where)
{
    if (json_is_object(node)) {
        if (is_text_map(w, node)) {
            int complete = 1;
            for (int i = 0; i < md_i18n_language_count(w->i18n); i++)
                if (!json_object_get(node, md_i18n_language(w->i18n, i)->code))
                    complete = 0;
            const char *en = json_string_value(json_object_get(node, "en"));
            if (complete || !en[0])
                return;
            for (int i = 0; i < w->seen.n; i++)
                if (!strcmp(w->seen.items[i], en))
                    return;
            ml_strlist_add(&w->seen, en);
            fprintf(w->pot, "\n#. content: %s %s\nmsgctxt \"content\"\nmsgid ", w->file, where);
            put_escaped(w->pot, en);
            fputs("\nmsgstr \"\"\n", w->pot);
            w->n_added++;
            return;
        }
        const char *key = NULL;
        json_t *v = NULL;
        json_object_foreach(node, key, v)
        {
            char sub[256];
            snprintf(sub, sizeof sub, "%s%s%s", where, where[0] ? "." : "", key);
            walk(w, v, sub);
        }
    } else if (json_is_array(node)) {
        size_t i = 0;
        json_t *v = NULL;
        json_array_foreach(node, i, v)
        {
            char sub[256];
            snprintf(sub, sizeof sub, "%s[%zu]", where, i);
            walk(w, v, sub);
        }
    }
}

int ml_extract_content(const char *plugin_dir, const md_i18n *i18n, const char *pot)
{
    char dir[2400];
    snprintf(dir, sizeof dir, "%s/content", plugin_dir);
    if (!ml_is_dir(dir))
        return 0;
    strlist files = {0};
    const char *const sfx[] = {".json", NULL};
    ml_find_files(dir, sfx, &files);
    FILE *f = files.n ? fopen(pot, "a") : NULL;
    content_walk w = {.i18n = i18n, .pot = f};
    int rc = 0;
    for (int i = 0; f && i < files.n; i++) {
        json_error_t err;
        json_t *doc = json_load_file(files.items[i], 0, &err);
        if (!doc) {
            fprintf(stderr, "madang-locale update: %s:%d: %s\n", files.items[i], err.line,
                    err.text);
            rc = -1;
            continue;
        }
        const char *base = strrchr(files.items[i], '/');
        w.file = base ? base + 1 : files.items[i];
        walk(&w, doc, "");
        json_decref(doc);
    }
    if (f && fclose(f) != 0)
        rc = -1;
    ml_strlist_free(&w.seen);
    ml_strlist_free(&files);
    return rc < 0 ? -1 : w.n_added;
}
