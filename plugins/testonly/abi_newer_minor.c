/* Test-only plugin: claims plugin ABI 1.<newer minor>, which this kiosk must refuse. */
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
    .struct_size = sizeof(md_plugin_desc),
    .abi_major = MD_PLUGIN_ABI_MAJOR,
    .abi_minor = MD_PLUGIN_ABI_MINOR + 1,
    .id = "org.madang.test.newminor",
    .version = "1",
    .title = "Newer minor",
    .init = init,
    .frame = frame,
    .reset = reset,
};

MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void)
{
    return &k_desc;
}
