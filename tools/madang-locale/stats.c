/* madang-locale stats: translated, fuzzy and missing messages per language and domain, against
 * the templates (.pot).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "locale_tool.h"

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

int cmd_stats(int argc, char **argv)
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
    ml_find_files(dir, pot_sfx, &files);
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
            ml_strlist_add(&domains, name);
    }
    qsort(domains.items, (size_t)domains.n, sizeof *domains.items, ml_cmp_str);
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
    ml_strlist_free(&files);
    ml_strlist_free(&domains);
    md_i18n_destroy(i18n);
    return 0;
}
