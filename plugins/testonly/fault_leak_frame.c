/* Test-only fault plugin: takes 1 MiB more memory every frame and asks for the next frame, the
 * way a leaking plugin grows without limit (tests/crash: the RSS ceiling restarts the kiosk).
 * The blocks stay reachable from a list so LeakSanitizer reports nothing at a clean exit. */
#include <stdlib.h>
#include <string.h>

#include <madang/plugin.h>

typedef struct leak {
    const md_host *host;
    md_plugin_ctx *ctx;
    void **blocks;
    size_t n, cap;
} leak;

static int init(md_plugin_ctx *ctx, const md_host *host, void **state)
{
    leak *l = calloc(1, sizeof *l);
    if (!l)
        return -1;
    l->host = host;
    l->ctx = ctx;
    *state = l;
    return 0;
}
static void frame(void *state)
{
    leak *l = state;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        void **g = realloc(l->blocks, cap * sizeof *g);
        if (!g)
            return;
        l->blocks = g;
        l->cap = cap;
    }
    void *b = malloc(1u << 20);
    if (b) {
        memset(b, 0x5a, 1u << 20); /* touched, so it counts in RSS */
        l->blocks[l->n++] = b;
    }
    l->host->ui_text(l->ctx, "Leaking", MD_TEXT_BODY);
    l->host->ui_request_frame(l->ctx);
}
static void reset(void *state)
{
    (void)state; /* the leak survives the visitor, as real leaks do */
}
static void shutdown_(void *state)
{
    leak *l = state;
    for (size_t i = 0; i < l->n; i++)
        free(l->blocks[i]);
    free(l->blocks);
    free(l);
}

static const md_plugin_desc k_desc = {
    .struct_size = sizeof(md_plugin_desc),
    .abi_major = MD_PLUGIN_ABI_MAJOR,
    .abi_minor = 0,
    .id = "org.madang.test.leakframe",
    .version = "1",
    .title = "Leak in frame",
    .init = init,
    .frame = frame,
    .reset = reset,
    .shutdown = shutdown_,
};

MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void)
{
    return &k_desc;
}
