/* Fuzz target: the MessageFormat checker and formatter. Any pattern is either rejected with an
 * error offset inside the pattern, or formats without crashing (with and without arguments). */
#include <stdint.h>
#include <string.h>

#include "base/base.h"
#include "i18n/i18n.h"

const char *md_fuzz_name = "msgformat";

static void quiet(void *user, md_log_level level, const char *tag, const char *msg)
{
    (void)user, (void)level, (void)tag, (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char pattern[1024];
    if (size >= sizeof pattern)
        size = sizeof pattern - 1;
    memcpy(pattern, data, size);
    pattern[size] = '\0';
    md_log_set_sink(quiet, NULL);
    char err[256];
    size_t at = 0;
    int rc = md_i18n_check_pattern(pattern, NULL, NULL, err, sizeof err, &at);
    if (rc < 0 && (at > strlen(pattern) || !err[0]))
        __builtin_trap();
    md_arg args[] = {{"n", MD_ARG_INT, {.i = 3}},
                     {"name", MD_ARG_STRING, {.s = "Ana"}},
                     {"d", MD_ARG_DATE, {.date_ms = 1767225600000LL}},
                     {"x", MD_ARG_DOUBLE, {.d = 2.5}}};
    char out[64];
    int frc = md_i18n_format(NULL, "ru", pattern, args, 4, out, sizeof out);
    if (rc < 0 && frc == 0)
        __builtin_trap(); /* the formatter must not accept what the checker rejects */
    md_i18n_format(NULL, "ar", pattern, NULL, 0, out, sizeof out);
    char msg[256];
    md_i18n_check_message("ur", "{n, plural, one {# x} other {# xs}} {name}", pattern, msg,
                          sizeof msg, NULL);
    md_i18n_check_bidi(pattern, msg, sizeof msg, NULL);
    md_log_set_sink(NULL, NULL);
    return 0;
}
