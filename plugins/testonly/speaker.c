/* Test-only plugin for ABI 1.2's speech: on enter it says a Korean word with ui_speak and plays a
 * recording from its content directory with ui_play_audio (and tries a path that leaves it), on a
 * host that has them; on an older host it logs that it stays silent. Its frame shows a label built
 * with snprintf and, on an ABI 1.4 host, records the label's msgid with ui_label_msgid. It
 * declares abi_minor 0, so old hosts load it: what it may call is decided by MD_HOST_HAS alone. */
#include <madang/plugin.h>
#include <stdio.h>

typedef struct speaker {
    md_plugin_ctx *ctx;
    const md_host *h;
} speaker;

static speaker g_state; /* one instance: the host loads a plugin once */

static int init(md_plugin_ctx *ctx, const md_host *host, void **state)
{
    g_state.ctx = ctx;
    g_state.h = host;
    *state = &g_state;
    return 0;
}

static void enter(void *state)
{
    speaker *s = state;
    if (!MD_HOST_HAS(s->h, ui_play_audio)) {
        s->h->log(s->ctx, MD_LOG_INFO, "host has no speech (ABI 1.%u): silent", s->h->abi_minor);
        return;
    }
    int a = s->h->ui_speak(s->ctx, "안녕하세요", "ko");
    int b = s->h->ui_play_audio(s->ctx, "home.wav", "Home", "km");
    int c = s->h->ui_play_audio(s->ctx, "../home.wav", "Out", NULL);
    s->h->log(s->ctx, MD_LOG_INFO, "speak %d play %d escape %d", a, b, c);
}

static void frame(void *state)
{
    speaker *s = state;
    s->h->ui_heading(s->ctx, "Speaker");
    char label[128];
    snprintf(label, sizeof label, "%s: 3", s->h->tr(s->ctx, "Volume"));
    if (MD_HOST_HAS(s->h, ui_label_msgid))
        s->h->ui_label_msgid(s->ctx, "setting", "Volume");
    s->h->ui_text(s->ctx, label, MD_TEXT_BODY);
}

static void reset(void *state)
{
    (void)state;
}

static const md_plugin_desc k_desc = {
    .struct_size = sizeof(md_plugin_desc),
    .abi_major = MD_PLUGIN_ABI_MAJOR,
    .abi_minor = 0,
    .id = "org.madang.test.speaker",
    .version = "1",
    .title = "Speaker",
    .init = init,
    .enter = enter,
    .frame = frame,
    .reset = reset,
};

MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void)
{
    return &k_desc;
}
