/* Test-only plugin: a valid descriptor whose init fails; the kiosk must leave it out. */
#include <madang/plugin.h>

static int init(md_plugin_ctx *ctx, const md_host *host, void **state)
{
    host->log(ctx, MD_LOG_ERROR, "this test plugin always fails to start");
    *state = 0;
    return -1;
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
    .abi_minor = MD_PLUGIN_MIN_HOST_MINOR,
    .id = "org.madang.test.initfails",
    .version = "1",
    .title = "Init fails",
    .init = init,
    .frame = frame,
    .reset = reset,
};

MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void)
{
    return &k_desc;
}
