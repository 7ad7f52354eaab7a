/* Test-only plugin built against a NEWER plugin.h than the kiosk's: the build generates a copy of
 * the header with one more md_host field (ui_from_the_future) and the minor one higher. The plugin
 * needs nothing newer (abi_minor = MD_PLUGIN_MIN_HOST_MINOR, 0), so an older host must load it,
 * and its MD_HOST_HAS check must send it down its fallback path. */
#include <madang/plugin.h>

typedef struct newer {
    md_plugin_ctx *ctx;
    const md_host *host;
} newer;

static newer g_state; /* one instance; the test host loads this plugin once */

static int init(md_plugin_ctx *ctx, const md_host *host, void **state)
{
    g_state.ctx = ctx;
    g_state.host = host;
    *state = &g_state;
    host->log(ctx, MD_LOG_INFO, "built against ABI 1.%d, host table has ABI 1.%d: %s",
              MD_PLUGIN_ABI_MINOR, host->abi_minor,
              MD_HOST_HAS(host, ui_from_the_future) ? "has the future" : "falls back");
    return 0;
}

static void frame(void *state)
{
    newer *n = state;
    if (MD_HOST_HAS(n->host, ui_from_the_future))
        n->host->ui_from_the_future(n->ctx, "From the future");
    else
        n->host->ui_text(n->ctx, "Drawn with the fallback", MD_TEXT_BODY);
}

static void reset(void *state)
{
    (void)state;
}

static const md_plugin_desc k_desc = {
    .struct_size = sizeof(md_plugin_desc),
    .abi_major = MD_PLUGIN_ABI_MAJOR,
    .abi_minor = MD_PLUGIN_MIN_HOST_MINOR,
    .id = "org.madang.test.newerheader",
    .version = "1",
    .title = "Newer header",
    .init = init,
    .frame = frame,
    .reset = reset,
};

MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void)
{
    return &k_desc;
}
