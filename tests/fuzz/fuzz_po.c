/* Fuzz target: the PO reader must return entries or a "file:line: reason" error for any bytes,
 * and every entry it returns must be well-formed (NUL-terminated strings, sane line numbers). */
#include <stdint.h>
#include <string.h>

#include "base/base.h"
#include "i18n/i18n.h"

const char *md_fuzz_name = "po";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    md_po *po = md_i18n_po_parse((const char *)data, size, "fuzz.po", err, sizeof err);
    if (!po) {
        if (strncmp(err, "fuzz.po:", 8) != 0)
            __builtin_trap(); /* an error must name the file and line */
        return 0;
    }
    size_t total = 0;
    for (int i = 0; i < md_i18n_po_count(po); i++) {
        const md_po_entry *e = md_i18n_po_entry(po, i);
        if (!e->msgid || !e->msgstr || e->line < 1)
            __builtin_trap();
        total += strlen(e->msgid) + strlen(e->msgstr) + (e->msgctxt ? strlen(e->msgctxt) : 0);
        char msg[256];
        md_i18n_check_message("ru", e->msgid, e->msgstr, msg, sizeof msg, NULL);
    }
    if (total > size * 2 + 16)
        __builtin_trap(); /* decoded text can never be longer than the input */
    md_i18n_po_free(po);
    return 0;
}
