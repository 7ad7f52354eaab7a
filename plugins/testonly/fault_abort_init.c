/* Test-only fault plugin: aborts in init, before the kiosk's first frame (tests/crash). */
#include <stdlib.h>

#include <madang/plugin.h>

static int init(md_plugin_ctx *ctx, const md_host *host, void **state)
{
    (void)ctx;
    (void)host;
    *state = 0;
    abort();
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
    .struct_size = sizeof(md_plugin_desc),
    .abi_major = MD_PLUGIN_ABI_MAJOR,
    .abi_minor = 0,
    .id = "org.madang.test.abortinit",
    .version = "1",
    .title = "Abort in init",
    .init = init,
    .frame = frame,
    .reset = reset,
};

MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void)
{
    return &k_desc;
}
