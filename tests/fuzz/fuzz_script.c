/* Fuzz target: the headless script parser must accept or refuse any bytes without crashing, and
 * a refusal always names the script and a line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/script.h"
#include "base/base.h"

const char *md_fuzz_name = "script";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    md_script s;
    char err[256];
    if (md_script_parse(text, "fuzz.script", &s, err, sizeof err) == 0) {
        for (int i = 0; i < s.n; i++)
            if (s.cmds[i].op == MD_SCRIPT_NONE || s.cmds[i].line < 1)
                abort();
        md_script_free(&s);
    } else if (strncmp(err, "fuzz.script:", 12) != 0) {
        abort();
    }
    free(text);
    return 0;
}
