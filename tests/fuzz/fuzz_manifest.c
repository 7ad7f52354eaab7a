/* Fuzz target: the release manifest parser (the signed payload). Whatever the bytes, it returns a
 * manifest whose every path is safe and sorted without duplicates, or NULL with a reason; a parsed
 * manifest written back parses to the same files. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "sync/sync.h"

const char *md_fuzz_name = "manifest";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    md_sync_manifest *m = md_sync_manifest_parse((const char *)data, size, err, sizeof err);
    if (!m) {
        if (!err[0])
            abort(); /* a refusal always says why */
        return 0;
    }
    for (int i = 0; i < m->n_files; i++) {
        if (!md_sync_path_ok(m->files[i].path) ||
            strstr(m->files[i].path, "..") == m->files[i].path)
            abort();
        if (i && strcmp(m->files[i - 1].path, m->files[i].path) >= 0)
            abort();
    }
    char *text = md_sync_manifest_write(m);
    md_sync_manifest *again =
        text ? md_sync_manifest_parse(text, strlen(text), err, sizeof err) : NULL;
    if (!again || again->n_files != m->n_files || again->version != m->version)
        abort();
    for (int i = 0; i < m->n_files; i++)
        if (strcmp(again->files[i].path, m->files[i].path) ||
            strcmp(again->files[i].sha256, m->files[i].sha256) ||
            again->files[i].length != m->files[i].length)
            abort();
    md_sync_manifest_free(again);
    md_free(text);
    md_sync_manifest_free(m);
    return 0;
}
