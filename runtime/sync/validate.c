/* Validation of a release's locale packs with the runtime's own readers, for madang-pack (before
 * anything is published) and for the kiosk (after a switch, before the packs are used): the
 * locales.conf exactly as md_i18n_create reads it, and every pack with the checks a kiosk applies
 * before accepting it. Errors come back as "file:line: reason".
 */
#include "sync/sync.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/base.h"
#include "sync/internal.h"
#include "i18n/i18n.h"

typedef struct first_error {
    char *err;
    size_t cap;
    int n;
} first_error;

static void keep_first(void *user, md_log_level level, const char *tag, const char *msg)
{
    first_error *fe = user;
    if (level < MD_LOG_ERROR)
        return;
    if (fe->n++ == 0)
        md_sync_fmt(fe->err, fe->cap, "%s", msg);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the entries of dir (not starting with '.'); the caller frees each and the list.
 */
static int list_dir(const char *dir, char ***names)
{
    *names = NULL;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char **grown = md_realloc(*names, (size_t)(n + 1) * sizeof **names);
        if (!grown)
            break;
        *names = grown;
        (*names)[n] = md_strdup(e->d_name);
        if ((*names)[n])
            n++;
    }
    closedir(d);
    if (n)
        qsort(*names, (size_t)n, sizeof **names, cmp_names);
    return n;
}

static void free_names(char **names, int n)
{
    for (int i = 0; i < n; i++)
        md_free(names[i]);
    md_free(names);
}

static int check_pack(const char *path, const char *lang, char *err, size_t cap)
{
    char why[512];
    md_po *po = md_i18n_po_load(path, why, sizeof why);
    if (!po) {
        md_sync_fmt(err, cap, "%s", why);
        return -1;
    }
    int rc = 0;
    for (int i = 0; i < md_i18n_po_count(po) && rc == 0; i++) {
        const md_po_entry *e = md_i18n_po_entry(po, i);
        if (!e->msgid[0] && !e->msgctxt)
            continue;
        size_t at = 0;
        if (md_i18n_check_message(lang, e->msgid, e->msgstr, why, sizeof why, &at) < 0) {
            md_sync_fmt(err, cap, "%s:%d: %s", path, md_i18n_po_msgstr_line(po, i, at), why);
            rc = -1;
        }
    }
    md_i18n_po_free(po);
    return rc;
}

int md_sync_validate_locales(const char *locales_dir, char *err, size_t err_cap)
{
    char conf[1024];
    md_sync_fmt(conf, sizeof conf, "%s/locales.conf", locales_dir);
    struct stat st;
    if (stat(conf, &st) != 0) {
        md_sync_fmt(err, err_cap, "%s:0: missing", conf);
        return -1;
    }
    first_error fe = {err, err_cap, 0};
    md_log_set_sink(keep_first, &fe);
    md_i18n *i18n = md_i18n_create(locales_dir);
    md_log_set_sink(NULL, NULL);
    if (!i18n || fe.n) {
        if (!fe.n)
            md_sync_fmt(err, err_cap, "%s:0: unusable", conf);
        md_i18n_destroy(i18n);
        return -1;
    }
    char **langs = NULL;
    int n_langs = list_dir(locales_dir, &langs), rc = 0;
    for (int i = 0; i < n_langs && rc == 0; i++) {
        char sub[1024];
        md_sync_fmt(sub, sizeof sub, "%s/%s", locales_dir, langs[i]);
        if (stat(sub, &st) != 0 || !S_ISDIR(st.st_mode))
            continue;
        if (!md_i18n_find(i18n, langs[i])) {
            md_sync_fmt(err, err_cap, "%s:0: \"%s\" is not a language of locales.conf", sub,
                        langs[i]);
            rc = -1;
            break;
        }
        char **packs = NULL;
        int n_packs = list_dir(sub, &packs);
        for (int k = 0; k < n_packs && rc == 0; k++) {
            size_t ln = strlen(packs[k]);
            if (ln < 4 || strcmp(packs[k] + ln - 3, ".po") != 0)
                continue;
            char path[1100];
            md_sync_fmt(path, sizeof path, "%s/%s", sub, packs[k]);
            rc = check_pack(path, langs[i], err, err_cap);
        }
        free_names(packs, n_packs);
    }
    free_names(langs, n_langs);
    md_i18n_destroy(i18n);
    return rc;
}
