/* The example plugin (docs/PLUGINS.md): a counter with a button, a plural message formatted by
 * the host, a keypad, a list, a QR code, a dialog, and a reset that forgets the visitor. It uses
 * nothing but madang/plugin.h. Its tile icon is content/icon.png next to this file
 * (config/dev.conf points the plugin's content_dir there).
 */
#include <madang/plugin.h>
#include <stdlib.h>
#include <string.h>

typedef struct example {
    md_plugin_ctx *ctx;
    const md_host *host;
    int taps;        /* visitor state: wiped by reset */
    char number[8];  /* visitor state: wiped by reset */
    int show_dialog; /* visitor state: wiped by reset */
} example;

static int example_init(md_plugin_ctx *ctx, const md_host *host, void **state)
{
    example *ex = calloc(1, sizeof *ex);
    if (!ex)
        return -1;
    ex->ctx = ctx;
    ex->host = host;
    *state = ex;
    const char *greeting = host->config(ctx, "greeting");
    host->log(ctx, MD_LOG_INFO, "ready (greeting: %s)", greeting ? greeting : "none");
    return 0;
}

static void example_enter(void *state)
{
    (void)state;
}

static void example_frame(void *state)
{
    example *ex = state;
    const md_host *h = ex->host;
    md_plugin_ctx *c = ex->ctx;
    h->ui_heading(c, h->tr(c, "A counter"));
    h->ui_text(
        c, h->tr(c, "Every tap on the button adds one. Leaving the kiosk sets it back to zero."),
        MD_TEXT_BODY);
    md_arg n = {.name = "count", .type = MD_ARG_INT, .v.i = ex->taps};
    h->ui_text(
        c,
        h->format(c, NULL, "{count, plural, =0 {No taps yet} one {# tap} other {# taps}}", &n, 1),
        MD_TEXT_LARGE);
    h->ui_columns_begin(c, 2);
    if (h->ui_button(c, h->tr(c, "Add one"), MD_TONE_PRIMARY))
        ex->taps++;
    if (h->ui_button(c, h->tr(c, "Show a dialog"), MD_TONE_NORMAL))
        ex->show_dialog = 1;
    h->ui_columns_end(c);
    h->ui_space(c, 4);
    h->ui_text_lang(c, "안녕하세요", "ko", MD_TEXT_LARGE);
    if (h->ui_keypad(c, h->tr(c, "Type a number"), ex->number, sizeof ex->number))
        h->log(c, MD_LOG_INFO, "number confirmed");
    h->ui_space(c, 4);
    h->ui_heading(c, h->tr(c, "Opening hours"));
    if (h->ui_list_item(c, h->tr(c, "Weekdays"), h->tr(c, "9:00 to 18:00")))
        ex->taps++;
    h->ui_list_item(c, h->tr(c, "Saturday"), h->tr(c, "10:00 to 14:00"));
    h->ui_qr(c, "https://example.org/madang", 30, h->tr(c, "Scan to open the map on your phone"));
    h->ui_image(c, "icon.png", 12); /* from the content directory */
    if (ex->show_dialog) {
        h->ui_dialog_begin(c, h->tr(c, "Hello"));
        h->ui_text(c, h->tr(c, "This is a dialog drawn by the host."), MD_TEXT_BODY);
        h->ui_busy(c, h->tr(c, "Working on it"));
        if (h->ui_button(c, h->tr(c, "Close"), MD_TONE_PRIMARY))
            ex->show_dialog = 0;
        h->ui_dialog_end(c);
    }
}

static void example_reset(void *state)
{
    example *ex = state;
    ex->taps = 0;
    ex->show_dialog = 0;
    memset(ex->number, 0, sizeof ex->number);
}

static void example_shutdown(void *state)
{
    free(state);
}

static const md_plugin_desc k_desc = {
    .struct_size = sizeof(md_plugin_desc),
    .abi_major = MD_PLUGIN_ABI_MAJOR,
    .abi_minor = MD_PLUGIN_MIN_HOST_MINOR,
    .id = "org.madang.example",
    .version = "1.0.0",
    /* TRANSLATORS: the title of this plugin's tile on the home screen; keep it short. */
    .title = MD_N_("Example"),
    .icon = "icon.png",
    .init = example_init,
    .enter = example_enter,
    .frame = example_frame,
    .locale_changed = NULL,
    .content_updated = NULL,
    .reset = example_reset,
    .shutdown = example_shutdown,
};

MD_PLUGIN_EXPORT const md_plugin_desc *madang_plugin_entry(void)
{
    return &k_desc;
}
