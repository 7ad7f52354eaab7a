/* madang-locale update: re-extracts the .pot templates from the sources with xgettext and merges
 * every pack with msgmerge (new packs from the template). A plugin's domain is its id, read from
 * its built shared object's descriptor.
 */
#include <dirent.h>
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "madang/plugin.h"

#include "locale_tool.h"

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
    if (ml_run(argv, NULL) != 0) {
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
        if (ml_run(argv, NULL) != 0) {
            fprintf(stderr, "madang-locale update: msgmerge failed for %s\n", po);
            rc = -1;
        } else {
            printf("merged  %s\n", po);
        }
    }
    return rc;
}

/* The plugin's id (its message domain) from the descriptor of its built shared object
 * <plugins_dir>/<folder>.so, loaded as the kiosk loads it (dlopen + madang_plugin_entry), never
 * guessed from the sources. 0, or -1 (said on stderr) when there is no usable build. */
static int plugin_id(const char *plugins_dir, const char *folder, char *out, size_t cap)
{
    char so[2400];
    snprintf(so, sizeof so, "%s/%s.so", plugins_dir, folder);
    void *handle = dlopen(so, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        fprintf(stderr,
                "madang-locale update: plugins/%s skipped: %s (build the plugins first: its id, "
                "which names its domain, is read from the built plugin)\n",
                folder, dlerror());
        return -1;
    }
    md_plugin_entry_fn entry = NULL;
    *(void **)&entry = dlsym(handle, MD_PLUGIN_ENTRY_SYMBOL);
    const md_plugin_desc *d = entry ? entry() : NULL;
    int ok = d && d->struct_size >= offsetof(md_plugin_desc, id) + sizeof d->id &&
             d->abi_major == MD_PLUGIN_ABI_MAJOR && d->id && d->id[0] && strlen(d->id) < cap;
    if (ok)
        snprintf(out, cap, "%s", d->id);
    else
        fprintf(stderr, "madang-locale update: plugins/%s skipped: %s has no usable descriptor\n",
                folder, so);
    dlclose(handle);
    return ok ? 0 : -1;
}

int cmd_update(int argc, char **argv)
{
    const char *root = MD_DATA_DIR, *only = NULL, *plugins_built = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--root") == 0 && i + 1 < argc)
            root = argv[++i];
        else if (strcmp(argv[i], "--plugins") == 0 && i + 1 < argc)
            plugins_built = argv[++i];
        else if (strcmp(argv[i], "--domain") == 0 && i + 1 < argc)
            only = argv[++i];
        else {
            fprintf(stderr, "usage: madang-locale update [--root DIR] [--plugins DIR] "
                            "[--domain NAME]\n");
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
        ml_find_files(dir, sfx, &src);
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
        ml_strlist_free(&src);
    }
    char plugins[2100], built[2100];
    snprintf(plugins, sizeof plugins, "%s/plugins", root);
    /* The built plugins: --plugins, else <root>/build/plugins (where `make` puts them). */
    snprintf(built, sizeof built, "%s", plugins_built ? plugins_built : "");
    if (!plugins_built)
        snprintf(built, sizeof built, "%s/build/plugins", root);
    DIR *d = opendir(plugins);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char pdir[2400];
        snprintf(pdir, sizeof pdir, "%s/%s", plugins, e->d_name);
        if (!ml_is_dir(pdir))
            continue;
        strlist src = {0};
        const char *const sfx[] = {".c", NULL};
        ml_find_files(pdir, sfx, &src);
        char id[256];
        if (src.n == 0 || plugin_id(built, e->d_name, id, sizeof id) < 0 ||
            (only && strcmp(only, id) != 0)) {
            ml_strlist_free(&src); /* no sources (content only), not built, or not asked for */
            continue;
        }
        for (int i = 0; i < src.n; i++)
            memmove(src.items[i], src.items[i] + strlen(root) + 1,
                    strlen(src.items[i]) - strlen(root));
        char pot[2400];
        snprintf(pot, sizeof pot, "%s/%s.pot", locales, id);
        int found = extract(root, &src, plugin_keywords, pot);
        /* The content's per-language texts that lack a language: same template, context
         * "content" (content.c). */
        if (found > 0 && ml_extract_content(pdir, i18n, pot) < 0)
            rc = 1;
        if (found < 0)
            rc = 1;
        else if (found > 0 && merge_domain(i18n, locales, id, pot) < 0)
            rc = 1;
        ml_strlist_free(&src);
    }
    if (d)
        closedir(d);
    md_i18n_destroy(i18n);
    return rc;
}
