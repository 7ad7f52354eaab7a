/* Fuzz target: the font table parser (fonts.conf). Any bytes give rules whose font indices are
 * in range and bad lines that are counted, never a crash; fonts are not opened (parsing only). */
#include <stdint.h>
#include <string.h>

#include "base/base.h"
#include "text/text_internal.h"

const char *md_fuzz_name = "fonts_conf";

static void quiet(void *user, md_log_level level, const char *tag, const char *msg)
{
    (void)user, (void)level, (void)tag, (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    md_log_set_sink(quiet, NULL);
    md_text *t = md_calloc(1, sizeof *t);
    if (!t)
        return 0;
    int n_bad = md_text_fonts_parse(t, (const char *)data, size, "fuzz");
    if (n_bad >= 0)
        for (int i = 0; i < t->n_rules; i++) {
            const md_font_rule *r = &t->rules[i];
            if (r->font_regular < 0 || r->font_regular >= t->n_fonts ||
                r->font_bold >= t->n_fonts || !r->script[0])
                __builtin_trap();
        }
    md_text_fonts_free(t);
    md_free(t);
    return 0;
}
