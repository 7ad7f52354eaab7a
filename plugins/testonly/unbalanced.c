/* Test-only plugin: its frame opens columns and a dialog and never closes them; the host must
 * close them so the kiosk's own screen is unaffected. */
#include <madang/plugin.h>
#include <stdlib.h>

typedef struct unbalanced {
    md_plugin_ctx *ctx;
    const md_host *host;
} unbalanced;

static int init(md_plugin_ctx *ctx, const md_host *host, void **state)
{
    unbalanced *u = calloc(1, sizeof *u);
    if (!u)
        return -1;
    u->ctx = ctx;
    u->host = host;
    *state = u;
    return 0;
}

static void shutdown_(void *state)
{
    free(state);
}

static void frame(void *state)
{
    unbalanced *u = state;
    u->host->ui_columns_begin(u->ctx, 3);
    u->host->ui_text(u->ctx, "in columns", MD_TEXT_BODY);
    u->host->ui_dialog_begin(u->ctx, "Never closed");
    u->host->ui_text(u->ctx, "in a dialog", MD_TEXT_BODY);
}

static void reset(void *state)
{
    (void)state;
}

static const md_plugin_desc k_desc = {
    .struct_size = sizeof(md_plugin_desc),
    .abi_major = MD_PLUGIN_ABI_MAJOR,
    .abi_minor = MD_PLUGIN_MIN_HOST_MINOR,
    .id = "org.madang.test.unbalanced",
    .version = "1",
    .title = "Unbalanced",
    .init = init,
    .frame = frame,
    .reset = reset,
    .shutdown = shutdown_,
};

MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void)
{
    return &k_desc;
}
