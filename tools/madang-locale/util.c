/* madang-locale's small helpers: string lists, finding files, running gettext programs, the
 * language of a pack.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "locale_tool.h"

void ml_copy_name(char *out, size_t cap, const char *s, size_t n)
{
    if (n >= cap)
        n = cap - 1;
    memcpy(out, s, n);
    out[n] = '\0';
}

int ml_strlist_add(strlist *l, const char *s)
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

void ml_strlist_free(strlist *l)
{
    for (int i = 0; i < l->n; i++)
        md_free(l->items[i]);
    md_free(l->items);
    memset(l, 0, sizeof *l);
}

int ml_cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int ml_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

int ml_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Adds files under path ending in one of the suffixes (recursively, sorted). */
void ml_find_files(const char *path, const char *const *suffixes, strlist *out)
{
    if (!ml_is_dir(path)) {
        ml_strlist_add(out, path);
        return;
    }
    DIR *d = opendir(path);
    if (!d)
        return;
    strlist names = {0};
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            ml_strlist_add(&names, e->d_name);
    closedir(d);
    qsort(names.items, (size_t)names.n, sizeof *names.items, ml_cmp_str);
    for (int i = 0; i < names.n; i++) {
        char sub[2048];
        snprintf(sub, sizeof sub, "%s/%s", path, names.items[i]);
        if (ml_is_dir(sub)) {
            ml_find_files(sub, suffixes, out);
            continue;
        }
        for (int k = 0; suffixes[k]; k++)
            if (ml_ends_with(sub, suffixes[k]))
                ml_strlist_add(out, sub);
    }
    ml_strlist_free(&names);
}

/* Runs argv, waiting; stdout to out_path when not NULL. Returns the exit status or -1. */
int ml_run(char *const argv[], const char *out_path)
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
void ml_pack_lang(const char *path, const md_po *po, char *out, size_t cap)
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
