/* Test-only fault plugin: segfaults in frame (tests/crash). The kiosk journals the crash, and the
 * third crash within 10 minutes quarantines it. */
#include <stdint.h>

#include <madang/plugin.h>

static int init(md_plugin_ctx *ctx, const md_host *host, void **state)
{
    (void)ctx;
    (void)host;
    *state = 0;
    return 0;
}
static void frame(void *state)
{
    (void)state;
    /* An address the compiler cannot see through: a real wild store, not NULL (UBSan would
     * turn a NULL store into an abort). */
    volatile uintptr_t addr = 16;
    *(volatile int *)addr = 1;
}
static void reset(void *state)
{
    (void)state;
}

static const md_plugin_desc k_desc = {
    .struct_size = sizeof(md_plugin_desc),
    .abi_major = MD_PLUGIN_ABI_MAJOR,
    .abi_minor = 0,
    .id = "org.madang.test.segvframe",
    .version = "1",
    .title = "Segfault in frame",
    .init = init,
    .frame = frame,
    .reset = reset,
};

MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void)
{
    return &k_desc;
}
