/* Test-only fault plugin: a descriptor whose struct_size is garbage (smaller than its own
 * version fields). The host must refuse it with a log line before reading anything else, never
 * crash on it, and never call it (tests/crash). */
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
}
static void reset(void *state)
{
    (void)state;
}

static const md_plugin_desc k_desc = {
    .struct_size = 3,
    .abi_major = MD_PLUGIN_ABI_MAJOR,
    .abi_minor = 0,
    .id = "org.madang.test.garbagesizes",
    .version = "1",
    .title = "Garbage sizes",
    .init = init,
    .frame = frame,
    .reset = reset,
};

MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void)
{
    return &k_desc;
}
