/* madang-locale preview: what a kiosk shows for a message in a language, found along the fallback
 * chain and formatted with NAME=VALUE arguments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "locale_tool.h"

/* Prints what a kiosk shows for msgid in lang: the translation found along the fallback chain,
 * formatted with NAME=VALUE arguments (numbers when they parse as numbers, else text). */
int cmd_preview(int argc, char **argv)
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
            ml_copy_name(names[n_args], sizeof names[n_args], argv[i], (size_t)(eq - argv[i]));
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
        ml_find_files(dir, pot_sfx, &files);
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
        ml_strlist_free(&files);
    }
    char out[4096];
    int rc = md_i18n_format(i18n, lang, pattern, args, n_args, out, sizeof out);
    printf("%s\n", out);
    md_i18n_destroy(i18n);
    return rc < 0 ? 1 : 0;
}
