/* Fuzz target: the configuration parser keeps every value in range whatever the file holds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "base/base.h"

const char *md_fuzz_name = "config";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    md_log_set_min_level(
        (md_log_level)(MD_LOG_ERROR + 1)); /* quiet: bad values are the point here */
    md_config c;
    if (md_config_defaults(&c, "/data") == 0) {
        md_config_parse(&c, text, "fuzz.conf", "/etc/madang");
        if (c.rotate % 90 || c.rotate > 270 || c.idle_warning_s < 20 || !(c.px_per_mm >= 1.0) ||
            c.width < 64 || c.height < 64 || !c.plugin_dir || !c.default_language ||
            c.languages.n > MD_LANG_LIST_MAX)
            abort();
        md_config_free(&c);
    }
    free(text);
    return 0;
}
