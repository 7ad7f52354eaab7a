/* Fuzz target: the crash journal reader and the quarantine rule. Any bytes give a journal whose
 * records all have their fields filled and bounded, and a quarantine answer, never a crash. */
#include <stdint.h>
#include <string.h>

#include "base/base.h"
#include "crash/crash.h"

const char *md_fuzz_name = "journal";

static void quiet(void *user, md_log_level level, const char *tag, const char *msg)
{
    (void)user, (void)level, (void)tag, (void)msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    md_log_set_sink(quiet, NULL);
    md_crash_journal j;
    if (md_crash_journal_parse(&j, (const char *)data, size, "fuzz") < 0)
        return 0;
    for (int i = 0; i < j.n; i++) {
        const md_crash_record *r = &j.items[i];
        if (!r->kind[0] || !r->who.id[0] || strlen(r->reason) >= sizeof r->reason)
            __builtin_trap();
        int fresh = 0;
        char why[200];
        md_crash_quarantined(&j, &r->who, r->when_s, 3, 600, &fresh, why, sizeof why);
    }
    md_crash_journal_free(&j);
    return 0;
}
