/* Fuzz target: locales.conf. Any bytes give either a working md_i18n (every language with a
 * fallback chain that starts with itself) or NULL with a logged reason, never a crash. The input
 * is written to a private temporary folder because md_i18n_create reads a folder. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/base.h"
#include "i18n/i18n.h"

const char *md_fuzz_name = "locales_conf";

static void quiet(void *user, md_log_level level, const char *tag, const char *msg)
{
    (void)user, (void)level, (void)tag, (void)msg;
}

static char dir[64]; /* one folder per process, reused: the target rewrites the same file */

static void cleanup(void)
{
    char path[128];
    snprintf(path, sizeof path, "%s/locales.conf", dir);
    unlink(path);
    rmdir(dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/md-fuzz-conf-%ld", (long)getpid());
        if (mkdir(dir, 0700) != 0 && access(dir, W_OK) != 0)
            abort();
        atexit(cleanup);
    }
    char path[128];
    snprintf(path, sizeof path, "%s/locales.conf", dir);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    md_log_set_sink(quiet, NULL);
    md_i18n *i = md_i18n_create(dir);
    md_log_set_sink(NULL, NULL);
    for (int k = 0; i && k < md_i18n_language_count(i); k++) {
        const md_lang_info *l = md_i18n_language(i, k);
        if (!l->fallbacks[0] || strcmp(l->fallbacks[0], l->code) != 0 || !md_i18n_find(i, l->code))
            __builtin_trap();
        md_i18n_set_language(i, l->code);
        md_i18n_tr(i, "runtime", NULL, "Home");
    }
    md_i18n_destroy(i);
    return 0;
}
